/**
 * Which template rule set the compile corpus is generated from: the shipped
 * processes in rules/ when they can be used (they check clean, have scenarios
 * and a region chain for the template municipality, and the generated Saxony
 * corpus compiles without errors), else the benchmark's own process in
 * bench/rules/.
 */
import { rmSync } from "node:fs";
import { compile } from "../src/compiler/compile.js";
import { hasErrors } from "../src/diagnostics/diagnostic.js";
import { BENCH_RULES, CORPUS_SIZES, SHIPPED_RULES, benchDirectory, generateCorpus, templateProblem } from "./corpus.js";

export interface TemplateChoice {
  root: string;
  kind: "shipped" | "bench";
  /** Why the shipped rules were not used, when they were not. */
  reason?: string;
}

function compileProblem(paths: string[]): string | undefined {
  const r = compile({ paths, directory: benchDirectory() });
  if (!hasErrors(r.diagnostics)) return undefined;
  const first = r.diagnostics.find((d) => d.severity === "error")!;
  return `${r.diagnostics.filter((d) => d.severity === "error").length} error(s), first ${first.code} in ${first.span?.file ?? "?"}`;
}

/** Chooses the template (see the module comment). */
export function chooseTemplate(): TemplateChoice {
  const problem = templateProblem(SHIPPED_RULES) ?? compileProblem([SHIPPED_RULES]);
  if (problem !== undefined) return { root: BENCH_RULES, kind: "bench", reason: `rules/: ${problem}` };
  const corpus = generateCorpus(CORPUS_SIZES[0]!, SHIPPED_RULES);
  try {
    const generated = compileProblem([corpus.dir]);
    if (generated !== undefined) return { root: BENCH_RULES, kind: "bench", reason: `corpus generated from rules/: ${generated}` };
  } finally {
    rmSync(corpus.dir, { recursive: true, force: true });
  }
  return { root: SHIPPED_RULES, kind: "shipped" };
}
