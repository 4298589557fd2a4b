/**
 * Property tests (fast-check): random strings and bytes, token soups built from
 * the language's keywords and punctuation, and mutations (delete / insert /
 * duplicate / swap slices) of real rule files (rules/ and
 * test/fixtures/rules/valid/) go through parse + analyze. The checker never
 * throws, always terminates quickly, and every diagnostic is well formed: a
 * stable code, a severity, a span inside the file, a message without unfilled
 * placeholders. Runs are bounded (about 10 s in total); a failure prints the
 * seed and the shrunk input.
 *
 * The seed is fixed so CI is reproducible; explore with another one:
 * STELLWERK_FUZZ_SEED=random (or a number) npx vitest run test/semantics/fuzz.test.ts
 * and longer with STELLWERK_FUZZ_RUNS=10 (a factor on the number of runs).
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findRuleFiles } from "../../src/compiler/compile.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { KEYWORDS } from "../../src/syntax/tokens.js";
import { REPO, checkSources, type Sources } from "../helpers/compile.js";
import { cpuTimed } from "../helpers/cpu-time.js";

/** Longest a single parse + analyze of a fuzzed input may take, in CPU ms (a busy CI machine stretches wall time, not CPU time). */
const MAX_MS = 3000;

const SEED_ENV = process.env["STELLWERK_FUZZ_SEED"];
const RUNS_FACTOR = Math.max(1, Number(process.env["STELLWERK_FUZZ_RUNS"] ?? 1) || 1);
/** fast-check parameters: a fixed seed unless STELLWERK_FUZZ_SEED says otherwise. */
function params(runs: number): fc.Parameters<unknown> {
  const numRuns = runs * RUNS_FACTOR;
  if (SEED_ENV === "random") return { numRuns };
  return { numRuns, seed: SEED_ENV ? Number(SEED_ENV) : 20201231 };
}

/** Rule files as seeds, by rule-set-relative name. */
function seedSet(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of findRuleFiles([`${REPO}${dir}`], [])) out[f.slice(REPO.length + dir.length + 1)] = readFileSync(f, "utf8");
  return out;
}
const VALID = seedSet("test/fixtures/rules/valid");
const SEEDS: string[] = [...Object.values(seedSet("rules")), ...Object.values(VALID)];

function wellFormed(d: Diagnostic, texts: ReadonlyMap<string, string>): void {
  expect(d.code).toMatch(/^SW\d{4}$/);
  expect(["error", "warning", "info"]).toContain(d.severity);
  expect(d.message.length).toBeGreaterThan(0);
  expect(d.message).not.toMatch(/(?<!\\u)\{[a-zA-Z]+\}|\bundefined\b|\bNaN\b|\[object Object\]/);
  if (d.span) {
    const text = texts.get(d.span.file);
    expect(text, `diagnostic ${d.code} names an unknown file`).toBeDefined();
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
    expect(d.span.end).toBeLessThanOrEqual(text!.length);
  }
}

/** The property: checking never throws, terminates fast, and yields well-formed diagnostics. */
function checksCleanly(sources: Sources): void {
  const { result: r, ms } = cpuTimed(() => checkSources(sources));
  expect(ms).toBeLessThan(MAX_MS);
  for (const d of r.raw) wellFormed(d, r.texts);
}

const PUNCTUATION = ["{", "}", "(", ")", ",", ":", "=", "?", "@", ".", "-", "\n", " ", "\t", "//", "/*", "*/", '"', "`", "```"];
const PIECES = [
  ...KEYWORDS,
  ...PUNCTUATION,
  "A1", "Sender", "p", "M", "ags", "04", '"04"', '"14522180"', '"x"', '"a\\q"', "42", "-1.5",
  "`ags`", "```\n{ \"a\": b }\n```", "filesystem", "webservice", "osci", "inbox", '"e/in"', "xml-file", "error-folder",
  "\u201C", "\u200B", "\u0000", "\u00e4", "\uFFFD", "😀",
];
const tokenSoup = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).chain((pieces) =>
  fc.constantFrom(" ", "", "\n").map((sep) => pieces.join(sep)),
);

type Mutation = { op: "delete" | "insert" | "duplicate" | "swap"; a: number; b: number; c: number; text: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("delete", "insert", "duplicate", "swap"),
  a: fc.nat(),
  b: fc.nat({ max: 200 }),
  c: fc.nat(),
  text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8, unit: "binary" })),
});

/** Applies one mutation; positions are taken modulo the text length. */
function mutate(text: string, m: Mutation): string {
  const n = text.length;
  if (n === 0) return m.text;
  const start = m.a % n;
  const end = Math.min(n, start + m.b);
  switch (m.op) {
    case "delete":
      return text.slice(0, start) + text.slice(end);
    case "insert":
      return text.slice(0, start) + m.text + text.slice(start);
    case "duplicate":
      return text.slice(0, end) + text.slice(start, end) + text.slice(end);
    case "swap": {
      const other = m.c % n;
      const [p, q] = start <= other ? [start, other] : [other, start];
      const len = Math.min(end - start, Math.max(0, q - p));
      return text.slice(0, p) + text.slice(q, q + len) + text.slice(p + len, q) + text.slice(p, p + len) + text.slice(q + len);
    }
  }
}

describe("the checker on fuzzed input", () => {
  it("never throws on random strings (any code point)", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: "binary" }), (s) => checksCleanly({ "f.stw": s })), params(300));
  });

  it("never throws on random bytes (decoding included)", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => checksCleanly({ "f.stw": b })), params(200));
  });

  it("never throws on token soups of keywords and punctuation", () => {
    fc.assert(fc.property(tokenSoup, (s) => checksCleanly({ "f.stw": `package p\n${s}` })), params(400));
  });

  it("never throws on mutated real rule files", () => {
    expect(SEEDS.length).toBeGreaterThan(0);
    const arb = fc.tuple(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }));
    fc.assert(
      fc.property(arb, ([i, ms]) => checksCleanly({ "f.stw": ms.reduce(mutate, SEEDS[i]!) })),
      params(300),
    );
  });

  it("never throws on a multi-file rule set with one mutated file", () => {
    const names = Object.keys(VALID);
    const arb = fc.tuple(fc.nat({ max: names.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }));
    fc.assert(
      fc.property(arb, ([i, ms]) => {
        const name = names[i]!;
        checksCleanly({ ...VALID, [name]: ms.reduce(mutate, VALID[name]!) });
      }),
      params(100),
    );
  });
});
