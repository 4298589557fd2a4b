/**
 * Deliveries of one route entry: conditions, transformations, payload
 * serialisation, origin targets (replies) and file names.
 */
import { entryDeliveries, entrySource, type Delivery, type RoutingTable, type Scenario } from "../table/routing-table.js";
import type { LocatedEntry } from "./region.js";
import type { CaseOrigin, RoutedDelivery } from "./api.js";
import { evaluate, EvaluationError } from "./expressions.js";
import { decimalsAsNumbers } from "./decimal-numbers.js";
import { deliveryFileName } from "./file-name.js";
import { conformJson } from "./json-conformance.js";
import type { PreparedTable } from "./load-table.js";
import { where, type Trace } from "./trace.js";
import { XmlViewError, type CheckedBase64, type XmlView } from "./xml-view.js";

/** What the deliveries of one message are computed from. */
export interface DeliveryInput {
  table: RoutingTable;
  prep: PreparedTable;
  xml: XmlView;
  scenario: Scenario;
  entry: LocatedEntry;
  /** JSON view of the input message (as scenario.message). */
  value: unknown;
  /** Decoded input text, used unchanged for pass-through deliveries of the same type. */
  text: string;
  messageId: string;
  /** Case origin for `origin` targets (replies), already looked up. */
  origin: CaseOrigin | undefined;
  attachments: Record<string, string> | undefined;
  maxEvalMs: number;
  /** Largest payload a delivery may carry, in UTF-8 bytes (RouteLimits.maxBytes, the input's bound too). */
  maxBytes: number;
  trace: Trace;
  /** Base64 values of the input already found valid (not checked again when written unchanged). */
  checked?: CheckedBase64;
}

export type DeliveriesResult = { ok: true; deliveries: RoutedDelivery[] } | { ok: false; detail: string };

/** Computes the deliveries (possibly none: the caller rejects an empty result). */
export async function computeDeliveries(inp: DeliveryInput): Promise<DeliveriesResult> {
  const { scenario, entry, trace } = inp;
  const originRoles = new Set(scenario.targets.filter((t) => t.mode === "origin").map((t) => t.role));
  const declared = entryDeliveries(inp.table, entry);
  const planned: Delivery[] = declared.map((d) => (originRoles.has(d.role) && inp.origin ? toOrigin(d, inp.origin) : d));
  for (const role of originRoles) {
    if (inp.origin && !declared.some((d) => d.role === role)) {
      planned.push({
        role: role === "" ? inp.origin.role : role,
        system: inp.origin.system,
        endpoint: inp.origin.endpoint,
        message: scenario.message,
        setBy: entrySource(inp.table, entry)?.setBy ?? { file: "(case origin)", line: 1, region: entry.region, level: entry.level },
      });
      trace.add("case", `${role || inp.origin.role}: delivered to the case origin ${inp.origin.system} (no delivery declared at ${entry.region})`);
    }
  }
  const out: RoutedDelivery[] = [];
  for (const d of planned) {
    const r = await oneDelivery(inp, d);
    if (r === "skipped") continue;
    if (!r.ok) return r;
    out.push(r.delivery);
  }
  return { ok: true, deliveries: out };
}

// One numeric view per input message, shared by its `allow float` transformations.
const numericViews = new WeakMap<DeliveryInput, unknown>();

function numericView(inp: DeliveryInput): unknown {
  if (!numericViews.has(inp)) {
    const mt = inp.table.messages[inp.scenario.message]!;
    numericViews.set(inp, decimalsAsNumbers(inp.value, mt.type, inp.table.types));
  }
  return numericViews.get(inp);
}

function toOrigin(d: Delivery, origin: CaseOrigin): Delivery {
  return { ...d, system: origin.system, endpoint: origin.endpoint };
}

function label(d: Delivery): string {
  return `${d.role}${d.recipient !== undefined ? ` "${d.recipient}"` : ""} (${d.system})`;
}

