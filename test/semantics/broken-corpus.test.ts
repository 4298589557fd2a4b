/**
 * The table-driven test over the corpus of broken rule files
 * (test/fixtures/rules/broken/, see test/helpers/corpus.ts): every case yields
 * exactly its expected diagnostics (code and span; the root cause once, no
 * follow-ups), in the same order on a second run, and builds nothing.
 * Coverage: every check of CHECKS has a group, and every code the compiler
 * emits appears in some case (or is named below with where it is tested).
 */
import { describe, expect, it } from "vitest";
import { MESSAGES } from "../../src/diagnostics/messages.js";
import { CHECKS } from "../../src/semantics/analyze.js";
import { brief } from "../helpers/compile.js";
import { buildsNothing, corpusCases, parseExpected, runCase } from "../helpers/corpus.js";

const cases = corpusCases();

const open = cases.filter((c) => !c.bug);
const known = cases.filter((c) => c.bug);

describe("broken rule files", () => {
  it.each(open.map((c) => [`${c.group}/${c.name}`, c] as const))("%s", (_label, c) => {
    const first = runCase(c);
    const expected = c.expected.map(parseExpected);
    expect(first.map(brief), c.why).toEqual(expected.map((e) => e.at));
    expected.forEach((e, i) => {
      if (e.text !== undefined) expect(`${first[i]!.message} ${first[i]!.suggestion ?? ""}`).toContain(e.text);
    });
    // Deterministic: a second run gives the same diagnostics, messages included.
    expect(runCase(c)).toEqual(first);
    if (first.some((d) => d.severity === "error")) expect(buildsNothing(c)).toBe(true);
  });

  // BUG: each of these cases documents a compiler bug (its "bug" field says what happens instead).
  it.skip.each(known.map((c) => [`${c.group}/${c.name}: ${c.bug}`, c] as const))("%s", (_label, c) => {
    expect(runCase(c).map(brief)).toEqual(c.expected.map((e) => parseExpected(e).at));
  });
});

/** Codes tested outside the corpus, with where. */
const TESTED_ELSEWHERE: Record<string, string> = {
  SW1009: "test/syntax/limits.test.ts (a 32 MB file)",
  SW3001: "test/cli/check.test.ts (--directory pointing at a bad file)",
  SW3002: "test/cli/check.test.ts (a folder without rule files)",
  SW3003: "test/cli/check.test.ts (a missing path)",
};

/** Codes in the table that nothing in src/ emits (yet). */
const NOT_EMITTED: Record<string, string> = {
  SW2090: "unknown types are reported as SW2001 (unknown name) by the symbol table",
  SW2095: "unused declarations are not reported yet",
  SW2096: "`allow float` / `allow untyped` are reported by the JSONata type checker (SW24xx) instead",
};

describe("corpus coverage", () => {
  it("has a group of cases for every check", () => {
    const groups = new Set(cases.map((c) => c.group));
    for (const [name] of CHECKS) expect(groups.has(name), `no corpus group for check ${name}`).toBe(true);
  });

  it("has at least one case for every code the compiler emits", () => {
    const covered = new Set(cases.flatMap((c) => c.expected.map((e) => parseExpected(e).at.split(" ")[1]!)));
    const missing = Object.values(MESSAGES)
      .map((m) => m.code)
      .filter((code) => !covered.has(code) && !(code in TESTED_ELSEWHERE) && !(code in NOT_EMITTED));
    expect(missing).toEqual([]);
  });
});
