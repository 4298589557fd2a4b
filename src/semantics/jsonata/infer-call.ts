/**
 * Typing of function values and calls: built-in calls against their
 * signatures, lambdas (inferred per call site with the argument types; body
 * checked once with `any` parameters when never called), partial application,
 * regex matchers, `~>` application and chaining, and the transform operator.
 *
 * Untypable calls (recursion, calling a value whose function is unknown) are
 * reported with SW2415; calling a non-function with SW2416.
 */
import { ANY, type Type } from "../../types/model.js";
import { lhsNode, type JNode } from "./ast.js";
import { BUILTINS, MATCH_RECORD, type CallCtx } from "./builtins.js";
import { bindSignature, checkArgument, signatureOf } from "./call-signature.js";
import {
  childScope,
  functionValue,
  inf,
  lookupVar,
  rangeOf,
  report,
  reportUntyped,
  visibleVars,
  type CallArg,
  type Env,
  type FnInfo,
  type Inf,
  type Run,
} from "./env.js";
import { applyTransform } from "./transform.js";
import { callDeclared } from "./declared.js";
import { paramType } from "./signature.js";
import type { Range } from "./spans.js";
import { didYouMean } from "./suggest.js";
import { describe, members, union } from "./type-ops.js";

const EMPTY: ReadonlySet<string> = new Set();
/** Calls a built-in with typed arguments. */
export function callBuiltin(run: Run, name: string, args: CallArg[], range: Range, env: Env): Inf {
  const def = BUILTINS[name]!;
  const sig = signatureOf(def.sig)!;
  const bound = bindSignature(run, sig, name, args, range, env);
  if (bound === undefined) return inf(ANY);
  let fromDecimal = args.some((a) => a.inf.fromDecimal);
  let failed = false;
  for (const [i, param] of bound.paramOf) {
    const verdict = checkArgument(run, name, param, args[i]!, i);
    if (verdict === "decimal") fromDecimal = true;
    if (verdict === "error") failed = true;
  }
  if (failed) return inf(ANY);
  const ctx: CallCtx = {
    run,
    env,
    args: bound.args,
    range,
    apply: (fn, as, r) => applyValue(run, fn, as.map((x) => ({ inf: x, range: r })), r, env, "the callback", false),

  };
  const res = def.result(ctx);
  const out: Inf = "kind" in res ? { t: res, opt: false } : { ...res };
  const missing = def.missing ?? "propagate";
  if (missing === "propagate") out.opt = out.opt || (bound.args[0]?.inf.opt ?? false);
  else if (missing === "always") out.opt = true;
  if (fromDecimal) out.fromDecimal = true;
  return out;
}

/** Infers a lambda body for one call, with recursion detection and memoisation. */
function callLambda(run: Run, info: Extract<FnInfo, { kind: "lambda" }>, args: CallArg[], range: Range): Inf {
  const node = info.node;
  if (run.lambdaStack.includes(node)) {
    reportUntyped(run, range, "A recursive function call");
    return inf(ANY);
  }
  const params = (node.arguments ?? []).map((p) => String(p.value));
  const sig = node.signature?.definition ? signatureOf(node.signature.definition) : undefined;
  let values: Array<Inf | undefined> = params.map((_, i) => args[i]?.inf);
  if (sig) {
    const bound = bindSignature(run, sig, "function", args, range, info.env);
    values = params.map((_, i) => {
      const b = bound?.args[i];
      const declared = sig.params[i] ? paramType(sig.params[i]!) : ANY;
      if (b === undefined) return inf(declared, true);
      return b.inf.t.kind === "any" ? { ...b.inf, t: declared } : b.inf;
    });
  }
  const key = values.map((v) => (v ? `${describe(v.t, run.registry)}${v.opt ? "?" : ""}` : "-")).join(",");
  let memo = run.lambdaMemo.get(node);
  const cached = memo?.get(key);
  if (cached) return cached;
  run.unchecked.delete(node);
  const scope = childScope(info.env.scope);
  params.forEach((p, i) => scope.vars.set(p, values[i] ?? inf(ANY, true)));
  run.lambdaStack.push(node);
  let r: Inf;
  try {
    r = node.body ? run.infer(node.body, { ...info.env, scope, present: EMPTY }) : inf(ANY, true);
  } finally {
    run.lambdaStack.pop();
  }
  if (!memo) run.lambdaMemo.set(node, (memo = new Map()));
  memo.set(key, r);
  return r;
}

