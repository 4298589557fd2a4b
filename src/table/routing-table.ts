/**
 * The routing-table format, version 1: the contract between the compiler
 * (src/lowering writes it) and every consumer (src/runtime, pilot bundles,
 * services in other languages). Documented for consumers in docs/routing-table.md;
 * machine-checked by schema/routing-table.schema.json.
 *
 * Design rules:
 * - Plain JSON; every map is keyed by a string and written with sorted keys, so
 *   the same rule set yields the same bytes.
 * - Things used many times are stored once and referenced by index:
 *   JSONata sources (`expressions`), endpoints (`endpoints`), per-region
 *   binding sets (`bindings`), deliveries (`deliveries`), sender bindings
 *   (`sources`).
 * - Region lookup is longest-prefix match over at most five hash probes
 *   (ARS prefix lengths 12, 9, 5, 3, 2); each entry is already fully merged
 *   with what it inherits, so the first hit is the whole answer. An entry that
 *   would equal the one above it is left out (its key then resolves to that one).
 */
import type { MessageType, TypeRegistry } from "../types/model.js";

/** The format identifier, constant. */
export const TABLE_FORMAT = "stellwerk.routing-table";
/** Major format version. A consumer refuses any other major version. */
export const TABLE_FORMAT_VERSION = 1;

/** Deployment stage of a region: test infrastructure, pilot, or production. */
export type Stage = "test" | "pilot" | "production";
export const STAGES: readonly Stage[] = ["test", "pilot", "production"];

/** Specialization level of a regional key, by its length in digits (ARS). */
export type RegionLevel = "state" | "regierungsbezirk" | "district" | "verband" | "municipality";

/** ARS prefix length per level, most specific first: the probe order of a lookup. */
export const LEVEL_LENGTHS: ReadonlyArray<readonly [RegionLevel, number]> = [
  ["municipality", 12],
  ["verband", 9],
  ["district", 5],
  ["regierungsbezirk", 3],
  ["state", 2],
];

/** Index into {@link RoutingTable.expressions}. */
export type ExprRef = number;
/** Index into {@link RoutingTable.endpoints}. */
export type EndpointRef = number;
/** Index into {@link RoutingTable.bindings}. */
export type BindingsRef = number;
/** Index into {@link RoutingTable.deliveries}. */
export type DeliveryRef = number;
/** Index into {@link RoutingTable.sources}. */
export type SourceRef = number;

/** Where a table entry came from, for traces and `explain`. */
export interface Provenance {
  /** Rule file path relative to the rule-set root, with forward slashes. */
  file: string;
  /** 1-based line of the declaration. */
  line: number;
  /** Regional key of the region block that set it ("" for a package-level default). */
  region: string;
  level: RegionLevel;
}

/** Filesystem adapter: two exchange directories relative to the exchange root chosen at run time. */
export interface FilesystemAdapter {
  kind: "filesystem";
  /** Where stellwerk delivers to the system (Eingangsverzeichnis), relative path, "/" separated. */
  inbox?: string;
  /** Where the system drops messages for stellwerk (Ausgangsverzeichnis), relative path. */
  outbox?: string;
  /** One XML file per message, or one folder per message holding the XML and its attachments. */
  variant: "xml-file" | "folder";
  /** Output character encoding, e.g. "UTF-8", "ISO-8859-15". */
  encoding: string;
}

/** Web-service adapter: HTTP delivery. Secrets appear only as references. */
export interface WebserviceAdapter {
  kind: "webservice";
  url: string;
  method: "POST" | "PUT";
  /** Name of the secret (environment variable `STELLWERK_SECRET_<NAME>` or file in the secrets dir). */
  authSecret?: string;
  /** Request timeout in milliseconds. */
  timeoutMs: number;
  /** Maximum delivery attempts (>= 1). */
  maxAttempts: number;
}

/** OSCI/XTA adapter: stellwerk writes a transport order for the OSCI gateway. */
export interface OsciAdapter {
  kind: "osci";
  /** Recipient identifier (DVDV: praefix:kennung, e.g. "psw:14522180"). */
  recipient: string;
  /** OSCI service/message type URI given to the gateway, if declared. */
  service?: string;
  /** Relative directory where transport orders are written for the gateway. */
  orders: string;
}

export type Adapter = FilesystemAdapter | WebserviceAdapter | OsciAdapter;

/** A concrete connection of one system, stored once and referenced. */
export interface Endpoint {
  /** Qualified system name. */
  system: string;
  adapter: Adapter;
}

/** A concrete product that implements roles. */
export interface SystemEntry {
  /** Qualified role names it implements. */
  roles: string[];
  /** Message types (qualified names) it accepts. */
  accepts: string[];
  certified: boolean;
}

/** How the router recognises a scenario in a message. */
export interface Detection {
  /** Candidate key: "xml:{<ns>}<root>" (ns may be empty) or "json:<message>". */
  key: string;
  /** Boolean JSONata expression that must hold (e.g. a header code), if several scenarios share a key. */
  when?: ExprRef;
}

