import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsv, sniffDelimiter, type CsvIssue } from "../../src/directory/csv.js";

function read(text: string, delimiter = ","): { records: { fields: string[]; line: number }[]; issues: CsvIssue[] } {
  const records: { fields: string[]; line: number }[] = [];
  const issues = readCsv(text, delimiter, (fields, line) => {
    records.push({ fields: fields.slice(), line });
  });
  return { records, issues };
}

/** An independent RFC 4180 writer: quote every field that needs it. */
function write(rows: string[][], delimiter: string, eol: string): string {
  const quote = (f: string): string =>
    f.includes(delimiter) || f.includes('"') || f.includes("\n") || f.includes("\r") || f === ""
      ? `"${f.replaceAll('"', '""')}"`
      : f;
  return rows.map((r) => r.map(quote).join(delimiter)).join(eol);
}

describe("readCsv", () => {
  it("keeps commas inside quoted fields (the extract's names and decimal coordinates)", () => {
    const { records, issues } = read('60,61,01,0,01,0000,000,"Flensburg, Stadt", 53.02,"9,43751"\n');
    expect(issues).toEqual([]);
    expect(records).toEqual([
      { fields: ["60", "61", "01", "0", "01", "0000", "000", "Flensburg, Stadt", " 53.02", "9,43751"], line: 1 },
    ]);
  });

  it("unescapes doubled quotes and counts lines of multi-line fields", () => {
    const { records } = read('a,"say ""hi""\nthere"\r\nb,c\rd,e');
    expect(records).toEqual([
      { fields: ["a", 'say "hi"\nthere'], line: 1 },
      { fields: ["b", "c"], line: 3 },
      { fields: ["d", "e"], line: 4 },
    ]);
  });

  it("keeps empty and trailing fields, and does not invent a record after the last line break", () => {
    expect(read("a,,\n,\n").records.map((r) => r.fields)).toEqual([["a", "", ""], ["", ""]]);
  });

  it("reports an unterminated quoted field at the line where its record starts", () => {
    const { records, issues } = read('x,y\n"open,2\n3,4\n');
    expect(issues).toEqual([{ kind: "unterminated-quote", line: 2 }]);
    expect(records).toHaveLength(2);
  });

  it("reports text after a closing quote and keeps reading", () => {
    const { records, issues } = read('"ab"c,d\ne,f');
    expect(issues).toEqual([{ kind: "text-after-quote", line: 1 }]);
    expect(records.map((r) => r.fields)).toEqual([["abc", "d"], ["e", "f"]]);
  });

  it("reads semicolon and tab delimited text", () => {
    expect(read('a;"b;c";d', ";").records[0]!.fields).toEqual(["a", "b;c", "d"]);
    expect(read("a\tb", "\t").records[0]!.fields).toEqual(["a", "b"]);
  });

  it("blanks fields beyond the limit but still counts them", () => {
    const records: string[][] = [];
    readCsv("a,b,c,d\n", ",", (f) => void records.push(f.slice()), { keep: 2 });
    expect(records).toEqual([["a", "b", "", ""]]);
  });

  it("round-trips anything an RFC 4180 writer produces", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "ü", ",", ";", '"', "\n", "\r", " ", "0", "\t") });
    const rows = fc.array(fc.array(field, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(rows, fc.constantFrom(",", ";", "\t"), fc.constantFrom("\n", "\r\n"), (table, delimiter, eol) => {
        const { records, issues } = read(write(table, delimiter, eol), delimiter);
        expect(issues).toEqual([]);
        expect(records.map((r) => r.fields)).toEqual(table);
      }),
      { numRuns: 300 },
    );
  });

  it("terminates without throwing on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        let count = 0;
        readCsv(text, ",", () => void count++);
        expect(count).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe("sniffDelimiter", () => {
  it("ignores delimiters inside quotes", () => {
    expect(sniffDelimiter('a;b;c\n"x,y,z,w";2;3\n')).toBe(";");
    expect(sniffDelimiter('ags,ars,name\n1,2,"a; b; c; d"\n')).toBe(",");
    expect(sniffDelimiter("a\tb\tc\n")).toBe("\t");
    expect(sniffDelimiter("no delimiter at all")).toBe(",");
  });
});
