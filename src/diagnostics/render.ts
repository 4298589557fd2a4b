/**
 * Diagnostic output formats: pretty (people; code frames, colour only on a TTY
 * and never with NO_COLOR), json (machines), SARIF 2.1.0 (CI code scanning).
 */
import { printable } from "./printable.js";
import pc from "picocolors";
import type { Diagnostic } from "./diagnostic.js";
import { MESSAGES } from "./messages.js";
import { lineIndex } from "./source.js";

export type DiagnosticFormat = "pretty" | "json" | "sarif";

/** Sources by file path, to compute positions and code frames. */
export type SourceMap = ReadonlyMap<string, string>;

interface Located {
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

function locate(d: Diagnostic, sources: SourceMap): Located {
  if (!d.span) return {};
  const text = sources.get(d.span.file);
  if (text === undefined) return { file: d.span.file };
  const idx = lineIndex(text);
  const s = idx.position(d.span.start);
  const e = idx.position(Math.max(d.span.start, d.span.end));
  return { file: d.span.file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

/** Whether to use colour: a TTY, and NO_COLOR unset (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }): boolean {
  return !!stream.isTTY && !process.env["NO_COLOR"];
}

const MAX_FRAME_WIDTH = 160;

/** A diagnostic for people: location, code, message, code frame with carets, suggestion. */
export function renderPretty(d: Diagnostic, sources: SourceMap, color: boolean): string {
  const c = pc.createColors(color);
  const loc = locate(d, sources);
  const sev = d.severity === "error" ? c.red(c.bold("error")) : d.severity === "warning" ? c.yellow(c.bold("warning")) : c.cyan("info");
  // File names and messages may carry input text (a path given on the command line, a name from a rule file).
  const where = loc.file ? `${printable(loc.file)}${loc.line ? `:${loc.line}:${loc.column}` : ""}: ` : "";
  const lines = [`${c.bold(where)}${sev} ${c.dim(d.code)}: ${printable(d.message)}`];
  if (loc.file && loc.line && d.span) {
    const text = sources.get(loc.file)!;
    const idx = lineIndex(text);
    const raw = idx.lineText(loc.line);
    // Long lines (minified or generated files) are cut around the span.
    const from = Math.max(0, (loc.column ?? 1) - 1 - 40);
    const shown = raw.slice(from, from + MAX_FRAME_WIDTH).replace(/\t/g, " ").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "\u2400");
    const gutter = String(loc.line);
    const startCol = (loc.column ?? 1) - 1 - from;
    const width = loc.endLine === loc.line ? Math.max(1, (loc.endColumn ?? 1) - (loc.column ?? 1)) : Math.max(1, shown.length - startCol);
    lines.push(`${c.dim(`${gutter} |`)} ${from > 0 ? "…" : ""}${shown}`);
    lines.push(`${" ".repeat(gutter.length)} ${c.dim("|")} ${from > 0 ? " " : ""}${" ".repeat(Math.max(0, startCol))}${c.red("^".repeat(Math.min(width, MAX_FRAME_WIDTH)))}`);
  }
  if (d.suggestion) lines.push(`  ${c.green("help")}: ${printable(d.suggestion)}`);
  for (const r of d.related ?? []) {
    const rl = locate({ ...d, span: r.span }, sources);
    lines.push(`  ${c.dim("note")}: ${printable(r.message)} at ${printable(rl.file ?? "")}${rl.line ? `:${rl.line}:${rl.column}` : ""}`);
  }
  return lines.join("\n");
}

/** Plain JSON: one object per diagnostic with 1-based positions. */
export function toJson(diagnostics: readonly Diagnostic[], sources: SourceMap): object {
  return {
    diagnostics: diagnostics.map((d) => {
      const loc = locate(d, sources);
      const o: Record<string, unknown> = { code: d.code, severity: d.severity, message: d.message, ...loc };
      if (d.suggestion) o["suggestion"] = d.suggestion;
      if (d.related) o["related"] = d.related.map((r) => ({ message: r.message, ...locate({ ...d, span: r.span }, sources) }));
      return o;
    }),
    summary: summarize(diagnostics),
  };
}

export function summarize(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** A relative file path as a URI reference (SARIF 2.1.0 §3.4.3, RFC 3986): "/" separators, each segment percent-encoded. */
export function toUriReference(path: string): string {
  return path
    .replace(/\\/g, "/")
    .split("/")
    .map((seg) => encodeURIComponent(seg))
    .join("/");
}

/** SARIF 2.1.0 log: ruleId = code; each result has a region with startLine/startColumn. */
export function toSarif(diagnostics: readonly Diagnostic[], sources: SourceMap, toolVersion: string): object {
  const level = (s: Diagnostic["severity"]): string => (s === "error" ? "error" : s === "warning" ? "warning" : "note");
  const rules: Array<{ id: string; name: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }> = Object.entries(MESSAGES)
    .filter(([, m]) => diagnostics.some((d) => d.code === m.code))
    .map(([id, m]) => ({ id: m.code, name: id, shortDescription: { text: m.template }, defaultConfiguration: { level: level(m.severity) } }));
  const extraCodes = [...new Set(diagnostics.map((d) => d.code))].filter((code) => !rules.some((r) => r.id === code));
  for (const code of extraCodes.sort()) rules.push({ id: code, name: code, shortDescription: { text: code }, defaultConfiguration: { level: "error" } });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "stellwerk", version: toolVersion, rules } },
        results: diagnostics.map((d) => {
          const loc = locate(d, sources);
          const result: Record<string, unknown> = { ruleId: d.code, level: level(d.severity), message: { text: d.suggestion ? `${d.message} (${d.suggestion})` : d.message } };
          if (loc.file) {
            const region: Record<string, number> = {};
            if (loc.line) Object.assign(region, { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: loc.endColumn });
            result["locations"] = [{ physicalLocation: { artifactLocation: { uri: toUriReference(loc.file) }, ...(loc.line ? { region } : {}) } }];
          }
          return result;
        }),
      },
    ],
  };
}
