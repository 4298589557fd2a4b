/**
 * Routes the records of a directory file to the reader of its layout: the first
 * non-blank record decides (a named header), or, failing that, the first extract
 * data record after up to 50 title records (the published workbook saved as CSV).
 */
import type { DirectoryBuilder } from "./builder.js";
import type { ErrorSink } from "./errors.js";
import { isBlankRecord } from "./fields.js";
import { isExtractDataRecord, matchHeader, POSITIONAL_EXTRACT_COLUMNS } from "./layout.js";
import { DerivedReader } from "./read-derived.js";
import { ExtractReader } from "./read-extract.js";
import type { DirectoryFormat } from "./types.js";

/** Title records allowed before the first data record (workbook layout). */
export const MAX_PREAMBLE_RECORDS = 50;

interface Reader {
  record(fields: readonly string[], line: number): void;
}

export class LayoutDispatcher {
  /** The reader chosen, once the layout is known. */
  reader: Reader | undefined;
  format: DirectoryFormat = "gv-isys-extract";
  /** Title records seen before the data (workbook layout), cells joined by spaces. */
  readonly preamble: string[] = [];
  /** True when the layout could not be recognised or the header was incomplete. */
  failed = false;
  /** Fields per record worth keeping as text (lowered once the layout is known). */
  readonly limit = { keep: Infinity };
  private positional = false;
  private trailerLine: number | undefined;

  constructor(
    private readonly builder: DirectoryBuilder,
    private readonly sink: ErrorSink,
  ) {}

  /** Handle one record; returns false to stop reading. */
  record(fields: string[], line: number): boolean {
    if (isBlankRecord(fields)) return true;
    const reader = this.reader ?? this.choose(fields, line);
    if (!reader) return !this.failed;
    if (this.positional && !isExtractDataRecord(fields)) {
      this.trailerLine ??= line; // footnotes after the data are fine; followed by more data they are not
      return true;
    }
    if (this.trailerLine !== undefined) {
      this.sink.add("unknown-record-type", "record without a two-digit Satzart between data records", this.trailerLine, "satzart");
      this.trailerLine = undefined;
    }
    reader.record(fields, line);
    if (!this.sink.full) return true;
    this.sink.truncate();
    return false;
  }

  /** Decide the layout; returns the reader when `fields` is data to feed to it, else undefined. */
  private choose(fields: readonly string[], line: number): Reader | undefined {
    const header = matchHeader(fields);
    switch (header.kind) {
      case "extract":
        this.reader = new ExtractReader(this.builder, this.sink, header.columns, header.width);
        this.limit.keep = maxIndex(header.columns) + 1;
        return undefined;
      case "derived":
        this.reader = new DerivedReader(this.builder, this.sink, header.columns, header.width);
        this.limit.keep = maxIndex(header.columns) + 1;
        this.format = "derived";
        return undefined;
      case "missing-columns": {
        const what = header.layout === "extract" ? "GV-ISys extract" : "derived directory";
        this.sink.add("missing-column", `${what} header lacks column(s) ${header.missing.join(", ")}`, line);
        this.failed = true;
        return undefined;
      }
      case "none":
        if (isExtractDataRecord(fields)) {
          this.positional = true;
          this.reader = new ExtractReader(this.builder, this.sink, POSITIONAL_EXTRACT_COLUMNS, undefined);
          this.limit.keep = maxIndex(POSITIONAL_EXTRACT_COLUMNS) + 1;
          return this.reader;
        }
        this.preamble.push(fields.join(" "));
        if (this.preamble.length >= MAX_PREAMBLE_RECORDS) this.failed = true;
        return undefined;
    }
  }
}

function maxIndex(columns: object): number {
  return Math.max(...(Object.values(columns) as number[]));
}
