/**
 * The state the JSONata checker threads through inference: inferred values,
 * variable scopes, the typing environment of a sub-expression, what an
 * enclosing target expects, and the per-run state (diagnostics, budget,
 * function values).
 */
import type { Type, TypeRegistry } from "../../types/model.js";
import type { JNode } from "./ast.js";
import type { DeclaredFunction } from "./declared.js";
import { jsonataDiagnostic, type JsonataCodeId } from "./codes.js";
import type { DiagnosticSink } from "./diagnostics.js";
import type { Range, SpanIndex } from "./spans.js";

/** The inferred value of an expression. */
export interface Inf {
  t: Type;
  /** The value may be absent (JSONata `undefined`): an optional field, a filter, a missing `else`. */
  opt: boolean;
  /** A number computed from a decimal; the decimal rule was already reported for it. */
  fromDecimal?: boolean;
}

export const inf = (t: Type, opt = false): Inf => ({ t, opt });

/** One argument of a call: its value, its node (when written in the source) and range. */
export interface CallArg {
  inf: Inf;
  node?: JNode;
  range: Range;
}

/** Lexical scope of `$variables`. */
export interface Scope {
  readonly vars: Map<string, Inf>;
  readonly parent?: Scope;
}

export const childScope = (parent: Scope): Scope => ({ vars: new Map(), parent });

export function lookupVar(scope: Scope | undefined, name: string): Inf | undefined {
  for (let s = scope; s !== undefined; s = s.parent) {
    const v = s.vars.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** All variable names visible from a scope (for did-you-mean). */
export function visibleVars(scope: Scope | undefined): string[] {
  const out = new Set<string>();
  for (let s = scope; s !== undefined; s = s.parent) for (const k of s.vars.keys()) out.add(k);
  return [...out];
}

/** Typing environment of one sub-expression. */
export interface Env {
  /** Type of the context item (`$`). */
  ctx: Type;
  /** Types of the enclosing context items, innermost last (for `%`). */
  ancestors: readonly Type[];
  /** Type of the root input (`$$`). */
  root: Type;
  scope: Scope;
  /** Keys of expressions known to be present here (the `then` branch of `x ? x : d`, `x ?? d`). */
  present: ReadonlySet<string>;
}

/** What the enclosing target requires of an expression's value. */
export interface Expect {
  type: Type;
  /** The value must be present (a required field, or the whole output). */
  required: boolean;
  /** Words naming the target in messages, e.g. "field `plz` of record Anschrift". */
  target: string;
}

/** What a function value is, for calls (kept beside the FunctionType). */
export type FnInfo =
  | { kind: "lambda"; node: JNode; env: Env }
  | { kind: "builtin"; name: string }
  | { kind: "partial"; target: Inf; args: Array<CallArg | null>; name: string }
  | { kind: "regex" }
  | { kind: "transform"; node: JNode; env: Env }
  | { kind: "chain"; first: Inf; second: Inf }
  | { kind: "declared"; fn: DeclaredFunction };

/** Options of one check (from JsonataCheckContext). */
export interface RunOptions {
  allowFloatOnDecimal: boolean;
  untypedAllowed: boolean;
}

/** Per-check state. */
export interface Run {
  readonly source: string;
  readonly registry: TypeRegistry;
  readonly options: RunOptions;
  readonly spans: SpanIndex;
  readonly sink: DiagnosticSink;
  /** Remaining inference steps before the checker gives up (termination guard). */
  budget: number;
  /** Lambda bodies being inferred (recursion detection). */
  readonly lambdaStack: JNode[];
  /** Result per lambda node and argument-type key. */
  readonly lambdaMemo: Map<JNode, Map<string, Inf>>;
  /** Lambdas and transforms created but whose bodies were not yet checked. */
  readonly unchecked: Map<JNode, Env>;
  readonly fnInfo: WeakMap<Type, FnInfo>;
  /** Infers a sub-expression; with `expect`, also checks it against the target. */
  infer(node: JNode, env: Env, expect?: Expect): Inf;
}

/** Reports a diagnostic of the run. */
export function report(
  run: Run,
  id: JsonataCodeId,
  range: Range,
  args: Record<string, string | number> = {},
  extra: { suggestion?: string; annotated?: boolean } = {},
): void {
  run.sink.add(jsonataDiagnostic(id, range, args, extra));
}

/** The range of a node, falling back to `fallback` (the enclosing node) or the whole expression. */
export function rangeOf(run: Run, node: JNode | undefined, fallback?: Range): Range {
  return run.spans.spanOf(node) ?? fallback ?? run.spans.whole();
}

/** Creates a function value with its call information. */
export function functionValue(run: Run, info: FnInfo, params: Type[] = [], result: Type = { kind: "any" }): Type {
  const t: Type = { kind: "function", params, result };
  run.fnInfo.set(t, info);
  return t;
}

/** The decimal rule (SW2406): an error, or an info when the rule says `allow float`. */
export function reportDecimal(run: Run, range: Range, what: string): void {
  report(run, "decimal-float", range, { what }, { annotated: run.options.allowFloatOnDecimal });
}

/** A construct the checker cannot type (SW2415): an error, or an info when the rule says `allow untyped`. */
export function reportUntyped(run: Run, range: Range, construct: string): void {
  report(run, "untyped-construct", range, { construct }, { annotated: run.options.untypedAllowed });
}
