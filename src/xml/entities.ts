/**
 * The entity decoder handed to fast-xml-parser: the five predefined XML
 * entities and character references, nothing else (no DOCTYPE entities, no
 * HTML entities). A reference to anything else, or to a character XML 1.0
 * does not allow, makes the document not well-formed.
 */
import { XmlViewAbort } from "./errors.js";

const PREDEFINED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** True for a code point XML 1.0 allows in a document (production [2] Char). */
export function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function notWellFormed(): never {
  throw new XmlViewAbort("xml-not-well-formed", "an entity or character reference is malformed, unknown or names a character XML 1.0 does not allow");
}

function decodeReference(ref: string): string {
  if (ref.charCodeAt(0) === 35 /* # */) {
    const hex = ref.charCodeAt(1) === 120; /* x */
    const digits = ref.slice(hex ? 2 : 1);
    if (digits === "" || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) notWellFormed();
    const cp = parseInt(digits, hex ? 16 : 10);
    if (!isXmlChar(cp)) notWellFormed();
    return String.fromCodePoint(cp);
  }
  const value = Object.prototype.hasOwnProperty.call(PREDEFINED, ref) ? PREDEFINED[ref] : undefined;
  if (value === undefined) notWellFormed();
  return value;
}

/** Replaces entity and character references in text or an attribute value. */
export function decodeXmlReferences(text: string): string {
  let amp = text.indexOf("&");
  if (amp < 0) return text;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = text.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp > 12) notWellFormed();
    out += text.slice(from, amp) + decodeReference(text.slice(amp + 1, semi));
    from = semi + 1;
    amp = text.indexOf("&", from);
  }
  return out + text.slice(from);
}

/** The object fast-xml-parser's `entityDecoder` option expects. Stateless, shareable. */
export const XML_ENTITY_DECODER = {
  setExternalEntities(): void {},
  addInputEntities(): void {},
  reset(): void {},
  setXmlVersion(): void {},
  decode: decodeXmlReferences,
};
