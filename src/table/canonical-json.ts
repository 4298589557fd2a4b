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

/** Deepest nesting written; deeper (or cyclic) structures are refused. */
export const MAX_CANONICAL_DEPTH = 4096;

/** Size of the pieces handed to a {@link CanonicalSink}, in UTF-16 code units (about). */
const PIECE = 1 << 16;

/** Receives canonical JSON text in order, in pieces of about 64 Ki code units. */
export type CanonicalSink = (piece: string) => void;

/**
 * Serialises `value` canonically (sorted keys, no whitespace).
 * @throws CanonicalJsonError for NaN/Infinity, bigint, symbols, functions, cyclic
 *   structures or nesting deeper than {@link MAX_CANONICAL_DEPTH}
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  writeCanonicalJson(value, (p) => parts.push(p));
  return parts.length === 1 ? parts[0]! : parts.join("");
}

/**
 * Streams the canonical JSON of `value` into `sink` (the concatenation of the
 * pieces is {@link canonicalJson}'s result). Hashing a national-scale table this
 * way never builds the whole text: less memory and far less garbage collection.
 * @throws CanonicalJsonError as {@link canonicalJson}
 */
export function writeCanonicalJson(value: unknown, sink: CanonicalSink): void {
  const w = new Writer(sink);
  w.write(value);
  w.end();
}

/** An array or object being written: its members and the index of the next one. */
interface Open {
  readonly container: unknown[] | Record<string, unknown>;
  /** Sorted keys of an object; undefined for an array. */
  readonly keys: string[] | undefined;
  next: number;
  /** Nothing written inside yet (objects: members whose value is undefined are skipped, so the index does not tell). */
  empty: boolean;
}

// Small string buffer flushed in pieces (V8 ropes stay short), no per-node path
// strings and no per-node bookkeeping: this runs over national-scale tables
// several times per build and at every table load. Nesting is walked with an
// explicit stack, not recursion, so the depth limit is a rule of this module
// and not the JavaScript stack's (recursion overflowed it a few levels past
// MAX_CANONICAL_DEPTH, and sooner when called from deeper code: a RangeError
// instead of CanonicalJsonError). A cycle shows as endless nesting and is
// refused at MAX_CANONICAL_DEPTH.
class Writer {
  private buf = "";
  constructor(private readonly sink: CanonicalSink) {}

  private put(s: string): void {
    this.buf += s;
    if (this.buf.length >= PIECE) {
      this.sink(this.buf);
      this.buf = "";
    }
  }

  end(): void {
    if (this.buf !== "") this.sink(this.buf);
    this.buf = "";
  }

  /** Writes `root` and everything inside it. */
  write(root: unknown): void {
    const stack: Open[] = [];
    let open = this.begin(root, 0);
    if (open !== undefined) stack.push(open);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const keys = top.keys;
      let item: unknown;
      if (keys === undefined) {
        const arr = top.container as unknown[];
        if (top.next >= arr.length) {
          this.put("]");
          stack.pop();
          continue;
        }
        if (top.next > 0) this.put(",");
        // JSON.stringify writes undefined array items as null.
        item = arr[top.next++];
        if (item === undefined) {
          this.put("null");
          continue;
        }
      } else {
        const record = top.container as Record<string, unknown>;
        item = undefined;
        while (top.next < keys.length && (item = record[keys[top.next]!]) === undefined) top.next++;
        if (top.next >= keys.length) {
          this.put("}");
          stack.pop();
          continue;
        }
        const k = keys[top.next++]!;
        this.put(top.empty ? JSON.stringify(k) + ":" : "," + JSON.stringify(k) + ":");
        top.empty = false;
      }
      open = this.begin(item, stack.length);
      if (open !== undefined) stack.push(open);
    }
  }

  /**
   * Writes a scalar whole, or the opening bracket of an array or object at
   * nesting `depth` and returns it for {@link write} to fill.
   */
  private begin(value: unknown, depth: number): Open | undefined {
    switch (typeof value) {
      case "string":
      case "boolean":
        this.put(JSON.stringify(value));
        return undefined;
      case "number":
        if (!Number.isFinite(value)) throw new CanonicalJsonError("non-finite number", "/");
        this.put(JSON.stringify(value));
        return undefined;
      case "object":
        break;
      default:
        throw new CanonicalJsonError(`a ${typeof value} has no JSON form`, "/");
    }
    if (value === null) {
      this.put("null");
      return undefined;
    }
    if (depth >= MAX_CANONICAL_DEPTH) throw new CanonicalJsonError(`cyclic structure or nesting deeper than ${MAX_CANONICAL_DEPTH} levels`, "/");
    if (Array.isArray(value)) {
      this.put("[");
      return { container: value, keys: undefined, next: 0, empty: true };
    }
    const record = value as Record<string, unknown>;
    this.put("{");
    return { container: record, keys: Object.keys(record).sort(), next: 0, empty: true };
  }
}
