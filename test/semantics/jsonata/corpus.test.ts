import { describe, expect, test } from "vitest";
import { checkExpression, JSONATA_CODES, type JsonataDiagnostic } from "../../../src/semantics/jsonata/index.js";
import { CORPUS, type BadCase, type CaseOptions, type LineCol } from "../../fixtures/jsonata/corpus.js";
import { KONTEN, REGISTRY, TYPES } from "../../fixtures/jsonata/types.js";

/** Offset of a 1-based line/column in `src`. */
function offsetOf(src: string, line: number, col: number): number {
  const lines = src.split("\n");
  return lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + col - 1;
}

function range(src: string, at: BadCase["at"]): [number, number] {
  if (Array.isArray(at)) return at;
  const lc = at as LineCol;
  return [offsetOf(src, lc.line, lc.col), offsetOf(src, lc.endLine, lc.endCol)];
}

function run(expr: string, input: string, o: CaseOptions): JsonataDiagnostic[] {
  const inputType = TYPES[input];
  if (inputType === undefined) throw new Error(`unknown input type ${input}`);
  const expected = o.expected === undefined ? undefined : TYPES[o.expected];
  if (o.expected !== undefined && expected === undefined) throw new Error(`unknown expected type ${o.expected}`);
  return checkExpression(expr, inputType, {
    registry: REGISTRY,
    variables: { konten: KONTEN },
    expected,
    allowFloatOnDecimal: o.allowFloat,
    untypedAllowed: o.untyped,
  }).diagnostics;
}

const show = (expr: string, ds: JsonataDiagnostic[]): string =>
  ds.map((d) => `${d.code} ${d.severity} [${d.start},${d.end}] ${JSON.stringify(expr.slice(d.start, d.end))}: ${d.message}`).join("\n");

const bads = CORPUS.filter((c): c is BadCase => c.kind === "bad");
const goods = CORPUS.filter((c) => c.kind === "good");

describe("corpus of wrong expressions", () => {
  test.each(bads.map((c) => [c.code, c.expr, c] as const))("%s %s", (_code, _expr, c) => {
    const ds = run(c.expr, c.input, c);
    const [start, end] = range(c.expr, c.at);
    expect(c.expr.slice(start, end), "the corpus entry's text matches its range").toBe(c.text);
    const main = ds.filter((d) => d.code === c.code);
    expect(main.map((d) => [d.code, d.start, d.end]), show(c.expr, ds)).toEqual([[c.code, start, end]]);
    const others = ds.filter((d) => d.code !== c.code && d.severity !== "info");
    const also = (c.also ?? []).map(([code, text]) => [code, text]);
    expect(others.map((d) => [d.code, c.expr.slice(d.start, d.end)]), show(c.expr, ds)).toEqual(also);
  });

  test("covers every check kind at least once", () => {
    const covered = new Set(bads.map((c) => c.code));
    const kinds = Object.values(JSONATA_CODES)
      .map((d) => d.code)
      .filter((code) => code !== "SW2420" && code !== "SW2499"); // budget exhaustion and internal failure
    expect(kinds.filter((k) => !covered.has(k))).toEqual([]);
    expect(bads.length).toBeGreaterThanOrEqual(20);
  });
});

describe("corpus of correct expressions", () => {
  test.each(goods.map((c) => [c.expr, c] as const))("%s", (_expr, c) => {
    const ds = run(c.expr, c.input, c);
    expect(show(c.expr, ds.filter((d) => d.severity !== "info"))).toBe("");
  });
});
