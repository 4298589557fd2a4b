/**
 * Canonical keys of expressions, ignoring source positions, so that the checker
 * can tell that the `then` branch of `x ? x : "d"`, `$exists(x) ? x : "d"`,
 * `x ?: "d"` or `x ?? "d"` reads a value known to be present.
 */
import { isNode, type JNode } from "./ast.js";

const SEP = "\u0001";
const memo = new WeakMap<object, string>();
const IGNORED = new Set(["position", "tuple", "seekingParent", "ancestor", "slot", "errors", "keepArray", "consarray"]);

/** The name steps of a plain path (`a.b.c`, no predicates or bindings), or undefined. */
function plainPathNames(n: JNode): string[] | undefined {
  if (n.type !== "path" || !n.steps || n.group) return undefined;
  const names: string[] = [];
  for (const s of n.steps) {
    if (s.type !== "name" || s.stages || s.focus || s.index || s.group) return undefined;
    names.push(String(s.value));
  }
  return names;
}

/** A canonical string for an expression; plain paths get a prefix-friendly form. */
export function exprKey(n: JNode): string {
  const cached = memo.get(n);
  if (cached !== undefined) return cached;
  const names = plainPathNames(n);
  let key: string;
  if (names) key = "P" + SEP + names.join(SEP);
  else {
    try {
      key = JSON.stringify(n, (k, v: unknown) => {
        if (IGNORED.has(k)) return undefined;
        if (v instanceof RegExp) return String(v);
        if (k === "signature" && typeof v === "object" && v !== null) return (v as { definition?: unknown }).definition;
        return v;
      });
    } catch {
      key = `#${Math.random()}`; // cyclic (never in jsonata ASTs): never equal to anything
    }
  }
  memo.set(n, key);
  return key;
}

/** True when `n` is known present: its key, or (for a plain path) a longer present path through it. */
export function isKnownPresent(n: JNode, present: ReadonlySet<string>): boolean {
  if (present.size === 0) return false;
  const key = exprKey(n);
  if (present.has(key)) return true;
  if (!key.startsWith("P" + SEP)) return false;
  for (const p of present) if (p.startsWith(key + SEP)) return true;
  return false;
}

/**
 * Keys of the expressions a condition guarantees present when it is true:
 * the condition itself, the argument of `$exists(..)`, both sides of `and`.
 */
export function keysGuardedBy(cond: JNode | undefined): string[] {
  if (cond === undefined) return [];
  const out = [exprKey(cond)];
  if (cond.type === "function" && cond.procedure?.type === "variable" && cond.procedure.value === "exists") {
    const arg = cond.arguments?.[0];
    if (arg) out.push(exprKey(arg));
  }
  if (cond.type === "binary" && cond.value === "and") {
    if (isNode(cond.lhs)) out.push(...keysGuardedBy(cond.lhs));
    out.push(...keysGuardedBy(cond.rhs));
  }
  if (cond.type === "block" && cond.expressions?.length === 1) out.push(...keysGuardedBy(cond.expressions[0]));
  return out;
}
