/**
 * The content hash of a routing table (field `contentHash`):
 * "sha256:" + lowercase hex of SHA-256 over the UTF-8 bytes of the canonical
 * JSON (see canonical-json.ts) of the whole table with `contentHash` set to "".
 * Written by the compiler, verified by every consumer at load time.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";

/** Prefix of every content hash. */
export const CONTENT_HASH_PREFIX = "sha256:";

/** "sha256:<hex>" of arbitrary bytes (used for message hashes too). */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Computes the content hash of a table-shaped object (any JSON object; its
 * own `contentHash` member is ignored).
 * @throws CanonicalJsonError when the object holds a value JSON cannot represent.
 */
export function computeContentHash(table: object): string {
  const blanked = { ...(table as Record<string, unknown>), contentHash: "" };
  return CONTENT_HASH_PREFIX + sha256Hex(canonicalJson(blanked));
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