/**
 * How many arguments a higher-order built-in passes to a callback: as many as
 * the callback declares (jsonata's getFunctionArity): a lambda's parameters, a
 * built-in's required parameters, a partial application's `?` holes.
 */
function callbackArity(run: Run, info: FnInfo | undefined): number {
  if (info === undefined) return Infinity;
  switch (info.kind) {
    case "lambda":
      return info.node.arguments?.length ?? 0;
    case "builtin": {
      const sig = signatureOf(BUILTINS[info.name]!.sig);
      return sig ? sig.params.filter((p) => !p.optional).length : Infinity;
    }
    case "partial":
      return info.args.filter((a) => a === null).length;
    case "declared":
      return info.fn.params.length;
    default:
      return Infinity;
  }
}

/**
 * Applies a function value to arguments.
 * @param explicit the call is written in the source (an unknown function is then reported as untyped)
 */
export function applyValue(run: Run, fn: Inf, args: CallArg[], range: Range, env: Env, what: string, explicit: boolean): Inf {
  const results: Inf[] = [];
  for (const m of members(fn.t, run.registry)) {
    if (m.kind === "any") {
      if (explicit) reportUntyped(run, range, `The call of ${what}, whose function is not known statically,`);
      return inf(ANY);
    }
    if (m.kind !== "function") {
      if (m.kind === "union") continue; // never
      report(run, "not-a-function", range, { what, type: describe(m, run.registry) });
      return inf(ANY);
    }
    const info = run.fnInfo.get(m);
    if (!explicit) args = args.slice(0, Math.max(1, callbackArity(run, info)));
    if (info === undefined) {
      results.push(inf(m.result, true));
      continue;
    }
    switch (info.kind) {
      case "builtin":
        results.push(callBuiltin(run, info.name, args, range, env));
        break;
      case "lambda":
        results.push(callLambda(run, info, args, range));
        break;
      case "partial": {
        const rest = [...args];
        const filled = info.args.map((a) => a ?? rest.shift() ?? { inf: inf(ANY, true), range });
        results.push(applyValue(run, info.target, [...filled, ...rest], range, env, `\`$${info.name}\``, false));
        break;
      }
      case "regex":
        results.push(inf(MATCH_RECORD, true));
        break;
      case "transform":
        results.push(applyTransform(run, info.node, info.env, args[0]?.inf ?? inf(ANY)));
        break;
      case "chain": {
        const first = applyValue(run, info.first, args, range, env, what, false);
        results.push(applyValue(run, info.second, [{ inf: first, range }], range, env, what, false));
        break;
      }
      case "declared":
        results.push(callDeclared(run, info.fn, args, range));
        break;
    }
  }
  if (results.length === 0) return inf(ANY);
  return { t: union(results.map((r) => r.t)), opt: results.some((r) => r.opt) };
}

/** A variable naming a function: bound value, or built-in, or unknown (reported). */
function resolveFunctionVariable(run: Run, name: string, env: Env, range: Range, asCall: boolean): Inf | undefined {
  const bound = lookupVar(env.scope, name);
  if (bound) return bound;
  if (BUILTINS[name]) return inf(functionValue(run, { kind: "builtin", name }));
  const candidates = [...Object.keys(BUILTINS), ...visibleVars(env.scope)];
  const best = didYouMean(name, candidates);
  report(run, asCall ? "unknown-function" : "unknown-variable", range, { name }, best ? { suggestion: `$${best}` } : {});
  return undefined;
}

/** The value of `$name` (not called). */
export function inferVariable(run: Run, node: JNode, env: Env): Inf {
  const name = String(node.value);
  if (name === "") return inf(env.ctx);
  if (name === "$") return inf(env.root);
  return resolveFunctionVariable(run, name, env, rangeOf(run, node), false) ?? inf(ANY);
}

/** A function call `f(args)`; `applyTo` is the left side of `~>`, passed as first argument. */
export function inferCall(run: Run, node: JNode, env: Env, applyTo?: CallArg): Inf {
  const range = rangeOf(run, node);
  const proc = node.procedure;
  const args: CallArg[] = applyTo ? [applyTo] : [];
  for (const a of node.arguments ?? []) args.push({ inf: run.infer(a, env), node: a, range: rangeOf(run, a, range) });
  if (proc === undefined) return inf(ANY);
  if (proc.type === "variable") {
    const name = String(proc.value);
    if (name !== "" && name !== "$" && lookupVar(env.scope, name) === undefined && BUILTINS[name]) {
      return callBuiltin(run, name, args, range, env);
    }
    const fn = name === "" ? inf(env.ctx) : name === "$" ? inf(env.root) : resolveFunctionVariable(run, name, env, rangeOf(run, proc, range), true);
    return fn ? applyValue(run, fn, args, range, env, `\`$${name}\``, true) : inf(ANY);
  }
  if (proc.type === "path" && proc.steps?.length === 1 && proc.steps[0]!.type === "name" && !proc.steps[0]!.stages) {
    const name = String(proc.steps[0]!.value);
    const known = BUILTINS[name] !== undefined || lookupVar(env.scope, name) !== undefined;
    report(run, "not-a-function", rangeOf(run, proc, range), { what: `\`${name}\``, type: "a field path (a function name starts with `$`)" }, known ? { suggestion: `$${name}` } : {});
    return inf(ANY);
  }
  const fn = run.infer(proc, env);
  return applyValue(run, fn, args, range, env, "this expression", true);
}

