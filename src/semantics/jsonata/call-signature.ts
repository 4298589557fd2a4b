/**
 * Checking the arguments of a call against a JSONata function signature:
 * arity (SW2409), argument and context types (SW2410), item types of typed
 * arrays (`a<n>`), and decimals passed to number parameters (SW2406).
 */
import { inf, report, reportDecimal, type CallArg, type Env, type Run } from "./env.js";
import { DECIMAL_TO_FLOAT } from "./builtins.js";
import { describeParam, matchSignature, parseSignature, type SigParam, type Signature } from "./signature.js";
import type { Range } from "./spans.js";
import { describe, hasDecimal, itemOf, symbolsOf, type Sym } from "./type-ops.js";

const signatureCache = new Map<string, Signature | undefined>();

export function signatureOf(definition: string): Signature | undefined {
  if (!signatureCache.has(definition)) signatureCache.set(definition, parseSignature(definition));
  return signatureCache.get(definition);
}

const plural = (n: number): string => `${n} argument${n === 1 ? "" : "s"}`;
function arityText(min: number, max: number): string {
  if (max === Infinity) return `at least ${plural(min)}`;
  return min === max ? plural(min) : `${min} to ${max} arguments`;
}

export interface Bound {
  /** Arguments in parameter order, context substituted. */
  args: Array<CallArg | undefined>;
  /** For each given argument (by index), the parameter it fills. */
  paramOf: Map<number, SigParam>;
}

/**
 * Checks arguments against a signature; reports arity and type problems.
 * @returns the arguments in parameter order, or undefined after an error.
 */
export function bindSignature(run: Run, sig: Signature, name: string, args: CallArg[], range: Range, env: Env): Bound | undefined {
  const m = matchSignature(
    sig,
    args.map((a) => symbolsOf(a.inf.t, run.registry)),
  );
  if (!m.ok) {
    if (m.kind === "arity") {
      report(run, "function-arity", range, { name, expected: arityText(m.min, m.max), actual: plural(args.length) });
    } else {
      const a = args[m.index]!;
      report(run, "function-argument", a.range, {
        which: `Argument ${m.index + 1}`,
        name,
        expected: m.param ? describeParam(m.param) : "of another type",
        actual: describe(a.inf.t, run.registry),
      });
    }
    return undefined;
  }
  const out: Array<CallArg | undefined> = [];
  const paramOf = new Map<number, SigParam>();
  for (const slot of m.slots) {
    if (slot.kind === "none") out.push(undefined);
    else if (slot.kind === "context") {
      const syms = symbolsOf(env.ctx, run.registry);
      if (![...syms].some((s) => slot.param.accept.has(s))) {
        report(run, "function-argument", range, {
          which: "The context value (used because the argument is left out)",
          name,
          expected: describeParam(slot.param),
          actual: describe(env.ctx, run.registry),
        });
        return undefined;
      }
      out.push({ inf: inf(env.ctx), range });
    } else
      for (const i of slot.args) {
        out.push(args[i]);
        paramOf.set(i, slot.param);
      }
  }
  return { args: out, paramOf };
}

/**
 * Decimal rule and array item types for one argument of a built-in.
 * @returns "decimal" when a decimal goes into float arithmetic, "error" after a type error.
 */
const decimalCall = (name: string): string => `\`$${name}\` computes with a decimal (money) value in binary floating point`;

export function checkArgument(run: Run, name: string, param: SigParam, a: CallArg, index: number): "ok" | "decimal" | "error" {
  const reg = run.registry;
  if (param.symbol === "a" && param.subtype) {
    const element = itemOf(a.inf.t, reg);
    const want = param.subtype.charAt(0) as Sym;
    if (want === "n" && hasDecimal(element, reg)) {
      reportDecimal(run, a.range, decimalCall(name));
      return "decimal";
    }
    if (!symbolsOf(element, reg).has(want)) {
      report(run, "function-argument", a.range, {
        which: `Argument ${index + 1}`,
        name,
        expected: describeParam(param),
        actual: describe(a.inf.t, reg),
      });
      return "error";
    }
    return "ok";
  }
  if (param.accept.has("n") && (!param.accept.has("s") || DECIMAL_TO_FLOAT.has(name)) && hasDecimal(a.inf.t, reg)) {
    reportDecimal(run, a.range, decimalCall(name));
    return "decimal";
  }
  return "ok";
}

