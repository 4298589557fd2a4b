import { describe, expect, test } from "vitest";
import type { CaseLookup, CaseOrigin, RouteResult, RoutedDelivery } from "../../src/runtime/api.js";
import { jsonataCompilationCount } from "../../src/runtime/expressions.js";
import { route } from "../../src/runtime/router.js";
import { cpuTimedAsync } from "../helpers/cpu-time.js";
import {
  A1_FREIBERG,
  A2_FREIBERG,
  A6_FREIBERG,
  abmeldungFrom,
  enc,
  fixtureBytes,
  fixtureText,
  FREIBERG_ABMELDUNG,
  FREIBERG_ANMELDUNG,
  KFZ_FREIBERG,
  loadFixture,
  LUE_MITTWEIDA,
} from "./fixtures.js";

const table = loadFixture();

function ok(r: RouteResult): Extract<RouteResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected success, got ${r.reason}: ${r.detail}`);
  return r;
}

function rejected(r: RouteResult): Extract<RouteResult, { ok: false }> {
  if (r.ok) throw new Error(`expected a rejection, got ${r.deliveries.length} deliveries`);
  return r;
}

const targets = (r: RouteResult): string[] =>
  ok(r).deliveries.map((d) => `${d.recipient ?? d.role}@${d.region}#${d.endpoint}`).sort();

describe("scenario detection", () => {
  test("an XGewerbeanzeige sta message is detected by namespace, root and header code", async () => {
    const r = ok(await route(table, fixtureBytes(FREIBERG_ABMELDUNG)));
    expect(r.scenario).toBe("gewerbe.A10");
    expect(r.messageId).toBe("00000000-0000-0000-0000-000000000001");
    expect(r.trace.map((s) => s.detail)).toContain("gewerbe.A10: detection condition #16 is true");
  });

  test("the detection condition must hold: another header code is no known scenario", async () => {
    const text = fixtureText(FREIBERG_ABMELDUNG).replace("<code>0100</code>", "<code>0200</code>");
    const r = rejected(await route(table, enc(text)));
    expect(r.reason).toBe("unknown-scenario");
  });

  test("a root element no scenario detects is an unknown scenario", async () => {
    const text = fixtureText(FREIBERG_ABMELDUNG).replaceAll("sta.gewerbemeldung.0100", "abh.gewerbemeldung.0500");
    expect(rejected(await route(table, enc(text))).reason).toBe("unknown-scenario");
  });

  test("the same root in another namespace is not the same message", async () => {
    const text = fixtureText(FREIBERG_ABMELDUNG).replace("spezifikation/2.1", "spezifikation/2.2");
    expect(rejected(await route(table, enc(text))).reason).toBe("unknown-scenario");
  });

  test("namespace prefixes do not matter, URIs do", async () => {
    const text = fixtureText(FREIBERG_ABMELDUNG).replaceAll("xga:", "g:").replace("xmlns:xga=", "xmlns:g=");
    expect(ok(await route(table, enc(text))).scenario).toBe("gewerbe.A10");
  });

  test("JSON messages are told apart by their detection conditions", async () => {
    expect(ok(await route(table, fixtureBytes(A1_FREIBERG))).scenario).toBe("gewerbe.A1");
    const both = JSON.stringify({ ...JSON.parse(fixtureText(A1_FREIBERG)), kennzeichen: "FG-X 1", halter: "X" });
    const r = rejected(await route(table, enc(both)));
    expect(r.reason).toBe("ambiguous-scenario");
    expect(r.detail).toContain("gewerbe.A1");
    expect(r.detail).toContain("kfz.A1");
  });

  test("a given scenario: qualified, unique short id, ambiguous short id, unknown id", async () => {
    const bytes = fixtureBytes(FREIBERG_ABMELDUNG);
    expect(ok(await route(table, bytes, { scenario: "gewerbe.A10" })).scenario).toBe("gewerbe.A10");
    expect(ok(await route(table, bytes, { scenario: "A10" })).scenario).toBe("gewerbe.A10");
    expect(rejected(await route(table, fixtureBytes(A1_FREIBERG), { scenario: "A1" })).reason).toBe("ambiguous-scenario");
    expect(rejected(await route(table, bytes, { scenario: "A99" })).reason).toBe("unknown-scenario");
    expect(rejected(await route(table, bytes, { scenario: "gewerbe.A99" })).reason).toBe("unknown-scenario");
  });

  test("a given scenario whose message type does not fit the message is refused as invalid", async () => {
    const r = rejected(await route(table, fixtureBytes(FREIBERG_ABMELDUNG), { scenario: "gewerbe.A1" }));
    expect(r.reason).toBe("invalid");
  });
});

