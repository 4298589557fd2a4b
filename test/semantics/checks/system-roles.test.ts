/** Check system-roles (SW2061): a bound system implements the bound role. */
import { describe, expect, it } from "vitest";
import { BASE, at, edit, problems, problemsOf } from "../../helpers/rules.js";

describe("system-roles", () => {
  it("accepts a system that implements several roles, bound to each", () => {
    let src = edit(BASE, "system S implements Sender\n", "system S implements Sender, Empfaenger\n");
    src = edit(src, 'Empfaenger = E via filesystem { inbox "e/in" }', 'Empfaenger = S via filesystem { inbox "s/in" }');
    expect(problemsOf(src)).toEqual([]);
  });

  it("accepts a role implemented through its qualified name from an imported package", () => {
    const common = "package common\n\nrole Empfaenger\n";
    let src = edit(BASE, "role Empfaenger\n", "");
    src = edit(src, "package p\n", "package p\nimport common\n");
    src = edit(src, "system E implements Empfaenger", "system E implements common.Empfaenger");
    expect(problems({ "common.stw": common, "p.stw": src })).toEqual([]);
  });

  it("reports a binding whose system implements another role, at the binding", () => {
    const src = edit(BASE, "Empfaenger = E via", "Empfaenger = S via");
    expect(problemsOf(src)).toEqual([at("a.stw", src, 'Empfaenger = S via filesystem { inbox "e/in" }', "SW2061")]);
  });

  it("reports each wrong binding once, also when more specific blocks inherit it", () => {
    const src = edit(BASE, "Empfaenger = E via", "Empfaenger = S via") + '\nregion "04011" {\n  set x = 1\n}\n\nregion "04012" {\n  set x = 2\n}\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, 'Empfaenger = S via filesystem { inbox "e/in" }', "SW2061")]);
  });
});
