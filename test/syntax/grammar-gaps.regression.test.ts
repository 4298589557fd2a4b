/**
 * Regression tests for grammar gaps reported by the formatter work: input that
 * was silently dropped or wrongly accepted.
 */
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/parse.js";
import type { RegionDecl, ScenarioDecl } from "../../src/syntax/ast.js";

const codes = (src: string): string[] => parseSource(src, "a.stw").diagnostics.map((d) => d.code);

describe("grammar gaps", () => {
  it("reports a second `stage` in a test instead of dropping it", () => {
    expect(codes('package p\ntest "t" {\n  stage pilot\n  stage production\n  given file "x.xml"\n  expect rejected invalid\n}\n')).toEqual(["SW2086"]);
  });

  it("reports a system after `unroutable error-folder` instead of dropping it", () => {
    expect(codes('package p\nscenario A1 "x" {\n  unroutable error-folder Foo via filesystem { inbox "x" }\n}\n')).toEqual(["SW1010"]);
  });

  it("keeps `unroutable dead-letter System via ...`", () => {
    const r = parseSource('package p\nscenario A1 "x" {\n  unroutable dead-letter Foo via filesystem { inbox "x" }\n}\n', "a.stw");
    expect(r.diagnostics).toEqual([]);
    const item = (r.ast.declarations[0] as ScenarioDecl).items[0]!;
    expect(item.unroutable?.kind).toBe("dead-letter");
  });

  it("does not accept × or ÷ in identifiers", () => {
    expect(codes("package p\nrole A×B\n")).toContain("SW1001");
    expect(codes("package p\nrole Straße\n")).toEqual([]);
  });

  it("accepts a keyword as a `note` key, and `= none` limited with `for`", () => {
    const r = parseSource('package p\nregion "14" {\n  R "x" = S via osci { recipient "a" } note test "b"\n  override R "y" = none for A1\n}\n', "a.stw");
    expect(r.diagnostics).toEqual([]);
    const [b1, b2] = (r.ast.declarations[0] as RegionDecl).items as Array<{ notes?: Array<{ key: { text: string } }>; none?: boolean; scenarios?: Array<{ text: string }> }>;
    expect(b1!.notes![0]!.key.text).toBe("test");
    expect(b2!.none).toBe(true);
    expect(b2!.scenarios!.map((s) => s.text)).toEqual(["A1"]);
  });
});