describe("regional keys and longest-prefix lookup", () => {
  test("the 8-digit AGS of the message is mapped to its ARS", async () => {
    const r = ok(await route(table, fixtureBytes(FREIBERG_ABMELDUNG)));
    expect(r.region).toBe("145220180180");
    expect(r.trace.some((s) => s.step === "region" && s.detail.includes("mapped to ARS 145220180180"))).toBe(true);
  });

  test.each([
    ["14522180", "145220180180", "municipality"], // Freiberg: its own entry
    ["14522010", "145225119", "verband"], // Altmittweida: VG Mittweida
    ["14522020", "14522", "district"], // Augustusburg: Landkreis Mittelsachsen
    ["14511000", "145", "regierungsbezirk"], // Chemnitz: 145 (no district entry for 14511)
    ["14612000", "14", "state"], // Dresden: Sachsen
  ])("AGS %s resolves to entry %s (%s)", async (ags, entry, level) => {
    const text = fixtureText(FREIBERG_ANMELDUNG).replaceAll("14522180", ags);
    const r = ok(await route(table, enc(text)));
    expect(new Set(r.deliveries.map((d) => d.region))).toEqual(new Set([entry]));
    expect(r.deliveries[0]!.level).toBe(level);
    const probes = r.trace.filter((s) => s.step === "lookup" && s.detail.startsWith("no entry at"));
    const lengths = [12, 9, 5, 3, 2];
    expect(probes.length).toBe(lengths.indexOf(entry.length));
  });

  test("a region given by the caller overrides the message: ARS 12, prefixes, AGS", async () => {
    const bytes = fixtureBytes(FREIBERG_ABMELDUNG);
    expect(ok(await route(table, bytes, { region: "145225119360" })).deliveries[0]!.region).toBe("145225119");
    expect(ok(await route(table, bytes, { region: "14522" })).deliveries[0]!.region).toBe("14522");
    expect(ok(await route(table, bytes, { region: "14" })).deliveries[0]!.region).toBe("14");
    expect(ok(await route(table, bytes, { region: "14612000" })).region).toBe("146120000000");
  });

  test.each([
    ["1452218", "malformed (7 digits)"],
    ["14522x80", "not digits"],
    ["14522999", "AGS not in scope"],
    ["091620000000", "ARS not in scope"],
    ["15", "state without municipalities in scope"],
    ["", "empty"],
  ])("region %j is an unknown region (%s)", async (region) => {
    const r = rejected(await route(table, fixtureBytes(FREIBERG_ABMELDUNG), { region }));
    expect(r.reason).toBe("unknown-region");
  });

  test("a message without a regional key is an unknown region", async () => {
    const text = fixtureText(A1_FREIBERG).replace('"gemeinde": "14522180",', "");
    expect(rejected(await route(table, enc(text))).reason).toBe("unknown-region");
  });

  test("a numeric regional key is refused (leading zeros would be lost)", async () => {
    // the message type says string: the message itself is invalid
    const text = fixtureText(A1_FREIBERG).replace('"gemeinde": "14522180"', '"gemeinde": 14522180');
    expect(rejected(await route(table, enc(text))).reason).toBe("invalid");
    // a region expression yielding a number is an unknown region
    const t = loadFixture("gewerbe", (tb) => (tb.expressions[4] = "$number(gemeinde)"));
    const r = rejected(await route(t, fixtureBytes(A1_FREIBERG)));
    expect([r.reason, r.detail]).toEqual(["unknown-region", "the regional key is a number, not a string of digits"]);
  });

  test("JSON messages are checked against their message type", async () => {
    const noName = fixtureText(A1_FREIBERG).replace('"name": "Bäckerei Zürner & Söhne", ', "");
    const r = rejected(await route(table, enc(noName), { scenario: "gewerbe.A1" }));
    expect([r.reason, r.detail]).toEqual(["invalid", "not a valid gewerbe.Antrag: betrieb.name: required field missing"]);
  });

  test("a region in scope without an entry for the scenario is unroutable", async () => {
    const r = rejected(await route(table, fixtureBytes(KFZ_FREIBERG)));
    expect(r.reason).toBe("unroutable");
    expect(r.scenario).toBe("kfz.A1");
    expect(r.trace.filter((s) => s.step === "lookup")).toHaveLength(5);
  });
});

