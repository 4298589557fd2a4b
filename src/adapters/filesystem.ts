/**
 * Filesystem delivery (Eingangsverzeichnis of the target system), in both
 * variants:
 * - "xml-file": one file `<inbox>/<fileName>`;
 * - "folder": one folder `<inbox>/<base>/` holding `<fileName>` and the
 *   message's attachments.
 * Written in the endpoint's encoding, atomically and never over an existing
 * file (atomic-publish.ts), inside the configured directory (safe-path.ts).
 */
import * as path from "node:path";
import type { FilesystemAdapter } from "../table/routing-table.js";
import type { RoutedDelivery } from "../runtime/api.js";
import { publishFile, publishFolder } from "./atomic-publish.js";
import { decodeAttachments, hasAttachments } from "./attachments.js";
import { encodePayload } from "./encode.js";
import { AdapterError, type DeliveryContext, type DeliveryOutcome } from "./outcome.js";
import { assertSafeComponent, confinedDir, relativeToRoot } from "./safe-path.js";

/** Base name of a delivery file name (without its extension). */
export function baseOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/** Delivers to a filesystem endpoint. @throws AdapterError (turned into an outcome by deliver()) */
export async function deliverFilesystem(d: RoutedDelivery, adapter: FilesystemAdapter, ctx: DeliveryContext): Promise<DeliveryOutcome> {
  if (adapter.inbox === undefined) throw new AdapterError("config", `endpoint #${d.endpoint} has no inbox directory`);
  assertSafeComponent(d.fileName, "the delivery file name");
  const data = encodePayload(d.payload.text, d.payload.mediaType, adapter.encoding);
  const dir = await confinedDir(ctx.exchangeRoot, adapter.inbox);
  let result;
  let target: string;
  if (adapter.variant === "folder") {
    const files = decodeAttachments(d.payload.attachments, [d.fileName]);
    files.set(d.fileName, data);
    target = path.join(dir, baseOf(d.fileName));
    result = await publishFolder(dir, baseOf(d.fileName), files);
  } else {
    if (hasAttachments(d.payload.attachments)) {
      throw new AdapterError("attachments-unsupported", `endpoint #${d.endpoint} (xml-file variant) cannot carry the message's attachments`);
    }
    target = path.join(dir, d.fileName);
    result = await publishFile(dir, d.fileName, data);
  }
  return { ok: true, alreadyPresent: result === "already", location: await relativeToRoot(ctx.exchangeRoot, target) };
}
