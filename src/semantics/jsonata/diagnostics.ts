/**
 * Diagnostics of the JSONata checker. Offsets are relative to the expression
 * source (0-based UTF-16, end exclusive); the caller adds the expression's start
 * offset in the .stw file.
 */

export type JsonataSeverity = "error" | "warning" | "info";

export interface JsonataDiagnostic {
  /** Stable code from {@link JSONATA_CODES} (SW24xx). */
  code: string;
  severity: JsonataSeverity;
  /** A full sentence; never contains message payload, only expression text and type names. */
  message: string;
  /** Offset of the first character of the offending range in the expression. */
  start: number;
  /** Offset just past the offending range. */
  end: number;
  /** A concrete replacement or fix, e.g. the field name to write instead. */
  suggestion?: string;
}

/** Deterministic order: start offset, then code, then message. */
export function compareJsonataDiagnostics(a: JsonataDiagnostic, b: JsonataDiagnostic): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.end !== b.end) return a.end - b.end;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/**
 * Collects diagnostics, dropping exact repeats (the same lambda body is checked
 * once per call site, and reports each problem once).
 */
export class DiagnosticSink {
  private readonly seen = new Set<string>();
  readonly items: JsonataDiagnostic[] = [];

  add(d: JsonataDiagnostic): void {
    const key = `${d.code}\u0000${d.start}\u0000${d.end}\u0000${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(d);
  }

  sorted(): JsonataDiagnostic[] {
    return [...this.items].sort(compareJsonataDiagnostics);
  }
}
