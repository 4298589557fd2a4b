/** Check transform-selection (SW2062 none, SW2063 several, SW2064 wrong source). */
import { describe, expect, it } from "vitest";
import { BASE, at, edit, problemsOf } from "../../helpers/rules.js";

const withN = (systemItems: string, transforms = ""): string =>
  edit(BASE, "system E implements Empfaenger\n", `message N json { gemeinde: string }\nsystem E implements Empfaenger { ${systemItems} }\n${transforms}`);
const T1 = 'transform MzuN from M to N `{ "gemeinde": ags }`\n';
const T2 = 'transform MzuN2 from M to N `{ "gemeinde": $substring(ags, 0, 8) }`\n';
const BINDING = 'Empfaenger = E via filesystem { inbox "e/in" }';

describe("transform-selection", () => {
  it("passes the message through when the system accepts it", () => {
    expect(problemsOf(withN("accepts M, N"))).toEqual([]);
  });

  it("passes the message through when the system declares no `accepts`", () => {
    expect(problemsOf(BASE)).toEqual([]);
  });

  it("picks the only transformation to an accepted message", () => {
    expect(problemsOf(withN("accepts N", T1))).toEqual([]);
  });

  it("accepts an explicit transformation among several candidates", () => {
    const src = edit(withN("accepts N", T1 + T2), BINDING, `${BINDING} transform MzuN2`);
    expect(problemsOf(src)).toEqual([]);
  });

  it("reports no accepted message at the binding", () => {
    const src = withN("accepts N");
    expect(problemsOf(src)).toEqual([at("a.stw", src, BINDING, "SW2062")]);
  });

  it("reports ambiguity at the binding", () => {
    const src = withN("accepts N", T1 + T2);
    expect(problemsOf(src)).toEqual([at("a.stw", src, BINDING, "SW2063")]);
  });

  it("reports a transformation reading another message, once per binding even when inherited", () => {
    const src = edit(withN("accepts N", 'transform NzuN from N to N `$`\n'), BINDING, `${BINDING} transform NzuN`)
      + '\nregion "04011" {\n  set x = 1\n}\n\nregion "04012" {\n  set x = 2\n}\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, `${BINDING} transform NzuN`, "SW2064")]);
  });

  it("checks each scenario that reaches the binding", () => {
    const src = withN("accepts N", T1) + '\nmessage K json { ags: string }\n\nscenario A4 "Mitteilung" {\n  from Sender\n  to Empfaenger\n  message K\n  region `ags`\n}\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, BINDING, "SW2062")]);
  });
});
