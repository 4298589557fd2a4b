/**
 * Reads the derived one-row-per-Gemeinde CSV (gemeinden_de.csv, gemeinden_sachsen.csv):
 * the municipality's AGS, ARS, name and kind, plus the names (and kinds) of its
 * state, Regierungsbezirk, Kreis and Gemeindeverband repeated on every row.
 * Areas are registered from the first row naming them; a later row giving the same
 * key another name is an error. The AGS and the optional key columns (land_code,
 * kreis_code, verband_ars9) must agree with the ARS.
 */
import { municipalityFromArs, type DirectoryBuilder } from "./builder.js";
import type { ErrorSink } from "./errors.js";
import { checkKey, checkPresent } from "./fields.js";
import type { DerivedColumns } from "./layout.js";

/** Reads derived records into a builder. */
export class DerivedReader {
  constructor(
    private readonly builder: DirectoryBuilder,
    private readonly sink: ErrorSink,
    private readonly c: DerivedColumns,
    private readonly width: number,
  ) {}

  /** Process one non-blank record starting at `line`. */
  record(f: readonly string[], line: number): void {
    const { c, sink } = this;
    if (f.length !== this.width) {
      sink.add("column-count", `record has ${f.length} fields, expected ${this.width}`, line);
      return;
    }
    const ags = f[c.ags]!;
    const ars = f[c.ars]!;
    const name = f[c.name]!;
    let ok = checkKey(sink, ags, 8, "ags", line);
    ok = checkKey(sink, ars, 12, "ars", line) && ok;
    ok = checkPresent(sink, name, "name", line) && ok;
    if (!ok) return;
    const m = municipalityFromArs(ars, name, optional(f, c.gemeinde_typ));
    ok = this.agrees(ags, m.ags, "ags", line);
    ok = this.agrees(optional(f, c.land_code), m.stateKey, "land_code", line) && ok;
    ok = this.agrees(optional(f, c.kreis_code), m.districtKey, "kreis_code", line) && ok;
    ok = this.agrees(optional(f, c.verband_ars9), m.verbandKey, "verband_ars9", line) && ok;
    if (!ok) return;
    const b = this.builder;
    const area = (column: number): string => f[column]!;
    if (checkPresent(sink, f[c.land]!, "land", line)) b.addArea("states", m.stateKey, area(c.land), undefined, line, false);
    if (area(c.regierungsbezirk) !== "") {
      b.addArea("regierungsbezirke", m.regierungsbezirkKey, area(c.regierungsbezirk), undefined, line, false);
    }
    if (area(c.kreis_name) !== "") {
      b.addArea("districts", m.districtKey, area(c.kreis_name), optional(f, c.kreis_typ), line, false);
    }
    if (checkPresent(sink, f[c.verband_name]!, "verband_name", line)) {
      b.addArea("verbaende", m.verbandKey, area(c.verband_name), optional(f, c.verband_typ), line, false);
    }
    b.addMunicipality(m, line);
  }

  /** An optional key column, when present and non-empty, must equal what the ARS implies. */
  private agrees(given: string | undefined, implied: string, column: string, line: number): boolean {
    if (given === undefined || given === implied) return true;
    this.sink.add("inconsistent-key", `column '${column}' does not match the ARS (expected ${implied})`, line, column);
    return false;
  }
}

/** Cell of an optional column, undefined when the column is absent or the cell is blank. */
function optional(f: readonly string[], column: number): string | undefined {
  if (column < 0) return undefined;
  const v = f[column]!;
  return v === "" ? undefined : v;
}