describe("deliveries", () => {
  test("entries are pre-merged: Freiberg inherits StaLA and IHK and overrides the LRA endpoint", async () => {
    expect(targets(await route(table, fixtureBytes(FREIBERG_ANMELDUNG)))).toEqual([
      "IHK Chemnitz@145220180180#2",
      "LRA Mittelsachsen@145220180180#10",
      "StaLA Sachsen@145220180180#1",
      "WiFö Freiberg@145220180180#4",
    ]);
    // the district's own LRA delivery goes to the folder endpoint #3
    expect(targets(await route(table, abmeldungFrom("14522020")))).toEqual(["LRA Mittelsachsen@14522#3", "StaLA Sachsen@14522#1"]);
  });

  test("provenance of each delivery names the rule that set it", async () => {
    const r = ok(await route(table, fixtureBytes(FREIBERG_ANMELDUNG)));
    const lra = r.deliveries.find((d) => d.recipient === "LRA Mittelsachsen")!;
    expect(lra.setBy).toEqual({ file: "gewerbe/freiberg.stw", line: 14, region: "145220180180", level: "municipality" });
    const stala = r.deliveries.find((d) => d.recipient === "StaLA Sachsen")!;
    expect(stala.setBy.level).toBe("state");
    expect(r.trace.some((s) => s.step === "deliver" && s.detail.includes("gewerbe/freiberg.stw:14"))).toBe(true);
  });

  test("fan-out conditions: the IHK receives Anmeldungen only", async () => {
    const an = targets(await route(table, fixtureBytes(FREIBERG_ANMELDUNG)));
    const ab = ok(await route(table, fixtureBytes(FREIBERG_ABMELDUNG)));
    expect(an).toContain("IHK Chemnitz@145220180180#2");
    expect(targets(ab)).not.toContain("IHK Chemnitz@145220180180#2");
    expect(ab.trace.some((s) => s.step === "condition" && s.detail.includes("IHK Chemnitz") && s.detail.includes("false"))).toBe(true);
  });

  test("a transformation with per-region bindings builds the target XML from its type", async () => {
    const r = ok(await route(table, fixtureBytes(FREIBERG_ANMELDUNG)));
    const ihk = r.deliveries.find((d) => d.recipient === "IHK Chemnitz")!;
    expect(ihk.message).toBe("gewerbe.Kurzmeldung");
    expect(ihk.payload.mediaType).toBe("application/xml");
    expect(ihk.payload.value).toEqual({ "@kammer": "IHK Chemnitz", ags: "14522180", betrieb: "10B1F973-BCE7-448B-B5CC-9A8CC81174C3", art: "anmeldung" });
    expect(ihk.payload.text).toMatch(/<(\w+:)?kurzmeldung [^>]*kammer="IHK Chemnitz"/);
    expect(ihk.payload.text).toContain(">14522180</");
    expect(ihk.fileName).toMatch(/^a10_00000000-0000-0000-0000-000000000002_pflichtempfaenger-ihk-chemnitz-ihkgateway-[0-9a-f]{8}\.xml$/);
  });

  test("pass-through deliveries carry the original text; JSON targets get JSON", async () => {
    const bytes = fixtureBytes(FREIBERG_ABMELDUNG);
    const r = ok(await route(table, bytes));
    const stala = r.deliveries.find((d) => d.recipient === "StaLA Sachsen")!;
    expect(stala.payload.text).toBe(new TextDecoder().decode(bytes));
    const wf = r.deliveries.find((d) => d.recipient === "WiFö Freiberg")!;
    expect(wf.payload.mediaType).toBe("application/json");
    expect(JSON.parse(wf.payload.text)).toEqual({ ags: "14522180", betrieb: "10B1F973-BCE7-448B-B5CC-9A8CC81174C3", art: "sonstige" });
    expect(wf.fileName.endsWith(".json")).toBe(true);
  });

  test("repeated elements are lists: a message with three Sätze routes on the first", async () => {
    const r = ok(await route(table, fixtureBytes(LUE_MITTWEIDA)));
    expect(r.scenario).toBe("gewerbe.A10lue");
    expect(targets(r)).toEqual(["LÜVA Mittelsachsen@14522#8"]);
    const value = r.deliveries[0]!.payload.value as { satz: unknown[] };
    expect(value.satz).toHaveLength(3);
  });

  test("file names differ per target and never carry content other than the message id", async () => {
    const r = ok(await route(table, fixtureBytes(FREIBERG_ANMELDUNG)));
    const names = r.deliveries.map((d) => d.fileName);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9-]+_[A-Za-z0-9_-]+_[a-z0-9-]+\.(xml|json)$/);
  });

  test("a message id that is not a plain token is hashed into the file name", async () => {
    const text = fixtureText(FREIBERG_ABMELDUNG).replace("00000000-0000-0000-0000-000000000001", "../../etc/passwd");
    const r = ok(await route(table, enc(text)));
    expect(r.messageId).toBe("../../etc/passwd");
    for (const d of r.deliveries) expect(d.fileName).toMatch(/^a10_id[0-9a-f]{32}_/);
  });

  test("without an idempotency expression the message hash is the id", async () => {
    const r = ok(await route(table, fixtureBytes(LUE_MITTWEIDA), {}));
    expect(r.messageId).toBe("00000000-0000-0000-0000-000000000001");
    const t2 = loadFixture("gewerbe", (t) => delete t.scenarios["gewerbe.A10lue"]!.idempotency);
    const r2 = ok(await route(t2, fixtureBytes(LUE_MITTWEIDA)));
    expect(r2.messageId).toBe(r2.messageHash);
    expect(r2.deliveries[0]!.fileName).toContain(r2.messageHash.slice(7, 39));
  });

  test("every condition false: rejected as unroutable, never an empty success", async () => {
    // entry 145 (Chemnitz) has only deliveries conditional on an Anmeldung
    const r = rejected(await route(table, abmeldungFrom("14511000")));
    expect(r.reason).toBe("unroutable");
    expect(r.detail).toContain("no delivery's condition holds");
  });

  test("a transformation that fails is transform-failed, with jsonata's code but not its message", async () => {
    const r = rejected(await route(table, abmeldungFrom("14522210"))); // Großschirma: $number("2005 1015")
    expect(r.reason).toBe("transform-failed");
    expect(r.detail).toContain("wifoe.mitMeldungsnummer");
    expect(r.detail).toContain("D3030");
    expect(r.detail).not.toContain("2005");
  });

  test("evaluation time is bounded (maxEvalMs)", async () => {
    const { result, ms } = await cpuTimedAsync(() => route(table, abmeldungFrom("14522230"), { limits: { maxEvalMs: 50 } })); // Hainichen: endless $reduce
    const r = rejected(result);
    expect(r.reason).toBe("transform-failed");
    expect(r.detail).toContain("time limit");
    expect(ms).toBeLessThan(1500);
  });

  test("an output that does not fit the target type is transform-failed", async () => {
    const t = loadFixture("gewerbe", (tb) => {
      tb.expressions[3] = '{"@kammer": $kammer, "ags": satz[0].*.gemeindeSchluessel.code}'; // betrieb, art missing
    });
    const r = rejected(await route(t, fixtureBytes(FREIBERG_ANMELDUNG)));
    expect(r.reason).toBe("transform-failed");
    expect(r.detail).toContain("gewerbe.Kurzmeldung");
  });
});

