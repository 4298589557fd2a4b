/**
 * Intake: from message bytes to a decoded, pre-checked message whose
 * detection key is known. Order matters: size bound, then decoding, then the
 * DOCTYPE/depth scan (XML) or the depth-bounded parse (JSON); no XML parser
 * sees a document before the scan accepted it.
 */
import { decodeMessage } from "./decode.js";
import { parseJsonMessage } from "./json-intake.js";
import type { Prescanned } from "../../xml/index.js";
import { scanXml } from "./xml-scan.js";

/** Bounds for intake (a subset of RouteLimits). */
export interface IntakeLimits {
  maxBytes: number;
  maxDepth: number;
}

export type Intake =
  | {
      ok: true;
      kind: "xml";
      /** Decoded text (BOM removed). */
      text: string;
      /** Encoding the bytes were decoded with. */
      encoding: string;
      /** Detection key "xml:{<ns>}<local>". */
      key: string;
      /** The well-formedness scan of `text` (src/xml prescan), so the typed view does not repeat it. */
      prescanned?: Prescanned;
    }
  | { ok: true; kind: "json"; text: string; encoding: string; value: unknown }
  | { ok: false; detail: string };

/** Runs intake on raw bytes. Never throws; failures are payload-free. */
export function intake(bytes: Uint8Array, limits: IntakeLimits): Intake {
  if (bytes.byteLength > limits.maxBytes) {
    return { ok: false, detail: `message of ${bytes.byteLength} bytes exceeds the limit of ${limits.maxBytes} bytes` };
  }
  if (bytes.byteLength === 0) return { ok: false, detail: "empty message" };
  const decoded = decodeMessage(bytes);
  if (!decoded.ok) return decoded;
  const { text, encoding } = decoded;
  const first = /\S/.exec(text)?.[0];
  if (first === "<") {
    const scan = scanXml(text, limits.maxDepth);
    if (!scan.ok) return scan;
    return { ok: true, kind: "xml", text, encoding, key: `xml:{${scan.rootNs}}${scan.rootLocal}`, prescanned: scan.prescanned };
  }
  if (first === "{" || first === "[") {
    const parsed = parseJsonMessage(text, limits.maxDepth);
    if (!parsed.ok) return parsed;
    return { ok: true, kind: "json", text, encoding, value: parsed.value };
  }
  return { ok: false, detail: "neither XML nor JSON" };
}
