/**
 * Reads the records of the Destatis GV-ISys quarterly extract ("AuszugGV<q>QAktuell").
 * One record per area, hierarchical, each carrying its key parts in separate columns:
 *
 * | Satzart | what               | key parts present           | kept as                  |
 * |---------|--------------------|-----------------------------|--------------------------|
 * | 10      | Land               | land                        | states (2)               |
 * | 20      | Regierungsbezirk   | land, rb                    | regierungsbezirke (3)    |
 * | 30      | Region (BW only)   | land, rb, region no.        | ignored: not an ARS level|
 * | 40      | Kreis              | land, rb, kreis             | districts (5)            |
 * | 50      | Gemeindeverband    | land, rb, kreis, vb         | verbaende (9)            |
 * | 60      | Gemeinde           | land, rb, kreis, vb, gem.   | municipalities (12 / 8)  |
 *
 * The Textkennzeichen column gives the kind of Kreis, Verband and Gemeinde.
 */
import { municipalityFromArs, type DirectoryBuilder } from "./builder.js";
import type { ErrorSink } from "./errors.js";
import { checkKey, checkPresent } from "./fields.js";
import type { ExtractColumns } from "./layout.js";
import { GEMEINDE_TYPES, KREIS_TYPES, VERBAND_TYPES } from "./textkennzeichen.js";

/** Reads extract records into a builder. */
export class ExtractReader {
  private readonly minWidth: number;

  /**
   * @param width number of header fields (named layout), or undefined for the
   *   workbook layout, where a record needs at least the 8 key and name columns.
   */
  constructor(
    private readonly builder: DirectoryBuilder,
    private readonly sink: ErrorSink,
    private readonly c: ExtractColumns,
    private readonly width: number | undefined,
  ) {
    this.minWidth = Math.max(...Object.values(c)) + 1;
  }

  /** Process one non-blank record starting at `line`. */
  record(f: readonly string[], line: number): void {
    if (this.width !== undefined ? f.length !== this.width : f.length < this.minWidth) {
      const expected = this.width !== undefined ? `${this.width}` : `at least ${this.minWidth}`;
      this.sink.add("column-count", `record has ${f.length} fields, expected ${expected}`, line);
      return;
    }
    const c = this.c;
    const satzart = f[c.satzart]!;
    const code = c.textkennzeichen >= 0 ? (f[c.textkennzeichen] ?? "") : "";
    const name = f[c.gemeindename]!;
    const land = f[c.land]!;
    const sink = this.sink;
    const key = (column: keyof ExtractColumns, length: number): boolean => checkKey(sink, f[c[column]]!, length, column, line);
    switch (satzart) {
      case "10":
        if (key("land", 2) && checkPresent(sink, name, "gemeindename", line)) {
          this.builder.addArea("states", land, name, undefined, line, true);
        }
        return;
      case "20":
        if (key("land", 2) && key("rb", 1) && checkPresent(sink, name, "gemeindename", line)) {
          this.builder.addArea("regierungsbezirke", land + f[c.rb], name, undefined, line, true);
        }
        return;
      case "30":
        key("land", 2);
        return;
      case "40":
        if (key("land", 2) && key("rb", 1) && key("kreis", 2) && checkPresent(sink, name, "gemeindename", line)) {
          this.builder.addArea("districts", land + f[c.rb] + f[c.kreis], name, KREIS_TYPES[code], line, true);
        }
        return;
      case "50":
        if (key("land", 2) && key("rb", 1) && key("kreis", 2) && key("vb", 4) && checkPresent(sink, name, "gemeindename", line)) {
          const k = land + f[c.rb] + f[c.kreis] + f[c.vb];
          this.builder.addArea("verbaende", k, name, VERBAND_TYPES[code], line, true);
        }
        return;
      case "60":
        this.gemeinde(f, line, code, name);
        return;
      default:
        sink.add("unknown-record-type", "Satzart must be one of 10, 20, 30, 40, 50, 60", line, "satzart");
    }
  }

  private gemeinde(f: readonly string[], line: number, code: string, name: string): void {
    const c = this.c;
    const sink = this.sink;
    let ok = checkKey(sink, f[c.land]!, 2, "land", line);
    ok = checkKey(sink, f[c.rb]!, 1, "rb", line) && ok;
    ok = checkKey(sink, f[c.kreis]!, 2, "kreis", line) && ok;
    ok = checkKey(sink, f[c.vb]!, 4, "vb", line) && ok;
    ok = checkKey(sink, f[c.gemeinde]!, 3, "gemeinde", line) && ok;
    ok = checkPresent(sink, name, "gemeindename", line) && ok;
    if (!ok) return;
    const ars = f[c.land]! + f[c.rb] + f[c.kreis] + f[c.vb] + f[c.gemeinde];
    this.builder.addMunicipality(municipalityFromArs(ars, name, GEMEINDE_TYPES[code]), line);
  }
}
