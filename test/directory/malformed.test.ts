import fc from "fast-check";
import iconv from "iconv-lite";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DirectoryLoadError, loadDirectory, parseDirectory, type DirectoryError } from "../../src/directory/index.js";
import { bytesOf, GEBIETSSTAND, RAW_FILE, SN_FILE, textOf, utf8 } from "./helpers.js";

const SN_TEXT = textOf(SN_FILE);
const SN_LINES = SN_TEXT.split("\n");
const RAW_TEXT = textOf(RAW_FILE);

function errorsOf(text: string | Uint8Array, name = "gemeinden_2020-12-31.csv"): DirectoryError[] {
  const result = parseDirectory(typeof text === "string" ? utf8(text) : text, name);
  expect(result.directory).toBeUndefined();
  expect(result.errors.length).toBeGreaterThan(0);
  return result.errors;
}

const codes = (errors: readonly DirectoryError[]): string[] => errors.map((e) => e.code);

describe("malformed directory files give typed errors", () => {
  it("empty file, BOM only, blank lines", () => {
    expect(codes(errorsOf(new Uint8Array()))).toEqual(["empty"]);
    expect(codes(errorsOf(new Uint8Array([0xef, 0xbb, 0xbf])))).toEqual(["empty"]);
    expect(codes(errorsOf("\n\r\n  \n"))).toEqual(["empty"]);
  });

  it("binary garbage", () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(codes(errorsOf(garbage))).toEqual(["binary"]);
    expect(codes(errorsOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])))).toEqual(["binary"]); // a zip (xlsx) header
  });

  it("a file truncated inside a record: that record has too few fields", () => {
    const cut = SN_TEXT.slice(0, SN_TEXT.indexOf("\n", 5000) + 15); // "AGS,ARS-part": 2 fields, no quote
    const errors = errorsOf(cut);
    expect(errors).toEqual([expect.objectContaining({ code: "column-count", line: SN_TEXT.slice(0, 5000).split("\n").length + 1 })]);
  });

  it("a file truncated inside a quoted name: csv-syntax at that record", () => {
    const lines = SN_LINES.slice(0, 3);
    const cut = `${lines.join("\n")}\n${SN_LINES[3]!.slice(0, 30)}`; // line 4 ends inside "Annaberg-Buchholz, Stadt"
    expect(SN_LINES[3]!.slice(0, 30)).toContain('"');
    const errors = errorsOf(cut);
    expect(errors).toContainEqual(expect.objectContaining({ code: "csv-syntax", line: 4 }));
  });

  it("the raw extract truncated mid-record", () => {
    const errors = errorsOf(RAW_TEXT.slice(0, 100_000), "AuszugGV4QAktuell_2020.csv");
    expect(errors.map((e) => e.code)).toEqual(["column-count"]);
    expect(errors[0]!.line).toBe(RAW_TEXT.slice(0, 100_000).split("\n").length);
  });

  it("a wrong delimiter ('|'): the header is not recognised", () => {
    const piped = SN_LINES.slice(0, 20).map((l) => l.replaceAll(",", "|")).join("\n");
    expect(codes(errorsOf(piped))).toEqual(["unknown-format"]);
  });

  it("data records with another delimiter than the header: column-count per record", () => {
    const mixed = [...SN_LINES.slice(0, 20), ...SN_LINES.slice(20, 23).map((l) => l.replaceAll(",", ";"))].join("\n");
    const errors = errorsOf(mixed);
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ["column-count", 21],
      ["column-count", 22],
      ["column-count", 23],
    ]);
  });

  it("a non-digit key, and a key whose leading zero was lost", () => {
    const rows = SN_LINES.slice(0, 4);
    rows[1] = rows[1]!.replace("14511000,", "1451100X,");
    rows[2] = rows[2]!.replace(/^14521010,145210010010,/, "14521010,45210010010,");
    const errors = errorsOf(rows.join("\n"));
    expect(errors).toEqual([
      expect.objectContaining({ code: "malformed-key", line: 2, column: "ags", message: expect.stringContaining("other than digits") }),
      expect.objectContaining({ code: "malformed-key", line: 3, column: "ars", message: expect.stringContaining("leading zeros") }),
    ]);
    expect(errors.map((e) => e.message).join(" ")).not.toContain("1451100X"); // cell content is not echoed
  });

  it("keys of one row that contradict each other", () => {
    const rows = SN_LINES.slice(0, 2);
    rows[1] = rows[1]!.replace("14511000,145110000000", "14511001,145110000000");
    expect(errorsOf(rows.join("\n"))).toEqual([
      expect.objectContaining({ code: "inconsistent-key", line: 2, column: "ags" }),
    ]);
  });

  it("the same municipality twice, and one Verband key with two names", () => {
    const dup = [SN_LINES[0], SN_LINES[1], SN_LINES[1]].join("\n");
    expect(errorsOf(dup)).toEqual([expect.objectContaining({ code: "duplicate-key", line: 3 })]);
    const renamed = SN_LINES.slice(0, 4);
    const mittweida = SN_LINES.filter((l) => l.includes(",145225119,"));
    const twoNames = [SN_LINES[0], mittweida[0]!, mittweida[1]!.replace(",Mittweida,Verwaltungsgemeinschaft", ",Anders,Verwaltungsgemeinschaft")];
    expect(renamed).toHaveLength(4);
    expect(errorsOf(twoNames.join("\n"))).toEqual([expect.objectContaining({ code: "duplicate-key", line: 3 })]);
  });

  it("a header lacking a required column", () => {
    const noArsHeader = SN_LINES.slice(0, 3).map((l) => l.replace(/,verband_name,/, ",vname,")).join("\n");
    expect(errorsOf(noArsHeader)).toEqual([expect.objectContaining({ code: "missing-column", line: 1 })]);
  });

  it("another of the shipped CSVs that is not a directory (kreise_de.csv layout)", () => {
    expect(codes(errorsOf("kreis_code,name,typ,land_code,land\n01001,\"Flensburg, Stadt\",Kreisfreie Stadt,01,Schleswig-Holstein\n"))).toEqual([
      "unknown-format",
    ]);
  });

  it("an unknown Satzart and a Gemeinde whose Gemeindeverband record is missing", () => {
    const head = RAW_TEXT.split("\n").slice(0, 5);
    head[3] = head[3]!.replace(/^50,/, "55,");
    const errors = errorsOf(head.join("\n"), "AuszugGV4QAktuell_2020.csv");
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ["unknown-record-type", 4],
      ["missing-parent", undefined],
    ]);
  });

  it("no date in content or name for a derived file, or a bad explicit date", () => {
    expect(codes(parseDirectory(bytesOf(SN_FILE), "gemeinden_sachsen.csv").errors)).toEqual(["no-date"]);
    expect(codes(parseDirectory(bytesOf(SN_FILE), "gemeinden_sachsen.csv", { date: "2020-02-30" }).errors)).toEqual(["malformed-date"]);
  });

  it("stops after 100 errors", () => {
    const bad = [SN_LINES[0], ...Array.from({ length: 300 }, () => "x,y,z")].join("\n");
    const errors = errorsOf(bad);
    expect(errors).toHaveLength(101);
    expect(errors.at(-1)!.code).toBe("too-many-errors");
  });

  it("never throws for random bytes or randomly damaged real files", () => {
    const real = bytesOf(SN_FILE).subarray(0, 6000);
    const damaged = fc
      .tuple(fc.nat({ max: real.length }), fc.array(fc.tuple(fc.nat({ max: 5999 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }))
      .map(([cut, flips]) => {
        const b = real.slice(0, cut);
        for (const [i, v] of flips) if (i < b.length) b[i] = v;
        return b;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 2000 }), damaged), (bytes) => {
        const result = parseDirectory(bytes, "gemeinden_2020-12-31.csv");
        expect(result.directory !== undefined || result.errors.length > 0).toBe(true);
        for (const e of result.errors) expect(e.file).toBe("gemeinden_2020-12-31.csv");
      }),
      { numRuns: 200 },
    );
  });
});

