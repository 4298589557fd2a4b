/**
 * Accumulates the rows of either file layout into one {@link Directory}, checking
 * what both layouts must satisfy: unique keys, one name per area key, and a
 * state and Gemeindeverband for every municipality.
 */
import type { ErrorSink } from "./errors.js";
import type { Area, Directory, DirectoryFormat, Municipality } from "./types.js";

/** The area maps of a directory, by level. */
export type AreaKind = "states" | "regierungsbezirke" | "districts" | "verbaende";

const AREA_LABEL: Record<AreaKind, string> = {
  states: "state",
  regierungsbezirke: "Regierungsbezirk",
  districts: "district",
  verbaende: "Gemeindeverband",
};

export class DirectoryBuilder {
  private readonly municipalities: Municipality[] = [];
  private readonly byArs = new Map<string, Municipality>();
  private readonly byAgs = new Map<string, Municipality>();
  private readonly areas: Record<AreaKind, Map<string, Area>> = {
    states: new Map(),
    regierungsbezirke: new Map(),
    districts: new Map(),
    verbaende: new Map(),
  };

  constructor(private readonly sink: ErrorSink) {}

  /**
   * Register an area. With `unique` (the extract has one row per area) a second row
   * for the key is an error; otherwise (derived rows repeat their areas) only a
   * different name for the same key is.
   */
  addArea(kind: AreaKind, key: string, name: string, type: string | undefined, line: number, unique: boolean): void {
    const known = this.areas[kind].get(key);
    if (known) {
      if (unique || known.name !== name) {
        const why = unique ? "appears twice" : "has two different names";
        this.sink.add("duplicate-key", `${AREA_LABEL[kind]} ${key} ${why}`, line);
      }
      return;
    }
    this.areas[kind].set(key, type ? { key, name, type } : { key, name });
  }

  /** Register a municipality; a repeated ARS or AGS is an error. */
  addMunicipality(m: Municipality, line: number): void {
    if (this.byArs.has(m.ars)) {
      this.sink.add("duplicate-key", `municipality ARS ${m.ars} appears twice`, line);
      return;
    }
    if (this.byAgs.has(m.ags)) {
      this.sink.add("duplicate-key", `municipality AGS ${m.ags} appears twice`, line);
      return;
    }
    this.municipalities.push(m);
    this.byArs.set(m.ars, m);
    this.byAgs.set(m.ags, m);
  }

  /** Final checks and indexes. Returns undefined when any error was recorded (here or before). */
  finish(source: string, date: string, format: DirectoryFormat): Directory | undefined {
    if (this.municipalities.length === 0 && this.sink.errors.length === 0) {
      this.sink.add("no-municipalities", "the file holds no municipality");
    }
    this.checkParents();
    if (this.sink.errors.length > 0) return undefined;
    const list = this.municipalities;
    if (!isSortedByArs(list)) list.sort((a, b) => (a.ars < b.ars ? -1 : a.ars > b.ars ? 1 : 0));
    return {
      source,
      date,
      format,
      municipalities: list,
      byArs: this.byArs,
      byAgs: this.byAgs,
      ...this.areas,
      prefixRanges: prefixRanges(list),
    };
  }

  /** Every municipality needs its state and its Gemeindeverband; one error per missing key. */
  private checkParents(): void {
    const missing = new Map<string, number>();
    for (const m of this.municipalities) {
      if (!this.areas.states.has(m.stateKey)) missing.set(`state ${m.stateKey}`, (missing.get(`state ${m.stateKey}`) ?? 0) + 1);
      if (!this.areas.verbaende.has(m.verbandKey)) {
        const k = `Gemeindeverband ${m.verbandKey}`;
        missing.set(k, (missing.get(k) ?? 0) + 1);
      }
    }
    for (const [what, count] of missing) {
      this.sink.add("missing-parent", `${what} is not in the file but has ${count} municipalit${count === 1 ? "y" : "ies"}`);
    }
  }
}

function isSortedByArs(list: readonly Municipality[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]!.ars > list[i]!.ars) return false;
  return true;
}

/** [start, end) ranges of every 2/3/5/9-digit ARS prefix in an ARS-sorted list: one pass. */
function prefixRanges(list: readonly Municipality[]): Map<string, readonly [number, number]> {
  const ranges = new Map<string, readonly [number, number]>();
  const keyOf = [
    (m: Municipality) => m.stateKey,
    (m: Municipality) => m.regierungsbezirkKey,
    (m: Municipality) => m.districtKey,
    (m: Municipality) => m.verbandKey,
  ];
  const current = ["", "", "", ""];
  const start = [0, 0, 0, 0];
  for (let i = 0; i < list.length; i++) {
    const m = list[i]!;
    for (let level = 0; level < 4; level++) {
      const p = keyOf[level]!(m);
      if (p !== current[level]) {
        if (i > 0) ranges.set(current[level]!, [start[level]!, i]);
        current[level] = p;
        start[level] = i;
      }
    }
  }
  if (list.length > 0) for (let level = 0; level < 4; level++) ranges.set(current[level]!, [start[level]!, list.length]);
  return ranges;
}

/** A municipality from its 12-digit ARS (already checked), deriving the AGS and the parent keys. */
export function municipalityFromArs(ars: string, name: string, type: string | undefined): Municipality {
  const districtKey = ars.slice(0, 5);
  const m: { -readonly [K in keyof Municipality]: Municipality[K] } = {
    ags: districtKey + ars.slice(9, 12),
    ars,
    name,
    stateKey: ars.slice(0, 2),
    regierungsbezirkKey: ars.slice(0, 3),
    districtKey,
    verbandKey: ars.slice(0, 9),
  };
  if (type) m.type = type;
  return m;
}
