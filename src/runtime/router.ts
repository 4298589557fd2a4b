/**
 * The reference router: (table, message bytes, options) -> deliveries or a
 * typed rejection, with a payload-free trace. Implements the lookup semantics
 * documented in docs/routing-table.md.
 *
 * Steps: intake (size, encoding, DOCTYPE, depth) -> scenario (given or
 * detected) -> regional key (given or read; AGS -> ARS; in scope) ->
 * longest-prefix entry -> correlation/idempotency keys -> case origin for
 * replies -> deliveries (conditions, transformations, payloads, file names).
 *
 * Zero deliveries is never a success: when an entry exists but every
 * delivery's condition is false, the message is rejected as "unroutable"
 * (whatever the target modes), so it reaches the error folder or the
 * dead-letter endpoint instead of vanishing.
 */
import { sha256Hex } from "../table/content-hash.js";
import { STAGES, entrySource, type RoutingTable, type Scenario } from "../table/routing-table.js";
import type { RejectReason } from "../table/test-plan.js";
import type { CaseOrigin, LoadedTable, RouteLimits, RouteOptions, RouteResult } from "./api.js";
import { deadLetter } from "./dead-letter.js";
import { computeDeliveries } from "./deliveries.js";
import { DEFAULT_MAX_EVAL_MS, evaluate, EvaluationError } from "./expressions.js";
import { intake } from "./intake/intake.js";
import { preparedOf, type PreparedTable } from "./load-table.js";
import { MessageViews } from "./message-view.js";
import { lookupEntry, normalizeRegion } from "./region.js";
import { detectScenario, resolveScenarioId, useGivenScenario } from "./scenario-select.js";
import { Trace, where } from "./trace.js";
import { XML_VIEW, type CheckedBase64 } from "./xml-view.js";

/** Default bounds (RouteLimits). */
export const DEFAULT_LIMITS: RouteLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 256,
  maxEvalMs: DEFAULT_MAX_EVAL_MS,
};

/** Qualified package of a scenario id: everything before the last ".". */
export function packageOf(scenarioId: string): string {
  return scenarioId.slice(0, scenarioId.lastIndexOf("."));
}

class Rejection {
  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
  ) {}
}

/**
 * Routes one message. Never throws for any input bytes: every failure is a
 * `{ ok: false, reason, detail }` result with a payload-free detail.
 * @throws TableError only when `t` was not produced by loadTable (a programming error).
 */
export async function route(t: LoadedTable, bytes: Uint8Array, opts: RouteOptions = {}): Promise<RouteResult> {
  const prep = preparedOf(t);
  const limits: RouteLimits = { ...DEFAULT_LIMITS, ...definedOnly(opts.limits ?? {}) };
  const messageHash = "sha256:" + sha256Hex(bytes);
  const trace = new Trace();
  const state: RouteState = {};
  try {
    return await routeChecked(t.table, prep, bytes, opts, limits, messageHash, trace, state);
  } catch (e) {
    const r = e instanceof Rejection ? e : new Rejection("invalid", "internal error while routing (a runtime defect; the message is kept)");
    if (e instanceof Rejection && state.scenario !== undefined && state.input !== undefined) {
      const dead = deadLetter(t.table, { reason: r.reason, detail: r.detail, scenario: state.scenario, ...(state.region !== undefined ? { region: state.region } : {}), ...state.input, messageHash, trace: trace.steps });
      if (dead) return dead;
    }
    trace.add("reject", `${r.reason}: ${r.detail}`);
    const { input: _input, ...where } = state;
    return { ok: false, reason: r.reason, detail: r.detail, messageHash, ...where, trace: trace.steps };
  }
}

