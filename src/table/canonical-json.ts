/**
 * Canonical JSON: the byte-stable serialisation the content hash of a routing
 * table is computed over, and the form the compiler writes tables in.
 *
 * Rules (equal to RFC 8785 "JSON Canonicalization Scheme" for the values a
 * routing table contains: strings, finite numbers, booleans, null, arrays,
 * objects):
 * - no whitespace between tokens;
 * - object members sorted by key, comparing UTF-16 code units (JavaScript's
 *   default string order, as in RFC 8785 § 3.2.3);
 * - strings and numbers serialised as ECMAScript's JSON.stringify does;
 * - members whose value is `undefined` are omitted (as JSON.stringify does).
 */

/** Thrown for values JSON cannot represent (non-finite numbers, bigint, functions, cycles). */
export class CanonicalJsonError extends Error {
  constructor(
    message: string,
    /** JSON-pointer-like path of the offending value, e.g. "/scenarios/gewerbe.A1". */
    readonly path: string,
  ) {
    super(message);
    this.name = "CanonicalJsonError";
  }
}

/**
 * Serialises `value` canonically (sorted keys, no whitespace).
 * @throws CanonicalJsonError for NaN/Infinity, bigint, symbols, functions or cyclic structures.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

// String concatenation (V8 ropes) and no per-node path strings: this runs over
// national-scale tables several times per build. Paths are rebuilt only on error.
function write(value: unknown, open: Set<object>): string {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalJsonError("non-finite number", "/");
      return JSON.stringify(value);
    case "object":
      break;
    default:
      throw new CanonicalJsonError(`a ${typeof value} has no JSON form`, "/");
  }
  if (value === null) return "null";
  if (open.has(value)) throw new CanonicalJsonError("cyclic structure", "/");
  open.add(value);
  let out: string;
  try {
    if (Array.isArray(value)) {
      out = "[";
      for (let i = 0; i < value.length; i++) {
        if (i > 0) out += ",";
        // JSON.stringify writes undefined array items as null.
        const item: unknown = value[i];
        out += item === undefined ? "null" : write(item, open);
      }
      out += "]";
    } else {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      out = "{";
      let first = true;
      for (const k of keys) {
        const v = record[k];
        if (v === undefined) continue;
        if (!first) out += ",";
        first = false;
        out += JSON.stringify(k) + ":" + write(v, open);
      }
      out += "}";
    }
  } catch (e) {
    if (e instanceof CanonicalJsonError) throw new CanonicalJsonError(e.message.replace(/ at .*$/, ""), e.path);
    throw e;
  }
  open.delete(value);
  return out;
}
