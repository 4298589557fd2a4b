/**
 * Property tests: whatever the expression text, the checker returns (no throw,
 * no internal error), terminates quickly, and reports ranges inside the text.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkExpression, type JsonataCheckContext } from "../../../src/semantics/jsonata/index.js";
import { GEWERBEMELDUNG, KONTEN, REGISTRY } from "../../fixtures/jsonata/types.js";
import { loadSuite } from "./suite-cases.js";
import { cpuTimed } from "../../helpers/cpu-time.js";

const SUITE = loadSuite().map((c) => c.expr);
const CTX: JsonataCheckContext = { registry: REGISTRY, variables: { konten: KONTEN } };

/** Pieces that make expressions interesting for the type checker and the span recovery. */
const PIECES = [
  "satz", "betrieb", "anschrift", "plz", "gemeindeSchluessel", "nachrichtenkopf", "`identifikation.nachricht`", "$konten",
  "$", "$$", "%", "*", "**", ".", "[", "]", "(", ")", "{", "}", ",", ";", ":", "?", "??", "?:", ":=", "~>", "|", "@", "#",
  "$x", "$f", "function($x)", "λ($a,$b)<nn:n>", "$map", "$sum", "$eval", "$substring", "$lookup", "/re/i", "/", "..",
  "=", "!=", "<", ">=", "+", "-", "*", "&", "and", "or", "in", "^(", ">", "\"s\"", "'t'", "1", "-2.5", "true", "null",
  "/*c*/", " ", "\n",
];

function assertWellBehaved(expr: string, input = GEWERBEMELDUNG): void {
  const { result: r, ms } = cpuTimed(() => checkExpression(expr, input, CTX));
  expect(ms, `slow on ${JSON.stringify(expr)}`).toBeLessThan(2000);
  expect(r.diagnostics.filter((d) => d.code === "SW2499"), JSON.stringify(expr)).toEqual([]);
  for (const d of r.diagnostics) {
    expect(d.start >= 0 && d.start <= d.end && d.end <= expr.length, `${d.code} ${d.start}-${d.end} in ${JSON.stringify(expr)}`).toBe(true);
  }
}

/** A suite expression with a few random edits. */
const mutated = fc
  .record({
    base: fc.constantFrom(...SUITE),
    edits: fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 3 }), ins: fc.constantFrom(...PIECES, "") }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ base, edits }) =>
    edits.reduce((s, e) => {
      const at = s.length === 0 ? 0 : e.at % (s.length + 1);
      return s.slice(0, at) + e.ins + s.slice(at + e.del);
    }, base),
  );

describe("robustness", () => {
  test("arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => assertWellBehaved(s)), { numRuns: 400 });
  });

  test("token soup from JSONata pieces and field names of the typed input", () => {
    const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }).map((xs) => xs.join(""));
    fc.assert(fc.property(soup, (s) => assertWellBehaved(s)), { numRuns: 1500 });
  });

  test("mutated conformance-suite expressions, typed and untyped input", () => {
    fc.assert(
      fc.property(mutated, fc.boolean(), (s, typed) => assertWellBehaved(s, typed ? GEWERBEMELDUNG : { kind: "any" })),
      { numRuns: 1000 },
    );
  });

  test("deep nesting ends with a diagnostic, not a stack overflow", () => {
    for (const depth of [50, 400, 3000]) {
      assertWellBehaved("(".repeat(depth) + "satz" + ")".repeat(depth));
      assertWellBehaved("[".repeat(depth) + "1" + "]".repeat(depth));
      assertWellBehaved("$f(".repeat(depth) + "1" + ")".repeat(depth));
    }
    const deep = checkExpression("(".repeat(400) + "satz" + ")".repeat(400), GEWERBEMELDUNG, CTX).diagnostics;
    expect(deep.map((d) => d.code)).toContain("SW2420");
  });

  test("mutually recursive and self-applying lambdas terminate", () => {
    assertWellBehaved("($f := function($x){ $g($x) }; $g := function($x){ $f($x) }; $f(1))");
    assertWellBehaved("(function($x){ $x($x) })(function($x){ $x($x) })");
    assertWellBehaved("($y := λ($f){ λ($x){ $x($x) }(λ($g){ $f(λ($a){ $g($g)($a) }) }) }; $y(λ($r){ λ($n){ $n < 2 ? 1 : $n * $r($n - 1) } })(5))");
  });
});
