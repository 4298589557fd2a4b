/**
 * JSONata function signatures (`<s-nn?:s>`), as documented in the JSONata
 * manual ("Function signatures") and used by the built-ins: parsing, and
 * matching argument types against parameters statically.
 *
 * Symbols: s string, n number, b boolean, l null, o object, a array (any value
 * is accepted and wrapped), f function, j any JSON value, x anything,
 * (..) a choice, `a<n>` / `f<...>` a subtype. Modifiers: `?` optional,
 * `+` one or more, `-` the context value is used when the argument is missing.
 */
import { ANY, type Type } from "../../types/model.js";
import { ALL_SYMS, BOOLEAN, NULL, NUMBER, OPEN_RECORD, STRING, listOf, union, type Sym } from "./type-ops.js";

export interface SigParam {
  /** The symbol as written: "s", "a", "(sf)", "x". */
  symbol: string;
  /** Value symbols the parameter accepts. */
  accept: ReadonlySet<Sym>;
  /** `-`: the context value stands in when the argument is missing. */
  context: boolean;
  optional: boolean;
  /** `+`: one or more arguments. */
  variadic: boolean;
  /** Subtype of `a<..>` or `f<..>`, e.g. "n" for `a<n>`. */
  subtype?: string;
}

export interface Signature {
  definition: string;
  params: SigParam[];
  /** The result symbol(s) after `:`, if given. */
  result?: string;
}

const acceptOf = (symbol: string): Set<Sym> => {
  switch (symbol) {
    case "a":
    case "x":
      return new Set(ALL_SYMS);
    case "j":
      return new Set<Sym>(["s", "n", "b", "l", "o", "a"]);
    default:
      return new Set([...symbol].filter((c): c is Sym => ALL_SYMS.has(c as Sym)));
  }
};

/**
 * Parses a signature. Unknown characters are skipped (jsonata ignores them too).
 * @returns undefined when the text is not a `<...>` signature.
 */
export function parseSignature(definition: string): Signature | undefined {
  if (!definition.startsWith("<") || !definition.endsWith(">")) return undefined;
  const body = definition.slice(1, -1);
  const params: SigParam[] = [];
  const sig: Signature = { definition, params };
  let i = 0;
  const closing = (open: string, close: string, from: number): number => {
    let depth = 0;
    for (let p = from; p < body.length; p++) {
      if (body[p] === open) depth++;
      else if (body[p] === close && --depth === 0) return p;
    }
    return body.length - 1;
  };
  while (i < body.length) {
    const c = body.charAt(i);
    const last = params[params.length - 1];
    if (c === ":") {
      sig.result = body.slice(i + 1);
      break;
    }
    if ("snbloafjx".includes(c)) {
      params.push({ symbol: c, accept: acceptOf(c), context: false, optional: false, variadic: false });
    } else if (c === "(") {
      const end = closing("(", ")", i);
      const choice = body.slice(i + 1, end);
      params.push({ symbol: `(${choice})`, accept: acceptOf(choice), context: false, optional: false, variadic: false });
      i = end;
    } else if (c === "<" && last) {
      const end = closing("<", ">", i);
      last.subtype = body.slice(i + 1, end);
      i = end;
    } else if (c === "-" && last) last.context = true;
    else if (c === "?" && last) last.optional = true;
    else if (c === "+" && last) last.variadic = true;
    i++;
  }
  return sig;
}

const SYMBOL_WORDS: Record<string, string> = {
  s: "a string",
  n: "a number",
  b: "a boolean",
  l: "null",
  o: "an object",
  a: "an array",
  f: "a function",
  j: "a JSON value",
  x: "any value",
};
const PLURAL: Record<string, string> = { s: "strings", n: "numbers", b: "booleans", o: "objects", a: "arrays", f: "functions" };

