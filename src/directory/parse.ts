/**
 * parseDirectory: bytes of a directory file -> {@link Directory} or typed errors.
 * One pass over the text: decode, sniff the delimiter, read records, detect the
 * layout from the first non-blank record(s), feed the layout's reader, then index.
 */
import { DirectoryBuilder } from "./builder.js";
import { readCsv, sniffDelimiter } from "./csv.js";
import { checkIsoDate, dateFromFileName, dateFromText } from "./date.js";
import { decodeDirectoryBytes } from "./decode.js";
import { LayoutDispatcher } from "./dispatch.js";
import { ErrorSink } from "./errors.js";
import { EXPECTED_HEADERS } from "./layout.js";
import type { DirectoryOptions, ParseDirectoryResult } from "./types.js";

/**
 * Parse a directory file. Accepts the Destatis GV-ISys quarterly extract (named-header
 * CSV as in examples/directory, or the published workbook saved as CSV with its title
 * rows) and the derived gemeinden_*.csv; encoding (UTF-8, UTF-16 with BOM,
 * Windows-1252/Latin-1) and delimiter (",", ";", TAB) are detected.
 *
 * Pure: never throws for any input, never reads the file system. `fileName` is used
 * for errors, for {@link Directory.source} (its last path segment) and, when the
 * content has no Gebietsstand, for the date (see date.ts). Returns a directory
 * exactly when there are no errors; errors are ordered by line.
 */
export function parseDirectory(bytes: Uint8Array, fileName: string, options: DirectoryOptions = {}): ParseDirectoryResult {
  const sink = new ErrorSink(fileName);
  let explicitDate: string | undefined;
  if (options.date !== undefined) {
    explicitDate = checkIsoDate(options.date);
    if (!explicitDate) sink.add("malformed-date", "the given Gebietsstand must be a real date written YYYY-MM-DD");
  }
  const decoded = decodeDirectoryBytes(bytes);
  if (!decoded.ok) {
    sink.add(decoded.reason, decoded.reason === "empty" ? "the file is empty" : "the file is binary, not CSV text");
    return { errors: sink.errors };
  }
  const delimiter = sniffDelimiter(decoded.text);
  const builder = new DirectoryBuilder(sink);
  const dispatch = new LayoutDispatcher(builder, sink);
  const issues = readCsv(decoded.text, delimiter, (fields, line) => dispatch.record(fields, line), dispatch.limit);
  for (const issue of issues) {
    const what = issue.kind === "unterminated-quote" ? "quoted field is not closed" : "text after the closing quote of a field";
    sink.add("csv-syntax", what, issue.line);
  }
  if (!dispatch.reader) {
    if (!sink.errors.some((e) => e.code === "missing-column")) {
      const expected = `expected ${EXPECTED_HEADERS} (delimiter detected: ${JSON.stringify(delimiter)})`;
      sink.add("unknown-format", `not a municipality directory: ${expected}`);
    }
    return { errors: sortByLine(sink.errors) };
  }
  const source = fileName.replace(/^.*[\\/]/, "");
  const date = explicitDate ?? firstDefined(dispatch.preamble, dateFromText) ?? dateFromFileName(source);
  if (!date && options.date === undefined) {
    sink.add(
      "no-date",
      "the Gebietsstand is neither in the content nor in the file name; pass it explicitly (YYYY-MM-DD) " +
        "or put it in the name, e.g. gemeinden_de_2020-12-31.csv",
    );
  }
  const directory = builder.finish(source, date ?? "", dispatch.format);
  const errors = sortByLine(sink.errors);
  return directory && errors.length === 0 ? { directory, errors } : { errors };
}

function firstDefined<T, R>(items: readonly T[], f: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const r = f(item);
    if (r !== undefined) return r;
  }
  return undefined;
}

function sortByLine<T extends { line?: number }>(errors: T[]): T[] {
  return errors.slice().sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
}
