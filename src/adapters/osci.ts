/**
 * OSCI/XTA delivery: stellwerk does not speak OSCI itself; it hands the
 * message to an OSCI/XTA gateway through a transport order written into the
 * endpoint's orders directory (format: docs/osci-transport-order.md):
 * 1. the payload `<base>.xml|json` (UTF-8) and its attachments
 *    `<base>.att.<name>` are published first,
 * 2. then the order `<base>.order.json`, which is the gateway's trigger.
 * All files are published atomically without overwrite (atomic-publish.ts);
 * the order is deterministic canonical JSON, so a redelivery finds identical
 * files and reports "already present".
 */
import type { OsciAdapter } from "../table/routing-table.js";
import type { RoutedDelivery } from "../runtime/api.js";
import { canonicalJson } from "../table/canonical-json.js";
import { sha256Hex } from "../table/content-hash.js";
import { publishFile } from "./atomic-publish.js";
import { decodeAttachments } from "./attachments.js";
import { encodePayload } from "./encode.js";
import { baseOf } from "./filesystem.js";
import type { DeliveryContext, DeliveryOutcome } from "./outcome.js";
import { assertSafeComponent, confinedDir, relativeToRoot } from "./safe-path.js";

/** Format identifier of a transport order. */
export const OSCI_ORDER_FORMAT = "stellwerk.osci-transport-order";

/** One file an order refers to, relative to the order's directory. */
export interface OrderFile {
  file: string;
  bytes: number;
  /** "sha256:<hex>" of the file's bytes. */
  sha256: string;
}

/** The transport order (docs/osci-transport-order.md). */
export interface OsciTransportOrder {
  format: typeof OSCI_ORDER_FORMAT;
  formatVersion: 1;
  /** Idempotency key of this delivery (message id + target); the gateway sends each key once. */
  orderId: string;
  messageId?: string;
  scenario: string;
  /** Qualified message type of the payload. */
  messageType: string;
  /** DVDV recipient identifier (praefix:kennung). */
  recipient: string;
  /** OSCI service / message type URI, if declared. */
  service?: string;
  payload: OrderFile & { mediaType: string; encoding: "UTF-8" };
  attachments: Array<OrderFile & { name: string }>;
}

/** Delivers through an OSCI gateway by transport order. @throws AdapterError */
export async function deliverOsci(d: RoutedDelivery, adapter: OsciAdapter, ctx: DeliveryContext): Promise<DeliveryOutcome> {
  assertSafeComponent(d.fileName, "the delivery file name");
  const base = baseOf(d.fileName);
  const dir = await confinedDir(ctx.exchangeRoot, adapter.orders);
  const data = encodePayload(d.payload.text, d.payload.mediaType, "UTF-8");
  const attachments = decodeAttachments(d.payload.attachments, []);
  const results: string[] = [await publishFile(dir, d.fileName, data)];
  const listed: OsciTransportOrder["attachments"] = [];
  for (const [name, bytes] of [...attachments].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = `${base}.att.${name}`;
    results.push(await publishFile(dir, file, bytes));
    listed.push({ name, file, bytes: bytes.byteLength, sha256: "sha256:" + sha256Hex(bytes) });
  }
  const order: OsciTransportOrder = {
    format: OSCI_ORDER_FORMAT,
    formatVersion: 1,
    orderId: base,
    scenario: d.scenario,
    messageType: d.message,
    recipient: adapter.recipient,
    payload: { file: d.fileName, bytes: data.byteLength, sha256: "sha256:" + sha256Hex(data), mediaType: d.payload.mediaType, encoding: "UTF-8" },
    attachments: listed,
  };
  if (d.messageId !== undefined) order.messageId = d.messageId;
  if (adapter.service !== undefined) order.service = adapter.service;
  const orderName = `${base}.order.json`;
  results.push(await publishFile(dir, orderName, Buffer.from(canonicalJson(order) + "\n", "utf8")));
  return {
    ok: true,
    alreadyPresent: results.every((r) => r === "already"),
    location: await relativeToRoot(ctx.exchangeRoot, `${dir}/${orderName}`),
  };
}
