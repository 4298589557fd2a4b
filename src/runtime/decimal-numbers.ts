/**
 * The input view of a transformation whose rule says `allow float`
 * (`Delivery.decimalsAsNumbers`): the same JSON view with every value of a
 * field typed `decimal` turned from its exact string into a JSON number, so
 * JSONata's arithmetic and aggregation functions ($sum, $average, +) accept it.
 * The rule's author accepted binary floating point (the checker reports the
 * permission as SW2406 info); every other transformation keeps exact strings.
 */
import { resolveType, type Type, type TypeRegistry } from "../types/model.js";
import { INVALID, readScalar } from "../xml/scalars.js";
/** Deeper values are left as they are (the typed view refuses far shallower input). */
const MAX_DEPTH = 512;

/**
 * A copy of `value` (the JSON view of a message of type `type`) with decimal
 * fields as numbers. Parts the type does not describe (open records, `any`)
 * and values that are not decimal strings are kept unchanged; the input is
 * never mutated. Never throws.
 */
export function decimalsAsNumbers(value: unknown, type: Type, registry: TypeRegistry): unknown {
  return convert(value, type, registry, 0);
}

function convert(v: unknown, type: Type, reg: TypeRegistry, depth: number): unknown {
  if (v === undefined || v === null || depth > MAX_DEPTH) return v;
  const t = resolveType(type, reg);
  switch (t.kind) {
    case "scalar":
      return t.scalar === "decimal" ? asNumber(v) : v;
    case "list":
      return Array.isArray(v) ? v.map((item) => convert(item, t.element, reg, depth + 1)) : convert(v, t.element, reg, depth + 1);
    case "record": {
      if (typeof v !== "object" || Array.isArray(v)) return v;
      const rec = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(rec)) Object.defineProperty(out, k, { value: rec[k], enumerable: true, writable: true, configurable: true });
      for (const f of t.fields) {
        if (Object.hasOwn(rec, f.name)) out[f.name] = convert(rec[f.name], f.type, reg, depth + 1);
      }
      return out;
    }
    case "union": {
      // Nillable fields and choices: a decimal string goes to a decimal member, an object or array to the first member of its shape.
      const decimal = t.types.some((m) => {
        const r = resolveType(m, reg);
        return r.kind === "scalar" && r.scalar === "decimal";
      });
      if (decimal && typeof v === "string") return asNumber(v);
      const shaped = t.types.find((m) => {
        const r = resolveType(m, reg);
        return Array.isArray(v) ? r.kind === "list" : typeof v === "object" && (r.kind === "record" || r.kind === "list");
      });
      return shaped ? convert(v, shaped, reg, depth + 1) : v;
    }
    default:
      return v;
  }
}

/** A decimal string (the view's lexical form, see src/xml/scalars.ts) as a number; anything else unchanged. */
function asNumber(v: unknown): unknown {
  return typeof v === "string" && readScalar("decimal", v) !== INVALID ? Number(v) : v;
}
