/**
 * Checking an inferred value against what its target expects (the declared
 * output type, or a field of it): wrong scalar kinds, records where scalars are
 * expected and back, missing required fields, unknown fields, several values
 * where one is expected, absent values in required places, floats into decimals.
 *
 * A list expected and a single value produced is fine: the writer always writes
 * a list for a list field (JSONata's singleton flattening is neutralised).
 */
import type { Field, RecordType, Type } from "../../types/model.js";
import type { JNode } from "./ast.js";
import type { JsonataCodeId } from "./codes.js";
import { report, reportDecimal, type Expect, type Inf, type Run } from "./env.js";
import type { Range } from "./spans.js";
import { describe, findField, isAny, isNever, itemOf, knownValues, listMayBeEmpty, members, resolve } from "./type-ops.js";

/** A field must be written: not optional, and not a list that may be empty. */
export function fieldRequired(f: Field, run: Run): boolean {
  if (f.optional) return false;
  const r = resolve(f.type, run.registry);
  return !(r.kind === "list" && listMayBeEmpty(r, run.registry));
}

/** "field `plz` of record Anschrift". */
export const fieldTarget = (f: Field | { name: string }, rec: RecordType, run: Run): string =>
  `field \`${f.name}\` of ${describe(rec, run.registry)}`;

interface Problem {
  id: JsonataCodeId;
  args: Record<string, string>;
}

const TEXT_KINDS = new Set(["string", "code", "date", "datetime", "time", "base64", "decimal"]);
const FITS: Record<string, ReadonlySet<string>> = {
  string: TEXT_KINDS,
  code: new Set(["string", "code"]),
  integer: new Set(["integer"]),
  number: new Set(["integer", "number", "decimal"]),
  decimal: new Set(["decimal", "integer"]),
  boolean: new Set(["boolean"]),
  date: new Set(["date", "string"]),
  datetime: new Set(["datetime", "string"]),
  time: new Set(["time", "string"]),
  base64: new Set(["base64", "string"]),
};

const scalarWord = (t: Type): string | undefined =>
  t.kind === "scalar" ? t.scalar : t.kind === "codelist" ? "code" : undefined;

function recordProblems(run: Run, a: RecordType, e: RecordType, target: string, depth: number): Problem[] {
  const out: Problem[] = [];
  const eName = describe(e, run.registry);
  for (const f of a.fields) {
    const ef = findField(e, f.name);
    if (ef === undefined) {
      if (!e.open) out.push({ id: "output-unknown-field", args: { target: eName, name: f.name } });
      continue;
    }
    const where = fieldTarget(ef, e, run);
    if (fieldRequired(ef, run) && f.optional) {
      out.push({ id: "optional-into-required", args: { target: where, why: "it is optional in the produced value" } });
    }
    out.push(...problems(run, f.type, ef.type, where, depth + 1));
  }
  if (!a.open) {
    if (e.choice) {
      if (e.fields.length > 0 && !e.fields.some((ef) => findField(a, ef.name))) {
        out.push({ id: "output-missing-field", args: { target, fields: `one of ${e.fields.map((f) => `\`${f.name}\``).join(", ")}` } });
      }
    } else {
      const missing = e.fields.filter((ef) => fieldRequired(ef, run) && !findField(a, ef.name));
      if (missing.length > 0) {
        out.push({ id: "output-missing-field", args: { target, fields: missing.map((f) => `\`${f.name}\``).join(", ") } });
      }
    }
  }
  return out;
}

/** Problems of writing a value of type `a` where `e` is expected (no reporting). */
function problems(run: Run, a: Type, e: Type, target: string, depth = 0): Problem[] {
  if (depth > 24) return [];
  const reg = run.registry;
  const E = resolve(e, reg);
  const A = resolve(a, reg);
  if (E.kind === "any" || A.kind === "any" || isNever(A) || A.kind === "null" || E.kind === "function" || E.kind === "null") return [];
  if (A.kind === "union") {
    const seen = new Set<string>();
    return members(A, reg)
      .flatMap((m) => problems(run, m, E, target, depth + 1))
      .filter((p) => {
        const k = p.id + JSON.stringify(p.args);
        return !seen.has(k) && seen.add(k) !== undefined;
      });
  }
  if (E.kind === "union") {
    let first: Problem[] | undefined;
    for (const m of members(E, reg)) {
      const p = problems(run, A, m, target, depth + 1);
      if (p.length === 0) return [];
      const sameKind = resolve(m, reg).kind === A.kind;
      if (first === undefined || sameKind) first = p;
    }
    return first ?? [];
  }
  if (E.kind === "list") return problems(run, A.kind === "list" ? A.element : A, E.element, target, depth + 1);
  if (A.kind === "list") return [{ id: "output-cardinality", args: { target, actual: describe(A, reg) } }];
  const mismatch: Problem = { id: "output-type", args: { target, expected: describe(E, reg), actual: describe(A, reg) } };
  if (E.kind === "record") return A.kind === "record" ? recordProblems(run, A, E, target, depth) : [mismatch];
  const ek = scalarWord(E);
  const ak = scalarWord(A);
  if (ek === undefined || ak === undefined) return [mismatch];
  if (ek === "decimal" && ak === "number") {
    return [{ id: "decimal-float", args: { what: `A binary floating-point number goes into the decimal (money) ${target}` } }];
  }
  return FITS[ek]?.has(ak) ? [] : [mismatch];
}

/**
 * Checks a value against its target and reports every problem at `range`.
 * @param node the expression, to check a string literal against a code list
 */
export function checkValue(run: Run, value: Inf, expect: Expect, range: Range, node?: JNode): void {
  const reg = run.registry;
  if (isAny(value.t, reg)) return;
  if (expect.required && value.opt) {
    const why = node?.type === "path" ? "the path may select nothing" : node?.type === "condition" ? "a branch may be empty" : "it may be empty";
    report(run, "optional-into-required", range, { target: expect.target, why });
  }
  if (node?.type === "string") {
    const known = knownValues(itemOf(expect.type, reg), reg);
    if (known && !known.values.includes(String(node.value))) {
      const shown = known.values.length > 8 ? `${known.values.slice(0, 8).join(", ")}, …` : known.values.join(", ");
      report(run, "unknown-code", range, { value: String(node.value), list: known.label, known: shown });
      return;
    }
  }
  for (const p of problems(run, value.t, expect.type, expect.target)) {
    if (p.id === "decimal-float") {
      if (!value.fromDecimal) reportDecimal(run, range, p.args.what ?? "");
    } else report(run, p.id, range, p.args);
  }
}
