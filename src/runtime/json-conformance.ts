/**
 * Checks a JSON value against a stellwerk type: used for JSON messages read
 * by the router (input) and for the output of transformations to JSON
 * message types (what XML gets from the typed XML view). Returns the value
 * normalised by the type — a field the type declares as a list is always an
 * array (JSONata's singleton flattening undone) — or the first problems, by
 * field path, never by value.
 *
 * Rules: record -> a JSON object whose required fields are present (members a
 * closed record does not declare are problems); list -> an array (a single
 * value is wrapped) within min/max; string, date, datetime, time, base64 ->
 * a string; integer -> a safe integer; number -> a finite number; decimal -> a
 * decimal string or a finite number; boolean -> true/false; codelist -> a
 * string; enumeration facets are checked, patterns are not (XSD regex syntax);
 * null -> null; union -> the first member that fits; any -> anything.
 */
import { resolveType, type Type, type TypeRegistry } from "../types/model.js";

/** Outcome of {@link conformJson}. */
export type Conformance = { ok: true; value: unknown } | { ok: false; problems: string[] };

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const MAX_PROBLEMS = 5;

class Problems {
  readonly list: string[] = [];
  add(path: string, what: string): undefined {
    if (this.list.length < MAX_PROBLEMS) this.list.push(`${path === "" ? "(root)" : path}: ${what}`);
    return undefined;
  }
}

/** Checks and normalises `value` against `type` (see the module comment). Never throws. */
export function conformJson(value: unknown, type: Type, registry: TypeRegistry): Conformance {
  const problems = new Problems();
  const out = walk(value, type, registry, "", problems, 0);
  return problems.list.length === 0 ? { ok: true, value: out } : { ok: false, problems: problems.list };
}

const child = (path: string, name: string): string => (path === "" ? name : `${path}.${name}`);

/**
 * An undeclared member's name as problems show it: the sender chose it, so only
 * a short plain name is shown (like a field name); any other (long, spaces,
 * control characters: possibly content) is "?".
 */
export const shownMemberName = (name: string): string => (/^[\w.-]{1,40}$/.test(name) ? name : "?");

function jsonKind(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

function walk(v: unknown, type: Type, reg: TypeRegistry, path: string, p: Problems, depth: number): unknown {
  if (depth > 512) return p.add(path, "nesting too deep");
  const t = resolveType(type, reg);
  switch (t.kind) {
    case "any":
      return v;
    case "null":
      return v === null ? null : p.add(path, `expected null, found ${jsonKind(v)}`);
    case "function":
      return p.add(path, "a function cannot be written");
    case "union": {
      for (const m of t.types) {
        const trial = new Problems();
        const r = walk(v, m, reg, path, trial, depth + 1);
        if (trial.list.length === 0) return r;
      }
      return p.add(path, `${jsonKind(v)} fits none of the union's types`);
    }
    case "list": {
      const items = Array.isArray(v) ? v : [v];
      if (t.min !== undefined && items.length < t.min) p.add(path, `at least ${t.min} item(s) expected, found ${items.length}`);
      if (t.max !== undefined && items.length > t.max) p.add(path, `at most ${t.max} item(s) expected, found ${items.length}`);
      return items.map((item, i) => walk(item, t.element, reg, `${path}[${i}]`, p, depth + 1));
    }
    case "record": {
      if (v === null || typeof v !== "object" || Array.isArray(v)) return p.add(path, `expected an object, found ${jsonKind(v)}`);
      const rec = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      const declared = new Set<string>();
      for (const f of t.fields) {
        declared.add(f.name);
        const fv = Object.hasOwn(rec, f.name) ? rec[f.name] : undefined;
        if (fv === undefined) {
          const ft = resolveType(f.type, reg);
          const emptyListOk = ft.kind === "list" && (ft.min ?? 0) === 0;
          if (!f.optional && !emptyListOk) p.add(child(path, f.name), "required field missing");
          continue;
        }
        Object.defineProperty(out, f.name, { value: walk(fv, f.type, reg, child(path, f.name), p, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      for (const k of Object.keys(rec)) {
        if (declared.has(k) || rec[k] === undefined) continue;
        if (t.open === true) Object.defineProperty(out, k, { value: rec[k], enumerable: true, writable: true, configurable: true });
        else p.add(child(path, shownMemberName(k)), "member not declared by the type");
      }
      if (t.choice === true && t.fields.filter((f) => out[f.name] !== undefined).length > 1) p.add(path, "more than one member of a choice");
      return out;
    }
    case "codelist":
      return typeof v === "string" ? v : p.add(path, `expected a code (string), found ${jsonKind(v)}`);
    case "scalar": {
      const ok = scalarFits(t.scalar, v);
      if (!ok) return p.add(path, `expected ${t.scalar}, found ${jsonKind(v)}`);
      if (t.enumeration !== undefined && t.enumeration.length > 0 && !t.enumeration.includes(String(v))) return p.add(path, "value not in the enumeration");
      return v;
    }
    case "ref":
      return p.add(path, "unresolved type reference");
  }
}

function scalarFits(kind: string, v: unknown): boolean {
  switch (kind) {
    case "integer":
      return typeof v === "number" && Number.isSafeInteger(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "decimal":
      return (typeof v === "string" && DECIMAL.test(v)) || (typeof v === "number" && Number.isFinite(v));
    case "boolean":
      return typeof v === "boolean";
    default:
      return typeof v === "string";
  }
}
