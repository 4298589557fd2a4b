/**
 * Regional keys: normalisation and longest-prefix lookup.
 *
 * Normalisation (AGS/ARS as defined by Destatis; keys are digit strings, leading zeros matter):
 * - 8 digits: an AGS, mapped to its 12-digit ARS through `regions.agsToArs`;
 *   an AGS not in that map is out of scope;
 * - 12 digits: an ARS, which must be one of the in-scope municipalities;
 * - 2, 3, 5 or 9 digits: a prefix (state, Regierungsbezirk, district,
 *   Gemeindeverband), which must cover at least one municipality in scope;
 * - anything else is malformed.
 * Lookup probes `scenario.routes` at prefix lengths 12, 9, 5, 3, 2 (only those
 * not longer than the key); the first hit wins (entries are pre-merged).
 */
import { LEVEL_LENGTHS, type RegionLevel, type RouteEntry, type RoutingTable, type Scenario } from "../table/routing-table.js";
import type { PreparedTable } from "./load-table.js";

export type NormalizedRegion =
  | { ok: true; key: string; kind: "ags" | "ars" | "prefix" }
  | { ok: false; detail: string };

/**
 * Turns the value of a region expression (or a `--region` option) into a key.
 * Accepts a string, or a list whose items are all the same string.
 */
export function normalizeRegion(raw: unknown, table: RoutingTable, prep: PreparedTable): NormalizedRegion {
  let value = raw;
  if (Array.isArray(value)) {
    const distinct = new Set(value);
    if (distinct.size !== 1) {
      return { ok: false, detail: distinct.size === 0 ? "the region expression yields no key" : `the region expression yields ${distinct.size} different keys` };
    }
    value = value[0];
  }
  if (value === undefined || value === null) return { ok: false, detail: "the message has no regional key" };
  if (typeof value !== "string") return { ok: false, detail: `the regional key is a ${typeof value}, not a string of digits` };
  if (!/^[0-9]+$/.test(value)) return { ok: false, detail: "the regional key is not a string of digits" };
  switch (value.length) {
    case 8: {
      const ars = Object.hasOwn(table.regions.agsToArs, value) ? table.regions.agsToArs[value] : undefined;
      if (ars === undefined) return { ok: false, detail: "8-digit AGS not in scope of this table" };
      return { ok: true, key: ars, kind: "ags" };
    }
    case 12:
      if (!prep.arsInScope.has(value)) return { ok: false, detail: "12-digit ARS not in scope of this table" };
      return { ok: true, key: value, kind: "ars" };
    case 2:
    case 3:
    case 5:
    case 9:
      if (!prep.prefixesInScope.has(value)) return { ok: false, detail: `${value.length}-digit key covers no municipality in scope` };
      return { ok: true, key: value, kind: "prefix" };
    default:
      return { ok: false, detail: `a regional key of ${value.length} digits is malformed (expected 8 (AGS) or 2, 3, 5, 9, 12 (ARS))` };
  }
}

/** A route entry with the key it was found under and that key's level. */
export type LocatedEntry = RouteEntry & { region: string; level: RegionLevel };

/** Result of {@link lookupEntry}: the entry (if any) and each probe made, most specific first. */
export interface Lookup {
  entry: LocatedEntry | undefined;
  probes: Array<{ prefix: string; level: RegionLevel; hit: boolean }>;
}

/** Longest-prefix match of `key` over `scenario.routes`: at most five hash probes, never a scan. */
export function lookupEntry(scenario: Scenario, key: string): Lookup {
  const probes: Lookup["probes"] = [];
  for (const [level, len] of LEVEL_LENGTHS) {
    if (len > key.length) continue;
    const prefix = key.slice(0, len);
    const entry = Object.hasOwn(scenario.routes, prefix) ? scenario.routes[prefix] : undefined;
    probes.push({ prefix, level, hit: entry !== undefined });
    if (entry !== undefined) return { entry: { ...entry, region: prefix, level }, probes };
  }
  return { entry: undefined, probes };
}
