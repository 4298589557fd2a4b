/**
 * JSON message intake: a pre-scan of nesting depth (so a deeply nested
 * document cannot exhaust the stack) and of member names given twice, then
 * JSON.parse with a reviver that refuses the member name "__proto__" (it would
 * become a prototype link when a consumer copies the object by assignment) and
 * numbers beyond the double range (they would become Infinity, written back as null).
 */

import { shownMemberName } from "../json-conformance.js";

export type JsonIntake = { ok: true; value: unknown } | { ok: false; detail: string };

/** What {@link scanJson} found. */
export interface JsonScan {
  /** Deepest `[`/`{` nesting outside strings (the scan stops early above the limit). */
  depth: number;
  /** A member name given twice in one object (as JSON.parse decodes it), if any. */
  duplicate?: string;
}

/**
 * One pass over JSON text before JSON.parse: nesting depth, stopping early
 * above `limit`, and member names given twice in one object (RFC 8259 § 4:
 * names SHOULD be unique; JSON.parse keeps the last, other parsers the first,
 * so a receiver could read another region or id than the router did).
 * Malformed text is left to JSON.parse.
 */
export function scanJson(text: string, limit: number): JsonScan {
  // One entry per open container: the member names of an object, null for an array.
  const open: Array<Set<string> | null> = [];
  let expectKey = false;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) j += 2;
        else if (d === 0x22) break;
        else j++;
      }
      const names = open[open.length - 1];
      if (expectKey && names) {
        const raw = text.slice(i + 1, j);
        const name = raw.includes("\\") ? decodeName(raw) : raw;
        if (name !== undefined) {
          if (names.has(name)) return { depth: max, duplicate: name };
          names.add(name);
        }
      }
      expectKey = false;
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      open.push(c === 0x7b ? new Set() : null);
      expectKey = c === 0x7b;
      if (open.length > max) {
        max = open.length;
        if (max > limit) return { depth: max };
      }
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
      expectKey = false;
    } else if (c === 0x2c) expectKey = open[open.length - 1] != null;
  }
  return { depth: max };
}

/** A member name with escapes, decoded; undefined when the escapes are malformed (JSON.parse refuses the text). */
function decodeName(raw: string): string | undefined {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}

class ProtoKey extends Error {}
class NumberOverflow extends Error {}

/** Parses a JSON message (see the module comment). Never throws. */
export function parseJsonMessage(text: string, maxDepth: number): JsonIntake {
  const scan = scanJson(text, maxDepth);
  if (scan.depth > maxDepth) return { ok: false, detail: `JSON nesting deeper than ${maxDepth}` };
  if (scan.duplicate !== undefined) return { ok: false, detail: `the JSON member name ${JSON.stringify(shownMemberName(scan.duplicate))} is given twice in one object` };
  try {
    const value: unknown = JSON.parse(text, (key, v: unknown) => {
      if (key === "__proto__") throw new ProtoKey();
      // JSON.parse turns a number beyond the double range (1e400) into Infinity, which JSON cannot write back (null).
      if (typeof v === "number" && !Number.isFinite(v)) throw new NumberOverflow();
      return v;
    });
    return { ok: true, value };
  } catch (e) {
    if (e instanceof ProtoKey) return { ok: false, detail: 'the JSON member name "__proto__" is not accepted' };
    if (e instanceof NumberOverflow) return { ok: false, detail: "a JSON number is beyond the range of a double (it would become Infinity)" };
    return { ok: false, detail: "not well-formed JSON" };
  }
}
