/**
 * JSONata expressions of a routing table: compiled once at load, evaluated
 * many times with a per-evaluation time limit.
 *
 * Time limit: jsonata 2.x checks "guardrails" at the entry of every
 * expression-node evaluation when it was compiled with `{ timeout, stack }`
 * options (error codes D1012 "expression has run for too long", D1011 "stack
 * too deep"). Because a table's expressions are compiled once but routed with
 * per-call limits, the `timeout` option is a getter that reads the limit of
 * the current `route()` call from an AsyncLocalStorage. A Promise.race with a
 * timer would not work: a runaway expression resolves only microtasks, so a
 * timer never fires. What the guardrail cannot interrupt is one long built-in
 * call (e.g. a regular expression over a huge string); input size is bounded
 * by `limits.maxBytes`, and a regular expression that can backtrack
 * exponentially (a repeated group holding a repetition) is refused when the
 * table is loaded (src/table/regex-backtracking.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import jsonata from "jsonata";
import { backtrackingRegexes } from "../table/regex-backtracking.js";

/** Default limit for one evaluation, in milliseconds (RouteLimits.maxEvalMs). */
export const DEFAULT_MAX_EVAL_MS = 2000;
/** Maximum nesting of JSONata evaluation frames (jsonata `stack` guardrail). */
export const MAX_EVAL_STACK = 1000;

const evalLimit = new AsyncLocalStorage<number>();

let compilations = 0;

/** How many JSONata expressions the runtime compiled since process start (benchmarks: 0 per routed message). */
export function jsonataCompilationCount(): number {
  return compilations;
}

/** Shared jsonata options: the timeout follows the current route call's limit. */
const guardrails = {
  get timeout(): number {
    return evalLimit.getStore() ?? DEFAULT_MAX_EVAL_MS;
  },
  stack: MAX_EVAL_STACK,
};

/** One compiled expression of the table. */
export interface CompiledExpression {
  /** Index in RoutingTable.expressions. */
  readonly index: number;
  readonly expr: jsonata.Expression;
}

/** Signature of jsonata's `$eval(expr [, context])`. */
const EVAL_SIGNATURE = "<sx?:x>";

/** jsonata's own `$eval` (a jsonata function object), fetched once on first use. */
let nativeEval: { implementation: (this: unknown, ...args: unknown[]) => unknown } | undefined;

/**
 * `$eval` of table expressions: jsonata's own, after refusing a text whose
 * regular expressions can backtrack exponentially. The text of `$eval` is
 * usually read from the message, so the check at table load cannot see it,
 * and the time limit cannot stop a regular expression. Runs with jsonata's
 * `this` (current input and variables), so it behaves as the built-in
 * otherwise; nested `$eval` calls reach this wrapper again.
 * @throws { code: "regex-backtracking" } (an EvaluationError for the caller)
 */
async function guardedEval(this: unknown, text: unknown, context?: unknown): Promise<unknown> {
  if (typeof text === "string") {
    let ast: unknown;
    try {
      ast = jsonata(text).ast();
    } catch {
      ast = undefined; // a syntax error is reported by the built-in (D3120)
    }
    if (ast !== undefined && backtrackingRegexes(ast).length > 0) throw { code: REGEX_BACKTRACKING };
  }
  nativeEval ??= (await jsonata("$eval").evaluate({})) as typeof nativeEval;
  return nativeEval!.implementation.call(this, text, context);
}

/** CompileFailure code of a regular expression that can backtrack exponentially (src/table/regex-backtracking.ts). */
export const REGEX_BACKTRACKING = "regex-backtracking";

/** Why compiling failed: jsonata's code (or {@link REGEX_BACKTRACKING}) and character position, never the source text. */
export interface CompileFailure {
  index: number;
  code: string;
  position: number;
}

/**
 * Compiles each distinct source once. Equal sources share one compiled
 * expression. Returns the compiled list (parallel to `sources`) or the failures.
 */
export function compileExpressions(
  sources: readonly string[],
): { ok: true; compiled: CompiledExpression[] } | { ok: false; failures: CompileFailure[] } {
  const bySource = new Map<string, jsonata.Expression>();
  const compiled: CompiledExpression[] = [];
  const failures: CompileFailure[] = [];
  sources.forEach((source, index) => {
    let expr = bySource.get(source);
    if (expr === undefined) {
      try {
        compilations++;
        expr = jsonata(source, guardrails as jsonata.JsonataOptions);
        const unsafe = backtrackingRegexes(expr.ast());
        if (unsafe.length > 0) {
          failures.push({ index, code: REGEX_BACKTRACKING, position: unsafe[0]! });
          return;
        }
        expr.registerFunction("eval", guardedEval, EVAL_SIGNATURE);
        bySource.set(source, expr);
      } catch (e) {
        const err = e as { code?: unknown; position?: unknown };
        failures.push({
          index,
          code: typeof err.code === "string" ? err.code : "unknown",
          position: typeof err.position === "number" ? err.position : 0,
        });
        return;
      }
    }
    compiled.push({ index, expr });
  });
  return failures.length > 0 ? { ok: false, failures } : { ok: true, compiled };
}

/** A failed evaluation: jsonata's error code only (its messages may quote input values). */
export class EvaluationError extends Error {
  constructor(
    readonly code: string,
    readonly position: number | undefined,
  ) {
    super(code === "D1012" ? "time limit exceeded" : `jsonata error ${code}`);
    this.name = "EvaluationError";
  }
}

/**
 * Evaluates a compiled expression on `input` with variable `bindings`,
 * stopping after `maxEvalMs` (see the module comment).
 * @throws EvaluationError (payload-free) for any failure, including time-outs.
 */
export async function evaluate(
  ce: CompiledExpression,
  input: unknown,
  bindings: Record<string, unknown> | undefined,
  maxEvalMs: number,
): Promise<unknown> {
  try {
    return await evalLimit.run(maxEvalMs, () => ce.expr.evaluate(input, bindings));
  } catch (e) {
    if (e instanceof RangeError) throw new EvaluationError("stack-overflow", undefined);
    const err = e as { code?: unknown; position?: unknown };
    throw new EvaluationError(
      typeof err.code === "string" ? err.code : "internal",
      typeof err.position === "number" ? err.position : undefined,
    );
  }
}
