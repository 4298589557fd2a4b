/**
 * File names of deliveries. Generated from the message id and the target
 * (scenario, role, recipient, system: names from the table), never from other
 * message content; always one safe path component:
 *   <scenario>_<id>_<target>.<ext>
 * - <scenario>: slug of the scenario's short id ("a1");
 * - <id>: the message id itself when it is a plain token (letters, digits,
 *   "-", "_"; at most 80 characters: UUIDs pass), the hex of a "sha256:" message
 *   hash (first 32 digits), else "id" + the first 32 hex digits of its SHA-256;
 * - <target>: slug of role, recipient and system (unqualified; at most 48 characters) plus
 *   8 hex digits of a hash of the unslugged triple, so distinct targets never
 *   collide after slugging.
 * Every part matches [a-z0-9-]/[A-Za-z0-9_-]: no dots, slashes or leading dashes.
 */
import { sha256Hex } from "../table/content-hash.js";

const TOKEN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/;

/** ASCII slug: German letters transliterated, anything else collapsed to "-". */
export function slug(s: string, max = 48): string {
  const t = s
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/Ä/g, "Ae")
    .replace(/Ö/g, "Oe")
    .replace(/Ü/g, "Ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, max)
    .replace(/^-+|-+$/g, "");
  return t === "" ? "x" : t;
}

/** The <id> part (see the module comment). */
export function idPart(messageId: string): string {
  if (messageId.startsWith("sha256:") && /^sha256:[0-9a-f]{64}$/.test(messageId)) return messageId.slice(7, 39);
  if (TOKEN.test(messageId)) return messageId;
  return "id" + sha256Hex(messageId).slice(0, 32);
}

/** Who a delivery goes to, as far as the file name is concerned. */
export interface FileTarget {
  role: string;
  recipient?: string;
  system: string;
}

/**
 * The <scenario> and <target> parts per scenario and target (names from the
 * table: a bounded number per table), computed once: slugging and hashing
 * them cost more than the rest of a file name.
 */
const parts = new Map<string, [string, string]>();

function namedParts(scenarioId: string, target: FileTarget): [string, string] {
  const triple = `${target.role}\u0000${target.recipient ?? ""}\u0000${target.system}`;
  const key = `${scenarioId}\u0000${triple}`;
  let hit = parts.get(key);
  if (hit === undefined) {
    const short = (q: string): string => q.slice(q.lastIndexOf(".") + 1);
    const targetSlug = slug([short(target.role), target.recipient, short(target.system)].filter(Boolean).join("-"));
    hit = [slug(short(scenarioId), 16), `${targetSlug}-${sha256Hex(triple).slice(0, 8)}`];
    if (parts.size >= 4096) parts.clear();
    parts.set(key, hit);
  }
  return hit;
}

/** The base name without extension; also the folder name of the folder variant and the Idempotency-Key. */
export function deliveryBaseName(messageId: string, scenarioId: string, target: FileTarget): string {
  const [scenario, targetPart] = namedParts(scenarioId, target);
  return `${scenario}_${idPart(messageId)}_${targetPart}`;
}

/** The file name of a delivery: base name plus ".xml" or ".json". */
export function deliveryFileName(messageId: string, scenarioId: string, target: FileTarget, mediaType: "application/xml" | "application/json"): string {
  return `${deliveryBaseName(messageId, scenarioId, target)}.${mediaType === "application/xml" ? "xml" : "json"}`;
}
