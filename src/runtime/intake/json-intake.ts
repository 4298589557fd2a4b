/**
 * JSON message intake: a nesting-depth pre-scan (so a deeply nested document
 * cannot exhaust the stack) and JSON.parse with a reviver that refuses the
 * member name "__proto__" (it would become a prototype link when a consumer
 * copies the object by assignment).
 */

export type JsonIntake = { ok: true; value: unknown } | { ok: false; detail: string };

/** Depth of `[`/`{` nesting outside strings, stopping early above `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped char
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

class ProtoKey extends Error {}

/** Parses a JSON message (see the module comment). Never throws. */
export function parseJsonMessage(text: string, maxDepth: number): JsonIntake {
  if (jsonDepth(text, maxDepth) > maxDepth) return { ok: false, detail: `JSON nesting deeper than ${maxDepth}` };
  try {
    const value: unknown = JSON.parse(text, (key, v: unknown) => {
      if (key === "__proto__") throw new ProtoKey();
      return v;
    });
    return { ok: true, value };
  } catch (e) {
    if (e instanceof ProtoKey) return { ok: false, detail: 'the JSON member name "__proto__" is not accepted' };
    return { ok: false, detail: "not well-formed JSON" };
  }
}
