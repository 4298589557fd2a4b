/**
 * The corpus of broken rule files (test/fixtures/rules/broken/<group>/): each
 * case is a rule file `<name>.stw` (or a folder `<name>/` of rule files) with
 * `<name>.expected.json` beside it:
 *
 *   { "why": "what is wrong", "diagnostics": ["a.stw:3:5-3:12 SW2001 ~ did you mean `X`?"] }
 *
 * A case the compiler gets wrong today carries "bug": "BUG: what happens instead";
 * it is skipped (and listed in the report) until the bug is fixed.
 *
 * Each expected diagnostic is "file:line:col-endLine:endCol CODE", optionally
 * followed by " ~ text" that the message or suggestion must contain. File names
 * are relative to the case (the file name, or the path inside the folder).
 * Cases run through the real compiler driver (file reading, XSD import).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, compile } from "../../src/compiler/compile.js";
import { locate, testDirectory, type Located } from "./compile.js";

export const BROKEN = fileURLToPath(new URL("../fixtures/rules/broken/", import.meta.url));

export interface CorpusCase {
  group: string;
  name: string;
  /** Absolute path of the rule file or folder. */
  target: string;
  why: string;
  expected: string[];
  /** Set when the compiler does not meet the expectation yet (the case is skipped). */
  bug?: string;
}

/** Every case of the corpus, grouped, in name order. */
export function corpusCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const group of readdirSync(BROKEN).sort()) {
    const dir = join(BROKEN, group);
    if (!statSync(dir).isDirectory()) continue;
    for (const entry of readdirSync(dir).sort()) {
      if (!entry.endsWith(".expected.json")) continue;
      const name = entry.slice(0, -".expected.json".length);
      const file = join(dir, `${name}.stw`);
      const target = existsSync(file) ? file : join(dir, name);
      const spec = JSON.parse(readFileSync(join(dir, entry), "utf8")) as { why: string; diagnostics: string[]; bug?: string };
      const c: CorpusCase = { group, name, target, why: spec.why, expected: spec.diagnostics };
      if (spec.bug) c.bug = spec.bug;
      cases.push(c);
    }
  }
  return cases;
}

/** Runs the compiler on a case; diagnostics with file names relative to the case. */
export function runCase(c: CorpusCase): Located[] {
  const result = compile({ paths: [c.target], directory: testDirectory() });
  const base = statSync(c.target).isDirectory() ? `${c.target.replace(/\\/g, "/")}/` : c.target.replace(/\\/g, "/").replace(/[^/]*$/, "");
  return result.diagnostics.map((d) => {
    const l = locate(d, result.sources);
    return { ...l, file: l.file.startsWith(base) ? l.file.slice(base.length) : l.file };
  });
}

/** Whether `build` writes nothing for the case (it must not when there is any error). */
export function buildsNothing(c: CorpusCase): boolean {
  return build({ paths: [c.target], directory: testDirectory(), stage: "test" }).output === undefined;
}

/** Splits an expected entry into its "file:l:c-l:c CODE" part and the text the message must contain. */
export function parseExpected(entry: string): { at: string; text?: string } {
  const i = entry.indexOf(" ~ ");
  return i < 0 ? { at: entry } : { at: entry.slice(0, i), text: entry.slice(i + 3) };
}
