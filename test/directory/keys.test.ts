import { describe, expect, it } from "vitest";
import {
  describeKey,
  levelOfKey,
  municipalitiesUnder,
  normalizeRegionKey,
  officialName,
} from "../../src/directory/index.js";
import { rawDirectory } from "./helpers.js";
import { cpuTimed } from "../helpers/cpu-time.js";

const dir = rawDirectory();

describe("levelOfKey", () => {
  it("reads the level from the key length", () => {
    expect(levelOfKey("14")).toBe("state");
    expect(levelOfKey("145")).toBe("regierungsbezirk");
    expect(levelOfKey("14522")).toBe("district");
    expect(levelOfKey("145225119")).toBe("verband");
    expect(levelOfKey("145225119360")).toBe("municipality");
    expect(levelOfKey("14522360")).toBe("municipality"); // AGS
  });

  it("rejects other lengths and non-digits", () => {
    for (const key of ["", "1", "1452", "145225", "1452251193601", "14a22", " 14", "１４", "14\n"]) {
      expect(levelOfKey(key)).toBeUndefined();
    }
  });
});

describe("normalizeRegionKey", () => {
  it("maps an AGS to its ARS through the directory", () => {
    expect(normalizeRegionKey(dir, "14522360")).toEqual({ ars: "145225119360", level: "municipality", fromAgs: true });
    expect(normalizeRegionKey(dir, "14511000")).toEqual({ ars: "145110000000", level: "municipality", fromAgs: true });
  });

  it("keeps known ARS keys of every level", () => {
    for (const [key, level] of [
      ["14", "state"],
      ["145", "regierungsbezirk"],
      ["14522", "district"],
      ["145225119", "verband"],
      ["145220180180", "municipality"],
    ] as const) {
      expect(normalizeRegionKey(dir, key)).toEqual({ ars: key, level, fromAgs: false });
    }
  });

  it("reports well-formed keys that are not in the directory", () => {
    expect(normalizeRegionKey(dir, "17")).toEqual({ level: "state", error: "not-in-directory" });
    expect(normalizeRegionKey(dir, "140")).toEqual({ level: "regierungsbezirk", error: "not-in-directory" });
    expect(normalizeRegionKey(dir, "010")).toEqual({ level: "regierungsbezirk", error: "not-in-directory" }); // SH has no RB
    expect(normalizeRegionKey(dir, "14599")).toEqual({ level: "district", error: "not-in-directory" });
    expect(normalizeRegionKey(dir, "07000")).toEqual({ level: "district", error: "not-in-directory" }); // no Kreis record
    expect(normalizeRegionKey(dir, "14522999")).toEqual({ level: "municipality", error: "not-in-directory" });
    expect(normalizeRegionKey(dir, "145220180181")).toEqual({ level: "municipality", error: "not-in-directory" });
  });

  it("reports malformed keys", () => {
    expect(normalizeRegionKey(dir, "1452")).toEqual({ error: "malformed" });
    expect(normalizeRegionKey(dir, "14x22")).toEqual({ error: "malformed" });
  });
});

describe("municipalitiesUnder", () => {
  it("lists the members of a Gemeindeverband, a district, a state", () => {
    expect(municipalitiesUnder(dir, "145225119").map((m) => m.name)).toEqual(["Altmittweida", "Mittweida, Stadt, Hochschulstadt"]);
    expect(municipalitiesUnder(dir, "14")).toHaveLength(419);
    expect(municipalitiesUnder(dir, "14511").map((m) => m.ags)).toEqual(["14511000"]);
    const mittelsachsen = municipalitiesUnder(dir, "14522");
    expect(mittelsachsen.every((m) => m.districtKey === "14522")).toBe(true);
    expect(mittelsachsen.map((m) => m.ags)).toContain("14522180");
  });

  it("agrees with a scan for every indexed prefix, and each level partitions the country", () => {
    for (const level of ["stateKey", "regierungsbezirkKey", "districtKey", "verbandKey"] as const) {
      const scanned = new Map<string, string[]>();
      for (const m of dir.municipalities) scanned.set(m[level], [...(scanned.get(m[level]) ?? []), m.ars]);
      let total = 0;
      for (const [prefix, ars] of scanned) {
        const under = municipalitiesUnder(dir, prefix).map((m) => m.ars);
        expect(under).toEqual(ars);
        total += under.length;
      }
      expect(total).toBe(11_004);
    }
  });

  it("handles a full key, an AGS, other prefix lengths and junk", () => {
    expect(municipalitiesUnder(dir, "145220180180").map((m) => m.ags)).toEqual(["14522180"]);
    expect(municipalitiesUnder(dir, "14522180").map((m) => m.ars)).toEqual(["145220180180"]);
    expect(municipalitiesUnder(dir, "1452251")).toEqual(dir.municipalities.filter((m) => m.ars.startsWith("1452251")));
    expect(municipalitiesUnder(dir, "")).toHaveLength(11_004);
    expect(municipalitiesUnder(dir, "99")).toEqual([]);
    expect(municipalitiesUnder(dir, "1x")).toEqual([]);
    expect(municipalitiesUnder(dir, "1452201801800")).toEqual([]);
  });

  it("returns a copy: changing it does not change the directory", () => {
    const list = municipalitiesUnder(dir, "14");
    list.length = 0;
    expect(municipalitiesUnder(dir, "14")).toHaveLength(419);
  });

  it("stays linear for a national rule set: one lookup per municipality key", () => {
    const { result: found, ms } = cpuTimed(() => {
      let n = 0;
      for (const m of dir.municipalities) n += municipalitiesUnder(dir, m.ars).length + municipalitiesUnder(dir, m.verbandKey).length;
      return n;
    });
    expect(found).toBeGreaterThan(2 * 11_004 - 1);
    expect(ms).toBeLessThan(500); // ~5 ms measured
  });
});

describe("officialName and describeKey", () => {
  it("name areas and municipalities for diagnostics", () => {
    expect(officialName(dir, "14522")).toBe("Mittelsachsen");
    expect(officialName(dir, "14522180")).toBe("Freiberg, Stadt, Universitätsstadt");
    expect(officialName(dir, "14599")).toBeUndefined();
    expect(describeKey(dir, "145225119")).toBe('"Mittweida" (Gemeindeverband 145225119, Verwaltungsgemeinschaft)');
    expect(describeKey(dir, "14511000")).toBe('"Chemnitz, Stadt" (municipality AGS 14511000 = ARS 145110000000, Kreisfreie Stadt)');
    expect(describeKey(dir, "145220180180")).toBe('"Freiberg, Stadt, Universitätsstadt" (municipality ARS 145220180180, Stadt)');
    expect(describeKey(dir, "14")).toBe('"Sachsen" (state 14)');
    expect(describeKey(dir, "14599")).toBe("district 14599 (not in the directory of 2020-12-31)");
    expect(describeKey(dir, "14-5")).toBe('malformed regional key "14-5" (expected 2, 3, 5, 8, 9 or 12 digits)');
  });
});
