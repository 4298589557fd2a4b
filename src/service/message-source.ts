/**
 * Reads a claimed entry: a single message file, or a message folder (folder
 * variant: the message document plus attachments, flat). In a folder the
 * message document is the only `*.xml` or `*.json` file, else the file named
 * like the folder plus `.xml`/`.json`; every other regular file is an
 * attachment, carried through as base64. Subfolders and symlinks are refused.
 */
import { createHash } from "node:crypto";
import { promises as fsp, type Stats } from "node:fs";
import * as path from "node:path";

export interface ClaimedMessage {
  /** The message document's bytes. */
  bytes: Buffer;
  /** "sha256:<hex>" of `bytes` (equal to the router's messageHash). */
  hash: string;
  /** Folder variant: attachment name -> base64 content. */
  attachments?: Record<string, string>;
  /** Name of the message document inside a folder. */
  document?: string;
}

export type ReadResult = { ok: true; message: ClaimedMessage } | { ok: false; detail: string };

/** "sha256:<hex>" of bytes. */
export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/**
 * Reads the claimed entry at `claimPath`. Refusals (too large, no message
 * document, subfolders, symlinks) are results with a payload-free detail;
 * I/O errors are thrown.
 * @param maxBytes bound on the message document and, separately, on the attachments in total
 * @param stats the entry's lstat, when the caller has it already
 */
export async function readClaimed(claimPath: string, maxBytes: number, stats?: Stats): Promise<ReadResult> {
  const st = stats ?? (await fsp.lstat(claimPath));
  if (st.isFile()) {
    if (st.size > maxBytes) return { ok: false, detail: `message is ${st.size} bytes, limit ${maxBytes}` };
    const bytes = await fsp.readFile(claimPath);
    return { ok: true, message: { bytes, hash: sha256(bytes) } };
  }
  if (!st.isDirectory()) return { ok: false, detail: "entry is neither a regular file nor a folder" };
  const names = (await fsp.readdir(claimPath)).sort();
  const files: Array<{ name: string; size: number }> = [];
  for (const n of names) {
    const s = await fsp.lstat(path.join(claimPath, n));
    if (!s.isFile()) return { ok: false, detail: "message folder holds something other than regular files" };
    files.push({ name: n, size: s.size });
  }
  const docs = files.filter((f) => /\.(xml|json)$/i.test(f.name));
  const folderName = path.basename(claimPath).replace(/^[^_]*__/, "");
  const doc =
    docs.length === 1
      ? docs[0]
      : docs.find((f) => f.name === `${folderName}.xml` || f.name === `${folderName}.json`);
  if (doc === undefined) {
    return { ok: false, detail: `message folder holds ${docs.length} candidate documents (*.xml, *.json); expected one` };
  }
  if (doc.size > maxBytes) return { ok: false, detail: `message is ${doc.size} bytes, limit ${maxBytes}` };
  const others = files.filter((f) => f !== doc);
  const total = others.reduce((a, f) => a + f.size, 0);
  if (total > maxBytes) return { ok: false, detail: `attachments are ${total} bytes, limit ${maxBytes}` };
  const bytes = await fsp.readFile(path.join(claimPath, doc.name));
  const attachments: Record<string, string> = {};
  for (const f of others) attachments[f.name] = (await fsp.readFile(path.join(claimPath, f.name))).toString("base64");
  return {
    ok: true,
    message: { bytes, hash: sha256(bytes), document: doc.name, ...(others.length > 0 ? { attachments } : {}) },
  };
}
