import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildXml, canonicalXml, parseXml } from "../../src/xml/index.js";
import { importXsd, xsdMessageType } from "../../src/xsd/import-xsd.js";
import { readProjectFile } from "../xsd/type-path.js";

/** The KoSIT XGewerbeanzeige 2.x examples with the root element of each; types from our reconstruction (test/fixtures/xsd/xgewerbeanzeige). */
const CASES = [
  { version: "2.0", root: "alg.gewerbemeldung.0300", meldung: "anmeldung" },
  { version: "2.1", root: "sta.gewerbemeldung.0100", meldung: "abmeldung" },
  { version: "2.2", root: "abh.gewerbemeldung.0500", meldung: "anmeldung" },
] as const;

function load(version: string, root: string) {
  const imported = importXsd(`test/fixtures/xsd/xgewerbeanzeige/xgewerbeanzeige-${version}.xsd`, readProjectFile);
  expect(imported.diagnostics).toEqual([]);
  const m = xsdMessageType(imported, `gewerbe.${root}`, root);
  if (!m.ok) throw new Error(m.diagnostic.message);
  const text = readFileSync(`examples/xgewerbeanzeige/kosit/xgwa${version}-valid.xml`, "utf8");
  return { message: m.message, types: imported.types, text };
}

// Loosely typed access to the JSON view in assertions.
type V = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(CASES)("KoSIT XGewerbeanzeige $version example", ({ version, root, meldung }) => {
  const { message, types, text } = load(version, root);
  const parsed = parseXml(text, message, types);

  it("parses into its typed model", () => {
    expect(parsed.ok).toBe(true);
  });

  it("builds back to XML equal to the input under the canonical comparison", () => {
    if (!parsed.ok) throw new Error(parsed.error.detail);
    const built = buildXml(parsed.value, message, types, { prefixes: { [`http://www.xgewerbeanzeige.de/spezifikation/${version}`]: "xga" } });
    if (!built.ok) throw new Error(built.error.detail);
    expect(canonicalXml(built.text, { message, registry: types })).toBe(canonicalXml(text, { message, registry: types }));
    expect(built.text).toContain(`<xga:${root} xmlns:xga="http://www.xgewerbeanzeige.de/spezifikation/${version}"`);
    // and reads back to the same view
    const again = parseXml(built.text, message, types);
    expect(again).toEqual(parsed);
  });

  it("keeps repeated elements as lists, whether they occur once or several times", () => {
    const v: V = parsed.ok ? parsed.value : {};
    expect(Array.isArray(v.satz)).toBe(true);
    expect(v.satz).toHaveLength(1);
    const m: V = v.satz[0][meldung];
    expect(v.nachrichtenkopf.autor.erreichbarkeit).toHaveLength(2);
    expect(m.gewerbe.beteiligtePerson).toHaveLength(1);
    expect(m.gewerbe.beteiligtePerson[0].staatangehoerigkeiten.staatsangehoerigkeitSchluessel).toHaveLength(1);
    expect(Array.isArray(m.gewerbe.erreichbarkeit)).toBe(true);
  });

  it("keeps keys and codes as text and counts as numbers", () => {
    const v: V = parsed.ok ? parsed.value : {};
    const m: V = v.satz[0][meldung];
    expect(v["@version"]).toBe(version);
    expect(typeof m.gemeindeSchluessel.code).toBe("string");
    expect(m.gemeindeSchluessel.code).toMatch(/^\d{8}$/);
    expect(m.gewerbe.anschrift.plz).toBe("03046");
    expect(typeof m.gewerbe.anzahlVollzeitBeschaeftigte).toBe("number");
    expect(m.istKorrektur.code).toBe("0");
  });
});

describe("version-specific shapes", () => {
  it("reads nationSchluessel as text in 2.1 and as a code in 2.2", () => {
    const v21: V = (() => {
      const { message, types, text } = load("2.1", "sta.gewerbemeldung.0100");
      const r = parseXml(text, message, types);
      return r.ok ? r.value : undefined;
    })();
    const v22: V = (() => {
      const { message, types, text } = load("2.2", "abh.gewerbemeldung.0500");
      const r = parseXml(text, message, types);
      return r.ok ? r.value : undefined;
    })();
    expect(v21.satz[0].abmeldung.gewerbe.anschrift.nationSchluessel).toBe("276");
    expect(v22.satz[0].anmeldung.gewerbe.anschrift.nationSchluessel).toEqual({ "@listVersionID": "2", code: "276" });
  });

  it("keeps a date-like text the type declares as a string unchanged (geburtsdatum 12101965)", () => {
    const { message, types, text } = load("2.0", "alg.gewerbemeldung.0300");
    const r = parseXml(text, message, types);
    const v: V = r.ok ? r.value : {};
    expect(v.satz[0].anmeldung.gewerbe.beteiligtePerson[0].geburtsdatum).toBe("12101965");
    expect(v.satz[0].anmeldung.gewerbe.betrieb.eintragungPLZ).toBe("03046");
    expect(v.satz[0].anmeldung.taetigkeitenGesamt.weitereTaetigkeiten.taetigkeit).toHaveLength(2);
  });

  it("rejects a 2.1 message read with the 2.2 type (namespaces matched by URI)", () => {
    const { message, types } = load("2.2", "abh.gewerbemeldung.0500");
    const text = readFileSync("examples/xgewerbeanzeige/kosit/xgwa2.1-valid.xml", "utf8");
    expect(parseXml(text, message, types)).toMatchObject({ ok: false, error: { code: "xml-wrong-root" } });
  });
});
