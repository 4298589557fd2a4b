/**
 * A small structural diff for test reports: the paths at which two JSON
 * values differ. Paths use JSONata-like notation ("satz[0].abmeldung.code").
 */

/** One difference. `expected`/`actual` are absent for "missing"/"extra" on the absent side. */
export interface DiffEntry {
  /** "" for the root. */
  path: string;
  /** missing: only expected has it; extra: only actual has it; type: different JSON types; value: same type, different value. */
  kind: "missing" | "extra" | "type" | "value";
  expected?: unknown;
  actual?: unknown;
}

/** JSON type name: "null", "array", "object", "string", "number", "boolean" or "undefined". */
export function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

const join = (path: string, key: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? (path === "" ? key : `${path}.${key}`) : `${path}[${JSON.stringify(key)}]`);

/** Lists where `actual` differs from `expected`, depth first, in key order; at most `max` entries. */
export function structuralDiff(expected: unknown, actual: unknown, max = 50): DiffEntry[] {
  const out: DiffEntry[] = [];
  walk(expected, actual, "", out, max);
  return out;
}

function walk(e: unknown, a: unknown, path: string, out: DiffEntry[], max: number): void {
  if (out.length >= max) return;
  const te = jsonType(e);
  const ta = jsonType(a);
  if (te === "undefined" && ta !== "undefined") return void out.push({ path, kind: "extra", actual: a });
  if (ta === "undefined" && te !== "undefined") return void out.push({ path, kind: "missing", expected: e });
  if (te !== ta) return void out.push({ path, kind: "type", expected: e, actual: a });
  if (te === "array") {
    const ea = e as unknown[];
    const aa = a as unknown[];
    for (let i = 0; i < Math.max(ea.length, aa.length); i++) walk(ea[i], aa[i], `${path}[${i}]`, out, max);
  } else if (te === "object") {
    const eo = e as Record<string, unknown>;
    const ao = a as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(eo), ...Object.keys(ao)])].sort()) walk(eo[k], ao[k], join(path, k), out, max);
  } else if (!Object.is(e, a) && !(e === 0 && a === 0)) {
    out.push({ path, kind: "value", expected: e, actual: a });
  }
}
