/**
 * `stellwerk fmt <paths...> [--check | --write]`: format rule files in the
 * house style (docs/formatting.md).
 *   (default)  print the formatted file to stdout; one file only (`-` reads stdin);
 *   --check    change nothing; list the files that would change; exit 1 if any;
 *   --write    rewrite the files that change, atomically, keeping their mode.
 * A file with errors (syntax, encoding) is never formatted: its diagnostics are
 * printed and the exit code is 1. Exit 2: usage or I/O error.
 */
import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Command } from "commander";
import { findRuleFiles } from "../../compiler/compile.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { format } from "../../format/format.js";
import { toolVersions } from "../../lowering/lower.js";
import { decodeSource } from "../../syntax/parse.js";
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseFormat, printDiagnostics } from "../output.js";

interface FmtOptions {
  check?: boolean;
  write?: boolean;
  format: string;
}

/** Registers `fmt` on the program; `setExit` receives 0, 1 (files would change / have errors). */
export function registerFmt(program: Command, setExit: (code: number) => void): void {
  program
    .command("fmt")
    .description("Format rule files (*.stw) in the house style; print, check (--check) or rewrite (--write) them.")
    .argument("<paths...>", "rule files or folders (searched recursively for *.stw); `-` reads one file from stdin")
    .option("--check", "change nothing; list the files that are not formatted and exit 1 if there are any")
    .option("--write", "rewrite files in place (atomically, keeping their permissions)")
    .option("--format <format>", "diagnostics format: pretty or json", "pretty")
    .action((paths: string[], opts: FmtOptions) => setExit(runFmt(paths, opts)));
}

function runFmt(paths: string[], opts: FmtOptions): number {
  const outFormat = parseFormat(opts.format);
  if (outFormat === "sarif") throw new UsageError("fmt supports --format pretty or json");
  if (opts.check && opts.write) throw new UsageError("use either --check or --write, not both");
  if (paths.includes("-")) {
    if (paths.length > 1 || opts.write) throw new UsageError("`-` (stdin) must be the only path, without --write");
    return formatOne("<stdin>", readFileSync(0), opts, outFormat);
  }
  const diagnostics: Diagnostic[] = [];
  const files = findRuleFiles(paths, diagnostics);
  if (diagnostics.length > 0) throw new UsageError(diagnostics.map((d) => d.message).join(" "));
  if (!opts.check && !opts.write && files.length !== 1) {
    throw new UsageError(`fmt prints one file; ${files.length} found: use --check or --write for several`);
  }
  if (!opts.check && !opts.write) return formatOne(files[0]!, readFileSync(files[0]!), opts, outFormat);

  const sources = new Map<string, string>();
  const changed: string[] = [];
  for (const file of files) {
    const decoded = decodeSource(readFileSync(file), file);
    if (decoded.text === undefined) {
      diagnostics.push(decoded.diagnostic!);
      continue;
    }
    sources.set(file, decoded.text);
    const r = format(decoded.text, { file });
    if (!r.ok) {
      diagnostics.push(...r.diagnostics);
      continue;
    }
    if (r.text === decoded.text) continue;
    changed.push(file);
    if (opts.write) writeAtomic(file, r.text);
  }
  const errors = report(diagnostics, sources, outFormat, changed, opts);
  return errors || (opts.check && changed.length > 0) ? EXIT_FINDINGS : EXIT_OK;
}

/** Prints one formatted file to stdout (or its diagnostics); with --check only compares. */
function formatOne(file: string, bytes: Uint8Array, opts: FmtOptions, outFormat: "pretty" | "json"): number {
  const decoded = decodeSource(bytes, file);
  const sources = new Map<string, string>();
  if (decoded.text === undefined) return report([decoded.diagnostic!], sources, outFormat, [], opts) ? EXIT_FINDINGS : EXIT_OK;
  sources.set(file, decoded.text);
  const r = format(decoded.text, { file });
  if (!r.ok) {
    report(r.diagnostics, sources, outFormat, [], opts);
    return EXIT_FINDINGS;
  }
  if (opts.check) {
    const changed = r.text === decoded.text ? [] : [file];
    report([], sources, outFormat, changed, opts);
    return changed.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  }
  process.stdout.write(r.text);
  return EXIT_OK;
}

/** Lists changed files and prints diagnostics; returns true when there are errors. */
function report(diagnostics: Diagnostic[], sources: Map<string, string>, outFormat: "pretty" | "json", changed: string[], opts: FmtOptions): boolean {
  const key = opts.write ? "written" : "changed";
  if (outFormat === "json") {
    return printDiagnostics(diagnostics, sources, "json", toolVersions().compilerVersion, { [key]: changed });
  }
  if (opts.check) for (const f of changed) process.stdout.write(`${f}\n`);
  const errors = diagnostics.length > 0 && printDiagnostics(diagnostics, sources, "pretty", toolVersions().compilerVersion);
  // "all files formatted" only when every file could be read and formatted.
  const unformattable = new Set(diagnostics.filter((d) => d.severity === "error").map((d) => d.span?.file)).size;
  if (opts.check) {
    const parts = [
      ...(changed.length > 0 ? [`${changed.length} file(s) not formatted`] : []),
      ...(unformattable > 0 ? [`${unformattable} file(s) with errors not formatted`] : []),
    ];
    process.stderr.write(parts.length > 0 ? `${parts.join(", ")}\n` : "all files formatted\n");
  }
  if (opts.write) process.stderr.write(`formatted ${changed.length} file(s)\n`);
  return errors;
}

/**
 * Replaces a file's content atomically: a temporary file beside it (the real
 * path, so a symlink stays a symlink), given the original's permission bits,
 * fsync, rename over the original.
 */
function writeAtomic(file: string, text: string): void {
  const target = realpathSync(file);
  const mode = statSync(target).mode & 0o7777;
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.fmt.tmp`);
  const fd = openSync(tmp, "wx", 0o600);
  try {
    try {
      writeSync(fd, text);
      fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
