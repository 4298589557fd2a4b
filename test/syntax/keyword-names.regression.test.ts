/**
 * Regression tests for two parser bugs found while writing the formatter:
 * keywords that are also field options could not be field names after another
 * field, and the rejection reason `unroutable` (a keyword) did not parse.
 */
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/parse.js";

describe("keywords as names", () => {
  it("accepts the field options' keywords as field names after another field", () => {
    const src = `type T {
  a: string nillable
  nillable: string
  unqualified?: string unqualified
  as: string as "AS" namespace "urn:x"
  namespace: string
  b: string
}`;
    const { ast, diagnostics } = parseSource(src, "t.stw");
    expect(diagnostics).toEqual([]);
    const decl = ast.declarations[0];
    if (decl?.kind !== "type") throw new Error("expected a type");
    expect(decl.fields.map((f) => f.name.text)).toEqual(["a", "nillable", "unqualified", "as", "namespace", "b"]);
    expect(decl.fields.map((f) => [f.nillable ?? false, f.unqualified ?? false, f.xmlName?.value, f.namespace?.value])).toEqual([
      [true, false, undefined, undefined],
      [false, false, undefined, undefined],
      [false, true, undefined, undefined],
      [false, false, "AS", "urn:x"],
      [false, false, undefined, undefined],
      [false, false, undefined, undefined],
    ]);
  });

  it("parses every documented rejection reason, including the keyword `unroutable`", () => {
    const reasons = ["invalid", "unknown-scenario", "ambiguous-scenario", "unknown-region", "unroutable", "unknown-case", "transform-failed", "conflict"];
    const src = `test "t" {\n  given A1 file "m.xml"\n${reasons.map((r) => `  expect rejected ${r}\n`).join("")}}`;
    const { ast, diagnostics } = parseSource(src, "t.stw");
    expect(diagnostics).toEqual([]);
    const decl = ast.declarations[0];
    if (decl?.kind !== "test") throw new Error("expected a test");
    expect(decl.expects.map((e) => (e.kind === "rejected" ? e.reason.text : e.kind))).toEqual(reasons);
  });
});
