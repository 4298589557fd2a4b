/**
 * Names (src/semantics/symbols.ts): packages, imports, qualified and
 * unqualified names, SW2001 unknown (with did-you-mean), SW2002 duplicate,
 * SW2005 wrong kind.
 */
import { describe, expect, it } from "vitest";
import { BASE, at, edit, problems, problemsOf } from "../helpers/rules.js";
import { checkSources } from "../helpers/compile.js";

const COMMON = "package common\n\nrole Sender\nsystem S implements Sender\n";
const USER = edit(edit(edit(BASE, "package p\n", "package p\nimport common\n"), "role Sender\n", ""), "system S implements Sender\n", "");

describe("names: valid", () => {
  it("resolves unqualified names from an imported package", () => {
    expect(problems({ "common.stw": COMMON, "p.stw": USER })).toEqual([]);
  });

  it("resolves qualified names of an imported package", () => {
    const src = USER.replace("  from Sender\n", "  from common.Sender\n").replace("  Sender = S via", "  common.Sender = common.S via");
    expect(problems({ "common.stw": COMMON, "p.stw": src })).toEqual([]);
  });

  it("prefers the file's own package over an import for an unqualified name", () => {
    const own = edit(USER, "role Empfaenger\n", "role Empfaenger\nrole Sender\nsystem S implements Sender\n");
    const r = checkSources({ "common.stw": COMMON, "p.stw": own });
    expect(r.diagnostics).toEqual([]);
    expect(r.model.scenarios[0]!.from).toBe("p.Sender");
  });

  it("lets two packages declare the same name", () => {
    expect(problems({ "a.stw": BASE, "b.stw": BASE.replace("package p", "package q") })).toEqual([]);
  });

  it("accepts declarations in any order across files", () => {
    const [head, tail] = [BASE.slice(0, BASE.indexOf("scenario")), BASE.slice(BASE.indexOf("scenario"))];
    expect(problems({ "1.stw": `package p\n${tail}`, "2.stw": head })).toEqual([]);
  });
});

describe("names: invalid", () => {
  it("suggests the closest name of the right kind", () => {
    const src = edit(BASE, "  from Sender\n", "  from Sendr\n");
    const r = checkSources({ "a.stw": src });
    expect(r.diagnostics.map((d) => [d.code, d.suggestion])).toEqual([["SW2001", "did you mean `Sender`?"]]);
  });

  it("gives no suggestion when nothing is close", () => {
    const src = edit(BASE, "  from Sender\n", "  from Gewerbefachverfahren\n");
    const [d] = checkSources({ "a.stw": src }).diagnostics;
    expect(d!.code).toBe("SW2001");
    expect(d!.suggestion).toBeUndefined();
  });

  it("suggests an imported name for a misspelt unqualified one", () => {
    const src = USER.replace("  from Sender\n", "  from Sendr\n");
    const r = checkSources({ "common.stw": COMMON, "p.stw": src });
    expect(r.diagnostics.map((d) => `${d.code} ${d.suggestion}`)).toEqual(["SW2001 did you mean `Sender`?"]);
  });

  it("does not see names of a package that is not imported", () => {
    const src = edit(edit(BASE, "role Sender\n", ""), "system S implements Sender\n", "system S implements common.Sender\n");
    expect(problems({ "common.stw": COMMON, "p.stw": src })).toEqual([
      at("p.stw", src, "common.Sender", "SW2001"),
      at("p.stw", src, "Sender", "SW2001", 2),
      at("p.stw", src, "Sender", "SW2001", 3),
    ]);
  });

  it("reports a duplicate of each kind at the second declaration", () => {
    const src = `${BASE}\nmessage M json { x: string }\nrole Sender\nsystem E implements Empfaenger\nscenario A1 "noch einmal" {\n  from Sender\n}\n`;
    // message M (line 21), role Sender (22), system E (23), scenario A1 (24)
    expect(problemsOf(src)).toEqual(["a.stw:21:9-21:10 SW2002", "a.stw:22:6-22:12 SW2002", "a.stw:23:8-23:9 SW2002", "a.stw:24:10-24:12 SW2002"]);
  });

  // Regression: an unqualified name of two imported packages used to resolve silently to the first import.
  it("reports an unqualified name that two imported packages declare (SW2007), at each use", () => {
    const a = "package a\n\nrole Sender\nsystem S implements Sender\n";
    const b = "package b\n\nrole Sender\n";
    const src = USER.replace("import common\n", "import a\nimport b\n");
    const r = problems({ "a.stw": a, "b.stw": b, "p.stw": src });
    expect(r).toEqual([at("p.stw", src, "Sender", "SW2007"), at("p.stw", src, "Sender", "SW2007", 2)]);
  });
});
