/**
 * Which scenario a message belongs to.
 * - Given an id: a qualified id ("gewerbe.A1") must exist; a short id ("A1")
 *   must name exactly one scenario across packages.
 * - Detected: the candidates are the scenarios whose detection key equals the
 *   message's ("xml:{ns}root"; every "json:" scenario for a JSON message);
 *   a candidate matches when its message type reads the message and its
 *   `detect.when` (if any) yields true. Exactly one must match.
 */
import type { RoutingTable, Scenario } from "../table/routing-table.js";
import type { RejectReason } from "../table/test-plan.js";
import { evaluate, EvaluationError } from "./expressions.js";
import type { Intake } from "./intake/intake.js";
import { JSON_CANDIDATES, type PreparedTable } from "./load-table.js";
import type { MessageViews } from "./message-view.js";
import type { Trace } from "./trace.js";

export type Selected = { ok: true; scenario: Scenario; value: unknown } | { ok: false; reason: RejectReason; detail: string };

/** Resolves a given scenario id (qualified or short). */
export function resolveScenarioId(id: string, table: RoutingTable, prep: PreparedTable): { ok: true; scenario: Scenario } | { ok: false; reason: RejectReason; detail: string } {
  if (Object.hasOwn(table.scenarios, id)) return { ok: true, scenario: table.scenarios[id]! };
  const ids = id.includes(".") ? undefined : prep.byShortId.get(id);
  if (ids === undefined || ids.length === 0) return { ok: false, reason: "unknown-scenario", detail: `no scenario ${JSON.stringify(id)} in the table` };
  if (ids.length > 1) return { ok: false, reason: "ambiguous-scenario", detail: `short id ${JSON.stringify(id)} names ${ids.join(", ")}: qualify it` };
  return { ok: true, scenario: table.scenarios[ids[0]!]! };
}

/** Uses a given scenario, checking that the message fits its message type. */
export function useGivenScenario(scenario: Scenario, msg: Extract<Intake, { ok: true }>, views: MessageViews, trace: Trace): Selected {
  const fits = msg.kind === "xml" ? scenario.detect.key === msg.key : scenario.detect.key.startsWith("json:");
  if (!fits) {
    return { ok: false, reason: "invalid", detail: `the message is not of ${scenario.id}'s message type ${scenario.message} (${msg.kind === "xml" ? "root element" : "format"} differs)` };
  }
  const view = views.get(scenario.message);
  if (!view.ok) return { ok: false, reason: "invalid", detail: view.detail };
  trace.add("detect", `scenario ${scenario.id} given by the caller`);
  return { ok: true, scenario, value: view.value };
}

/** Detects the scenario from the message (see the module comment). */
export async function detectScenario(
  msg: Extract<Intake, { ok: true }>,
  prep: PreparedTable,
  views: MessageViews,
  maxEvalMs: number,
  trace: Trace,
): Promise<Selected> {
  const key = msg.kind === "xml" ? msg.key : JSON_CANDIDATES;
  const candidates = prep.byDetectKey.get(key) ?? [];
  if (candidates.length === 0) {
    return {
      ok: false,
      reason: "unknown-scenario",
      detail: msg.kind === "xml" ? `no scenario detects messages with root element ${msg.key.slice(4)}` : "no scenario takes JSON messages",
    };
  }
  const matched: Array<{ scenario: Scenario; value: unknown }> = [];
  let unreadable = 0;
  let lastUnreadable = "";
  for (const s of candidates) {
    const view = views.get(s.message);
    if (!view.ok) {
      unreadable++;
      lastUnreadable = view.detail;
      trace.add("candidate", `${s.id}: ${view.detail}`);
      continue;
    }
    if (s.detect.when === undefined) {
      trace.add("candidate", `${s.id}: detection key matches, no condition`);
      matched.push({ scenario: s, value: view.value });
      continue;
    }
    try {
      const r = await evaluate(prep.expressions[s.detect.when]!, view.value, undefined, maxEvalMs);
      trace.add("candidate", `${s.id}: detection condition #${s.detect.when} is ${r === true ? "true" : r === false ? "false" : "not a boolean"}`);
      if (r === true) matched.push({ scenario: s, value: view.value });
    } catch (e) {
      trace.add("candidate", `${s.id}: detection condition #${s.detect.when} failed (${(e as EvaluationError).message})`);
    }
  }
  if (matched.length === 1) {
    trace.add("detect", `scenario ${matched[0]!.scenario.id} detected`);
    return { ok: true, ...matched[0]! };
  }
  if (matched.length > 1) {
    return { ok: false, reason: "ambiguous-scenario", detail: `scenarios ${matched.map((m) => m.scenario.id).join(", ")} all match; give one` };
  }
  if (unreadable === candidates.length) return { ok: false, reason: "invalid", detail: lastUnreadable };
  return { ok: false, reason: "unknown-scenario", detail: `none of ${candidates.length} candidate scenarios matches` };
}
