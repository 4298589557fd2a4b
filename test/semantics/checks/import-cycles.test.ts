/** Check import-cycles (SW2003 cycles, SW2004 unknown packages). */
import { describe, expect, it } from "vitest";
import { at, problems } from "../../helpers/rules.js";

const pkg = (name: string, ...imports: string[]): string => `package ${name}\n${imports.map((i) => `import ${i}\n`).join("")}\nrole R_${name}\n`;

describe("import-cycles", () => {
  it("accepts a diamond of imports (no cycle)", () => {
    expect(problems({ "a.stw": pkg("a", "b", "c"), "b.stw": pkg("b", "d"), "c.stw": pkg("c", "d"), "d.stw": pkg("d") })).toEqual([]);
  });

  it("accepts dotted package names and uses of imported names", () => {
    const lib = "package sachsen.gemeinsam\n\nrole Amt24\n";
    const user = "package gewerbe\nimport sachsen.gemeinsam\n\nsystem Portal implements Amt24\nsystem Portal2 implements sachsen.gemeinsam.Amt24\n";
    expect(problems({ "lib.stw": lib, "user.stw": user })).toEqual([]);
  });

  it("accepts a package spread over several files that import each other's packages one way", () => {
    expect(problems({ "a1.stw": pkg("a", "b"), "a2.stw": "package a\nimport b\n", "b.stw": pkg("b") })).toEqual([]);
  });

  it("reports two independent cycles once each", () => {
    const files = { "a.stw": pkg("a", "b"), "b.stw": pkg("b", "a"), "c.stw": pkg("c", "d"), "d.stw": pkg("d", "c") };
    expect(problems(files)).toEqual([at("b.stw", files["b.stw"], "import a", "SW2003"), at("d.stw", files["d.stw"], "import c", "SW2003")]);
  });

  it("reports a cycle reached through a tail once, naming only the packages in the cycle", () => {
    const files = { "x.stw": pkg("x", "a"), "a.stw": pkg("a", "b"), "b.stw": pkg("b", "a") };
    const r = problems(files);
    expect(r).toEqual([at("b.stw", files["b.stw"], "import a", "SW2003")]);
  });

  it("reports an import of a package that does not exist, without a suggestion when nothing is close", () => {
    const files = { "a.stw": pkg("a", "hkr") };
    expect(problems(files)).toEqual([at("a.stw", files["a.stw"], "hkr", "SW2004")]);
  });

  it("is independent of the order of files", () => {
    const a = { "1.stw": pkg("a", "b"), "2.stw": pkg("b", "c"), "3.stw": pkg("c", "a") };
    const b = { "1.stw": pkg("c", "a"), "2.stw": pkg("b", "c"), "3.stw": pkg("a", "b") };
    expect(problems(a)).toEqual([at("3.stw", a["3.stw"], "import a", "SW2003")]);
    expect(problems(b)).toEqual([at("1.stw", b["1.stw"], "import a", "SW2003")]);
  });
});
