/**
 * Typing of JSONata location paths: name steps through records, mapping over
 * lists (a step over a list of records maps, and the result of a path that went
 * through a list is a list), predicates and indexes, wildcards, descendants,
 * parent, focus (`@$v`) and index (`#$i`) bindings, order-by and group-by.
 */
import { ANY, type RecordType, type Type } from "../../types/model.js";
import type { JNode, JStage } from "./ast.js";
import { childScope, inf, rangeOf, report, type Env, type Expect, type Inf, type Run } from "./env.js";
import { FUNCTION_BODY_INPUT_NAME } from "./declared.js";
import { isKnownPresent } from "./expr-key.js";
import { didYouMean, pathName } from "./suggest.js";
import {
  INTEGER,
  classesOf,
  describe,
  fieldValues,
  findField,
  itemOf,
  kindWord,
  listMayBeEmpty,
  listOf,
  mayBeList,
  members,
  resolve,
  union,
} from "./type-ops.js";
import type { Range } from "./spans.js";

const EMPTY: ReadonlySet<string> = new Set();

/** Looks a field up in every member of `t`; lists map (and make the result a list). */
export function lookupField(run: Run, t: Type, name: string, range: Range): Inf {
  const found: Inf[] = [];
  const closed: RecordType[] = [];
  const scalars: Type[] = [];
  let sawAny = false;
  let throughList = false;
  let listEmpty = false;
  const visit = (x: Type, depth: number): void => {
    if (depth > 8) {
      sawAny = true;
      return;
    }
    for (const m of members(x, run.registry)) {
      if (m.kind === "any") sawAny = true;
      else if (m.kind === "list") {
        throughList = true;
        if (listMayBeEmpty(m, run.registry)) listEmpty = true;
        visit(m.element, depth + 1);
      } else if (m.kind === "record") {
        const f = findField(m, name);
        if (f) found.push({ t: f.type, opt: f.optional || listMayBeEmpty(f.type, run.registry) });
        else if (m.open) sawAny = true;
        else closed.push(m);
      } else if (m.kind === "union") {
        /* never */
      } else scalars.push(m);
    }
  };
  visit(t, 0);
  if (sawAny) return inf(ANY);
  if (found.length === 0) {
    if (closed.some((r) => r.name === FUNCTION_BODY_INPUT_NAME)) {
      report(run, "function-reads-input", range, { name });
    } else if (closed.length > 0) {
      const candidates = new Set(closed.flatMap((r) => r.fields.map((f) => f.name)));
      // XÖV names such as `identifikation.nachricht` contain a dot: written unquoted they read as two steps
      const dotted = [...candidates].find((c) => c.startsWith(`${name}.`));
      const best = dotted ?? didYouMean(name, candidates);
      report(run, "unknown-field", range, { name, type: describe(closed[0]!, run.registry) }, best ? { suggestion: pathName(best) } : {});
    } else if (scalars.length > 0) {
      const s = scalars[0]!;
      report(run, "field-of-scalar", range, { name, type: describe(s, run.registry), kind: kindWord(s, run.registry) });
    }
    return inf(ANY);
  }
  let result = union(found.map((f) => f.t));
  const opt = found.some((f) => f.opt) || closed.length > 0 || scalars.length > 0 || listEmpty;
  if (throughList) result = listOf(itemOf(result, run.registry));
  return { t: result, opt };
}

/** `*`: the values of all fields (flattened). */
function wildcard(run: Run, t: Type): Inf {
  const out: Type[] = [];
  for (const m of members(t, run.registry)) {
    if (m.kind === "any") return inf(listOf(ANY), true);
    if (m.kind === "record") {
      if (m.open) return inf(listOf(ANY), true);
      out.push(itemOf(fieldValues(m), run.registry));
    } else if (m.kind === "list") out.push(wildcard(run, m.element).t);
  }
  return inf(listOf(itemOf(union(out), run.registry)), true);
}

/** `**`: the value and everything below it, as the union of their types. */
function descendants(run: Run, t: Type): Inf {
  const seen = new Set<unknown>();
  const out: Type[] = [];
  let untyped = false;
  const walk = (x: Type): void => {
    if (untyped || out.length > 400) {
      untyped = true;
      return;
    }
    const key = x.kind === "ref" ? `ref:${x.name}` : x;
    if (seen.has(key)) return;
    seen.add(key);
    for (const m of members(x, run.registry)) {
      if (m.kind === "any" || (m.kind === "record" && m.open)) untyped = true;
      else if (m.kind === "list") walk(m.element);
      else {
        out.push(m);
        if (m.kind === "record") m.fields.forEach((f) => walk(f.type));
      }
    }
  };
  walk(t);
  return inf(untyped ? ANY : listOf(union(out)), true);
}

/**
 * A predicate `[..]` on a value: a number selects by index (one item), anything
 * else filters. Either may leave nothing, so the result is optional.
 */
export function applyFilter(run: Run, stage: JStage, value: Inf, env: Env, parent: Type, focusContext?: Type): Inf {
  const element = itemOf(value.t, run.registry);
  if (stage.type === "index") return value;
  const expr = stage.expr;
  if (expr === undefined) return value;
  // on a focus step (`a@$v[...]`) the predicate's context stays the step's input
  const penv: Env = focusContext
    ? { ...env, ctx: focusContext, present: EMPTY }
    : { ...env, ctx: element, ancestors: [...env.ancestors, parent], present: EMPTY };
  if (expr.type === "number") {
    // [0] and [-1] of a value that is there and not an empty list are there too
    const edge = expr.value === 0 || expr.value === -1;
    const present = edge && !value.opt && !listMayBeEmpty(value.t, run.registry);
    return { t: element, opt: !present };
  }
  const p = run.infer(expr, penv);
  const classes = classesOf(p.t, run.registry);
  if (classes.size === 1 && classes.has("number")) return { t: element, opt: true };
  return { ...value, opt: true };
}