describe("cases and replies", () => {
  const origin: CaseOrigin = { scenario: "gewerbe.A1", region: "145220180180", role: "gewerbe.OnlineAntragsmanagement", system: "gewerbe.Amt24", endpoint: 5 };
  const casesWith = (o: CaseOrigin | undefined): CaseLookup & { asked: string[] } => {
    const asked: string[] = [];
    return { asked, origin: (pkg, key) => (asked.push(`${pkg}/${key}`), o) };
  };

  test("a non-reply message with a correlation key opens a case at its source binding", async () => {
    const r = ok(await route(table, fixtureBytes(A1_FREIBERG)));
    expect(r.correlationKey).toBe("7c1e2b9a-5d3f-4e8a-9b61-2f0c8d4a1e55");
    expect(r.opensCase).toEqual({ pkg: "gewerbe", correlationKey: "7c1e2b9a-5d3f-4e8a-9b61-2f0c8d4a1e55", origin });
  });

  test("a reply goes back to the recorded origin of its case", async () => {
    const cases = casesWith(origin);
    const r = ok(await route(table, fixtureBytes(A2_FREIBERG), { cases }));
    expect(cases.asked).toEqual(["gewerbe/7c1e2b9a-5d3f-4e8a-9b61-2f0c8d4a1e55"]);
    expect(r.opensCase).toBeUndefined();
    expect(r.deliveries).toHaveLength(1);
    const d = r.deliveries[0]!;
    expect([d.system, d.endpoint, d.message]).toEqual(["gewerbe.Amt24", 5, "gewerbe.Rueckmeldung"]);
    expect(JSON.parse(d.payload.text)).toMatchObject({ status: "A2" });
  });

  test("a reply whose entry declares no delivery is passed through to the origin", async () => {
    const r = ok(await route(table, fixtureBytes(A6_FREIBERG), { cases: casesWith(origin) }));
    expect(r.deliveries.map((d) => [d.role, d.system, d.endpoint, d.message])).toEqual([["gewerbe.OnlineAntragsmanagement", "gewerbe.Amt24", 5, "gewerbe.Nachricht"]]);
    expect(r.deliveries[0]!.payload.text).toBe(fixtureText(A6_FREIBERG));
  });

  test("a reply without a recorded case is rejected as unknown-case", async () => {
    expect(rejected(await route(table, fixtureBytes(A2_FREIBERG), { cases: casesWith(undefined) })).reason).toBe("unknown-case");
    expect(rejected(await route(table, fixtureBytes(A2_FREIBERG))).reason).toBe("unknown-case");
    const noKey = fixtureText(A2_FREIBERG).replace(/"vorgang": "[^"]*",/, "");
    expect(rejected(await route(table, enc(noKey), { cases: casesWith(origin) })).reason).toBe("unknown-case");
  });

  test("an origin recorded under an older table is re-resolved by system name when unambiguous", async () => {
    const stale = { ...origin, endpoint: 0 }; // endpoint 0 is GewerbeProX now
    const r = ok(await route(table, fixtureBytes(A2_FREIBERG), { cases: casesWith(stale) }));
    expect(r.deliveries[0]!.endpoint).toBe(5);
    const ambiguous = { ...origin, system: "gewerbe.GewerbeProX", endpoint: 4 }; // GewerbeProX has endpoints 0 and 6
    expect(rejected(await route(table, fixtureBytes(A2_FREIBERG), { cases: casesWith(ambiguous) })).reason).toBe("unknown-case");
  });

  test("A1 then A2: the case opened by the first routes the reply", async () => {
    const opened = new Map<string, CaseOrigin>();
    const cases: CaseLookup = { origin: (pkg, key) => opened.get(`${pkg}\u0000${key}`) };
    const a1 = ok(await route(table, fixtureBytes(A1_FREIBERG), { cases }));
    opened.set(`${a1.opensCase!.pkg}\u0000${a1.opensCase!.correlationKey}`, a1.opensCase!.origin);
    const a2 = ok(await route(table, fixtureBytes(A2_FREIBERG), { cases }));
    expect(a2.deliveries[0]!.system).toBe("gewerbe.Amt24");
  });
});

