/**
 * Character decoding of an incoming message. The encoding is taken from the
 * byte order mark, else from the XML declaration, else UTF-8 (RFC 8259 for
 * JSON; XML 1.0 § 4.3.3 for XML without a declaration).
 *
 * Supported: UTF-8, UTF-16 (LE/BE, BOM required), ISO-8859-1, ISO-8859-15,
 * US-ASCII. A byte sequence that is invalid in the chosen encoding is an
 * error, never a replacement character. ISO-8859-1/-15 accept every byte, so
 * there the C1 control range U+0080..U+009F (never in real Latin text, typical
 * of UTF-8 mislabelled as Latin) is refused as well.
 */
import { isAscii, isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

/** A decoded message text, or why it could not be decoded (payload-free). */
export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; detail: string };

const UTF8 = new TextDecoder("utf-8", { fatal: true });
const UTF16LE = new TextDecoder("utf-16le", { fatal: true });
const UTF16BE = new TextDecoder("utf-16be", { fatal: true });

/** Canonical name per accepted label (lower case). */
const LABELS: Record<string, string> = {
  "utf-8": "UTF-8",
  utf8: "UTF-8",
  "utf-16": "UTF-16",
  "utf-16le": "UTF-16",
  "utf-16be": "UTF-16",
  "iso-8859-1": "ISO-8859-1",
  "iso_8859-1": "ISO-8859-1",
  latin1: "ISO-8859-1",
  "latin-1": "ISO-8859-1",
  "iso-8859-15": "ISO-8859-15",
  "iso_8859-15": "ISO-8859-15",
  latin9: "ISO-8859-15",
  "latin-9": "ISO-8859-15",
  "us-ascii": "US-ASCII",
  ascii: "US-ASCII",
};

/** Normalises an encoding label to one of the supported names, or undefined. */
export function canonicalEncoding(label: string): string | undefined {
  return LABELS[label.trim().toLowerCase()];
}

/** Reads `encoding="..."` from an XML declaration at the start of `head`, if any. */
export function declaredEncoding(head: string): string | undefined {
  const m = /^<\?xml\s[^?]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1[^?]*\?>/.exec(head);
  return m?.[2];
}

function bomOf(b: Uint8Array): "UTF-8" | "UTF-16LE" | "UTF-16BE" | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "UTF-8";
  if (b[0] === 0xff && b[1] === 0xfe) return "UTF-16LE";
  if (b[0] === 0xfe && b[1] === 0xff) return "UTF-16BE";
  return undefined;
}

const INVALID_SEQUENCE = "a byte sequence is invalid in the message's character encoding";

const C1 = /[\u0080-\u009f]/;

/** Bytes examined per piece by {@link decodeValidUtf8}. */
const PIECE = 1 << 16;

/**
 * Decodes bytes already known to be valid UTF-8 (no BOM). Runs of pure ASCII
 * (typically a base64 attachment) are copied as Latin-1, which for ASCII is the
 * same text and several times faster than UTF-8 decoding; pieces holding other
 * characters are decoded as UTF-8, cut only at character boundaries.
 */
function decodeValidUtf8(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isAscii(buf)) return buf.toString("latin1");
  if (buf.length <= PIECE) return buf.toString("utf8");
  let text = "";
  let ascii = 0; // start of the ASCII run not yet decoded
  for (let start = 0; start < buf.length; ) {
    let end = Math.min(start + PIECE, buf.length);
    while (end < buf.length && ((buf[end] as number) & 0xc0) === 0x80) end--; // never inside a multi-byte character
    if (!isAscii(buf.subarray(start, end))) {
      if (ascii < start) text += buf.toString("latin1", ascii, start);
      text += buf.toString("utf8", start, end);
      ascii = end;
    }
    start = end;
  }
  return ascii < buf.length ? text + buf.toString("latin1", ascii) : text;
}

/** Decodes message bytes (see the module comment). Never throws. */
export function decodeMessage(bytes: Uint8Array): Decoded {
  const bom = bomOf(bytes);
  try {
    if (bom !== undefined) {
      const text = (bom === "UTF-8" ? UTF8 : bom === "UTF-16LE" ? UTF16LE : UTF16BE).decode(bytes);
      const declared = declaredEncoding(text);
      if (declared !== undefined) {
        const family = canonicalEncoding(declared);
        const bomFamily = bom === "UTF-8" ? "UTF-8" : "UTF-16";
        if (family !== bomFamily) {
          return { ok: false, detail: `byte order mark says ${bom} but the XML declaration says another encoding` };
        }
      }
      return { ok: true, text, encoding: bom };
    }
    // No BOM: the declaration, if any, is ASCII-compatible in every supported encoding.
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256)).toString("latin1");
    const declared = declaredEncoding(head);
    const encoding = declared === undefined ? "UTF-8" : canonicalEncoding(declared);
    if (encoding === undefined) return { ok: false, detail: "the declared character encoding is not supported" };
    switch (encoding) {
      case "UTF-8":
        // isUtf8 is a strict validator (as a fatal TextDecoder: no overlong forms, surrogates or code points above U+10FFFF)
        if (!isUtf8(bytes)) return { ok: false, detail: INVALID_SEQUENCE };
        return { ok: true, text: decodeValidUtf8(bytes), encoding };
      case "UTF-16":
        return { ok: false, detail: "UTF-16 input needs a byte order mark" };
      case "US-ASCII":
        if (bytes.some((b) => b > 0x7f)) return { ok: false, detail: "a byte above 0x7F in US-ASCII input" };
        return { ok: true, text: iconv.decode(Buffer.from(bytes), "latin1"), encoding };
      default: {
        const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
        if (C1.test(text)) {
          return { ok: false, detail: `a C1 control byte (0x80-0x9F) in ${encoding} input: mislabelled encoding?` };
        }
        return { ok: true, text, encoding };
      }
    }
  } catch {
    return { ok: false, detail: INVALID_SEQUENCE };
  }
}
