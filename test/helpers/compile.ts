/**
 * Test helper: checks and builds in-memory rule sources with the real phases
 * (parseSource/parseBytes -> analyze -> lower), against the national
 * municipality directory shipped in examples/directory (loaded once per test
 * file). Diagnostics come back with 1-based positions, so tests can assert
 * exact spans: `brief(d)` gives "file:line:col-endLine:endCol CODE".
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadDirectory, type Directory } from "../../src/directory/index.js";
import type { Diagnostic, Severity } from "../../src/diagnostics/diagnostic.js";
import { hasErrors } from "../../src/diagnostics/diagnostic.js";
import { lineIndex } from "../../src/diagnostics/source.js";
import { lower, type LoweredOutput } from "../../src/lowering/lower.js";
import { analyze } from "../../src/semantics/analyze.js";
import type { CheckedModel } from "../../src/semantics/model.js";
import type { SourceFileAst } from "../../src/syntax/ast.js";
import { parseBytes, parseSource } from "../../src/syntax/parse.js";
import type { Stage } from "../../src/table/routing-table.js";

/** The repository root (absolute, ends with "/"). */
export const REPO = fileURLToPath(new URL("../../", import.meta.url));
/** The national Destatis GV-ISys extract (11,004 municipalities, Gebietsstand 2020-12-31). */
export const DIRECTORY_FILE = `${REPO}examples/directory/AuszugGV4QAktuell_2020.csv`;

let cached: Directory | undefined;

/** The national municipality directory, loaded once per test file (~120 ms). */
export function testDirectory(): Directory {
  return (cached ??= loadDirectory(DIRECTORY_FILE));
}

/** A diagnostic with 1-based positions (columns in UTF-16 code units, as rendered by the CLI). */
export interface Located {
  file: string;
  code: string;
  severity: Severity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  suggestion?: string;
}

/** Rule sources by file name ("a.stw", "pkg/b.stw"); bytes go through decoding (parseBytes). */
export type Sources = Record<string, string | Uint8Array>;

export interface CheckOptions {
  /** Other files a rule set may read (test message files), by rule-set-relative path. */
  files?: Record<string, string>;
}

export interface CheckResult {
  diagnostics: Located[];
  raw: Diagnostic[];
  model: CheckedModel;
  /** Decoded text per file (for positions). */
  texts: Map<string, string>;
}

/** Converts a diagnostic's offsets to 1-based positions in its file's text. */
export function locate(d: Diagnostic, texts: ReadonlyMap<string, string>): Located {
  const text = d.span ? texts.get(d.span.file) : undefined;
  const out: Located = { file: d.span?.file ?? "", code: d.code, severity: d.severity, line: 0, column: 0, endLine: 0, endColumn: 0, message: d.message };
  if (d.span && text !== undefined) {
    const idx = lineIndex(text);
    const s = idx.position(d.span.start);
    const e = idx.position(Math.max(d.span.start, d.span.end));
    Object.assign(out, { line: s.line, column: s.column, endLine: e.line, endColumn: e.column });
  }
  if (d.suggestion) out.suggestion = d.suggestion;
  return out;
}

/** "file:line:col-endLine:endCol CODE" (positions 0 when the diagnostic has no span). */
export function brief(d: Located): string {
  return `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.code}`;
}

/** Parses one file's text or bytes; never throws (that is what is tested). */
export function parseOne(name: string, content: string | Uint8Array): { ast: SourceFileAst; diagnostics: Diagnostic[] } {
  return typeof content === "string" ? parseSource(content, name) : parseBytes(content, name);
}

/** Parses and checks in-memory sources against the national directory. */
export function checkSources(sources: Sources, opts: CheckOptions = {}): CheckResult {
  const raw: Diagnostic[] = [];
  const asts: SourceFileAst[] = [];
  const texts = new Map<string, string>();
  for (const name of Object.keys(sources).sort()) {
    const parsed = parseOne(name, sources[name]!);
    texts.set(name, parsed.ast.text);
    asts.push(parsed.ast);
    raw.push(...parsed.diagnostics);
  }
  const files = opts.files ?? {};
  const readFile = (path: string): Uint8Array | undefined => {
    const f = files[path];
    return f === undefined ? undefined : new TextEncoder().encode(f);
  };
  const { model, diagnostics } = analyze(asts, { directory: testDirectory(), root: ".", readFile });
  raw.push(...diagnostics);
  return { diagnostics: raw.map((d) => locate(d, texts)), raw, model, texts };
}

/** Only the errors and warnings (infos are advice). */
export function findings(result: CheckResult): Located[] {
  return result.diagnostics.filter((d) => d.severity !== "info");
}

/** Checks, then lowers for `stage` when there is no error (as `stellwerk build` does). */
export function buildSources(sources: Sources, stage: Stage, opts: CheckOptions = {}): CheckResult & { output?: LoweredOutput } {
  const result = checkSources(sources, opts);
  if (hasErrors(result.raw)) return result;
  return { ...result, output: lower(result.model, stage) };
}

/** Reads a file of the repository as UTF-8 text. */
export function repoText(rel: string): string {
  return readFileSync(`${REPO}${rel}`, "utf8");
}