describe("no payload content in traces and rejections", () => {
  /** Text and attribute values of an XML/JSON message, at least 5 characters, that the table itself does not contain (AGS always). */
  function fieldValues(text: string): string[] {
    const tableText = fixtureText("tables/gewerbe.json");
    const raw = [...text.matchAll(/>([^<>]+)</g), ...text.matchAll(/="([^"]*)"/g), ...text.matchAll(/: "([^"]*)"/g)].map((m) => m[1]!.trim());
    // An AGS is in the table (agsToArs) but must not appear either: traces name the ARS only.
    return [...new Set(raw)].filter((v) => v.length >= 5 && (/^[0-9]{8}$/.test(v) || !tableText.includes(v)));
  }

  const cases: Array<[string, Uint8Array, object]> = [
    ["Abmeldung Freiberg", fixtureBytes(FREIBERG_ABMELDUNG), {}],
    ["Anmeldung Freiberg", fixtureBytes(FREIBERG_ANMELDUNG), {}],
    ["LÜ Mittweida", fixtureBytes(LUE_MITTWEIDA), {}],
    ["A1 Freiberg", fixtureBytes(A1_FREIBERG), {}],
    ["A2 without case", fixtureBytes(A2_FREIBERG), {}],
    ["transform fails (Großschirma)", abmeldungFrom("14522210"), {}],
    ["AGS out of scope", abmeldungFrom("14522999"), {}],
    ["conditions false (Chemnitz)", abmeldungFrom("14511000"), {}],
    ["wrong given scenario", fixtureBytes(FREIBERG_ABMELDUNG), { scenario: "gewerbe.A1" }],
  ];

  test.each(cases)("%s", async (_name, bytes, opts) => {
    const values = fieldValues(new TextDecoder().decode(bytes));
    expect(values.length).toBeGreaterThan(1);
    const r = await route(table, bytes, opts);
    const visible = [...r.trace.map((s) => s.detail), r.ok ? "" : r.detail].join("\n");
    // a value must not appear as a token of its own (an ARS such as 145110000000 may contain an AGS's digits)
    const leaked = values.filter((v) => new RegExp(`(?<![0-9])${v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![0-9])`).test(visible));
    expect(leaked).toEqual([]);
  });
});

describe("compilation", () => {
  test("routing compiles no JSONata expression", async () => {
    const before = jsonataCompilationCount();
    const messages = [FREIBERG_ABMELDUNG, FREIBERG_ANMELDUNG, LUE_MITTWEIDA, A1_FREIBERG, KFZ_FREIBERG].map(fixtureBytes);
    for (let i = 0; i < 5; i++) for (const m of messages) await route(table, m);
    expect(jsonataCompilationCount()).toBe(before);
  });
});

describe("deliveries as the service receives them", () => {
  test("each delivery names scenario, message id, region, adapter and payload", async () => {
    const r = ok(await route(table, fixtureBytes(FREIBERG_ANMELDUNG)));
    for (const d of r.deliveries as RoutedDelivery[]) {
      expect(d.scenario).toBe("gewerbe.A10");
      expect(d.messageId).toBe(r.messageId);
      expect(d.adapter).toEqual(table.table.endpoints[d.endpoint]!.adapter);
      expect(typeof d.payload.text).toBe("string");
    }
  });
});
