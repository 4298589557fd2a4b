/** Attachments of a payload (name -> base64 text), decoded and checked before anything is written. */
import { AdapterError } from "./outcome.js";
import { assertSafeComponent } from "./safe-path.js";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes attachments strictly (base64 alphabet and padding; whitespace ignored).
 * @throws AdapterError "unsafe-name" for a name that is not one safe path component or equals `reserved`; "bad-attachment" for invalid base64
 */
export function decodeAttachments(attachments: Record<string, string> | undefined, reserved: readonly string[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [name, b64] of Object.entries(attachments ?? {})) {
    assertSafeComponent(name, "an attachment name");
    if (reserved.includes(name)) throw new AdapterError("unsafe-name", "an attachment has the name of the message file");
    const compact = b64.replace(/\s+/g, "");
    if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw new AdapterError("bad-attachment", "an attachment is not valid base64");
    out.set(name, Buffer.from(compact, "base64"));
  }
  return out;
}

/** True when the payload carries attachments. */
export function hasAttachments(attachments: Record<string, string> | undefined): boolean {
  return attachments !== undefined && Object.keys(attachments).length > 0;
}