async function oneDelivery(inp: DeliveryInput, d: Delivery): Promise<"skipped" | { ok: true; delivery: RoutedDelivery } | { ok: false; detail: string }> {
  const { table, prep, trace } = inp;
  const bindings = d.bindings === undefined ? undefined : table.bindings[d.bindings];
  if (d.when !== undefined) {
    let r: unknown;
    try {
      r = await evaluate(prep.expressions[d.when]!, inp.value, bindings, inp.maxEvalMs);
    } catch (e) {
      return { ok: false, detail: `condition #${d.when} of the delivery to ${label(d)} (${where(d.setBy)}) failed: ${(e as EvaluationError).message}` };
    }
    if (r !== true) {
      if (r !== false && r !== undefined) {
        return { ok: false, detail: `condition #${d.when} of the delivery to ${label(d)} (${where(d.setBy)}) is not a boolean` };
      }
      trace.add("condition", `${label(d)}: condition #${d.when} (${where(d.setBy)}) is ${r === false ? "false" : "empty"}: not delivered`);
      return "skipped";
    }
    trace.add("condition", `${label(d)}: condition #${d.when} (${where(d.setBy)}) is true`);
  }
  const mt = table.messages[d.message]!;
  let value = inp.value;
  let text: string | undefined;
  if (d.transform !== undefined) {
    try {
      const input = d.decimalsAsNumbers === true ? numericView(inp) : inp.value;
      value = await evaluate(prep.expressions[d.transform]!, input, bindings, inp.maxEvalMs);
    } catch (e) {
      return { ok: false, detail: `transformation ${d.transformName ?? `#${d.transform}`} for ${label(d)} (${where(d.setBy)}) failed: ${(e as EvaluationError).message}` };
    }
    if (value === undefined) return { ok: false, detail: `transformation ${d.transformName ?? `#${d.transform}`} for ${label(d)} produced nothing` };
    trace.add("transform", `${label(d)}: transformation ${d.transformName ?? "(unnamed)"} #${d.transform} applied -> ${d.message}`);
  } else if (d.message === inp.scenario.message) {
    text = inp.text;
    trace.add("transform", `${label(d)}: passed through unchanged as ${d.message}`);
  } else {
    trace.add("transform", `${label(d)}: re-written as ${d.message} without transformation`);
  }
  const mediaType = mt.encoding.format === "xml" ? "application/xml" : "application/json";
  if (text === undefined && mediaType === "application/json") {
    const fit = conformJson(value, mt.type, table.types);
    if (!fit.ok) return { ok: false, detail: `the output for ${label(d)} does not fit ${d.message}: ${fit.problems.join("; ")}` };
    value = fit.value;
    text = JSON.stringify(value);
  }
  if (text === undefined) {
    try {
      text = inp.xml.build(value, mt, table.types, inp.checked);
    } catch (e) {
      const why = e instanceof XmlViewError ? e.message : "serialisation failed";
      return { ok: false, detail: `the output for ${label(d)} does not fit ${d.message}: ${why}` };
    }
  }
  // A transformation can build a huge output within its time limit: it gets the input's size bound.
  if (text.length > inp.maxBytes / 3 && Buffer.byteLength(text, "utf8") > inp.maxBytes) {
    return { ok: false, detail: `the output for ${label(d)} is ${Buffer.byteLength(text, "utf8")} bytes, more than the limit of ${inp.maxBytes}` };
  }
  const endpoint = table.endpoints[d.endpoint]!;
  const delivery: RoutedDelivery = {
    scenario: inp.scenario.id,
    messageId: inp.messageId,
    region: inp.entry.region,
    level: inp.entry.level,
    role: d.role,
    system: d.system,
    endpoint: d.endpoint,
    adapter: endpoint.adapter,
    message: d.message,
    payload: { mediaType, text, value, ...(inp.attachments ? { attachments: inp.attachments } : {}) },
    fileName: deliveryFileName(inp.messageId, inp.scenario.id, d, mediaType),
    setBy: d.setBy,
  };
  if (d.recipient !== undefined) delivery.recipient = d.recipient;
  if (d.annotations !== undefined) delivery.annotations = d.annotations;
  trace.add("deliver", `${label(d)} via endpoint #${d.endpoint} (${endpoint.adapter.kind}), set by ${where(d.setBy)} at ${inp.entry.region} (${inp.entry.level})`);
  return { ok: true, delivery };
}
