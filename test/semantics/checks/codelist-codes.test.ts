/** Check codelist-codes (SW2099): each code once per code list. */
import { describe, expect, it } from "vitest";
import { BASE, at, edit, problemsOf } from "../../helpers/rules.js";

const withList = (codes: string): string =>
  edit(BASE, "message M json { ags: string }", `codelist Partner "urn:test:partner" assumed {\n${codes}}\nmessage M json { ags: string  partner?: Partner }`);

describe("codelist-codes", () => {
  it("accepts distinct codes, also ones that differ only in case or by a leading zero", () => {
    expect(problemsOf(withList('  "IHK" = "Industrie- und Handelskammer"\n  "ihk" = "klein"\n  "01" = "a"\n  "1" = "b"\n'))).toEqual([]);
  });

  it("reports the second entry of a code, at its code, with the first as related information", () => {
    const src = withList('  "IHK" = "Industrie- und Handelskammer"\n  "HWK" = "Handwerkskammer"\n  "IHK" = "Kammer"\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, '"IHK"', "SW2099", 2)]);
  });

  it("reports every further repetition once", () => {
    const src = withList('  "A" = "x"\n  "A" = "x"\n  "A" = "y"\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, '"A"', "SW2099", 2), at("a.stw", src, '"A"', "SW2099", 3)]);
  });
});