/** Who receives a scenario's message. */
export interface Target {
  /** Qualified role name. */
  role: string;
  /**
   * one: exactly one binding per region; each: a recipient list (fan-out);
   * origin: the system recorded as origin of the message's case (replies).
   */
  mode: "one" | "each" | "origin";
}

/** One delivery a route entry makes. */
export interface Delivery {
  role: string;
  /** Recipient name within an `each` role (e.g. "StaLA Sachsen"). */
  recipient?: string;
  system: string;
  endpoint: EndpointRef;
  /** Qualified name of the message type delivered (after transformation). */
  message: string;
  /** Transformation applied to the input's JSON view; undefined = passed through unchanged. */
  transform?: ExprRef;
  /** Name of the transformation declaration, for traces. */
  transformName?: string;
  /**
   * The transformation reads decimal fields of the input as JSON numbers
   * instead of exact strings (the rule says `allow float`, so it may do binary
   * arithmetic on them). Only with `transform`.
   */
  decimalsAsNumbers?: true;
  /** Boolean JSONata condition over the input; the delivery is skipped when false. */
  when?: ExprRef;
  /** Variables ($name) bound during evaluation of `transform` and `when`. */
  bindings?: BindingsRef;
  /** Extra metadata recorded with the delivery (e.g. a due date rule). Strings only. */
  annotations?: Record<string, string>;
  setBy: Provenance;
}

/** The sender role's binding at a region: its endpoint is where messages come from and where replies go back to. */
export interface SourceBinding {
  system: string;
  endpoint: EndpointRef;
  setBy: Provenance;
}

/**
 * What the router does for one scenario at one regional key (the key of
 * `Scenario.routes`; its level follows from its length). Fully merged.
 */
export interface RouteEntry {
  stage: Stage;
  /** The sender binding here, if any. */
  source?: SourceRef;
  /** The deliveries made here, in order. */
  deliveries: DeliveryRef[];
}

export type UnroutablePolicy =
  | { kind: "error-folder" }
  | { kind: "dead-letter"; endpoint: EndpointRef };

/** One message scenario (Nachrichtenszenario). */
export interface Scenario {
  /** Qualified id "package.A1". */
  id: string;
  title: string;
  /** Sender role (qualified). */
  from: string;
  targets: Target[];
  /** Input message type (qualified). */
  message: string;
  detect: Detection;
  /** JSONata expression yielding the regional key (AGS 8 or ARS 2..12 digits, as a string). */
  region: ExprRef;
  /** Case (correlation) key expression. */
  correlation?: ExprRef;
  /** Idempotency key expression; falls back to the message hash when absent. */
  idempotency?: ExprRef;
  /** True when the scenario is routed back to the origin of its case. */
  reply: boolean;
  /** Id of the acknowledgement scenario expected for it, if any. */
  ack?: string;
  unroutable: UnroutablePolicy;
  /** Entries keyed by regional-key prefix. */
  routes: Record<string, RouteEntry>;
}

/** The compiled routing table. */
export interface RoutingTable {
  format: typeof TABLE_FORMAT;
  formatVersion: typeof TABLE_FORMAT_VERSION;
  /** stellwerk version that wrote it. */
  compilerVersion: string;
  /** jsonata package version the expressions were checked against. */
  jsonataVersion: string;
  stage: Stage;
  /** "sha256:<hex>" over the canonical JSON of the table with this field set to "". */
  contentHash: string;
  directory: {
    /** File name of the directory extract the compiler read. */
    source: string;
    /** Reference date of the directory (YYYY-MM-DD). */
    date: string;
  };
  /** The municipalities in scope for this stage. */
  regions: {
    /** AGS (8 digits) -> ARS (12 digits). */
    agsToArs: Record<string, string>;
  };
  types: TypeRegistry;
  messages: Record<string, MessageType>;
  /** Distinct JSONata sources, referenced by index. */
  expressions: string[];
  /** Distinct per-region variable sets (values are JSON), referenced by index. */
  bindings: Array<Record<string, unknown>>;
  systems: Record<string, SystemEntry>;
  endpoints: Endpoint[];
  /** Distinct deliveries, referenced by index from route entries. */
  deliveries: Delivery[];
  /** Distinct sender bindings, referenced by index from route entries. */
  sources: SourceBinding[];
  scenarios: Record<string, Scenario>;
}

/** The deliveries of an entry, resolved. */
export function entryDeliveries(table: RoutingTable, entry: RouteEntry): Delivery[] {
  return entry.deliveries.map((i) => table.deliveries[i]!);
}

/** The sender binding of an entry, resolved. */
export function entrySource(table: RoutingTable, entry: RouteEntry): SourceBinding | undefined {
  return entry.source === undefined ? undefined : table.sources[entry.source];
}
