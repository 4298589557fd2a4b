/**
 * The diagnostic value every phase produces. Spans are offsets (cheap to track);
 * line and column are computed only when a diagnostic is rendered.
 */

export type Severity = "error" | "warning" | "info";

/** A half-open range [start, end) of UTF-16 offsets in one source file. */
export interface Span {
  /** Path of the source file as given on the command line (or relative to the rule-set root). */
  file: string;
  start: number;
  end: number;
}

/** A secondary location with its own short message (e.g. "first defined here"). */
export interface RelatedInfo {
  span: Span;
  message: string;
}

export interface Diagnostic {
  /** Stable code, e.g. "SW2001". Never reused for another meaning. */
  code: string;
  severity: Severity;
  /** A full sentence a newcomer understands. */
  message: string;
  /** Where the problem is; undefined only for problems without a source (e.g. a missing directory file). */
  span?: Span;
  /** A concrete fix, e.g. "did you mean `Gewerbefachverfahren`?". */
  suggestion?: string;
  related?: RelatedInfo[];
}

/** Deterministic order: file, then offset, then code, then message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.span?.file ?? "";
  const fb = b.span?.file ?? "";
  if (fa !== fb) return fa < fb ? -1 : 1;
  const sa = a.span?.start ?? -1;
  const sb = b.span?.start ?? -1;
  if (sa !== sb) return sa - sb;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
