/**
 * The transform operator `| pattern | update [, delete] |` applied to a value:
 * the pattern selects records inside a copy of the value, the update object is
 * merged into each, the delete list removes fields. The result type is the
 * input type with exactly those records rewritten, so the output check sees
 * deleted and replaced fields.
 *
 * Checks: the update may only write fields of the matched (closed) record, with
 * values of their types (SW2413, SW2411); deleted names must be fields (SW2401);
 * the update must be an object (SW2411).
 */
import { ANY, type Field, type RecordType, type Type } from "../../types/model.js";
import type { JNode } from "./ast.js";
import { inf, rangeOf, report, type Env, type Expect, type Inf, type Run } from "./env.js";
import { didYouMean } from "./suggest.js";
import { classesOf, describe, findField, isNever, itemOf, members, resolve } from "./type-ops.js";

const EMPTY: ReadonlySet<string> = new Set();

/** Rebuilds `t` with every record in `matched` (by identity) replaced by `modify(record)`. */
function rewrite(run: Run, t: Type, matched: ReadonlySet<Type>, modify: (r: RecordType) => RecordType, refs: readonly string[]): Type {
  if (refs.length > 32) return t;
  switch (t.kind) {
    case "ref": {
      if (refs.includes(t.name)) return t;
      const r = resolve(t, run.registry);
      const out = rewrite(run, r, matched, modify, [...refs, t.name]);
      return out === r ? t : out;
    }
    case "record": {
      let changed = false;
      const fields = t.fields.map((f): Field => {
        const nt = rewrite(run, f.type, matched, modify, refs);
        if (nt === f.type) return f;
        changed = true;
        return { ...f, type: nt };
      });
      const rec: RecordType = changed ? { ...t, fields } : t;
      return matched.has(t) ? modify(rec) : rec;
    }
    case "list": {
      const el = rewrite(run, t.element, matched, modify, refs);
      return el === t.element ? t : { ...t, element: el };
    }
    case "union": {
      const types = t.types.map((m) => rewrite(run, m, matched, modify, refs));
      return types.every((m, i) => m === t.types[i]) ? t : { ...t, types };
    }
    default:
      return t;
  }
}

/** Names removed by a delete clause written as string literals (`"a"` or `["a", "b"]`). */
function deletedNames(del: JNode | undefined): JNode[] {
  if (del === undefined) return [];
  const items = del.type === "unary" && del.value === "[" ? (del.expressions ?? []) : [del];
  return items.filter((n) => n.type === "string");
}

/** Applies a transform node to a value of type `target`. */
export function applyTransform(run: Run, node: JNode, env: Env, target: Inf): Inf {
  run.unchecked.delete(node);
  const tenv: Env = { ...env, ctx: target.t, ancestors: [], present: EMPTY };
  const matched = node.pattern ? run.infer(node.pattern, tenv) : inf(ANY);
  const item = itemOf(matched.t, run.registry);
  const uenv: Env = { ...env, ctx: item, ancestors: [target.t], present: EMPTY };
  const rec = resolve(item, run.registry);
  const closed = rec.kind === "record" && !rec.open ? rec : undefined;
  let updateExpect: Expect | undefined;
  if (closed && node.update?.type === "unary" && node.update.value === "{") {
    const loose: RecordType = { ...closed, fields: closed.fields.map((f) => ({ ...f, optional: true })) };
    updateExpect = { type: loose, required: false, target: describe(closed, run.registry) };
  }
  const update = node.update ? run.infer(node.update, uenv, updateExpect) : inf(ANY);
  const classes = classesOf(update.t, run.registry);
  if (node.update && !classes.has("object") && !classes.has("any") && !isNever(update.t)) {
    report(run, "output-type", rangeOf(run, node.update), {
      target: "the update part of the transform",
      expected: "an object",
      actual: describe(update.t, run.registry),
    });
  }
  if (node.delete) run.infer(node.delete, uenv);
  const deleted = deletedNames(node.delete).map((n) => String(n.value));
  if (closed) {
    for (const n of deletedNames(node.delete)) {
      const name = String(n.value);
      if (findField(closed, name)) continue;
      const best = didYouMean(name, closed.fields.map((f) => f.name));
      report(run, "unknown-field", rangeOf(run, n), { name, type: describe(closed, run.registry) }, best ? { suggestion: JSON.stringify(best) } : {});
    }
  }
  const written = update.t.kind === "record" ? update.t.fields : [];
  const modify = (r: RecordType): RecordType => {
    // unknown written fields were reported above; only known ones change the type
    const replaced = written.filter((w) => r.open || findField(r, w.name));
    const fields = r.fields.filter((f) => !deleted.includes(f.name) && !replaced.some((w) => w.name === f.name));
    return { ...r, fields: [...fields, ...replaced.filter((w) => !deleted.includes(w.name))] };
  };
  const targets = new Set<Type>(members(item, run.registry).filter((m) => m.kind === "record"));
  if (targets.size === 0 || (written.length === 0 && deleted.length === 0)) return target;
  return { ...target, t: rewrite(run, target.t, targets, modify, []) };
}
