/**
 * Text from inputs (file names, names from rule files) made safe for one line
 * of terminal output: C0 controls (newline, ESC), DEL, C1 controls (CSI
 * U+009B drives terminals too) and the Unicode line and paragraph separators
 * are shown as \uXXXX escapes. Everything else is kept.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `text` with every control and line-separator character written as \uXXXX. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
