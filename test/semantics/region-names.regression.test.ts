/** Region titles are checked against the directory by whole words, not substrings. */
import { describe, expect, it } from "vitest";
import { checkSources } from "../helpers/compile.js";

const src = (key: string, title: string): string => `package p
role R
region "${key}" "${title}" {
}
`;
const codes = (key: string, title: string): string[] => checkSources({ "a.stw": src(key, title) }).diagnostics.map((d) => d.code);

describe("region titles", () => {
  it("accept the official name, its start, or its words", () => {
    expect(codes("14511000", "Chemnitz")).toEqual([]); // "Chemnitz, Stadt"
    expect(codes("145", "Chemnitz")).toEqual([]); // "früher: Direktionsbezirk Chemnitz"
    expect(codes("14", "Sachsen")).toEqual([]);
  });

  it("warn about a title that is only a substring or another place", () => {
    expect(codes("14511000", "Chemnit")).toEqual(["SW2023"]);
    expect(codes("14522180", "Mittweida")).toEqual(["SW2023"]);
  });

  it("treat a hyphenated name as one word (regression: Sachsen-Anhalt accepted the title \"Sachsen\")", () => {
    expect(codes("15", "Sachsen")).toEqual(["SW2023"]);
    expect(codes("15", "Sachsen-Anhalt")).toEqual([]);
    expect(codes("14628", "Sächsische Schweiz-Osterzgebirge")).toEqual([]);
  });
});
