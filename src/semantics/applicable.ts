/**
 * Which bindings of a merged entry apply to one scenario and role, and which
 * transformation a delivery uses. Shared by checks and lowering so both agree.
 */
import type { MergedEntry, ResolvedBinding, ScenarioInfo, SystemInfo, TransformInfo } from "./model.js";

interface RoleBindings {
  list: ResolvedBinding[];
  /** Some binding of the role is limited with `for`: the answer depends on the scenario. */
  specific: boolean;
  /** The scenario-independent answer, when `specific` is false. */
  general?: ResolvedBinding[];
}

/** Bindings of an entry grouped by role, built once per entry (checks and lowering ask per scenario). */
const byRole = new WeakMap<MergedEntry, Map<string, RoleBindings>>();

function roleIndex(entry: MergedEntry): Map<string, RoleBindings> {
  let index = byRole.get(entry);
  if (!index) {
    index = new Map();
    for (const b of entry.bindings.values()) {
      const r = index.get(b.role) ?? { list: [], specific: false };
      r.list.push(b);
      if (b.scenarios.length > 0) r.specific = true;
      index.set(b.role, r);
    }
    byRole.set(entry, index);
  }
  return index;
}

function select(list: ResolvedBinding[], scenario: string): ResolvedBinding[] {
  const byRecipient = new Map<string, ResolvedBinding>();
  for (const b of list) {
    const specific = b.scenarios.length > 0;
    if (specific && !b.scenarios.includes(scenario)) continue;
    const key = b.recipient ?? "";
    const prev = byRecipient.get(key);
    if (!prev || (specific && prev.scenarios.length === 0)) byRecipient.set(key, b);
  }
  return [...byRecipient.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, b]) => b);
}

/**
 * Bindings of `role` at `entry` that apply to `scenario`, one per recipient
 * (recipient "" for single-binding roles). A binding limited with `for` to the
 * scenario wins over a general one of the same role and recipient.
 * Sorted by recipient for determinism. Do not mutate the result (it may be shared).
 */
export function bindingsFor(entry: MergedEntry, scenario: string, role: string): ResolvedBinding[] {
  const r = roleIndex(entry).get(role);
  if (!r) return [];
  if (r.specific) return select(r.list, scenario);
  r.general ??= select(r.list, scenario);
  return r.general;
}

export type TransformChoice =
  | { kind: "pass-through"; message: string }
  | { kind: "transform"; transform: TransformInfo; message: string }
  | { kind: "none-accepted" }
  | { kind: "ambiguous"; candidates: string[] }
  | { kind: "wrong-source"; transform: TransformInfo };

/**
 * The transformation for delivering `message` to `system`: the binding's explicit
 * one, else pass-through when the system accepts the message (or declares no
 * `accepts`), else the unique declared transformation from the message to one
 * the system accepts.
 */
export function chooseTransform(
  message: string,
  system: SystemInfo,
  explicit: string | undefined,
  transforms: Map<string, TransformInfo>,
): TransformChoice {
  if (explicit) {
    const t = transforms.get(explicit);
    if (!t) return { kind: "pass-through", message };
    if (t.from && t.from !== message) return { kind: "wrong-source", transform: t };
    return { kind: "transform", transform: t, message: t.to ?? message };
  }
  if (system.accepts.length === 0 || system.accepts.includes(message)) return { kind: "pass-through", message };
  const candidates = [...transforms.values()].filter((t) => t.from === message && t.to !== undefined && system.accepts.includes(t.to));
  if (candidates.length === 1) return { kind: "transform", transform: candidates[0]!, message: candidates[0]!.to! };
  if (candidates.length === 0) return { kind: "none-accepted" };
  return { kind: "ambiguous", candidates: candidates.map((c) => c.qname).sort() };
}
