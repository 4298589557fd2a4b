/**
 * Regional keys against the directory: their level, their normalised ARS form,
 * the municipalities below them, and their official names for diagnostics.
 *
 * Accepted keys are ASCII digit strings of length 2 (state), 3 (Regierungsbezirk),
 * 5 (district), 9 (Gemeindeverband), 12 (municipality ARS) or 8 (municipality AGS,
 * mapped to its ARS through the directory).
 */
import { isDigits } from "./fields.js";
import type { Area, Directory, Municipality, RegionLevel } from "./types.js";

const LEVEL_BY_LENGTH: ReadonlyMap<number, RegionLevel> = new Map([
  [2, "state"],
  [3, "regierungsbezirk"],
  [5, "district"],
  [8, "municipality"],
  [9, "verband"],
  [12, "municipality"],
]);

/** How a level is named in messages. */
export const LEVEL_LABEL: Readonly<Record<RegionLevel, string>> = {
  state: "state",
  regierungsbezirk: "Regierungsbezirk",
  district: "district",
  verband: "Gemeindeverband",
  municipality: "municipality",
};

/**
 * The level of a regional key from its length alone (8 digits = an AGS, a municipality).
 * Undefined when the key is not a digit string of length 2, 3, 5, 8, 9 or 12.
 */
export function levelOfKey(key: string): RegionLevel | undefined {
  const level = LEVEL_BY_LENGTH.get(key.length);
  return level && isDigits(key, key.length) ? level : undefined;
}

/** Result of {@link normalizeRegionKey}. */
export type NormalizedRegionKey =
  /** Known: `ars` is the key in ARS form (an AGS becomes its 12-digit ARS; other keys are unchanged). */
  | { ars: string; level: RegionLevel; fromAgs: boolean; error?: undefined }
  /** Well-formed for `level` but no such area or municipality in this directory. */
  | { ars?: undefined; level: RegionLevel; error: "not-in-directory" }
  /** Not a digit string of an accepted length. */
  | { ars?: undefined; level?: undefined; error: "malformed" };

/**
 * Check a regional key against the directory and bring it to ARS form. Note that a
 * 3-digit key of a state without Regierungsbezirke (e.g. "010") and a 5-digit key
 * without a Kreis record (e.g. "07000") are "not-in-directory": write the state key.
 */
export function normalizeRegionKey(dir: Directory, key: string): NormalizedRegionKey {
  const level = levelOfKey(key);
  if (!level) return { error: "malformed" };
  if (key.length === 8) {
    const m = dir.byAgs.get(key);
    return m ? { ars: m.ars, level, fromAgs: true } : { level, error: "not-in-directory" };
  }
  return lookup(dir, key, level) ? { ars: key, level, fromAgs: false } : { level, error: "not-in-directory" };
}

/** The directory entry of an ARS-form key of the given level. */
function lookup(dir: Directory, ars: string, level: RegionLevel): Area | Municipality | undefined {
  switch (level) {
    case "state":
      return dir.states.get(ars);
    case "regierungsbezirk":
      return dir.regierungsbezirke.get(ars);
    case "district":
      return dir.districts.get(ars);
    case "verband":
      return dir.verbaende.get(ars);
    case "municipality":
      return dir.byArs.get(ars);
  }
}

/**
 * The municipalities whose ARS starts with `prefix`, in ARS order (a new array).
 * 2/3/5/9-digit prefixes use the precomputed index, 12 digits the ARS map, other
 * digit prefixes a binary search; an 8-digit key is read as an AGS (its municipality).
 * The empty prefix gives all; a non-digit prefix gives none.
 */
export function municipalitiesUnder(dir: Directory, prefix: string): Municipality[] {
  if (!isDigits(prefix, prefix.length)) return [];
  if (prefix.length === 8 || prefix.length === 12) {
    const m = prefix.length === 8 ? dir.byAgs.get(prefix) : dir.byArs.get(prefix);
    return m ? [m] : [];
  }
  if (prefix.length === 0) return dir.municipalities.slice();
  const range = dir.prefixRanges.get(prefix);
  if (range) return dir.municipalities.slice(range[0], range[1]);
  if (prefix.length > 12 || [2, 3, 5, 9].includes(prefix.length)) return [];
  const list = dir.municipalities;
  const start = lowerBound(list, prefix);
  let end = start;
  while (end < list.length && list[end]!.ars.startsWith(prefix)) end++;
  return list.slice(start, end);
}

function lowerBound(list: readonly Municipality[], prefix: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.ars < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The official name of a known key (any accepted form), else undefined. */
export function officialName(dir: Directory, key: string): string | undefined {
  const n = normalizeRegionKey(dir, key);
  return n.ars === undefined ? undefined : lookup(dir, n.ars, n.level)?.name;
}

/**
 * A one-line description of a key for diagnostics, e.g.
 * `"Mittweida" (Gemeindeverband 145225119, Verwaltungsgemeinschaft)`,
 * `"Chemnitz, Stadt" (municipality AGS 14511000 = ARS 145110000000, Kreisfreie Stadt)`,
 * `district 14999 (not in the directory of 2020-12-31)`.
 */
export function describeKey(dir: Directory, key: string): string {
  const n = normalizeRegionKey(dir, key);
  if (n.error === "malformed") {
    const shown = key.length > 20 ? `${key.slice(0, 20)}...` : key;
    return `malformed regional key ${JSON.stringify(shown)} (expected 2, 3, 5, 8, 9 or 12 digits)`;
  }
  if (n.error === "not-in-directory") {
    return `${LEVEL_LABEL[n.level]} ${key} (not in the directory of ${dir.date})`;
  }
  const entry = lookup(dir, n.ars, n.level)!;
  const keyText = n.fromAgs ? `AGS ${key} = ARS ${n.ars}` : n.level === "municipality" ? `ARS ${n.ars}` : n.ars;
  const type = entry.type ? `, ${entry.type}` : "";
  return `${JSON.stringify(entry.name)} (${LEVEL_LABEL[n.level]} ${keyText}${type})`;
}
