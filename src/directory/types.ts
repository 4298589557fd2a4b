/**
 * The official municipality directory (Destatis Gemeindeverzeichnis, GV-ISys) as
 * the compiler sees it: every Gemeinde with its keys, plus the named areas above it
 * (state, Regierungsbezirk, district, Gemeindeverband).
 *
 * Key structure (Destatis, "Amtlicher Regionalschlüssel"):
 *   ARS (12) = Land (2) + Regierungsbezirk (1) + Kreis (2) + Gemeindeverband (4) + Gemeinde (3)
 *   AGS (8)  = Land (2) + Regierungsbezirk (1) + Kreis (2) + Gemeinde (3)
 * All keys are strings of ASCII digits; leading zeros are significant.
 */
import type { RegionLevel } from "../table/routing-table.js";

export type { RegionLevel };

/** One Gemeinde (municipality, or a gemeindefreies Gebiet) of the directory. Treat as immutable. */
export interface Municipality {
  /** Amtlicher Gemeindeschlüssel, 8 digits. */
  readonly ags: string;
  /** Amtlicher Regionalschlüssel, 12 digits. */
  readonly ars: string;
  /** Official name as published, e.g. "Chemnitz, Stadt". */
  readonly name: string;
  /** Official kind as published (e.g. "Stadt", "Kreisfreie Stadt", "kreisangehörige Gemeinde"), if the source gives it. */
  readonly type?: string;
  /** ARS prefix of the state, 2 digits. */
  readonly stateKey: string;
  /** ARS prefix of the Regierungsbezirk, 3 digits ("xx0" where the state has none). */
  readonly regierungsbezirkKey: string;
  /** ARS prefix of the district (Kreis / kreisfreie Stadt), 5 digits. */
  readonly districtKey: string;
  /** ARS prefix of the Gemeindeverband, 9 digits. */
  readonly verbandKey: string;
}

/** A named area above the municipality level (state, Regierungsbezirk, district, Gemeindeverband). */
export interface Area {
  /** Its ARS prefix (2, 3, 5 or 9 digits). */
  readonly key: string;
  /** Official name as published. */
  readonly name: string;
  /** Official kind (e.g. "Landkreis", "Verwaltungsgemeinschaft"), if the source gives it. */
  readonly type?: string;
}

/** The loaded directory. Built by {@link parseDirectory}; treat every part as immutable. */
export interface Directory {
  /** File name (no folder) of the extract it was read from. */
  readonly source: string;
  /** Reference date (Gebietsstand), YYYY-MM-DD. */
  readonly date: string;
  /** Which layout the file had. */
  readonly format: DirectoryFormat;
  /** All municipalities, sorted by ARS. */
  readonly municipalities: readonly Municipality[];
  /** ARS (12) -> municipality. */
  readonly byArs: ReadonlyMap<string, Municipality>;
  /** AGS (8) -> municipality. */
  readonly byAgs: ReadonlyMap<string, Municipality>;
  /** State key (2) -> state. */
  readonly states: ReadonlyMap<string, Area>;
  /** Regierungsbezirk key (3) -> Regierungsbezirk; only states that have them. */
  readonly regierungsbezirke: ReadonlyMap<string, Area>;
  /** District key (5) -> Kreis / kreisfreie Stadt. */
  readonly districts: ReadonlyMap<string, Area>;
  /** Gemeindeverband key (ARS 9) -> Gemeindeverband (incl. "verbandsfreie Gemeinde" entries). */
  readonly verbaende: ReadonlyMap<string, Area>;
  /**
   * ARS prefix (2, 3, 5 or 9 digits) -> [start, end) index range into `municipalities`.
   * Present for every prefix that at least one municipality has. Use {@link municipalitiesUnder}.
   */
  readonly prefixRanges: ReadonlyMap<string, readonly [start: number, end: number]>;
}

/** "gv-isys-extract": the Destatis quarterly extract (Satzart rows); "derived": one row per Gemeinde (gemeinden_*.csv). */
export type DirectoryFormat = "gv-isys-extract" | "derived";

/** What went wrong reading a directory file. Stable identifiers. */
export type DirectoryErrorCode =
  /** The file could not be read. */
  | "io"
  /** No content (0 bytes, only a BOM, or only blank lines). */
  | "empty"
  /** Binary content (NUL bytes), not a text file. */
  | "binary"
  /** The header matches neither supported layout. */
  | "unknown-format"
  /** A required column is missing from the header. */
  | "missing-column"
  /** CSV syntax: unterminated quoted field, or text after a closing quote. */
  | "csv-syntax"
  /** A row has a different number of fields than the header. */
  | "column-count"
  /** A record type (Satzart) that the extract format does not define. */
  | "unknown-record-type"
  /** A key is not made of the expected number of digits. */
  | "malformed-key"
  /** Keys of one row contradict each other (e.g. AGS not derived from ARS). */
  | "inconsistent-key"
  /** A required value (e.g. a name) is empty. */
  | "missing-value"
  /** The same key appears twice, or one key is given two different names. */
  | "duplicate-key"
  /** A municipality whose state or Gemeindeverband is not in the file. */
  | "missing-parent"
  /** The file holds no municipality at all. */
  | "no-municipalities"
  /** The Gebietsstand could not be determined from the content, the file name or the options. */
  | "no-date"
  /** A date was given or found but is not a valid calendar date. */
  | "malformed-date"
  /** Error collection stopped; the file has more errors than reported. */
  | "too-many-errors";

/**
 * A typed problem with a directory file. `message` names columns, line numbers and keys,
 * never other cell content.
 */
export interface DirectoryError {
  readonly code: DirectoryErrorCode;
  /** File name as passed to the parser. */
  readonly file: string;
  /** 1-based physical line where the offending record starts, when there is one. */
  readonly line?: number;
  /** Column name, when the problem is in one column. */
  readonly column?: string;
  readonly message: string;
}

/** Result of {@link parseDirectory}: a directory exactly when `errors` is empty. */
export interface ParseDirectoryResult {
  directory?: Directory;
  errors: DirectoryError[];
}

/** Options for parsing or loading a directory. */
export interface DirectoryOptions {
  /**
   * The Gebietsstand (YYYY-MM-DD), overriding what the file content or name says.
   * Needed for the derived CSVs, whose content and name carry no date.
   */
  date?: string;
}