/** A partial application `$f(?, 2)`: a function of the `?` arguments. */
export function inferPartial(run: Run, node: JNode, env: Env): Inf {
  const range = rangeOf(run, node);
  const args: Array<CallArg | null> = (node.arguments ?? []).map((a) =>
    a.type === "operator" && a.value === "?" ? null : { inf: run.infer(a, env), node: a, range: rangeOf(run, a, range) },
  );
  const proc = node.procedure;
  let target: Inf | undefined;
  let name = "function";
  if (proc?.type === "variable") {
    name = String(proc.value);
    target = resolveFunctionVariable(run, name, env, rangeOf(run, proc, range), true);
  } else if (proc) target = run.infer(proc, env);
  if (target === undefined) return inf(ANY);
  const holes = args.filter((a) => a === null).length;
  return inf(functionValue(run, { kind: "partial", target, args, name }, Array.from({ length: holes }, () => ANY)));
}

/** A lambda value; its body is checked when called, or at the end with `any` parameters. */
export function inferLambda(run: Run, node: JNode, env: Env): Inf {
  if (node.thunk) return node.body ? run.infer(node.body, env) : inf(ANY);
  const sig = node.signature?.definition ? signatureOf(node.signature.definition) : undefined;
  const params = (node.arguments ?? []).map((_, i) => (sig?.params[i] ? paramType(sig.params[i]!) : ANY));
  if (!run.lambdaMemo.has(node) && !run.unchecked.has(node)) run.unchecked.set(node, env);
  return inf(functionValue(run, { kind: "lambda", node, env }, params, ANY));
}

/** `lhs ~> rhs`: call with lhs as first argument, apply a transform, or chain two functions. */
export function inferApply(run: Run, node: JNode, env: Env): Inf {
  const left = lhsNode(node);
  const range = rangeOf(run, node);
  const l = left ? run.infer(left, env) : inf(ANY);
  const lhs: CallArg = { inf: l, node: left, range: rangeOf(run, left, range) };
  const rhs = node.rhs;
  if (rhs === undefined) return inf(ANY);
  if (rhs.type === "function") return inferCall(run, rhs, env, lhs);
  if (rhs.type === "transform") return applyTransform(run, rhs, env, l);
  const f = run.infer(rhs, env);
  const isFn = (t: Type): boolean => members(t, run.registry).every((m) => m.kind === "function");
  if (isFn(l.t) && isFn(f.t) && members(l.t, run.registry).length > 0) {
    return inf(functionValue(run, { kind: "chain", first: l, second: f }));
  }
  return applyValue(run, f, [lhs], range, env, "the right side of `~>`", true);
}

/** A transform expression not applied with `~>`: a function value. */
export function inferTransformValue(run: Run, node: JNode, env: Env): Inf {
  if (!run.unchecked.has(node)) run.unchecked.set(node, env);
  return inf(functionValue(run, { kind: "transform", node, env }, [ANY], ANY));
}

/** Checks the bodies of lambdas and transforms that were never applied (parameters typed `any`). */
export function checkUnapplied(run: Run): void {
  for (let guard = 0; run.unchecked.size > 0 && guard < 10_000; guard++) {
    const [node, env] = run.unchecked.entries().next().value as [JNode, Env];
    run.unchecked.delete(node);
    if (node.type === "transform") applyTransform(run, node, env, inf(ANY));
    else {
      const sig = node.signature?.definition ? signatureOf(node.signature.definition) : undefined;
      const args = (node.arguments ?? []).map((_, i): CallArg => ({ inf: inf(sig?.params[i] ? paramType(sig.params[i]!) : ANY), range: rangeOf(run, node) }));
      callLambda(run, { kind: "lambda", node, env }, args, rangeOf(run, node));
    }
  }
}
