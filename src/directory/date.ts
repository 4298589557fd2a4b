/**
 * The Gebietsstand (reference date of the territorial status) of a directory file.
 *
 * Resolution order (first that applies wins):
 * 1. an explicit date passed by the caller (YYYY-MM-DD);
 * 2. the file content: a preamble line "Gebietsstand: 31.12.2020" as in the
 *    title rows of the workbook Destatis publishes (only layouts with a preamble);
 * 3. the file name:
 *    - "...GV<q>Q..._<yyyy>" (Destatis "AuszugGV4QAktuell", quarter q of year yyyy)
 *      -> the quarter's last day: 1Q 03-31, 2Q 06-30, 3Q 09-30, 4Q 12-31;
 *    - "YYYY-MM-DD", "DD.MM.YYYY", or 8 digits read as YYYYMMDD or DDMMYYYY
 *      (Destatis archive names such as "31122020_Auszug_GV"), whichever is a real date.
 * The derived CSVs (gemeinden_*.csv) carry no date in content or name; pass it explicitly.
 */

const QUARTER_END = ["03-31", "06-30", "09-30", "12-31"] as const;

/** "YYYY-MM-DD" when y/m/d form a real calendar date between 1900 and 2099, else undefined. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Validate a caller-given date: returns it when it is a real YYYY-MM-DD date. */
export function checkIsoDate(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** The Gebietsstand stated in a text line ("Gebietsstand: 31.12.2020"), if any. */
export function dateFromText(line: string): string | undefined {
  const m = /Gebietsstand\D{0,20}?(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})/i.exec(line);
  return m ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
}

/** The Gebietsstand encoded in a file name (without folders), if any (see the module comment). */
export function dateFromFileName(base: string): string | undefined {
  const quarter = /GV([1-4])Q[A-Za-z]*[_\- ]?((?:19|20)\d{2})(?!\d)/i.exec(base);
  if (quarter) return `${quarter[2]}-${QUARTER_END[Number(quarter[1]) - 1]}`;
  const iso = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(base);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const german = /(?<!\d)(\d{2})\.(\d{2})\.(\d{4})(?!\d)/.exec(base);
  if (german) return isoDate(Number(german[3]), Number(german[2]), Number(german[1]));
  const compact = /(?<!\d)(\d{8})(?!\d)/.exec(base);
  if (compact) {
    const d = compact[1]!;
    const num = (a: number, b: number): number => Number(d.slice(a, b));
    return isoDate(num(0, 4), num(4, 6), num(6, 8)) ?? isoDate(num(4, 8), num(2, 4), num(0, 2));
  }
  return undefined;
}