/** Binds `#$i` index variables of stages and steps. */
function bindIndex(env: Env, name: string | undefined): void {
  if (name !== undefined) env.scope.vars.set(name, inf(INTEGER));
}

/** A step (or the path's last step) is a constructor that can take the expectation itself. */
const structural = (n: JNode): boolean =>
  !n.stages && !n.group && !n.focus && ((n.type === "unary" && (n.value === "{" || n.value === "[")) || n.type === "block" || n.type === "condition");

/** Group-by / object constructor over items: `path{key: value}`. */
export function inferGroup(run: Run, group: NonNullable<JNode["group"]>, item: Type, many: boolean, env: Env): Inf {
  const fields: RecordType["fields"] = [];
  let dynamic = false;
  const genv: Env = { ...env, ctx: item, present: EMPTY };
  const venv: Env = { ...genv, ctx: many ? listOf(item) : item };
  for (const [k, v] of group.lhs ?? []) {
    run.infer(k, genv);
    const value = run.infer(v, venv);
    if (k.type === "string") fields.push({ name: String(k.value), type: value.t, optional: value.opt });
    else dynamic = true;
  }
  const t: RecordType = { kind: "record", fields };
  if (dynamic) t.open = true;
  return inf(t);
}

/**
 * Infers a path. With an expectation and a constructor as last step, the step
 * is checked against the expected item type and the path checks cardinality and
 * presence itself (`handled`); otherwise the caller compares the result.
 */
export function inferPath(run: Run, node: JNode, env: Env, expect?: Expect): { r: Inf; handled: boolean } {
  const steps = node.steps ?? [];
  if (steps.length === 0) return { r: inf(ANY), handled: false };
  const scope = childScope(env.scope);
  let item: Type = env.ctx;
  let ancestors = env.ancestors;
  let many = false;
  let opt = false;
  let fromDecimal = false;
  const lastStep = steps[steps.length - 1]!;
  const handled = expect !== undefined && structural(lastStep) && !node.group && !node.keepSingletonArray;
  steps.forEach((step, i) => {
    const stepEnv: Env = { ctx: item, ancestors, root: env.root, scope, present: i === 0 ? env.present : EMPTY };
    let r: Inf;
    let nextAncestors: readonly Type[] = [...ancestors, item];
    switch (step.type) {
      case "name":
        r = lookupField(run, item, String(step.value), run.spans.tokenRange(step.position) ?? rangeOf(run, step));
        break;
      case "wildcard":
        r = wildcard(run, item);
        break;
      case "descendant":
        r = descendants(run, item);
        break;
      case "parent":
        r = inf(ancestors[ancestors.length - 1] ?? ANY);
        nextAncestors = ancestors.slice(0, -1);
        break;
      case "sort":
        // sorts the whole sequence so far; its predicates select from the sorted sequence
        for (const term of step.terms ?? []) run.infer(term.expression, stepEnv);
        r = inf(many ? { kind: "list", element: item, min: opt ? 0 : 1 } : item);
        nextAncestors = ancestors;
        break;
      default: {
        let stepExpect: Expect | undefined;
        if (handled && step === lastStep) {
          const e = resolve(expect.type, run.registry);
          stepExpect = { type: e.kind === "list" ? e.element : expect.type, required: false, target: expect.target };
        }
        r = run.infer(step, stepEnv, stepExpect);
      }
    }
    // `@$v` and `#$i` bind before the step's predicates are evaluated
    if (step.focus !== undefined) scope.vars.set(step.focus, inf(itemOf(r.t, run.registry), r.opt));
    bindIndex(stepEnv, step.index);
    for (const stage of step.stages ?? []) {
      if (stage.type === "index") bindIndex(stepEnv, stage.value);
      else r = applyFilter(run, stage, r, stepEnv, item, step.focus !== undefined ? item : undefined);
    }
    if (r.fromDecimal) fromDecimal = true;
    opt = opt || r.opt;
    if (step.focus !== undefined) {
      many = many || mayBeList(r.t, run.registry);
      return;
    }
    many = step.type === "sort" ? mayBeList(r.t, run.registry) : many || mayBeList(r.t, run.registry);
    item = itemOf(r.t, run.registry);
    ancestors = nextAncestors;
  });
  let t: Type = many || node.keepSingletonArray ? listOf(item) : item;
  if (item.kind === "any" && !node.keepSingletonArray) t = ANY;
  if (node.group) {
    const g = inferGroup(run, node.group, item, many, { ...env, scope, ancestors });
    return { r: g, handled: false };
  }
  if (isKnownPresent(node, env.present)) opt = false;
  if (handled && expect) {
    const e = resolve(expect.type, run.registry);
    const range = rangeOf(run, node);
    if (many && e.kind !== "list" && e.kind !== "any" && !(e.kind === "union" && e.types.some((m) => resolve(m, run.registry).kind === "list"))) {
      report(run, "output-cardinality", range, { target: expect.target, actual: describe(t, run.registry) });
    }
    if (expect.required && opt) report(run, "optional-into-required", range, { target: expect.target, why: "the path may select nothing" });
  }
  const r: Inf = { t, opt };
  if (fromDecimal) r.fromDecimal = true;
  return { r, handled };
}
