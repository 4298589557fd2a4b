/**
 * The measured steps of the compile benchmark, shared by the timing child
 * (compile-child.ts) and the instruction-count entry (cachegrind-entry.ts).
 */
import { readFileSync } from "node:fs";
import { compile, defaultDirectoryPath, findRuleFiles } from "../../src/compiler/compile.js";
import { loadDirectory } from "../../src/directory/index.js";
import type { Directory } from "../../src/directory/types.js";
import { hasErrors } from "../../src/diagnostics/diagnostic.js";
import { lower, type LoweredOutput } from "../../src/lowering/lower.js";
import { lex } from "../../src/syntax/lexer.js";
import { getParser } from "../../src/syntax/parser.js";
import { decodeSource } from "../../src/syntax/parse.js";
import { hrtimeNow } from "tinybench";

/** Loads the compiler's default municipality directory (as the CLI does). */
export function loadBenchDirectory(): Directory {
  return loadDirectory(defaultDirectoryPath());
}

/**
 * The front-end floor: read, decode, chevrotain lex and CST parse of every
 * rule file (no AST, no checks). Returns the token count (so nothing is
 * optimised away) and fails loudly on any syntax error.
 */
export function frontEndFloor(files: readonly string[]): number {
  const parser = getParser();
  let tokens = 0;
  for (const f of files) {
    const text = decodeSource(readFileSync(f), f).text;
    if (text === undefined) throw new Error(`cannot decode ${f}`);
    const lexed = lex(text, f);
    parser.input = lexed.tokens;
    parser.file();
    if (parser.errors.length > 0 || lexed.diagnostics.length > 0) throw new Error(`syntax errors in ${f}`);
    tokens += lexed.tokens.length;
  }
  return tokens;
}

/** Rule files of a corpus folder, as the compiler finds them. */
export function corpusFiles(dir: string): string[] {
  return findRuleFiles([dir], []);
}

export interface CompileRun {
  parseMs: number;
  checkMs: number;
  lowerMs: number;
  totalMs: number;
  errors: number;
  warnings: number;
  output: LoweredOutput;
}

/**
 * parse + check + lower of the corpus for stage test, with the directory given.
 * @throws Error when the corpus has errors (a benchmark must measure a valid rule set).
 */
export function compileCorpus(dir: string, directory: Directory): CompileRun {
  const t0 = hrtimeNow();
  const result = compile({ paths: [dir], directory });
  const t1 = hrtimeNow();
  if (hasErrors(result.diagnostics) || !result.model) {
    const first = result.diagnostics.find((d) => d.severity === "error");
    throw new Error(`the corpus ${dir} has errors: ${first?.code ?? "?"} ${first?.message ?? ""} at ${first?.span?.file ?? "?"}`);
  }
  const output = lower(result.model, "test");
  const t2 = hrtimeNow();
  return {
    parseMs: result.timings.parseMs,
    checkMs: result.timings.checkMs,
    lowerMs: t2 - t1,
    totalMs: t2 - t0,
    errors: 0,
    warnings: result.diagnostics.filter((d) => d.severity === "warning").length,
    output,
  };
}
