/**
 * Turns the bytes of a directory file into text. Destatis material appears in
 * several encodings depending on who exported it: the mirrored quarterly extract is
 * UTF-8 with a BOM; a CSV saved from the published Excel workbook by a German Excel
 * is Windows-1252 (a superset of Latin-1); "Unicode text" exports are UTF-16.
 */
import { Buffer, isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

/** The encodings this module can tell apart. */
export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** Decoded text, or why the bytes are not a text file. */
export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; reason: "empty" | "binary" };

/**
 * Decode the bytes: a BOM decides; otherwise strict UTF-8 if the bytes are valid
 * UTF-8, else Windows-1252 (via iconv-lite). The BOM is not part of the text.
 * NUL bytes, or many C0 control characters near the start, mean binary data.
 */
export function decodeDirectoryBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return finish(iconv.decode(bytes.subarray(2), "utf-16le"), "utf-16le");
  if (b0 === 0xfe && b1 === 0xff) return finish(iconv.decode(bytes.subarray(2), "utf-16be"), "utf-16be");
  let body = bytes;
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  if (body.indexOf(0) !== -1 || looksBinary(body)) return { ok: false, reason: "binary" };
  if (isUtf8(body)) {
    return finish(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"), "utf-8");
  }
  return finish(iconv.decode(body, "windows-1252"), "windows-1252");
}

function finish(text: string, encoding: TextEncodingName): DecodeResult {
  if (text.indexOf("\u0000") !== -1) return { ok: false, reason: "binary" };
  if (text.trim() === "") return { ok: false, reason: "empty" };
  return { ok: true, text, encoding };
}

/** More than 1% C0 control characters (other than TAB, LF, CR, FF) in the first 4 KiB. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  return controls > n / 100;
}
