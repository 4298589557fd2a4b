/**
 * Encoding a payload for an endpoint. The text is written in the endpoint's
 * declared character encoding (iconv-lite); a character the encoding cannot
 * represent is an error ("unencodable"), never a '?' or a replacement
 * character. For XML payloads the XML declaration is rewritten (or added) to
 * name the encoding actually used. JSON is written as is.
 */
import iconv from "iconv-lite";
import { AdapterError } from "./outcome.js";

const XML_DECL = /^\uFEFF?<\?xml\s[^?]*\?>/;

/** Sets the `encoding` of the XML declaration (adding a declaration if there is none). */
export function withXmlEncoding(text: string, encoding: string): string {
  const m = XML_DECL.exec(text);
  if (m === null) return `<?xml version="1.0" encoding="${encoding}"?>\n${text}`;
  const decl = m[0].replace(/^\uFEFF/, "");
  const version = /\bversion\s*=\s*(["'])([^"']*)\1/.exec(decl)?.[2] ?? "1.0";
  const standalone = /\bstandalone\s*=\s*(["'])(yes|no)\1/.exec(decl)?.[2];
  const rebuilt = `<?xml version="${version}" encoding="${encoding}"${standalone ? ` standalone="${standalone}"` : ""}?>`;
  return rebuilt + text.slice(m[0].length);
}

/**
 * Encodes `text` in `encoding`.
 * @throws AdapterError "unsupported-encoding" or "unencodable" (detail: offset only, never the character)
 */
export function encodeText(text: string, encoding: string): Buffer {
  if (!iconv.encodingExists(encoding)) throw new AdapterError("unsupported-encoding", `the endpoint encoding ${JSON.stringify(encoding)} is not supported`);
  const bytes = iconv.encode(text, encoding);
  if (iconv.decode(bytes, encoding) === text) return bytes;
  throw new AdapterError("unencodable", `a character at offset ${firstUnencodable(text, encoding)} cannot be written in ${encoding}`);
}

function firstUnencodable(text: string, encoding: string): number {
  let offset = 0;
  for (const ch of text) {
    if (iconv.decode(iconv.encode(ch, encoding), encoding) !== ch) return offset;
    offset += ch.length;
  }
  return -1;
}

/** Encodes a payload for an endpoint: XML with a matching declaration, JSON unchanged. */
export function encodePayload(text: string, mediaType: "application/xml" | "application/json", encoding: string): Buffer {
  return encodeText(mediaType === "application/xml" ? withXmlEncoding(text, encoding) : text, encoding);
}
