/**
 * Operations on the type model used by the JSONata checker: unions, lists,
 * element types, JSONata value classes, and human-readable descriptions.
 *
 * Run-time representation assumed (from src/types/model.ts): decimal, date,
 * datetime, time, base64 and code lists are JSON strings; integer and number are
 * JSON numbers; records are objects; lists are arrays.
 */
import { ANY, resolveType, scalar, type Field, type RecordType, type Type, type TypeRegistry, type UnionType } from "../../types/model.js";

/** The empty union: an expression that yields no value (`$error()`). Fits everywhere. */
export const NEVER: UnionType = { kind: "union", types: [] };
export const STRING = scalar("string");
export const NUMBER = scalar("number");
export const INTEGER = scalar("integer");
export const BOOLEAN = scalar("boolean");
export const DATETIME = scalar("datetime");
export const NULL: Type = { kind: "null" };
/** An object whose keys are not known statically. */
export const OPEN_RECORD: RecordType = { kind: "record", fields: [], open: true };

export const isNever = (t: Type): boolean => t.kind === "union" && t.types.length === 0;

/** A list of `element` (no bounds: zero or more). */
export const listOf = (element: Type): Type => ({ kind: "list", element });

/** Structural identity good enough for de-duplicating union members. */
export function sameType(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "scalar":
      return b.kind === "scalar" && a.scalar === b.scalar && !a.enumeration === !b.enumeration;
    case "codelist":
      return b.kind === "codelist" && a.name === b.name;
    case "ref":
      return b.kind === "ref" && a.name === b.name;
    case "list":
      return b.kind === "list" && sameType(a.element, b.element);
    case "any":
    case "null":
      return true;
    case "record":
      return b.kind === "record" && a.name !== undefined && a.name === b.name && a.fields.length === b.fields.length;
    default:
      return false;
  }
}

/** Union of types, flattened and de-duplicated; `any` absorbs everything. */
export function union(types: readonly Type[]): Type {
  const out: Type[] = [];
  const add = (t: Type): void => {
    if (t.kind === "union") {
      t.types.forEach(add);
      return;
    }
    if (!out.some((o) => sameType(o, t))) out.push(t);
  };
  types.forEach(add);
  if (out.some((t) => t.kind === "any")) return ANY;
  if (out.length === 1) return out[0]!;
  return out.length === 0 ? NEVER : { kind: "union", types: out };
}

/** Resolves references; unions are kept (their members resolved lazily). */
export const resolve = (t: Type, reg: TypeRegistry): Type => resolveType(t, reg);

/** Members of a (resolved) type: the union's members, or the type itself. */
export function members(t: Type, reg: TypeRegistry): Type[] {
  const r = resolve(t, reg);
  if (r.kind !== "union") return [r];
  return r.types.flatMap((m) => members(m, reg));
}

/** True when the value may be an array (a list type or a union containing one). */
export function mayBeList(t: Type, reg: TypeRegistry): boolean {
  return members(t, reg).some((m) => m.kind === "list");
}

/** The item type a sequence over `t` yields: list elements (recursively flattened), or `t` itself. */
export function itemOf(t: Type, reg: TypeRegistry, depth = 0): Type {
  const ms = members(t, reg);
  if (depth > 8) return ANY;
  return union(ms.map((m) => (m.kind === "list" ? itemOf(m.element, reg, depth + 1) : m)));
}

/** A list may be empty unless it declares min >= 1. */
export function listMayBeEmpty(t: Type, reg: TypeRegistry): boolean {
  return members(t, reg).some((m) => m.kind === "list" && !(m.min !== undefined && m.min >= 1));
}

/** Field lookup by JSON-view name. */
export const findField = (rec: RecordType, name: string): Field | undefined => rec.fields.find((f) => f.name === name);

/** JSONata value symbols as in function signatures: s n b l o a f. */
export type Sym = "s" | "n" | "b" | "l" | "o" | "a" | "f";
export const ALL_SYMS: ReadonlySet<Sym> = new Set<Sym>(["s", "n", "b", "l", "o", "a", "f"]);

/** Text-like scalars: carried as JSON strings. */
const TEXT_SCALARS = new Set(["string", "date", "datetime", "time", "base64", "decimal"]);

/** True when some member (or list element) is a decimal scalar. */
export function hasDecimal(t: Type, reg: TypeRegistry): boolean {
  return members(itemOf(t, reg), reg).some((m) => m.kind === "scalar" && m.scalar === "decimal");
}