/** What is known about a message while it is routed, for rejections and the dead-letter policy. */
interface RouteState {
  scenario?: string;
  region?: string;
  input?: { text: string; kind: "xml" | "json" };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function routeChecked(
  table: RoutingTable,
  prep: PreparedTable,
  bytes: Uint8Array,
  opts: RouteOptions,
  limits: RouteLimits,
  messageHash: string,
  trace: Trace,
  state: RouteState,
): Promise<RouteResult> {
  const msg = intake(bytes, limits);
  if (!msg.ok) throw new Rejection("invalid", msg.detail);
  state.input = { text: msg.text, kind: msg.kind };
  trace.add("intake", `${msg.kind.toUpperCase()} message, ${bytes.byteLength} bytes, decoded as ${msg.encoding}`);
  const xml = XML_VIEW;
  // base64 values checked while reading the message, not checked again when written unchanged
  const checked: CheckedBase64 = new Set();
  const views = new MessageViews(table, msg, xml, { maxDepth: limits.maxDepth, maxLength: limits.maxBytes }, checked);

  // Scenario
  let selected;
  if (opts.scenario !== undefined) {
    const given = resolveScenarioId(opts.scenario, table, prep);
    if (!given.ok) throw new Rejection(given.reason, given.detail);
    selected = useGivenScenario(given.scenario, msg, views, trace);
  } else {
    selected = await detectScenario(msg, prep, views, limits.maxEvalMs, trace);
  }
  if (!selected.ok) throw new Rejection(selected.reason, selected.detail);
  const { scenario, value } = selected;
  state.scenario = scenario.id;

  // Region
  let rawRegion: unknown;
  if (opts.region !== undefined) {
    rawRegion = opts.region;
  } else {
    rawRegion = await evalOrReject(prep, scenario.region, value, limits, "unknown-region", `region expression #${scenario.region}`);
  }
  const region = normalizeRegion(rawRegion, table, prep);
  if (!region.ok) throw new Rejection("unknown-region", region.detail);
  state.region = region.key;
  const source = opts.region !== undefined ? "given by the caller" : `read by expression #${scenario.region}`;
  trace.add("region", region.kind === "ags" ? `8-digit AGS ${source}, mapped to ARS ${region.key}` : `${region.key.length}-digit key ${source}: ${region.key}`);

  // Entry
  const found = lookupEntry(scenario, region.key);
  for (const p of found.probes) {
    trace.add("lookup", p.hit ? `entry ${p.prefix} (${p.level}) found` : `no entry at ${p.prefix} (${p.level})`);
  }
  const entry = found.entry;
  if (entry === undefined) throw new Rejection("unroutable", `no route entry of ${scenario.id} covers region ${region.key}`);
  trace.add("lookup", `using entry ${entry.region} (${entry.level}, stage ${entry.stage})`);
  // A stage below the table's marks a region kept out of this stage (e.g. a municipality
  // still in test under a pilot district): it must not inherit its parent's routes.
  if (STAGES.indexOf(entry.stage) < STAGES.indexOf(table.stage)) {
    throw new Rejection("unroutable", `region ${entry.region} is at stage ${entry.stage}, not in this ${table.stage} table`);
  }

  // Keys
  const correlationKey = scenario.correlation === undefined ? undefined : await keyOf(prep, scenario.correlation, value, limits, "correlation");
  const idem = scenario.idempotency === undefined ? undefined : await keyOf(prep, scenario.idempotency, value, limits, "idempotency");
  const messageId = idem ?? messageHash;
  trace.add("case", `message id from ${idem !== undefined ? `idempotency expression #${scenario.idempotency}` : "the message hash"}${correlationKey !== undefined ? `; correlation key read by expression #${scenario.correlation}` : ""}`);

  // Replies
  const origin = needsOrigin(scenario) ? findOrigin(table, scenario, correlationKey, opts, trace) : undefined;

  const computed = await computeDeliveries({
    table,
    prep,
    xml,
    scenario,
    entry,
    value,
    text: msg.text,
    messageId,
    origin,
    attachments: opts.attachments,
    maxEvalMs: limits.maxEvalMs,
    maxBytes: limits.maxBytes,
    trace,
    checked,
  });
  if (!computed.ok) throw new Rejection("transform-failed", computed.detail);
  if (computed.deliveries.length === 0) {
    throw new Rejection("unroutable", `entry ${entry.region} of ${scenario.id}: no delivery's condition holds`);
  }

  const result: Extract<RouteResult, { ok: true }> = {
    ok: true,
    messageId,
    messageHash,
    scenario: scenario.id,
    region: region.key,
    deliveries: computed.deliveries,
    trace: trace.steps,
  };
  if (correlationKey !== undefined) result.correlationKey = correlationKey;
  if (!scenario.reply && correlationKey !== undefined) {
    const source = entrySource(table, entry);
    if (source !== undefined) {
      result.opensCase = {
        pkg: packageOf(scenario.id),
        correlationKey,
        origin: { scenario: scenario.id, region: entry.region, role: scenario.from, system: source.system, endpoint: source.endpoint },
      };
      trace.add("case", `opens a case; replies go back to ${source.system} (${where(source.setBy)})`);
    } else {
      trace.add("case", `entry ${entry.region} declares no source binding for ${scenario.from}: no case opened`);
    }
  }
  return result;
}

function needsOrigin(s: Scenario): boolean {
  return s.reply || s.targets.some((t) => t.mode === "origin");
}

/** Looks up the case origin of a reply; rejects "unknown-case" when there is none. */
function findOrigin(table: RoutingTable, scenario: Scenario, correlationKey: string | undefined, opts: RouteOptions, trace: Trace): CaseOrigin {
  if (correlationKey === undefined) throw new Rejection("unknown-case", `${scenario.id} is a reply but the message has no correlation key`);
  const origin = opts.cases?.origin(packageOf(scenario.id), correlationKey);
  if (origin === undefined) throw new Rejection("unknown-case", `no case with this correlation key is recorded for package ${packageOf(scenario.id)}`);
  const ep = table.endpoints[origin.endpoint];
  if (ep !== undefined && ep.system === origin.system) {
    trace.add("case", `case opened by ${origin.scenario} at ${origin.region}: reply goes to ${origin.system} (endpoint #${origin.endpoint})`);
    return origin;
  }
  // The table changed since the case was opened: find the system's endpoint by name.
  const same = table.endpoints.flatMap((e, i) => (e.system === origin.system ? [i] : []));
  if (same.length !== 1) throw new Rejection("unknown-case", `the recorded origin system ${origin.system} has ${same.length} endpoints in this table`);
  trace.add("case", `case opened by ${origin.scenario}: origin endpoint re-resolved to #${same[0]} of ${origin.system}`);
  return { ...origin, endpoint: same[0]! };
}

async function evalOrReject(prep: PreparedTable, ref: number, value: unknown, limits: RouteLimits, reason: RejectReason, what: string): Promise<unknown> {
  try {
    return await evaluate(prep.expressions[ref]!, value, undefined, limits.maxEvalMs);
  } catch (e) {
    throw new Rejection(reason === "unknown-region" ? "unknown-region" : "transform-failed", `${what} failed: ${(e as EvaluationError).message}`);
  }
}

/** Longest message id or correlation key kept as read, in UTF-16 code units; longer keys are hashed ({@link boundedKey}). */
export const MAX_KEY_CHARS = 256;

/** Control characters (C0, DEL, C1), line and paragraph separators, and lone surrogates. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A key as the message gave it, unless it is longer than {@link MAX_KEY_CHARS}
 * or holds characters that would break a terminal line, a log line or a file
 * name: then "sha256:" + the hex SHA-256 of its UTF-16LE code units (exact even
 * for lone surrogates, which UTF-8 would fold into one replacement character).
 * The same key always maps to the same value, so idempotency and case lookup work as before, while
 * a hostile message cannot put megabytes or escape sequences into the journal,
 * the logs or the CLI output through its message id.
 */
export function boundedKey(key: string): string {
  return key.length > MAX_KEY_CHARS || UNPRINTABLE.test(key) ? "sha256:" + sha256Hex(Buffer.from(key, "utf16le")) : key;
}

/** Evaluates a key expression: a string or number, or a list of one distinct such value; else undefined. */
async function keyOf(prep: PreparedTable, ref: number, value: unknown, limits: RouteLimits, what: string): Promise<string | undefined> {
  const raw = await evalOrReject(prep, ref, value, limits, "transform-failed", `${what} expression #${ref}`);
  const items = Array.isArray(raw) ? [...new Set(raw)] : [raw];
  if (items.length > 1) throw new Rejection("transform-failed", `${what} expression #${ref} yields ${items.length} different keys`);
  const k = items[0];
  if (typeof k === "string" && k !== "") return boundedKey(k);
  if (typeof k === "number" && Number.isFinite(k)) return String(k);
  if (k === undefined || k === null || k === "") return undefined;
  throw new Rejection("transform-failed", `${what} expression #${ref} does not yield a string`);
}

export { loadTable } from "./load-table.js";
