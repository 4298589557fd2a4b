/** Check shadowed-routes: SW2050 a binding every municipality overrides, SW2051 an unreachable region block (warnings). */
import { describe, expect, it } from "vitest";
import { BASE, at, problemsOf } from "../../helpers/rules.js";
import { buildSources, checkSources } from "../../helpers/compile.js";

const DISTRICT = (key: string, body: string): string => `\nregion "${key}" {\n${body}}\n`;
const OVERRIDE_E = (dir: string): string => `  override Empfaenger = E via filesystem { inbox "${dir}/in" }\n`;

describe("shadowed-routes", () => {
  it("accepts a state binding that one of two districts overrides", () => {
    expect(problemsOf(BASE + DISTRICT("04012", OVERRIDE_E("bremerhaven")))).toEqual([]);
  });

  it("reports a state recipient that every district removes with `= none`: it never applies", () => {
    const src = BASE.replace("  to Empfaenger\n", "  to each Empfaenger\n").replace("Empfaenger = E", 'Empfaenger "IHK" = E')
      + DISTRICT("04011", '  override Empfaenger "IHK" = none\n  Empfaenger "HWK" = E via filesystem { inbox "hwk/in" }\n')
      + DISTRICT("04012", '  override Empfaenger "IHK" = none\n  Empfaenger "HWK" = E via filesystem { inbox "hwk/in" }\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, 'Empfaenger "IHK" = E via filesystem { inbox "e/in" }', "SW2050")]);
  });

  it("reports a state binding that both districts override, once, as a warning that does not stop the build", () => {
    const src = BASE + DISTRICT("04011", OVERRIDE_E("bremen")) + DISTRICT("04012", OVERRIDE_E("bremerhaven"));
    expect(problemsOf(src)).toEqual([at("a.stw", src, 'Empfaenger = E via filesystem { inbox "e/in" }', "SW2050")]);
    expect(buildSources({ "a.stw": src }, "test").output).toBeDefined();
  });

  it("reports a district binding that its only municipality overrides (AGS key)", () => {
    const src = BASE + DISTRICT("04012", OVERRIDE_E("bremerhaven") + '  set x = "1"\n') + DISTRICT("04012000", "  override Empfaenger = E via filesystem { inbox \"bhv/in\" }\n");
    expect(problemsOf(src)).toEqual([at("a.stw", src, OVERRIDE_E("bremerhaven").trim(), "SW2050")]);
  });

  it("reports a block all of whose settings are replaced below it as unreachable, at its key", () => {
    const src = BASE + DISTRICT("04011", '  set x = "1"\n') + DISTRICT("04011000", '  override set x = "2"\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, '"04011"', "SW2051")]);
  });

  // Regression: SW2051 used to say the region "contains no municipality of the directory" here.
  it("explains an unreachable block by what replaces it", () => {
    const src = BASE + DISTRICT("04011", '  set x = "1"\n') + DISTRICT("04011000", '  override set x = "2"\n');
    const [d] = checkSources({ "a.stw": src }).diagnostics;
    expect(d!.message).not.toContain("contains no municipality");
  });

  it("does not report an empty block", () => {
    expect(problemsOf(BASE + DISTRICT("04011", ""))).toEqual([]);
  });
});
