/**
 * Character decoding of an incoming message. The encoding is taken from the
 * byte order mark, else from the XML declaration, else UTF-8 (RFC 8259 for
 * JSON; XML 1.0 § 4.3.3 for XML without a declaration).
 *
 * Supported: UTF-8, UTF-16 (LE/BE, BOM required), ISO-8859-1, ISO-8859-15,
 * US-ASCII. A byte sequence that is invalid in the chosen encoding is an
 * error, never a replacement character. ISO-8859-1/-15 accept every byte, so
 * there the C1 control range U+0080..U+009F (never in real Latin text, typical
 * of UTF-8 mislabelled as Latin) is refused as well, and so is input whose
 * non-ASCII bytes all form valid UTF-8 sequences (real Latin text almost never
 * does: it would need pairs like "Ã¼"; mislabelled UTF-8 always does).
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

/** A maximal run of non-ASCII characters in valid UTF-8 read as Latin-1: whole UTF-8 characters. */
const NON_ASCII_RUN = /[\u0080-\u00ff]+/g;

/** Decodes one {@link NON_ASCII_RUN} (valid UTF-8, so lead and continuation bytes are well-formed). */
function utf8Run(run: string): string {
  if (run.length > 64) return Buffer.from(run, "latin1").toString("utf8");
  let out = "";
  for (let i = 0; i < run.length; ) {
    const b0 = run.charCodeAt(i);
    if (b0 < 0xe0) {
      out += String.fromCharCode(((b0 & 0x1f) << 6) | (run.charCodeAt(i + 1) & 0x3f));
      i += 2;
    } else if (b0 < 0xf0) {
      out += String.fromCharCode(((b0 & 0x0f) << 12) | ((run.charCodeAt(i + 1) & 0x3f) << 6) | (run.charCodeAt(i + 2) & 0x3f));
      i += 3;
    } else {
      out += String.fromCodePoint(((b0 & 0x07) << 18) | ((run.charCodeAt(i + 1) & 0x3f) << 12) | ((run.charCodeAt(i + 2) & 0x3f) << 6) | (run.charCodeAt(i + 3) & 0x3f));
      i += 4;
    }
  }
  return out;
}

/**
 * Decodes bytes already known to be valid UTF-8 (no BOM): as Latin-1 (a plain
 * copy, the same text for ASCII), then each run of non-ASCII bytes as the
 * UTF-8 characters it holds. For XÖV messages, mostly ASCII with a few
 * umlauts and possibly megabytes of base64, this is several times faster than
 * a UTF-8 decoder and yields one flat string (the parser reads it faster than
 * a concatenation of pieces).
 */
function decodeValidUtf8(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = buf.toString("latin1");
  return isAscii(buf) ? latin1 : latin1.replace(NON_ASCII_RUN, utf8Run);
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
        // Valid UTF-8 with multi-byte characters is UTF-8, whatever the declaration says: read as Latin,
        // "ü" (C3 BC) would silently become "Ã¼" (no C1 byte to catch it, unlike "€" or "ß").
        if (!isAscii(bytes) && isUtf8(bytes)) {
          return { ok: false, detail: `UTF-8 bytes in input declared as ${encoding}: mislabelled encoding?` };
        }
        return { ok: true, text, encoding };
      }
    }
  } catch {
    return { ok: false, detail: INVALID_SEQUENCE };
  }
}