/** True when the type is (or contains) `any`. */
export const isAny = (t: Type, reg: TypeRegistry): boolean => members(t, reg).some((m) => m.kind === "any");

/**
 * Comparison class of a value for `=`/`<`: text and number never compare equal;
 * decimal is its own class (text at run time, a number in meaning).
 */
export type ValueClass = "text" | "decimal" | "number" | "boolean" | "null" | "object" | "list" | "function" | "any";

export function classesOf(t: Type, reg: TypeRegistry): Set<ValueClass> {
  const out = new Set<ValueClass>();
  for (const m of members(t, reg)) {
    switch (m.kind) {
      case "any":
        out.add("any");
        break;
      case "scalar":
        if (m.scalar === "decimal") out.add("decimal");
        else if (TEXT_SCALARS.has(m.scalar)) out.add("text");
        else if (m.scalar === "boolean") out.add("boolean");
        else out.add("number");
        break;
      case "codelist":
        out.add("text");
        break;
      case "null":
        out.add("null");
        break;
      case "record":
        out.add("object");
        break;
      case "list":
        out.add("list");
        break;
      case "function":
        out.add("function");
        break;
    }
  }
  return out;
}

const CLASS_SYMBOLS: Record<ValueClass, readonly Sym[]> = {
  text: ["s"],
  decimal: ["s", "n"],
  number: ["n"],
  boolean: ["b"],
  null: ["l"],
  object: ["o"],
  list: ["a"],
  function: ["f"],
  any: [...ALL_SYMS],
};

/**
 * The signature symbols a value of this type may have at run time. Decimals
 * count as `s` (their run-time form) and `n` (their meaning); the decimal rule
 * decides what happens when one meets a number parameter. Nothing (never) fits all.
 */
export function symbolsOf(t: Type, reg: TypeRegistry): Set<Sym> {
  const classes = classesOf(t, reg);
  if (classes.size === 0) return new Set(ALL_SYMS);
  return new Set([...classes].flatMap((c) => CLASS_SYMBOLS[c]));
}

/** A short English description of a type for messages (`list of Satz`, `string`, `code list X`). */
export function describe(t: Type, reg: TypeRegistry, depth = 0): string {
  if (depth > 3) return "…";
  switch (t.kind) {
    case "scalar":
      return t.scalar;
    case "codelist":
      return `code list ${t.name}`;
    case "ref": {
      const r = resolve(t, reg);
      if (r.kind === "record") return `record ${r.name ?? t.name}`;
      return r.kind === "any" ? t.name : describe(r, reg, depth + 1);
    }
    case "record": {
      if (t.name) return `record ${t.name}`;
      if (t.fields.length === 0) return "an object";
      const names = t.fields.slice(0, 3).map((f) => f.name);
      return `record {${names.join(", ")}${t.fields.length > 3 ? ", …" : ""}}`;
    }
    case "list":
      return `list of ${describe(t.element, reg, depth + 1)}`;
    case "any":
      return "any";
    case "null":
      return "null";
    case "function":
      return "a function";
    case "union": {
      if (t.types.length === 0) return "nothing";
      const parts = t.types.slice(0, 4).map((m) => describe(m, reg, depth + 1));
      return parts.join(" | ") + (t.types.length > 4 ? " | …" : "");
    }
  }
}

/** The scalar kind name of a non-record value, for "a string value has no fields". */
export function kindWord(t: Type, reg: TypeRegistry): string {
  const r = resolve(t, reg);
  if (r.kind === "scalar") return r.scalar;
  if (r.kind === "codelist") return "code";
  if (r.kind === "function") return "function";
  return r.kind;
}

/** All values of a record (for `*`, `$each`, `$sift`): the union of its field types. */
export function fieldValues(rec: RecordType): Type {
  return union(rec.fields.map((f) => f.type));
}

/** The allowed literal values of a code list or enumerated scalar, if enumerated. */
export function knownValues(t: Type, reg: TypeRegistry): { values: string[]; label: string } | undefined {
  const r = resolve(t, reg);
  if (r.kind === "codelist" && r.codes.length > 0) return { values: r.codes, label: `code list ${r.name}` };
  if (r.kind === "scalar" && r.enumeration && r.enumeration.length > 0) {
    return { values: r.enumeration, label: `the enumeration of ${describe(t, reg)}` };
  }
  return undefined;
}

export { ANY };
