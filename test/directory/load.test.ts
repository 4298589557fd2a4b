import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/directory/csv.js";
import { directoryAttribution, loadDirectory, parseDirectory } from "../../src/directory/index.js";
import { bytesOf, DE_FILE, EXAMPLES, textOf, derivedDirectory, GEBIETSSTAND, RAW_FILE, rawDirectory, SN_FILE } from "./helpers.js";

describe("the raw Destatis extract (examples/directory/AuszugGV4QAktuell_2020.csv)", () => {
  const dir = rawDirectory();

  it("holds all 11,004 German Gemeinden, sorted by ARS, with the date from the file name", () => {
    expect(dir.municipalities).toHaveLength(11_004);
    expect(dir.byArs.size).toBe(11_004);
    expect(dir.byAgs.size).toBe(11_004);
    const ars = dir.municipalities.map((m) => m.ars);
    expect(ars).toEqual(ars.slice().sort());
    expect(dir.date).toBe("2020-12-31");
    expect(dir.source).toBe("AuszugGV4QAktuell_2020.csv");
    expect(dir.format).toBe("gv-isys-extract");
  });

  it("has 16 states, 29 Regierungsbezirke, 401 Kreise and 4,606 Gemeindeverbände", () => {
    expect(dir.states.size).toBe(16);
    expect(dir.regierungsbezirke.size).toBe(29);
    expect(dir.districts.size).toBe(401);
    expect(dir.verbaende.size).toBe(4_606);
    expect(dir.states.get("14")).toEqual({ key: "14", name: "Sachsen" });
    expect(dir.regierungsbezirke.get("145")?.name).toBe("früher: Direktionsbezirk Chemnitz");
  });

  it("keeps keys as strings with their leading zeros", () => {
    const flensburg = dir.byAgs.get("01001000")!;
    expect(flensburg).toEqual({
      ags: "01001000",
      ars: "010010000000",
      name: "Flensburg, Stadt",
      type: "Kreisfreie Stadt",
      stateKey: "01",
      regierungsbezirkKey: "010",
      districtKey: "01001",
      verbandKey: "010010000",
    });
  });

  it("maps Chemnitz 14511000 to ARS 145110000000, a kreisfreie Stadt", () => {
    const chemnitz = dir.byAgs.get("14511000")!;
    expect(chemnitz.ars).toBe("145110000000");
    expect(chemnitz.name).toBe("Chemnitz, Stadt");
    expect(chemnitz.type).toBe("Kreisfreie Stadt");
    expect(dir.districts.get("14511")).toEqual({ key: "14511", name: "Chemnitz, Stadt", type: "Kreisfreie Stadt" });
  });

  it("puts Freiberg 14522180 in district 14522, the Landkreis Mittelsachsen", () => {
    const freiberg = dir.byAgs.get("14522180")!;
    expect(freiberg.name).toBe("Freiberg, Stadt, Universitätsstadt");
    expect(freiberg.districtKey).toBe("14522");
    expect(freiberg.ars).toBe("145220180180");
    expect(dir.districts.get("14522")).toEqual({ key: "14522", name: "Mittelsachsen", type: "Landkreis" });
    expect(dir.verbaende.get(freiberg.verbandKey)?.type).toBe("verbandsfreie Gemeinde");
  });

  it("knows the Verwaltungsgemeinschaft Mittweida 145225119 and its two members", () => {
    expect(dir.verbaende.get("145225119")).toEqual({ key: "145225119", name: "Mittweida", type: "Verwaltungsgemeinschaft" });
    const members = dir.municipalities.filter((m) => m.verbandKey === "145225119");
    expect(members.map((m) => [m.ags, m.name])).toEqual([
      ["14522010", "Altmittweida"],
      ["14522360", "Mittweida, Stadt, Hochschulstadt"],
    ]);
  });

  it("has 419 Saxon municipalities in 13 districts (3 kreisfreie Städte, 10 Landkreise)", () => {
    const saxony = dir.municipalities.filter((m) => m.stateKey === "14");
    expect(saxony).toHaveLength(419);
    const districts = [...dir.districts.values()].filter((d) => d.key.startsWith("14"));
    expect(districts.filter((d) => d.type === "Kreisfreie Stadt").map((d) => d.key)).toEqual(["14511", "14612", "14713"]);
    expect(districts.filter((d) => d.type === "Landkreis")).toHaveLength(10);
  });

  it("gives the two gemeindefreie Gebiete outside any Kreis a district key without a Kreis record", () => {
    for (const ags of ["07000999", "13000999"]) {
      const m = dir.byAgs.get(ags)!;
      expect(m.type).toBe("gemeindefreies Gebiet (unbewohnt)");
      expect(dir.districts.has(m.districtKey)).toBe(false);
      expect(dir.verbaende.has(m.verbandKey)).toBe(true);
    }
  });
});

