/**
 * The content hash of a routing table (field `contentHash`):
 * "sha256:" + lowercase hex of SHA-256 over the UTF-8 bytes of the canonical
 * JSON (see canonical-json.ts) of the whole table with `contentHash` set to "".
 * Written by the compiler, verified by every consumer at load time.
 */
import { createHash } from "node:crypto";
import { canonicalJson, writeCanonicalJson } from "./canonical-json.js";

/** Prefix of every content hash. */
export const CONTENT_HASH_PREFIX = "sha256:";

/** "sha256:<hex>" of arbitrary bytes (used for message hashes too). */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Computes the content hash of a table-shaped object (any JSON object; its
 * own `contentHash` member is ignored). The canonical text is hashed piece by
 * piece, never built whole.
 * @throws CanonicalJsonError when the object holds a value JSON cannot represent.
 */
export function computeContentHash(table: object): string {
  const hash = createHash("sha256");
  writeCanonicalJson({ ...(table as Record<string, unknown>), contentHash: "" }, (piece) => hash.update(piece, "utf8"));
  return CONTENT_HASH_PREFIX + hash.digest("hex");
}

/** Returns a copy of `table` with `contentHash` set to its computed value. */
export function withContentHash<T extends object>(table: T): T & { contentHash: string } {
  return { ...table, contentHash: computeContentHash(table) };
}

/** Result of {@link verifyContentHash}: expected is what the table claims, actual what it hashes to. */
export interface HashCheck {
  ok: boolean;
  expected: unknown;
  actual: string;
}

/** Checks a table's `contentHash` against its content. Never throws for JSON input. */
export function verifyContentHash(table: object): HashCheck {
  const expected = (table as { contentHash?: unknown }).contentHash;
  const actual = computeContentHash(table);
  return { ok: expected === actual, expected, actual };
}

/**
 * Sets `contentHash` and returns the table's canonical JSON text in one pass:
 * the members are serialized once into pieces, the pieces are hashed (with ""
 * in the hash's place) as they come, and the text is joined once, instead of
 * serializing or assembling a national-scale table twice.
 * @throws CanonicalJsonError as {@link canonicalJson}.
 */
export function serializeWithContentHash<T extends object>(table: T): { table: T & { contentHash: string }; text: string } {
  const record = table as Record<string, unknown>;
  const keys = Object.keys({ ...record, contentHash: "" })
    .filter((k) => k === "contentHash" || record[k] !== undefined)
    .sort();
  const hash = createHash("sha256");
  const pieces: string[] = [];
  const put = (piece: string): void => {
    hash.update(piece, "utf8");
    pieces.push(piece);
  };
  let hashSlot = -1;
  keys.forEach((k, i) => {
    put(`${i === 0 ? "{" : ","}${JSON.stringify(k)}:`);
    if (k !== "contentHash") return writeCanonicalJson(record[k], put);
    hash.update('""', "utf8");
    hashSlot = pieces.push("") - 1;
  });
  put("}");
  const contentHash = CONTENT_HASH_PREFIX + hash.digest("hex");
  pieces[hashSlot] = JSON.stringify(contentHash);
  return { table: { ...table, contentHash }, text: pieces.join("") };
}

/**
 * Fast check for a table read from a file the compiler wrote: such a file is
 * the canonical JSON itself (plus a final newline), so the hash can be
 * verified over the file text with the hash blanked, without serializing the
 * parsed table again (about 1 s at national scale).
 * @returns the result when the text is canonical and matches; undefined when the
 *   fast path does not apply (then use {@link verifyContentHash}).
 */
export function verifyContentHashOfText(text: string, table: object): HashCheck | undefined {
  const record = table as Record<string, unknown>;
  const expected = record["contentHash"];
  if (typeof expected !== "string") return undefined;
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  const before = Object.keys(record)
    .filter((k) => k < "contentHash" && record[k] !== undefined)
    .sort();
  const prefix = "{" + before.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])},`).join("") + '"contentHash":';
  const claimed = JSON.stringify(expected);
  if (!body.startsWith(prefix) || !body.startsWith(claimed, prefix.length)) return undefined;
  const actual = CONTENT_HASH_PREFIX + sha256Hex(prefix + '""' + body.slice(prefix.length + claimed.length));
  return actual === expected ? { ok: true, expected, actual } : undefined;
}
