/**
 * Static type checking of one JSONata expression against the type of its input
 * (see docs/jsonata-typing.md for the rules and every SW24xx code).
 */
import { ANY, type Type, type TypeRegistry } from "../../types/model.js";
import { isNode } from "./ast.js";
import { jsonataDiagnostic } from "./codes.js";
import type { JsonataDiagnostic } from "./diagnostics.js";
import { childScope, functionValue, inf, type Env, type Expect, type Scope } from "./env.js";
import { checkUnapplied } from "./infer-call.js";
import type { DeclaredFunction } from "./declared.js";
import { createRun } from "./infer.js";
import { parseJsonata } from "./parse.js";
import { SpanIndex } from "./spans.js";

/** What the rule file knows about an expression's surroundings. */
export interface JsonataCheckContext {
  /** Named types referenced by `ref` types. */
  registry: TypeRegistry;
  /** Types of bound variables by name, with or without the leading `$` (lookup tables, region values). */
  variables?: Readonly<Record<string, Type>>;
  /**
   * Shared functions declared in the rules, by the name they are called with (without `$`):
   * calls are typed with the declared signature. A bound variable of the same name wins.
   */
  functions?: Readonly<Record<string, DeclaredFunction>>;
  /** The type the expression's value must fit (target message, field, boolean condition...). */
  expected?: Type;
  /** The value may be absent (default false: an absent result is reported when `expected` is set). */
  expectedOptional?: boolean;
  /** Words naming the target in messages (default "the target"), e.g. "the region key". */
  targetLabel?: string;
  /** The rule says `allow float`: decimals in float arithmetic are reported as info, not error. */
  allowFloatOnDecimal?: boolean;
  /** The rule says `allow untyped`: untypable constructs are reported as info, not error. */
  untypedAllowed?: boolean;
  /**
   * The AST of `source` from an earlier `jsonata(source).ast()` (or {@link parseJsonata}),
   * so a caller that caches by source parses each distinct source once.
   */
  ast?: unknown;
}

export interface JsonataCheckResult {
  /** The processed jsonata AST; absent when the expression has a syntax error. */
  ast?: unknown;
  /** The inferred type of the expression's value (`any` when unknown or on a syntax error). */
  type: Type;
  /** The value may be absent (JSONata `undefined`). */
  optional: boolean;
  /** Diagnostics with offsets relative to `source`, sorted by position. */
  diagnostics: JsonataDiagnostic[];
}

/**
 * Type-checks a JSONata expression.
 *
 * @param source the expression text (offsets in diagnostics are relative to it)
 * @param input  the type of the input document (`$` at the top, and `$$`); `any` for untyped input
 * @param ctx    registry, bound variables, expected output type and rule annotations
 * @returns the inferred type and diagnostics. Never throws: syntax errors are SW2400
 *          diagnostics, and an internal failure becomes an SW2499 warning.
 */
export function checkExpression(source: string, input: Type, ctx: JsonataCheckContext): JsonataCheckResult {
  let ast = ctx.ast;
  if (ast === undefined) {
    const parsed = parseJsonata(source);
    if (parsed.ast === undefined) return { type: ANY, optional: true, diagnostics: parsed.diagnostics };
    ast = parsed.ast;
  }
  if (!isNode(ast)) return { ast, type: ANY, optional: true, diagnostics: [] };
  const spans = new SpanIndex(source, ast);
  const run = createRun(source, spans, ctx.registry, {
    allowFloatOnDecimal: ctx.allowFloatOnDecimal === true,
    untypedAllowed: ctx.untypedAllowed === true,
  });
  try {
    const globals: Scope = { vars: new Map() };
    for (const [name, fn] of Object.entries(ctx.functions ?? {})) {
      globals.vars.set(name, inf(functionValue(run, { kind: "declared", fn }, fn.params.map((p) => p.type), fn.result)));
    }
    for (const [name, t] of Object.entries(ctx.variables ?? {})) globals.vars.set(name.replace(/^\$/, ""), inf(t));
    const inputType: Type = typeof input === "object" && input !== null && typeof input.kind === "string" ? input : ANY;
    const env: Env = { ctx: inputType, ancestors: [], root: inputType, scope: childScope(globals), present: new Set() };
    const expect: Expect | undefined = ctx.expected
      ? { type: ctx.expected, required: ctx.expectedOptional !== true, target: ctx.targetLabel ?? "the target" }
      : undefined;
    const r = run.infer(ast, env, expect);
    checkUnapplied(run);
    return { ast, type: r.t, optional: r.opt, diagnostics: run.sink.sorted() };
  } catch (err: unknown) {
    if (process.env.JSONATA_CHECK_DEBUG) console.error(err);
    const detail = err instanceof Error ? err.name : "unexpected failure";
    run.sink.add(jsonataDiagnostic("internal", spans.whole(), { detail }));
    return { ast, type: ANY, optional: true, diagnostics: run.sink.sorted() };
  }
}
