/** Small checks on CSV cells shared by both file layouts. */
import type { ErrorSink } from "./errors.js";

/** True when `value` is exactly `length` ASCII digits. */
export function isDigits(value: string, length: number): boolean {
  if (value.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Check that a key cell is `length` digits; report a malformed-key error otherwise
 * (the message gives lengths and a hint, never the cell content). Returns the check result.
 */
export function checkKey(sink: ErrorSink, value: string, length: number, column: string, line: number): boolean {
  if (isDigits(value, length)) return true;
  const allDigits = /^\d*$/.test(value);
  const hint =
    allDigits && value.length > 0 && value.length < length
      ? " (leading zeros lost, e.g. by a spreadsheet program?)"
      : allDigits
        ? ""
        : " (contains characters other than digits)";
  sink.add("malformed-key", `column '${column}' must be ${length} digits, found ${value.length} characters${hint}`, line, column);
  return false;
}

/** Check that a required text cell is not blank; report missing-value otherwise. */
export function checkPresent(sink: ErrorSink, value: string, column: string, line: number): boolean {
  if (value.trim() !== "") return true;
  sink.add("missing-value", `column '${column}' is empty`, line, column);
  return false;
}

/** True when every field of a record is empty or whitespace (a blank line, or ";;;;" from a spreadsheet). */
export function isBlankRecord(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== "") return false;
  return true;
}
