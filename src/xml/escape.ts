/**
 * Escapes of the XML the typed view writes (build-xml.ts): in text and
 * attribute values & < > ' " and CR (a raw CR would be normalised away by any
 * parser), the escapes fast-xml-builder applied with the view's options
 * (`viewBuilder` in options.ts), so the written bytes are the same.
 */

const SPECIAL = /[&<>'"\r]/;
const SPECIAL_ALL = /[&<>'"\r]/g;
const QUOTES = /["']/g;
const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;", '"': "&quot;", "\r": "&#13;" };

const escapeOne = (c: string): string => ESCAPES[c] ?? c;

/** Text or an attribute value with the six escapes applied (one test, no copy, when none is needed). */
export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, escapeOne) : text;
}

/** An attribute value of a stop node (content written verbatim): only its quotes escaped. */
export function escapeQuotes(text: string): string {
  return text.replace(QUOTES, escapeOne);
}
