/**
 * The checker over every expression of the JSONata project's conformance suite
 * (test/fixtures/jsonata-test-suite, see examples/SOURCES.md), with the datasets
 * as untyped input (`any`) and the case's bindings as `any` variables.
 */
import { describe, expect, test } from "vitest";
import { isNode, type JNode } from "../../../src/semantics/jsonata/ast.js";
import { checkExpression, parseJsonata, SpanIndex, type JsonataCheckResult } from "../../../src/semantics/jsonata/index.js";
import { loadSuite, type SuiteCase } from "./suite-cases.js";

const ANY = { kind: "any" } as const;
const cases = loadSuite();

function check(c: SuiteCase): JsonataCheckResult {
  const variables = Object.fromEntries(c.bindings.map((b) => [b, ANY]));
  return checkExpression(c.expr, ANY, { registry: {}, variables });
}

describe("JSONata conformance suite", () => {
  const results = new Map<string, JsonataCheckResult>();

  test("the checker runs over every expression without throwing", () => {
    expect(cases.length).toBeGreaterThan(1500);
    const failures: string[] = [];
    for (const c of cases) {
      try {
        const r = check(c);
        results.set(c.id, r);
        if (r.diagnostics.some((d) => d.code === "SW2499")) failures.push(`${c.id}: internal error`);
      } catch (err) {
        failures.push(`${c.id}: threw ${String(err)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test("with untyped input, a path step is flagged only where the suite itself expects no value or an error", () => {
    const suspicious = cases.flatMap((c) => {
      const flagged = (results.get(c.id) ?? check(c)).diagnostics.filter((d) => d.code === "SW2401" || d.code === "SW2402");
      const expectsNothing = c.undefinedResult === true || c.code !== undefined;
      return flagged.length > 0 && !expectsNothing ? [`${c.id}: ${c.expr}`] : [];
    });
    expect(suspicious).toEqual([]);
  });

  test("syntax errors the suite expects at compile time are SW2400 diagnostics; the other cases parse", () => {
    const mismatches: string[] = [];
    for (const c of cases) {
      const ds = (results.get(c.id) ?? check(c)).diagnostics.filter((d) => d.code === "SW2400");
      const parseError = c.code !== undefined && /^S0[1-4]/.test(c.code);
      if (parseError && !ds.some((d) => d.message.includes(`(${c.code})`))) mismatches.push(`${c.id}: expected ${c.code}`);
      if (!parseError && ds.length > 0) mismatches.push(`${c.id}: unexpected ${ds[0]!.message}`);
      for (const d of ds) {
        if (d.start < 0 || d.end > c.expr.length || d.start > d.end) mismatches.push(`${c.id}: range ${d.start}-${d.end}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  test("every token position jsonata reports is the end of a token of our lexer", () => {
    const missing: string[] = [];
    for (const c of cases) {
      const { ast } = parseJsonata(c.expr);
      if (ast === undefined) continue;
      const ends = new Set(new SpanIndex(c.expr, ast).tokens.map((t) => t.end));
      const seen = new Set<unknown>();
      const walk = (x: unknown): void => {
        if (typeof x !== "object" || x === null || seen.has(x)) return;
        seen.add(x);
        if (Array.isArray(x)) return x.forEach(walk);
        const n = x as JNode;
        if (isNode(n) && typeof n.position === "number" && !ends.has(n.position)) missing.push(`${c.id}: ${n.type} at ${n.position}`);
        for (const v of Object.values(x)) walk(v);
      };
      walk(ast);
    }
    expect(missing).toEqual([]);
  });

  test("diagnostic ranges lie inside the expression", () => {
    const bad = cases.flatMap((c) =>
      (results.get(c.id) ?? check(c)).diagnostics
        .filter((d) => d.start < 0 || d.end > c.expr.length || d.start > d.end)
        .map((d) => `${c.id}: ${d.code} ${d.start}-${d.end}`),
    );
    expect(bad).toEqual([]);
  });
});
