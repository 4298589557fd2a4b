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
  const parts: string[] = [];
  write(value, parts, "", new Set());
  return parts.join("");
}

function write(value: unknown, out: string[], path: string, open: Set<object>): void {
  switch (typeof value) {
    case "string":
    case "boolean":
      out.push(JSON.stringify(value));
      return;
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalJsonError("non-finite number", path || "/");
      out.push(JSON.stringify(value));
      return;
    case "object":
      break;
    default:
      throw new CanonicalJsonError(`a ${typeof value} has no JSON form`, path || "/");
  }
  if (value === null) {
    out.push("null");
    return;
  }
  if (open.has(value)) throw new CanonicalJsonError("cyclic structure", path || "/");
  open.add(value);
  if (Array.isArray(value)) {
    out.push("[");
    value.forEach((item, i) => {
      if (i > 0) out.push(",");
      // JSON.stringify writes undefined array items as null.
      write(item === undefined ? null : item, out, `${path}/${i}`, open);
    });
    out.push("]");
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    out.push("{");
    keys.forEach((k, i) => {
      if (i > 0) out.push(",");
      out.push(JSON.stringify(k), ":");
      write(record[k], out, `${path}/${k}`, open);
    });
    out.push("}");
  }
  open.delete(value);
}
