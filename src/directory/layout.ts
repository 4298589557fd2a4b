/**
 * Recognises the layout of a directory file from its header record.
 *
 * - GV-ISys quarterly extract with named header (as mirrored in examples/directory,
 *   "satzart,textkennzeichen,land,rb,kreis,vb,gemeinde,gemeindename,flaeche,..."):
 *   columns found by name.
 * - GV-ISys quarterly extract as saved from the published workbook: title rows and a
 *   multi-row header with German captions, then the data; columns by position
 *   (0 Satzart, 1 Textkennzeichen, 2 Land, 3 RB, 4 Kreis, 5 VB, 6 Gemeinde, 7 name),
 *   recognised by its first data record (see {@link isExtractDataRecord}).
 * - Derived CSV (gemeinden_de.csv, gemeinden_sachsen.csv): one row per Gemeinde,
 *   "ags,ars,name,gemeinde_typ,land_code,land,regierungsbezirk,kreis_code,kreis_name,
 *   kreis_typ,verband_ars9,verband_name,verband_typ,...".
 */

/** Column indices of the extract's fields. */
export interface ExtractColumns {
  satzart: number;
  textkennzeichen: number;
  land: number;
  rb: number;
  kreis: number;
  vb: number;
  gemeinde: number;
  gemeindename: number;
}

/** Column indices of the derived CSV (optional columns are -1 when absent). */
export interface DerivedColumns {
  ags: number;
  ars: number;
  name: number;
  land: number;
  regierungsbezirk: number;
  kreis_name: number;
  verband_name: number;
  gemeinde_typ: number;
  land_code: number;
  kreis_code: number;
  kreis_typ: number;
  verband_ars9: number;
  verband_typ: number;
}

/** Positions in the published workbook layout. */
export const POSITIONAL_EXTRACT_COLUMNS: ExtractColumns = {
  satzart: 0,
  textkennzeichen: 1,
  land: 2,
  rb: 3,
  kreis: 4,
  vb: 5,
  gemeinde: 6,
  gemeindename: 7,
};

const EXTRACT_REQUIRED = ["satzart", "land", "rb", "kreis", "vb", "gemeinde", "gemeindename"] as const;
const DERIVED_REQUIRED = ["ags", "ars", "name", "land", "regierungsbezirk", "kreis_name", "verband_name"] as const;
const DERIVED_OPTIONAL = ["gemeinde_typ", "land_code", "kreis_code", "kreis_typ", "verband_ars9", "verband_typ"] as const;

/** What a header record says about the file. */
export type HeaderMatch =
  | { kind: "extract"; columns: ExtractColumns; width: number }
  | { kind: "derived"; columns: DerivedColumns; width: number }
  | { kind: "missing-columns"; layout: "extract" | "derived"; missing: string[] }
  | { kind: "none" };

/** Header example texts for error messages. */
export const EXPECTED_HEADERS =
  "the GV-ISys extract header (satzart,textkennzeichen,land,rb,kreis,vb,gemeinde,gemeindename,...), " +
  "the derived header (ags,ars,name,...,land,regierungsbezirk,...,kreis_name,...,verband_name,...), " +
  "or extract data records after title rows";

/** Match one record against the named headers. */
export function matchHeader(fields: readonly string[]): HeaderMatch {
  const names = fields.map((f) => f.replace(/^\uFEFF/, "").trim().toLowerCase());
  const index = (name: string): number => names.indexOf(name);
  if (index("satzart") !== -1) {
    const missing = EXTRACT_REQUIRED.filter((c) => index(c) === -1);
    if (missing.length > 0) return { kind: "missing-columns", layout: "extract", missing };
    const columns = Object.fromEntries(
      [...EXTRACT_REQUIRED, "textkennzeichen"].map((c) => [c, index(c)]),
    ) as unknown as ExtractColumns;
    return { kind: "extract", columns, width: fields.length };
  }
  if (index("ags") !== -1 && index("ars") !== -1) {
    const missing = DERIVED_REQUIRED.filter((c) => index(c) === -1);
    if (missing.length > 0) return { kind: "missing-columns", layout: "derived", missing };
    const columns = Object.fromEntries(
      [...DERIVED_REQUIRED, ...DERIVED_OPTIONAL].map((c) => [c, index(c)]),
    ) as unknown as DerivedColumns;
    return { kind: "derived", columns, width: fields.length };
  }
  return { kind: "none" };
}

/** A record whose first cell is a two-digit Satzart: data of the extract (workbook layout). */
export function isExtractDataRecord(fields: readonly string[]): boolean {
  return /^\d\d$/.test(fields[0] ?? "");
}
