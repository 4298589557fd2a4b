/**
 * Parsing a JSONata expression with the jsonata package, turning its thrown
 * syntax errors into a diagnostic with an exact range. Never throws.
 */
import jsonata from "jsonata";
import type { JsonataDiagnostic } from "./diagnostics.js";
import { jsonataDiagnostic } from "./codes.js";
import { SpanIndex, type Range } from "./spans.js";

/** Result of {@link parseJsonata}: the AST, or the syntax error. */
export interface ParsedExpression {
  /** The processed AST (`jsonata(source).ast()`), absent on a syntax error. */
  ast?: unknown;
  /** At most one SW2400 diagnostic. */
  diagnostics: JsonataDiagnostic[];
}

interface JsonataErrorLike {
  code?: unknown;
  position?: unknown;
  token?: unknown;
  message?: unknown;
}

/**
 * Where a jsonata error points, by error code. jsonata's `position` is mostly
 * the offset just past the offending token; a few codes use other anchors.
 */
export function syntaxErrorRange(source: string, code: string, position: number | undefined): Range {
  const len = source.length;
  if (position === undefined || !Number.isFinite(position)) {
    if (code === "S0217") {
      const i = source.indexOf("%");
      if (i >= 0) return { start: i, end: i + 1 };
    }
    return new SpanIndex(source).whole();
  }
  const p = Math.max(0, Math.min(len, position));
  switch (code) {
    case "S0217": {
      // the parent `%` that cannot be resolved: jsonata points at the step before it
      const index = new SpanIndex(source);
      const at = index.tokens.find((t) => t.end === p && t.text === "%");
      const last = [...index.tokens].reverse().find((t) => t.text === "%");
      const t = at ?? last;
      if (t) return { start: t.start, end: t.end };
      break;
    }
    case "S0203": // expected X before end of expression
    case "S0207": // unexpected end of expression
      return { start: len, end: len };
    case "S0103": // unsupported escape: position is the character after the backslash
      return { start: Math.max(0, p - 1), end: Math.min(len, p + 1) };
    case "S0104": // \u without 4 hex digits
      return { start: Math.max(0, p - 1), end: Math.min(len, p + 5) };
    case "S0106": // unterminated comment: position is its start
      return { start: p, end: len };
    case "S0301": // empty regex: position is the closing slash
      return { start: Math.max(0, p - 1), end: Math.min(len, p + 1) };
  }
  const index = new SpanIndex(source);
  const byEnd = index.tokenRange(p);
  if (byEnd) return byEnd;
  const t = index.tokens.find((tok) => tok.start === p);
  if (t) return { start: t.start, end: t.end };
  return { start: p, end: p };
}

/** The message text jsonata gives, without payload (it only quotes expression tokens). */
function messageOf(e: JsonataErrorLike, code: string): string {
  if (typeof e.message === "string" && e.message.length > 0) return e.message;
  return `jsonata error ${code}`;
}

/**
 * Parses `source` with jsonata (one call). A syntax error becomes a single SW2400
 * diagnostic at the exact range of the offending token.
 */
export function parseJsonata(source: string): ParsedExpression {
  try {
    return { ast: jsonata(source).ast(), diagnostics: [] };
  } catch (err: unknown) {
    const e: JsonataErrorLike = typeof err === "object" && err !== null ? (err as JsonataErrorLike) : {};
    let code = typeof e.code === "string" ? e.code : "";
    let detail: string;
    if (err instanceof RangeError) {
      code = "S-DEPTH";
      detail = "the expression is nested too deeply to parse";
    } else {
      detail = messageOf(e, code || "unknown");
    }
    const position = typeof e.position === "number" ? e.position : undefined;
    const range = syntaxErrorRange(source, code, position);
    return {
      diagnostics: [jsonataDiagnostic("syntax", range, { detail, jsonataCode: code || "?" })],
    };
  }
}
