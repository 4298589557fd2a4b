/**
 * Scalar values between XML text and the JSON view.
 *
 * | kind     | JSON view                         | XML text written             |
 * |----------|-----------------------------------|------------------------------|
 * | string   | the text, unchanged               | the string                   |
 * | integer  | JSON number (safe integers only)  | decimal digits               |
 * | number   | JSON number (finite only)         | JavaScript's shortest form   |
 * | decimal  | string (exact), trimmed           | the string                   |
 * | boolean  | true / false ("1"/"0" accepted)   | "true"/"false" (or "1"/"0")  |
 * | date, datetime, time | string, trimmed       | the string                   |
 * | base64   | the raw text (stop node), verbatim | verbatim                    |
 *
 * Text of non-string kinds is whitespace-collapsed per XSD (leading/trailing
 * whitespace ignored); string text is kept exactly.
 */
import type { ScalarKind } from "../types/model.js";

/** Marker for a value that does not fit its kind. */
export const INVALID: unique symbol = Symbol("invalid");

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const DOUBLE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const TZ = "(?:Z|[+-]\\d{2}:\\d{2})?";
const DATE = new RegExp(`^-?\\d{4,}-\\d{2}-\\d{2}${TZ}$`);
const DATETIME = new RegExp(`^-?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?${TZ}$`);
const TIME = new RegExp(`^\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?${TZ}$`);
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;
const CHAR_REF = /^&#(?:x[0-9a-fA-F]+|\d+);$/;

/**
 * Base64 values a typed-view call has already checked, by content. One set is
 * shared by the parse of a message and the builds of its outputs within one
 * route call, so an attachment passed through unchanged is checked once
 * (5 MB of base64: about 5 ms per check). A string equal to a checked one is
 * valid; any other value (e.g. one a transformation produced) is checked when
 * written. Only values of at least {@link CHECKED_MIN_LENGTH} characters are
 * remembered: shorter ones cost less to check than to look up.
 */
export type CheckedBase64 = Set<string>;

/** Shortest base64 value remembered in a {@link CheckedBase64}. */
export const CHECKED_MIN_LENGTH = 1024;

/** True when raw base64 content (possibly with character references for line breaks) is safe to carry verbatim. */
export function isBase64Content(text: string): boolean {
  if (BASE64.test(text)) return true;
  let from = 0;
  for (let amp = text.indexOf("&"); amp >= 0; amp = text.indexOf("&", from)) {
    if (!BASE64.test(text.slice(from, amp))) return false;
    const semi = text.indexOf(";", amp);
    if (semi < 0 || !CHAR_REF.test(text.slice(amp, semi + 1))) return false;
    from = semi + 1;
  }
  return BASE64.test(text.slice(from));
}

/**
 * XML text -> JSON view value, or {@link INVALID}.
 * @param checked receives base64 values found valid (see {@link CheckedBase64})
 */
export function readScalar(kind: ScalarKind | "any", text: string, checked?: CheckedBase64): unknown {
  switch (kind) {
    case "string":
    case "any":
      return text;
    case "integer": {
      const t = text.trim();
      if (!INTEGER.test(t)) return INVALID;
      const n = Number(t);
      return Number.isSafeInteger(n) ? n : INVALID;
    }
    case "number": {
      const t = text.trim();
      return DOUBLE.test(t) && Number.isFinite(Number(t)) ? Number(t) : INVALID;
    }
    case "decimal": {
      const t = text.trim();
      return DECIMAL.test(t) ? t : INVALID;
    }
    case "boolean": {
      const t = text.trim();
      return t === "true" || t === "1" ? true : t === "false" || t === "0" ? false : INVALID;
    }
    case "date": {
      const t = text.trim();
      return DATE.test(t) ? t : INVALID;
    }
    case "datetime": {
      const t = text.trim();
      return DATETIME.test(t) ? t : INVALID;
    }
    case "time": {
      const t = text.trim();
      return TIME.test(t) ? t : INVALID;
    }
    case "base64":
      if (!isBase64Content(text)) return INVALID;
      if (checked !== undefined && text.length >= CHECKED_MIN_LENGTH) checked.add(text);
      return text;
  }
}

/** How booleans are written. */
export type BooleanStyle = "word" | "digit";

/**
 * JSON view value -> XML text, or {@link INVALID} when the value does not fit the kind.
 * @param checked base64 values already found valid: those are not checked again
 */
export function writeScalar(kind: ScalarKind | "any", value: unknown, booleans: BooleanStyle, checked?: CheckedBase64): string | typeof INVALID {
  switch (kind) {
    case "string":
      return typeof value === "string" ? value : INVALID;
    case "any":
      return typeof value === "string" ? value : typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "boolean" ? String(value) : INVALID;
    case "integer":
      if (typeof value === "number") return Number.isSafeInteger(value) ? String(value) : INVALID;
      return typeof value === "string" && INTEGER.test(value) ? value : INVALID;
    case "number":
      if (typeof value === "number") return Number.isFinite(value) ? String(value) : INVALID;
      return typeof value === "string" && DOUBLE.test(value) ? value : INVALID;
    case "decimal": {
      if (typeof value === "string") return DECIMAL.test(value) ? value : INVALID;
      if (typeof value !== "number" || !Number.isFinite(value)) return INVALID;
      const s = String(value);
      return DECIMAL.test(s) ? s : INVALID;
    }
    case "boolean":
      if (typeof value === "boolean") return booleans === "digit" ? (value ? "1" : "0") : value ? "true" : "false";
      return value === "true" || value === "false" || value === "1" || value === "0" ? value : INVALID;
    case "date":
      return typeof value === "string" && DATE.test(value) ? value : INVALID;
    case "datetime":
      return typeof value === "string" && DATETIME.test(value) ? value : INVALID;
    case "time":
      return typeof value === "string" && TIME.test(value) ? value : INVALID;
    case "base64":
      return typeof value === "string" && (checked?.has(value) === true || isBase64Content(value)) ? value : INVALID;
  }
}

/** The canonical lexical form of a scalar's text (used by the typed canonical comparison). */
export function canonicalScalar(kind: ScalarKind | "any", text: string): string {
  if (kind === "string" || kind === "any" || kind === "base64") return text;
  const v = readScalar(kind, text);
  if (v === INVALID) return text;
  return typeof v === "string" ? v : String(v);
}
