/**
 * The scenario's unroutable policy `dead-letter`: a message of that scenario
 * that cannot be routed (no entry for its region, region out of scope, no
 * delivery applies) is handed unchanged to the declared dead-letter endpoint
 * instead of being rejected. Without the policy (the default, `error-folder`)
 * the rejection stands and the service moves the message to its error folder.
 */
import type { RoutingTable } from "../table/routing-table.js";
import type { RejectReason } from "../table/test-plan.js";
import type { RouteResult, RoutedDelivery, TraceStep } from "./api.js";
import { deliveryFileName } from "./file-name.js";

/** Rejections the policy covers: the message is valid and of a known scenario, but has nowhere to go. */
const COVERED: ReadonlySet<RejectReason> = new Set(["unroutable", "unknown-region"]);

export interface Unroutable {
  reason: RejectReason;
  detail: string;
  scenario: string;
  region?: string;
  /** The decoded input document, passed on as it is. */
  text: string;
  kind: "xml" | "json";
  messageHash: string;
  trace: TraceStep[];
}

/** The dead-letter result for an unroutable message, or undefined when the scenario keeps the default policy. */
export function deadLetter(table: RoutingTable, u: Unroutable): RouteResult | undefined {
  if (!COVERED.has(u.reason)) return undefined;
  const scenario = Object.hasOwn(table.scenarios, u.scenario) ? table.scenarios[u.scenario] : undefined;
  if (scenario?.unroutable.kind !== "dead-letter") return undefined;
  const endpointRef = scenario.unroutable.endpoint;
  const endpoint = table.endpoints[endpointRef];
  if (endpoint === undefined) return undefined;
  const mediaType = u.kind === "xml" ? "application/xml" : "application/json";
  const target = { role: "dead-letter", system: endpoint.system };
  const delivery: RoutedDelivery = {
    scenario: scenario.id,
    region: u.region ?? "",
    level: "state",
    role: "dead-letter",
    system: endpoint.system,
    endpoint: endpointRef,
    adapter: endpoint.adapter,
    message: scenario.message,
    payload: { mediaType, text: u.text, value: undefined },
    fileName: deliveryFileName(u.messageHash, scenario.id, target, mediaType),
    annotations: { unroutable: u.reason },
    setBy: { file: "(scenario unroutable policy)", line: 1, region: "", level: "state" },
  };
  const trace: TraceStep[] = [
    ...u.trace,
    { step: "deliver", detail: `${u.reason}: ${u.detail}; sent unchanged to the dead-letter endpoint #${endpointRef} (${endpoint.system}) of ${scenario.id}` },
  ];
  return { ok: true, messageId: u.messageHash, messageHash: u.messageHash, scenario: scenario.id, region: u.region ?? "", deliveries: [delivery], trace };
}
