/**
 * Shared CLI output helpers: diagnostics in the chosen format, exit codes.
 * Exit codes: 0 ok, 1 findings (errors in rules, failing tests, unroutable), 2 usage or I/O error.
 */
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { renderPretty, summarize, toJson, toSarif, useColor, type DiagnosticFormat, type SourceMap } from "../diagnostics/render.js";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Thrown by commands for usage and I/O problems; main prints the message (no stack) and exits 2. */
export class UsageError extends Error {}

export function parseFormat(value: string): DiagnosticFormat {
  if (value === "pretty" || value === "json" || value === "sarif") return value;
  throw new UsageError(`unknown format "${value}": use pretty, json or sarif`);
}

/** Diagnostics that mean the input could not be read at all (exit 2, not 1): a missing rule path or directory file. */
const IO_CODES = new Set(["SW3001", "SW3003"]);

/** 0 without errors, 2 when an input could not be read, else 1. */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  if (diagnostics.some((d) => IO_CODES.has(d.code))) return EXIT_USAGE;
  return hasErrors(diagnostics) ? EXIT_FINDINGS : EXIT_OK;
}

/** Prints diagnostics; returns true when there are errors. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], sources: SourceMap, format: DiagnosticFormat, version: string, extra: object = {}): boolean {
  if (format === "json") process.stdout.write(JSON.stringify({ ...toJson(diagnostics, sources), ...extra }, null, 2) + "\n");
  else if (format === "sarif") process.stdout.write(JSON.stringify(toSarif(diagnostics, sources, version), null, 2) + "\n");
  else {
    const color = useColor(process.stderr);
    for (const d of diagnostics) process.stderr.write(renderPretty(d, sources, color) + "\n\n");
    const s = summarize(diagnostics);
    process.stderr.write(`${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info(s)\n`);
  }
  return hasErrors(diagnostics);
}