/** "a string", "a string or a function", "an array of numbers". */
export function describeParam(p: SigParam): string {
  if (p.symbol === "a" && p.subtype && PLURAL[p.subtype.charAt(0)]) return `an array of ${PLURAL[p.subtype.charAt(0)]}`;
  const chars = p.symbol.startsWith("(") ? [...p.symbol.slice(1, -1)] : [p.symbol];
  return chars.map((c) => SYMBOL_WORDS[c] ?? c).join(" or ");
}

/** The type a lambda parameter gets from its signature symbol (`a<n>` becomes a list of numbers). */
export function paramType(p: SigParam, depth = 0): Type {
  const one = (c: string): Type => {
    switch (c) {
      case "s":
        return STRING;
      case "n":
        return NUMBER;
      case "b":
        return BOOLEAN;
      case "l":
        return NULL;
      case "o":
        return OPEN_RECORD;
      case "a": {
        const inner = p.symbol === "a" && p.subtype && depth < 8 ? parseSignature(`<${p.subtype}>`)?.params[0] : undefined;
        return listOf(inner ? paramType(inner, depth + 1) : ANY);
      }
      case "f":
        return { kind: "function", params: [], result: ANY };
      default:
        return ANY;
    }
  };
  if (p.symbol.startsWith("(")) return union([...p.symbol.slice(1, -1)].map(one));
  return one(p.symbol);
}

/** How one parameter was filled by a successful match. */
export type Slot =
  | { param: SigParam; kind: "args"; args: number[] }
  | { param: SigParam; kind: "context" }
  | { param: SigParam; kind: "none" };

export type MatchResult =
  | { ok: true; slots: Slot[] }
  | { ok: false; kind: "arity"; min: number; max: number }
  | { ok: false; kind: "type"; index: number; param?: SigParam };

const fits = (arg: ReadonlySet<Sym>, p: SigParam): boolean => [...arg].some((s) => p.accept.has(s));

/** Backtracking match of argument symbol sets to parameters (leftmost, greedy, like jsonata's regex). */
function search(params: readonly SigParam[], args: ReadonlyArray<ReadonlySet<Sym> | null>): Slot[] | undefined {
  const slots: Slot[] = [];
  const fit = (a: ReadonlySet<Sym> | null | undefined, p: SigParam): boolean => a === null || (a !== undefined && fits(a, p));
  const go = (pi: number, ai: number): boolean => {
    const p = params[pi];
    if (p === undefined) return ai === args.length;
    if (ai < args.length && fit(args[ai], p)) {
      let n = 1;
      if (p.variadic) while (ai + n < args.length && fit(args[ai + n], p)) n++;
      for (let k = n; k >= 1; k--) {
        slots.push({ param: p, kind: "args", args: Array.from({ length: k }, (_, j) => ai + j) });
        if (go(pi + 1, ai + k)) return true;
        slots.pop();
      }
    }
    if (p.optional || p.context) {
      slots.push({ param: p, kind: p.context ? "context" : "none" });
      if (go(pi + 1, ai)) return true;
      slots.pop();
    }
    return false;
  };
  return go(0, 0) ? slots : undefined;
}

/**
 * Matches arguments (each given by the symbols its type may have) to a signature.
 * On failure tells whether the count is wrong or which argument (0-based) is the
 * first that no match accepts.
 */
export function matchSignature(sig: Signature, args: ReadonlyArray<ReadonlySet<Sym>>): MatchResult {
  const slots = search(sig.params, args);
  if (slots) return { ok: true, slots };
  const min = sig.params.filter((p) => !p.optional && !p.context).length;
  const max = sig.params.some((p) => p.variadic) ? Infinity : sig.params.length;
  if (args.length < min || args.length > max) return { ok: false, kind: "arity", min, max };
  for (let i = 0; i < args.length; i++) {
    const probe = args.map((a, j) => (j <= i ? a : null));
    if (search(sig.params, probe) === undefined) {
      const relaxed = search(sig.params, args.map((a, j) => (j < i ? a : null)));
      const slot = relaxed?.find((s) => s.kind === "args" && s.args.includes(i));
      return { ok: false, kind: "type", index: i, param: slot?.param };
    }
  }
  return { ok: false, kind: "arity", min, max };
}
