import { describe, expect, it } from "vitest";
import { checkIsoDate, dateFromFileName, dateFromText } from "../../src/directory/date.js";

describe("Gebietsstand from the file name", () => {
  it("reads Destatis quarter names as the quarter's last day", () => {
    expect(dateFromFileName("AuszugGV4QAktuell_2020.csv")).toBe("2020-12-31");
    expect(dateFromFileName("AuszugGV1QAktuell_2021.xlsx.csv")).toBe("2021-03-31");
    expect(dateFromFileName("AuszugGV2QAktuell-2022.csv")).toBe("2022-06-30");
    expect(dateFromFileName("AuszugGV3Q_2019.csv")).toBe("2019-09-30");
  });

  it("reads ISO, German and compact dates, and only real ones", () => {
    expect(dateFromFileName("gemeinden_de_2020-12-31.csv")).toBe("2020-12-31");
    expect(dateFromFileName("gv_31.12.2020.csv")).toBe("2020-12-31");
    expect(dateFromFileName("31122020_Auszug_GV.csv")).toBe("2020-12-31");
    expect(dateFromFileName("gv_20201231.csv")).toBe("2020-12-31");
    expect(dateFromFileName("gv_2020-02-30.csv")).toBeUndefined();
    expect(dateFromFileName("gemeinden_de.csv")).toBeUndefined();
    expect(dateFromFileName("gemeinden_sachsen.csv")).toBeUndefined();
    expect(dateFromFileName("AuszugGV4QAktuell.csv")).toBeUndefined(); // quarter without a year
  });
});

describe("Gebietsstand from a title row", () => {
  it("reads the German date after 'Gebietsstand'", () => {
    expect(dateFromText("Gebietsstand: 31.12.2020")).toBe("2020-12-31");
    expect(dateFromText("Gebietsstand 30.6.2021 ;;")).toBe("2021-06-30");
    expect(dateFromText("Alle Gemeinden am 31.12.2020")).toBeUndefined();
  });
});

describe("checkIsoDate", () => {
  it("accepts only real YYYY-MM-DD dates", () => {
    expect(checkIsoDate("2020-12-31")).toBe("2020-12-31");
    expect(checkIsoDate("2024-02-29")).toBe("2024-02-29");
    expect(checkIsoDate("2023-02-29")).toBeUndefined();
    expect(checkIsoDate("31.12.2020")).toBeUndefined();
    expect(checkIsoDate("2020-1-31")).toBeUndefined();
  });
});
