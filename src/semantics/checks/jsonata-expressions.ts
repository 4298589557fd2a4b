/**
 * Check: every embedded JSONata expression parses (SW1020, at its exact line
 * and column in the .stw file) and type-checks against its input type
 * (SW24xx, see src/semantics/jsonata). Each distinct source is parsed once.
 */
import jsonata from "jsonata";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { diag } from "../../diagnostics/messages.js";
import type { CheckedModel, ExprInfo } from "../model.js";
import type { Check } from "./check.js";

interface JsonataError {
  code?: string;
  position?: number;
  token?: string;
  message?: string;
}

const syntaxCache = new Map<string, JsonataError | null>();

/** Parses once per distinct source; null = no syntax error. */
export function jsonataSyntaxError(source: string): JsonataError | null {
  let r = syntaxCache.get(source);
  if (r === undefined) {
    try {
      jsonata(source);
      r = null;
    } catch (e) {
      r = (e ?? {}) as JsonataError;
    }
    if (syntaxCache.size > 100_000) syntaxCache.clear();
    syntaxCache.set(source, r);
  }
  return r;
}

/** All expressions of the model, with a label for messages. */
export function allExpressions(model: CheckedModel): ExprInfo[] {
  const out: ExprInfo[] = [];
  for (const s of model.scenarios) for (const e of [s.detect, s.region, s.correlate, s.idempotency]) if (e) out.push(e);
  for (const t of model.transforms.values()) if (t.expr) out.push(t.expr);
  for (const list of model.regions.values()) for (const r of list) for (const b of r.bindings) if (b.when) out.push(b.when);
  for (const t of model.tests) for (const e of t.decl.expects) if (e.kind === "field" || e.kind === "absent") out.push({ source: e.path.source, file: t.file, sourceStart: e.path.sourceStart });
  return out;
}

export function syntaxDiagnostic(e: ExprInfo, err: JsonataError): Diagnostic {
  // jsonata reports the position just past the offending token.
  const tokenLen = typeof err.token === "string" ? err.token.length : 1;
  const pos = typeof err.position === "number" ? Math.max(0, Math.min(err.position - tokenLen, e.source.length)) : 0;
  const start = e.sourceStart + pos;
  const detail = `${(err.message ?? "invalid expression").replace(/\s+/g, " ")}${err.code ? ` (${err.code})` : ""}`;
  return diag("jsonata-syntax", { file: e.file, start, end: start + Math.max(1, tokenLen) }, { detail });
}

export const jsonataExpressions: Check = (model, report) => {
  const seen = new Set<string>();
  for (const e of allExpressions(model)) {
    const id = `${e.file}:${e.sourceStart}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const err = jsonataSyntaxError(e.source);
    if (err) report(syntaxDiagnostic(e, err));
  }
};
