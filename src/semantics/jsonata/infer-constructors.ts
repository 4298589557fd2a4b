/**
 * Typing of constructors and control flow: object constructors `{k: v}`,
 * array constructors `[a, b, 1..3]`, blocks `(a; b)`, variable binding `:=`
 * and conditionals (`c ? a : b`, and the `?:` and `??` defaults, which the
 * parser turns into conditionals).
 *
 * With an expected type these check structurally, so each problem points at
 * the key or value that causes it: unknown keys, missing required fields, and
 * each value against its field's type.
 */
import { ANY, type RecordType, type Type } from "../../types/model.js";
import { lhsNode, pairsOf, type JNode } from "./ast.js";
import { childScope, inf, rangeOf, report, type Env, type Expect, type Inf, type Run } from "./env.js";
import { keysGuardedBy } from "./expr-key.js";
import { checkValue, fieldRequired, fieldTarget } from "./output-check.js";
import { didYouMean } from "./suggest.js";
import { NEVER, describe, findField, itemOf, listOf, members, resolve, union } from "./type-ops.js";

/** The record an expectation asks for (through a list), if it asks for exactly one record type. */
function expectedRecord(run: Run, expect: Expect | undefined): RecordType | undefined {
  if (expect === undefined) return undefined;
  const e = resolve(expect.type, run.registry);
  const item = e.kind === "list" ? resolve(e.element, run.registry) : e;
  return item.kind === "record" ? item : undefined;
}

/** `{ "key": value, ... }` evaluated against the context. */
export function inferObject(run: Run, node: JNode, env: Env, expect?: Expect): Inf {
  const rec = expectedRecord(run, expect);
  const range = rangeOf(run, node);
  if (expect && rec === undefined) {
    const kinds = members(itemOf(expect.type, run.registry), run.registry);
    if (!kinds.some((k) => k.kind === "any" || k.kind === "record")) {
      checkValue(run, inf({ kind: "record", fields: [] }), { ...expect, required: false }, range);
    }
  }
  const fields: RecordType["fields"] = [];
  let dynamic = false;
  for (const [k, v] of pairsOf(node.lhs)) {
    run.infer(k, env);
    if (k.type !== "string") {
      dynamic = true;
      run.infer(v, env);
      continue;
    }
    const name = String(k.value);
    let valueExpect: Expect | undefined;
    if (rec) {
      const f = findField(rec, name);
      if (f) valueExpect = { type: f.type, required: fieldRequired(f, run), target: fieldTarget(f, rec, run) };
      else if (!rec.open) {
        const best = didYouMean(name, rec.fields.map((g) => g.name));
        const target = describe(rec, run.registry);
        report(run, "output-unknown-field", rangeOf(run, k, range), { target, name }, best ? { suggestion: JSON.stringify(best) } : {});
      }
    }
    const value = run.infer(v, env, valueExpect);
    if (!fields.some((f) => f.name === name)) fields.push({ name, type: value.t, optional: value.opt });
  }
  if (rec && !dynamic && !rec.open) {
    const written = (n: string): boolean => fields.some((f) => f.name === n);
    const missing = rec.choice ? (rec.fields.some((f) => written(f.name)) ? [] : rec.fields) : rec.fields.filter((f) => fieldRequired(f, run) && !written(f.name));
    if (missing.length > 0 && (rec.choice ? rec.fields.length > 0 : true)) {
      const names = missing.map((f) => `\`${f.name}\``).join(", ");
      report(run, "output-missing-field", range, {
        target: expect!.target,
        fields: rec.choice ? `one of ${names}` : names,
      });
    }
  }
  const t: RecordType = { kind: "record", fields };
  if (dynamic) t.open = true;
  return inf(t);
}

/** `[a, b, 1..3]`: items are flattened, except nested array constructors. */
export function inferArray(run: Run, node: JNode, env: Env, expect?: Expect): Inf {
  let itemExpect: Expect | undefined;
  if (expect) {
    const e = resolve(expect.type, run.registry);
    if (e.kind === "list") itemExpect = { type: e.element, required: false, target: expect.target };
    else if (e.kind !== "any" && !members(e, run.registry).some((m) => m.kind === "list" || m.kind === "any")) {
      report(run, "output-cardinality", rangeOf(run, node), {
        target: expect.target,
        actual: "an array",
      });
      itemExpect = { type: e, required: false, target: expect.target };
    }
  }
  const items: Type[] = [];
  let fromDecimal = false;
  for (const e of node.expressions ?? []) {
    const isRange = e.type === "binary" && e.value === "..";
    const nested = e.type === "unary" && e.value === "[";
    // An item that is not itself an array constructor is flattened into the array
    // (`[positionen]` is the list of positions), so it may yield one item or several.
    const expectHere = isRange || itemExpect === undefined ? undefined : nested ? itemExpect : { ...itemExpect, type: listOf(itemExpect.type) };
    const v = run.infer(e, env, expectHere);
    items.push(nested ? v.t : itemOf(v.t, run.registry));
    if (v.fromDecimal) fromDecimal = true;
  }
  const out = inf(listOf(items.length === 0 ? NEVER : union(items)));
  if (fromDecimal) out.fromDecimal = true;
  return out;
}

/** `(e1; e2; ...)`: its own scope; the value of the last expression. */
export function inferBlock(run: Run, node: JNode, env: Env, expect?: Expect): Inf {
  const benv: Env = { ...env, scope: childScope(env.scope) };
  const exprs = node.expressions ?? [];
  let last: Inf = inf(NEVER, true);
  exprs.forEach((e, i) => {
    last = run.infer(e, benv, i === exprs.length - 1 ? expect : undefined);
  });
  if (exprs.length === 0 && expect) checkValue(run, last, expect, rangeOf(run, node), node);
  return last;
}

/** `$name := value`: binds in the current scope; the value is the result. */
export function inferBind(run: Run, node: JNode, env: Env, expect?: Expect): Inf {
  const v = node.rhs ? run.infer(node.rhs, env, expect) : inf(ANY);
  const lhs = lhsNode(node);
  if (lhs?.type === "variable") env.scope.vars.set(String(lhs.value), v);
  return v;
}

/**
 * `c ? a : b`. In the `then` branch the condition (and the argument of a
 * `$exists` test, and both sides of `and`) is known to be present, which makes
 * `x ? x : "d"`, `$exists(x) ? x : "d"`, `x ?: "d"` and `x ?? "d"` defaults.
 */
export function inferCondition(run: Run, node: JNode, env: Env, expect?: Expect): Inf {
  if (node.condition) run.infer(node.condition, env);
  const guarded = keysGuardedBy(node.condition);
  const thenEnv: Env = guarded.length > 0 ? { ...env, present: new Set([...env.present, ...guarded]) } : env;
  const t = node.then ? run.infer(node.then, thenEnv, expect) : inf(ANY);
  if (node.else === undefined) {
    if (expect?.required) {
      report(run, "optional-into-required", rangeOf(run, node), {
        target: expect.target,
        why: "the condition has no `else` branch",
      });
    }
    return { t: t.t, opt: true };
  }
  const e = run.infer(node.else, env, expect);
  const out: Inf = { t: union([t.t, e.t]), opt: t.opt || e.opt };
  if (t.fromDecimal || e.fromDecimal) out.fromDecimal = true;
  return out;
}