describe("raw extract and derived CSV agree", () => {
  it("on every municipality (AGS, ARS, name, type, parent keys) and every area", () => {
    const raw = rawDirectory();
    const derived = derivedDirectory();
    expect(derived.format).toBe("derived");
    expect(derived.municipalities).toEqual(raw.municipalities);
    expect([...derived.byAgs.entries()].map(([ags, m]) => [ags, m.ars])).toEqual(
      [...raw.byAgs.entries()].map(([ags, m]) => [ags, m.ars]),
    );
    expect(derived.states).toEqual(raw.states);
    expect(derived.regierungsbezirke).toEqual(raw.regierungsbezirke);
    expect(derived.districts).toEqual(raw.districts);
    expect(derived.verbaende).toEqual(raw.verbaende);
    expect(derived.prefixRanges).toEqual(raw.prefixRanges);
    expect(derived.date).toBe(raw.date);
  });

  it("the Saxon subset equals the raw extract's Saxon rows", () => {
    const sn = loadDirectory(SN_FILE, { date: GEBIETSSTAND });
    expect(sn.municipalities).toHaveLength(419);
    expect(sn.municipalities).toEqual(rawDirectory().municipalities.filter((m) => m.stateKey === "14"));
    expect([...sn.verbaende.values()]).toEqual([...rawDirectory().verbaende.values()].filter((v) => v.key.startsWith("14")));
  });
});

describe("the other shipped derived CSVs agree with the extract", () => {
  const dir = rawDirectory();
  const rows = (file: string): string[][] => {
    const out: string[][] = [];
    readCsv(textOf(`${EXAMPLES}${file}`), ",", (f) => void out.push(f.slice()));
    return out.slice(1);
  };

  it("kreise_de.csv lists exactly the 401 Kreise with their names and types", () => {
    const kreise = rows("kreise_de.csv").map(([key, name, type]) => ({ key, name, type }));
    expect(kreise).toEqual([...dir.districts.values()]);
  });

  it("gemeindeverbaende_sachsen.csv lists the 309 Saxon Gemeindeverbände with their member counts", () => {
    const verbaende = rows("gemeindeverbaende_sachsen.csv");
    expect(verbaende).toHaveLength(309);
    for (const [key, name, type, kreis, , count] of verbaende) {
      expect(dir.verbaende.get(key!)).toEqual({ key, name, type });
      expect(key!.slice(0, 5)).toBe(kreis);
      expect(dir.municipalities.filter((m) => m.verbandKey === key)).toHaveLength(Number(count));
    }
  });
});

describe("attribution", () => {
  it("names Destatis, the product, the Gebietsstand and the licence", () => {
    expect(directoryAttribution(rawDirectory())).toBe(
      "Datenquelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, " +
        "Gebietsstand 31.12.2020; Datenlizenz by-2-0 (https://www.govdata.de/dl-de/by-2-0)",
    );
  });
});