describe("loadDirectory", () => {
  it("throws DirectoryLoadError with typed errors, never a raw exception", () => {
    try {
      loadDirectory("/nonexistent/gemeinden.csv");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DirectoryLoadError);
      expect((e as DirectoryLoadError).errors).toEqual([expect.objectContaining({ code: "io", file: "/nonexistent/gemeinden.csv" })]);
    }
    expect(() => loadDirectory(SN_FILE)).toThrow(DirectoryLoadError);
  });
});

describe("other encodings and the workbook layout", () => {
  const dir = mkdtempSync(join(tmpdir(), "stellwerk-directory-"));
  /** Sorbian names (e.g. "Groß Düben / Dźěwin") have letters Windows-1252 cannot hold. */
  const fitsWindows1252 = (line: string): boolean => iconv.decode(iconv.encode(line, "windows-1252"), "windows-1252") === line;
  const toSemicolons = (line: string): string => line.replace(/("[^"]*")|,/g, (_m, q: string | undefined) => q ?? ";");

  it("Sorbian place names do not fit Windows-1252: a Latin-1 export would lose them", () => {
    const sorbian = SN_LINES.filter((l) => !fitsWindows1252(l));
    expect(sorbian.length).toBeGreaterThan(0);
    expect(sorbian.some((l) => l.includes("Groß Düben / Dźěwin"))).toBe(true);
  });

  it("reads the derived Saxon file re-encoded as Windows-1252 with semicolons, identically", () => {
    const kept = SN_LINES.filter(fitsWindows1252);
    const semicolons = kept.map(toSemicolons).join("\r\n");
    const path = join(dir, "gemeinden_sachsen_2020-12-31.csv");
    writeFileSync(path, iconv.encode(semicolons, "windows-1252"), { mode: 0o600 });
    const latin = loadDirectory(path);
    const utf = parseDirectory(utf8(kept.join("\n")), "gemeinden_sachsen.csv", { date: GEBIETSSTAND }).directory!;
    expect(latin.municipalities.length).toBeGreaterThan(380);
    expect(latin.municipalities).toEqual(utf.municipalities);
    expect(latin.verbaende).toEqual(utf.verbaende);
    expect(latin.byAgs.get("14522180")?.name).toBe("Freiberg, Stadt, Universitätsstadt");
  });

  it("reads the extract saved from the published workbook: title rows with the Gebietsstand, German header, footnotes", () => {
    const data = RAW_TEXT.split("\n").slice(1);
    const saxony = data.filter((l) => /^\d\d,[^,]*,14,/.test(l) && fitsWindows1252(l)).map(toSemicolons);
    const workbook = [
      "Gemeindeverzeichnis-Informationssystem GV-ISys;;;;;;;;",
      "Alle politisch selbständigen Gemeinden mit ausgewählten Merkmalen am 31.12.2020 (4. Quartal);;;;;;;",
      "Gebietsstand: 31.12.2020;;;;;;;;",
      ";;;;;;;;",
      "Satz-art;Text-kenn-zeichen;Amtlicher Regionalschlüssel (ARS);;;;;Gemeindename;Fläche km2 1)",
      ";;Land;RB;Kreis;VB;Gem;;",
      "1;2;3;4;5;6;7;8;9",
      ...saxony,
      ";;;;;;;;",
      "1) Katasterfläche;;;;;;;;",
    ].join("\r\n");
    const path = join(dir, "Auszug_GV.csv");
    writeFileSync(path, iconv.encode(workbook, "windows-1252"), { mode: 0o600 });
    const wb = loadDirectory(path);
    expect(wb.date).toBe("2020-12-31");
    const expected = loadDirectory(RAW_FILE).municipalities.filter((m) => m.stateKey === "14" && fitsWindows1252(m.name));
    expect(wb.municipalities.length).toBeGreaterThan(380);
    expect(wb.municipalities).toEqual(expected);
    expect(wb.regierungsbezirke.get("145")?.name).toBe("früher: Direktionsbezirk Chemnitz");
  });

  it("flags a non-data record between data records of the workbook layout", () => {
    const data = RAW_TEXT.split("\n").slice(1, 40);
    data.splice(10, 0, "Zwischenzeile,,,,");
    const errors = errorsOf(["Gebietsstand: 31.12.2020", ...data].join("\n"), "x.csv");
    expect(errors).toEqual([expect.objectContaining({ code: "unknown-record-type", line: 12 })]);
  });
});
