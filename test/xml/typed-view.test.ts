import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { MessageType, TypeRegistry } from "../../src/types/model.js";
import { buildXml, canonicalXml, parseXml, prescan } from "../../src/xml/index.js";
import { importXsd, xsdMessageType } from "../../src/xsd/import-xsd.js";
import { readProjectFile } from "../xsd/type-path.js";

const F = "urn:stellwerk:test:features";
const O = "urn:stellwerk:test:other";
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

let message: MessageType;
let types: TypeRegistry;

beforeAll(() => {
  const imported = importXsd("test/fixtures/xsd/features/features.xsd", readProjectFile);
  expect(imported.diagnostics).toEqual([]);
  const m = xsdMessageType(imported, "test.Nachricht", "Nachricht");
  if (!m.ok) throw new Error(m.diagnostic.message);
  message = m.message;
  types = imported.types;
});

const fixture = (name: string) => readFileSync(`test/fixtures/xml/${name}`, "utf8");

/** A minimal Nachricht with `body` after the required elements. */
function doc(body: string, rootAttrs = ""): string {
  return `<f:Nachricht xmlns:f="${F}" ${XSI} version="1"${rootAttrs}><f:plz>01067</f:plz><f:ags>09162000</f:ags><f:kassenzeichen>1</f:kassenzeichen>${body}</f:Nachricht>`;
}

function parsed(text: string): Record<string, unknown> {
  const r = parseXml(text, message, types);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.detail}`);
  return r.value as Record<string, unknown>;
}

function failure(text: string) {
  const r = parseXml(text, message, types);
  if (r.ok) throw new Error("expected a parse error");
  return r.error;
}

function built(value: unknown, options?: Parameters<typeof buildXml>[3]): string {
  const r = buildXml(value, message, types, options);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.detail}`);
  return r.text;
}

describe("parseXml: the JSON view comes from the type", () => {
  it("reads the feature fixture into its typed view", () => {
    expect(parsed(fixture("features.xml"))).toEqual({
      "@version": "1.0",
      "@test": true,
      plz: "01067",
      ags: "09162000",
      kassenzeichen: "00000000000000012345",
      anzahl: 42,
      betrag: "0.10",
      quote: 25,
      aktiv: true,
      datum: "2024-02-29",
      zeitpunkt: "2024-02-29T12:00:00+01:00",
      eintrag: ["einzig"],
      bemerkung: null,
      person: [
        {
          "@name": "Attribut",
          name: "Element",
          kind: [
            { "@name": "K1", name: "Kind & Co <1>", kind: [] },
            { name: "Kind 2", kind: [] },
          ],
        },
      ],
      gebuehr: { "#text": "12.50", "@waehrung": "EUR" },
      extern: { "@herkunft": "Register", kennung: "X-1" },
      erweiterung: {
        "@fremd": "ja",
        frei: ["eins", "zwei"],
        anders: { "@xmlns": "urn:zzz", "@art": "z", tief: "drei" },
      },
      anhang: [{ dateiname: "a.txt", inhalt: "SGFsbG8gV2VsdA==" }],
    });
  });

  it("keeps leading zeros: postal codes, AGS and 20-digit cash references stay strings", () => {
    const v = parsed(doc("<f:eintrag>007</f:eintrag>"));
    expect(v.plz).toBe("01067");
    expect(v.ags).toBe("09162000");
    expect(parsed(doc("").replace("<f:kassenzeichen>1<", "<f:kassenzeichen>09876543210987654321<")).kassenzeichen).toBe("09876543210987654321");
    expect(v.eintrag).toEqual(["007"]);
  });

  it("converts only what the type says: integer/number/boolean; decimal and dates stay text", () => {
    const v = parsed(doc("<f:anzahl> 0042 </f:anzahl><f:betrag>1234567890.123456789</f:betrag><f:quote>-0.5</f:quote><f:aktiv>0</f:aktiv><f:datum>2024-01-01Z</f:datum>"));
    expect(v).toMatchObject({ anzahl: 42, betrag: "1234567890.123456789", quote: -0.5, aktiv: false, datum: "2024-01-01Z" });
    expect(failure(doc("<f:anzahl>12345678901234567890</f:anzahl>")).code).toBe("xml-invalid-value");
    expect(failure(doc("<f:aktiv>ja</f:aktiv>"))).toEqual({ code: "xml-invalid-value", detail: "/Nachricht/aktiv is not a valid boolean" });
    expect(failure(doc("<f:datum>29.02.2024</f:datum>")).code).toBe("xml-invalid-value");
  });

  it("makes a list field an array with zero, one or many items", () => {
    expect(parsed(doc("")).eintrag).toEqual([]);
    expect(parsed(doc("<f:eintrag>a</f:eintrag>")).eintrag).toEqual(["a"]);
    expect(parsed(doc("<f:eintrag>a</f:eintrag><f:eintrag>b</f:eintrag><f:eintrag/>")).eintrag).toEqual(["a", "b", ""]);
    expect(parsed(doc("")).person).toEqual([]);
  });

  it("keeps xsi:nil, empty and absent apart", () => {
    expect(parsed(doc('<f:bemerkung xsi:nil="true"/>')).bemerkung).toBeNull();
    expect(parsed(doc('<f:bemerkung xsi:nil="1"></f:bemerkung>')).bemerkung).toBeNull();
    expect(parsed(doc("<f:bemerkung/>")).bemerkung).toBe("");
    expect(parsed(doc("<f:bemerkung></f:bemerkung>")).bemerkung).toBe("");
    expect(parsed(doc("<f:bemerkung> </f:bemerkung>")).bemerkung).toBe(" ");
    expect("bemerkung" in parsed(doc(""))).toBe(false);
    expect(failure(doc('<f:anzahl xsi:nil="true"/>')).code).toBe("xml-nil-not-allowed");
    expect(failure(doc('<f:bemerkung xsi:nil="true">x</f:bemerkung>')).code).toBe("xml-unexpected-content");
  });

  it("keeps an attribute and an element of the same name apart", () => {
    const person = (parsed(doc('<f:person name="A"><f:name>E</f:name></f:person>')).person as Record<string, unknown>[])[0];
    expect(person).toEqual({ "@name": "A", name: "E", kind: [] });
  });

  it("matches namespaces by URI: default namespace and other prefixes read the same", () => {
    const base = parsed(fixture("features.xml"));
    expect(parsed(fixture("features-default-ns.xml"))).toEqual(base);
    expect(parsed(fixture("features-other-prefix.xml"))).toEqual(base);
    expect(failure(doc("").replace(`xmlns:f="${F}"`, 'xmlns:f="urn:wrong"')).code).toBe("xml-wrong-root");
    // the right local name in the wrong namespace is an unknown element
    expect(failure(doc(`<o:plz xmlns:o="${O}">1</o:plz>`)).code).toBe("xml-unknown-element");
  });

  it("reports unknown elements and attributes of closed records with their path, never their content", () => {
    const unknown = failure(doc('<f:person><f:name>E</f:name><f:geheim>Geheimnis 4711</f:geheim></f:person>'));
    expect(unknown).toEqual({ code: "xml-unknown-element", detail: `/Nachricht/person[1]/{${F}}geheim is not an element of PersonType` });
    const attr = failure(doc("", ' geheim="Geheimnis 4711"'));
    expect(attr.code).toBe("xml-unknown-attribute");
    expect(attr.detail).not.toContain("4711");
    const text = failure(doc("Geheimnis 4711"));
    expect(text.code).toBe("xml-unexpected-content");
    expect(text.detail).not.toContain("4711");
    expect(failure(doc("<f:aktiv>Geheimnis 4711</f:aktiv>")).detail).not.toContain("4711");
  });

  it("reports missing required elements and attributes, and duplicates", () => {
    expect(failure(`<f:Nachricht xmlns:f="${F}" version="1"><f:plz>1</f:plz><f:ags>2</f:ags></f:Nachricht>`)).toEqual({
      code: "xml-missing",
      detail: "/Nachricht/kassenzeichen is required by Nachricht but missing",
    });
    expect(failure(doc("").replace(' version="1"', "")).code).toBe("xml-missing");
    expect(failure(doc("<f:anzahl>1</f:anzahl><f:anzahl>2</f:anzahl>")).code).toBe("xml-duplicate-element");
  });

  it("reads an element of xs:anyType as untyped content", () => {
    const v = parsed(doc('<f:beliebig><f:x>1</f:x><y a="b">2</y><f:x/></f:beliebig>'));
    expect(v.beliebig).toEqual({ x: ["1", ""], y: { "@xmlns": "", "@a": "b", "#text": "2" } });
    expect(parsed(doc("<f:beliebig>nur Text</f:beliebig>")).beliebig).toBe("nur Text");
    expect(parsed(built(v))).toEqual(v);
  });

  it("accepts a byte order mark and an XML declaration before the root", () => {
    expect(parsed(`\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n${doc("")}`).plz).toBe("01067");
  });

  it("keeps content of open records (xs:any) untyped under local names", () => {
    const v = parsed(doc('<f:erweiterung><f:a>1</f:a><f:a><f:b>2</f:b></f:a><q:c xmlns:q="urn:q">3</q:c></f:erweiterung>'));
    expect(v.erweiterung).toEqual({ a: ["1", { b: "2" }], c: { "@xmlns": "urn:q", "#text": "3" } });
  });
});

describe("parseXml: safety", () => {
  it("refuses any DOCTYPE (no entity expansion)", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>${doc("<f:eintrag>&lol2;</f:eintrag>")}`;
    expect(failure(bomb)).toEqual({ code: "xml-doctype", detail: "a DOCTYPE declaration is not allowed" });
    expect(failure(`<!DOCTYPE f:Nachricht SYSTEM "file:///etc/passwd">${doc("")}`).code).toBe("xml-doctype");
  });

  it("decodes only the predefined entities and character references", () => {
    expect(parsed(doc("<f:eintrag>&lt;&#65;&#x42;&amp;&quot;&apos;&gt;</f:eintrag>")).eintrag).toEqual(['<AB&"\'>']);
    expect(failure(doc("<f:eintrag>&nbsp;</f:eintrag>")).code).toBe("xml-not-well-formed");
    expect(failure(doc("<f:eintrag>&#0;</f:eintrag>")).code).toBe("xml-not-well-formed");
  });

  it("handles elements named __proto__ or constructor without touching prototypes", () => {
    expect(failure(doc("<__proto__><polluted>1</polluted></__proto__>")).code).toBe("xml-unsafe-name");
    expect(failure(doc("<f:erweiterung><constructor>1</constructor></f:erweiterung>")).code).toBe("xml-unsafe-name");
    expect(failure(doc("<f:erweiterung><f:__proto__><f:polluted>1</f:polluted></f:__proto__></f:erweiterung>")).code).toBe("xml-unsafe-name");
    expect(failure(doc("<f:__proto__>1</f:__proto__>")).code).toBe("xml-unknown-element");
    expect(failure(doc('<f:erweiterung __proto__="x"/>')).code).toBe("xml-unsafe-name");
    const v = parsed(doc('<f:erweiterung toString="y"><f:hasOwnProperty>z</f:hasOwnProperty><f:valueOf/></f:erweiterung>'));
    expect(v.erweiterung).toEqual({ "@toString": "y", hasOwnProperty: "z", valueOf: "" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });

  it("refuses malformed XML: mismatched or unclosed tags, several roots, text outside the root", () => {
    for (const bad of [doc("<f:eintrag>a</f:eintraq>"), doc("<f:eintrag>a"), `${doc("")}<x/>`, `${doc("")}text`, "", "plain text"]) {
      expect(failure(bad).code).toBe("xml-not-well-formed");
    }
  });

  it("enforces the depth and length limits", () => {
    let deep = "";
    for (let i = 0; i < 40; i++) deep = `<f:kind><f:name>${i}</f:name>${deep}</f:kind>`;
    const text = doc(`<f:person><f:name>p</f:name>${deep}</f:person>`);
    expect(parseXml(text, message, types).ok).toBe(true);
    expect(parseXml(text, message, types, { maxDepth: 20 })).toEqual({ ok: false, error: { code: "xml-too-deep", detail: "elements are nested deeper than 20 levels" } });
    expect(parseXml(text, message, types, { maxLength: 100 }).ok).toBe(false);
  });

  it("rejects a message type that is not XML", () => {
    const json: MessageType = { name: "j", encoding: { format: "json" }, type: { kind: "any" } };
    expect(parseXml("<a/>", json, types)).toMatchObject({ ok: false, error: { code: "xml-bad-type" } });
  });
});

describe("buildXml", () => {
  it("round-trips the feature fixture (and its prefix variants) under the canonical comparison", () => {
    for (const name of ["features.xml", "features-default-ns.xml", "features-other-prefix.xml"]) {
      const text = fixture(name);
      const out = built(parsed(text));
      expect(canonicalXml(out, { message, registry: types })).toBe(canonicalXml(text, { message, registry: types }));
      expect(parsed(out)).toEqual(parsed(text));
    }
  });

  it("writes elements in type order, whatever the key order of the value", () => {
    const text = built({ kassenzeichen: "3", eintrag: ["e"], ags: "2", "@version": "1", plz: "1" }, { declaration: false });
    expect(text).toBe(`<ns1:Nachricht xmlns:ns1="${F}" xmlns:ns2="${O}" version="1"><ns1:plz>1</ns1:plz><ns1:ags>2</ns1:ags><ns1:kassenzeichen>3</ns1:kassenzeichen><ns1:eintrag>e</ns1:eintrag></ns1:Nachricht>`);
  });

  it("chooses prefixes from the options, else ns1, ns2... in type order, and declares them on the root", () => {
    const value = { "@version": "1", plz: "1", ags: "2", kassenzeichen: "3", extern: { kennung: "k", "@herkunft": "h" } };
    const generated = built(value);
    expect(generated.startsWith(`<?xml version="1.0" encoding="UTF-8"?><ns1:Nachricht xmlns:ns1="${F}" xmlns:ns2="${O}"`)).toBe(true);
    expect(generated).toContain('<ns1:extern ns2:herkunft="h"><ns2:kennung>k</ns2:kennung></ns1:extern>');
    const chosen = built(value, { prefixes: { [F]: "f", [O]: "ns1" } });
    expect(chosen).toContain(`<f:Nachricht xmlns:f="${F}" xmlns:ns1="${O}"`);
    expect(buildXml(value, message, types, { prefixes: { [F]: "xmlns" } })).toMatchObject({ ok: false, error: { code: "xml-bad-type" } });
    // prefixes declared on the message encoding (from the rules); options override them
    const declared: MessageType = { ...message, encoding: { format: "xml", ns: F, root: "Nachricht", prefixes: { [F]: "fm", [O]: "ot" } } };
    expect(buildXml(value, declared, types)).toMatchObject({ ok: true, text: expect.stringContaining(`<fm:Nachricht xmlns:fm="${F}" xmlns:ot="${O}"`) });
    expect(buildXml(value, declared, types, { prefixes: { [F]: "f" } })).toMatchObject({ ok: true, text: expect.stringContaining(`<f:Nachricht xmlns:f="${F}" xmlns:ot="${O}"`) });
  });

  it("writes a list field as repeated elements, also when given a single item", () => {
    const base = { "@version": "1", plz: "1", ags: "2", kassenzeichen: "3" };
    expect(built({ ...base, eintrag: "allein" })).toContain("<ns1:eintrag>allein</ns1:eintrag>");
    expect(parsed(built({ ...base, eintrag: "allein" })).eintrag).toEqual(["allein"]);
    expect(built({ ...base, eintrag: ["a", "b"] })).toContain("<ns1:eintrag>a</ns1:eintrag><ns1:eintrag>b</ns1:eintrag>");
    expect(buildXml({ ...base, anzahl: [1, 2] }, message, types)).toEqual({ ok: false, error: { code: "xml-invalid-value", detail: "anzahl holds one value but is given a list of 2" } });
  });

  it("writes xsi:nil for null on nillable elements and refuses it elsewhere", () => {
    const base = { "@version": "1", plz: "1", ags: "2", kassenzeichen: "3" };
    const text = built({ ...base, bemerkung: null });
    expect(text).toContain('<ns1:bemerkung xsi:nil="true"/>');
    expect(text).toContain('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"');
    expect(parsed(text).bemerkung).toBeNull();
    expect(built({ ...base, anzahl: null })).not.toContain("anzahl");
    expect(buildXml({ ...base, plz: null }, message, types)).toMatchObject({ ok: false, error: { code: "xml-missing" } });
  });

  it("escapes text and attributes and refuses characters XML 1.0 does not allow, naming the field", () => {
    const base = { "@version": "1", plz: "1", ags: "2", kassenzeichen: "3" };
    const tricky = `a & b < c > d " e ' f\r\n]]>`;
    const text = built({ ...base, "@version": tricky, eintrag: [tricky] });
    expect(parsed(text)).toMatchObject({ "@version": tricky, eintrag: [tricky] });
    expect(buildXml({ ...base, person: [{ name: "ok" }, { name: "bad\u0001" }] }, message, types)).toEqual({
      ok: false,
      error: { code: "xml-invalid-character", detail: "person[1].name contains a character XML 1.0 does not allow" },
    });
    expect(buildXml({ ...base, "@version": "\uD800" }, message, types)).toMatchObject({ ok: false, error: { code: "xml-invalid-character" } });
  });

  it("checks values against their scalar kind and refuses unknown fields of closed records", () => {
    const base = { "@version": "1", plz: "1", ags: "2", kassenzeichen: "3" };
    expect(built({ ...base, anzahl: 7, betrag: "0.10", aktiv: false, quote: 1.5 })).toContain("<ns1:anzahl>7</ns1:anzahl><ns1:betrag>0.10</ns1:betrag><ns1:quote>1.5</ns1:quote><ns1:aktiv>false</ns1:aktiv>");
    expect(built({ ...base, aktiv: true }, { booleans: "digit" })).toContain("<ns1:aktiv>1</ns1:aktiv>");
    expect(buildXml({ ...base, plz: 1067 }, message, types)).toEqual({ ok: false, error: { code: "xml-invalid-value", detail: "plz is not a valid string" } });
    expect(buildXml({ ...base, anzahl: 1.5 }, message, types)).toMatchObject({ ok: false, error: { code: "xml-invalid-value" } });
    expect(buildXml({ ...base, betrag: 1e-7 }, message, types)).toMatchObject({ ok: false, error: { code: "xml-invalid-value" } });
    expect(buildXml({ ...base, unbekannt: "x" }, message, types)).toEqual({ ok: false, error: { code: "xml-unknown-element", detail: "unbekannt is not a field of Nachricht" } });
    expect(buildXml({ ...base, erweiterung: { __proto__: { x: 1 }, ["__proto__"]: "y" } }, message, types).ok).toBe(false);
  });

  it("writes open content back with its namespaces", () => {
    const text = doc('<f:erweiterung a="1"><f:x>1</f:x><q:y xmlns:q="urn:q"><q:z>2</q:z></q:y><f:x>3</f:x></f:erweiterung>');
    const again = built(parsed(text));
    expect(parsed(again)).toEqual(parsed(text));
  });
});

describe("large base64 attachments (stop nodes)", () => {
  it("carries a 5 MB attachment through verbatim", () => {
    const raw = randomBytes(3_900_000).toString("base64");
    const lines = raw.match(/.{1,76}/g)?.join("\n") ?? "";
    expect(lines.length).toBeGreaterThan(5_000_000);
    const text = doc(`<f:anhang><f:dateiname>gross.pdf</f:dateiname><f:inhalt>${lines}</f:inhalt></f:anhang><f:anhang><f:dateiname>klein.txt</f:dateiname><f:inhalt>SGFsbG8=</f:inhalt></f:anhang>`);
    const v = parsed(text);
    const anhang = v.anhang as { dateiname: string; inhalt: string }[];
    expect(anhang).toHaveLength(2);
    expect(anhang[0]?.inhalt === lines).toBe(true);
    expect(anhang[1]?.inhalt).toBe("SGFsbG8=");
    const out = built(v, { prefixes: { [F]: "f" } });
    expect(out.includes(lines)).toBe(true);
    expect((parsed(out).anhang as { inhalt: string }[])[0]?.inhalt === lines).toBe(true);
  });

  it("refuses attachment content that is not base64 (no markup smuggled through)", () => {
    expect(failure(doc("<f:anhang><f:dateiname>a</f:dateiname><f:inhalt>AAAA<x/>AAAA</f:inhalt></f:anhang>")).code).toBe("xml-invalid-value");
    const base = { "@version": "1", plz: "1", ags: "2", kassenzeichen: "3" };
    expect(buildXml({ ...base, anhang: [{ dateiname: "a", inhalt: "</f:inhalt><evil/>" }] }, message, types)).toMatchObject({ ok: false, error: { code: "xml-invalid-value" } });
    expect(parsed(built({ ...base, anhang: { dateiname: "a", inhalt: "QUJD&#13;\nREVG" } }))).toMatchObject({ anhang: [{ inhalt: "QUJD&#13;\nREVG" }] });
  });

  it("remembers large base64 values found valid on parse, so a build with the same set writes them unchecked", () => {
    const big = randomBytes(6_000).toString("base64");
    const checked = new Set<string>();
    const r = parseXml(doc(`<f:anhang><f:dateiname>a</f:dateiname><f:inhalt>${big}</f:inhalt></f:anhang><f:anhang><f:dateiname>b</f:dateiname><f:inhalt>SGFsbG8=</f:inhalt></f:anhang>`), message, types, undefined, { checked });
    expect(r.ok).toBe(true);
    expect([...checked]).toEqual([big]); // short values are cheaper to check again than to remember
    const out = built((r as { value: unknown }).value, { prefixes: { [F]: "f" }, checked });
    expect(out.includes(`<f:inhalt>${big}</f:inhalt>`)).toBe(true);
    // an invalid value of the same set was never added by a parse
    expect(parseXml(doc(`<f:anhang><f:dateiname>a</f:dateiname><f:inhalt>${big}<x/></f:inhalt></f:anhang>`), message, types, undefined, { checked }).ok).toBe(false);
    expect([...checked]).toEqual([big]);
  });

  it("reuses a prescan of the same text and limit, and scans again otherwise", () => {
    const text = doc(`<f:anhang><f:dateiname>a</f:dateiname><f:inhalt>SGFsbG8=</f:inhalt></f:anhang>`);
    const pre = prescan(text, 256);
    expect(pre.rootTag.startsWith("f:Nachricht ")).toBe(true);
    expect(parseXml(text, message, types, undefined, { prescanned: pre })).toEqual(parseXml(text, message, types));
    // a token of another text or limit is ignored: the mismatched end tag is still found
    const broken = text.replace("</f:dateiname>", "</f:inhalt>");
    expect(parseXml(broken, message, types, undefined, { prescanned: pre })).toMatchObject({ ok: false, error: { code: "xml-not-well-formed" } });
    expect(parseXml(text, message, types, { maxDepth: 2 }, { prescanned: pre })).toMatchObject({ ok: false, error: { code: "xml-too-deep" } });
  });

  it("still refuses an invalid base64 value a transformation produced when other values were checked", () => {
    const big = randomBytes(6_000).toString("base64");
    const checked = new Set<string>([big]);
    const base = { "@version": "1", plz: "1", ags: "2", kassenzeichen: "3" };
    for (const inhalt of [`${big}</f:inhalt><evil/>`, `</f:inhalt><evil/>${big.slice(20)}`, big.slice(0, 2000) + "<" + big.slice(2001)]) {
      expect(buildXml({ ...base, anhang: [{ dateiname: "a", inhalt }] }, message, types, { checked })).toMatchObject({ ok: false, error: { code: "xml-invalid-value" } });
    }
    expect(buildXml({ ...base, anhang: [{ dateiname: "a", inhalt: big }] }, message, types, { checked }).ok).toBe(true);
  });
});

describe("canonicalXml", () => {
  it("ignores prefixes, attribute order, declarations, comments and whitespace between elements", () => {
    const a = `<?xml version="1.0"?><!-- c --><p:a xmlns:p="urn:x" x="1" y="2">\n  <p:b>t</p:b>\n</p:a>`;
    const b = `<a xmlns="urn:x" y="2" x="1"><b>t</b></a>`;
    expect(canonicalXml(a)).toBe(canonicalXml(b));
  });

  it("sees differences in text, order, names and namespaces", () => {
    const base = canonicalXml(`<a xmlns="urn:x"><b>t</b><c/></a>`);
    expect(canonicalXml(`<a xmlns="urn:x"><b>T</b><c/></a>`)).not.toBe(base);
    expect(canonicalXml(`<a xmlns="urn:x"><c/><b>t</b></a>`)).not.toBe(base);
    expect(canonicalXml(`<a xmlns="urn:y"><b>t</b><c/></a>`)).not.toBe(base);
    expect(canonicalXml(`<a xmlns="urn:x"><b> t</b><c/></a>`)).not.toBe(base);
  });

  it("compares leaf values in their type's value space when given the type", () => {
    const one = doc("<f:anzahl>007</f:anzahl><f:aktiv>1</f:aktiv>");
    const other = doc("<f:anzahl>7</f:anzahl><f:aktiv>true</f:aktiv>");
    expect(canonicalXml(one)).not.toBe(canonicalXml(other));
    expect(canonicalXml(one, { message, registry: types })).toBe(canonicalXml(other, { message, registry: types }));
  });
});

describe("field names that are Object.prototype members", () => {
  it("reads and writes a record with fields named toString and valueOf", () => {
    const protoTypes: TypeRegistry = {
      R: {
        kind: "record",
        name: "R",
        fields: [
          { name: "toString", type: { kind: "scalar", scalar: "string" }, optional: true, xml: { node: "element", localName: "toString" } },
          { name: "valueOf", type: { kind: "list", element: { kind: "scalar", scalar: "integer" } }, optional: true, xml: { node: "element", localName: "valueOf" } },
          { name: "@hasOwnProperty", type: { kind: "scalar", scalar: "string" }, optional: false, xml: { node: "attribute", localName: "hasOwnProperty" } },
        ],
      },
    };
    const m: MessageType = { name: "t.R", encoding: { format: "xml", root: "r" }, type: { kind: "ref", name: "R" } };
    const absent = parseXml('<r hasOwnProperty="h"/>', m, protoTypes);
    expect(absent).toMatchObject({ ok: true });
    const v = absent.ok ? (absent.value as Record<string, unknown>) : {};
    expect(Object.keys(v).sort()).toEqual(["@hasOwnProperty", "valueOf"]);
    expect(v.valueOf).toEqual([]);
    const full = parseXml('<r hasOwnProperty="h"><toString>t</toString><valueOf>1</valueOf><valueOf>2</valueOf></r>', m, protoTypes);
    expect(full.ok && { ...(full.value as object) }).toEqual({ "@hasOwnProperty": "h", toString: "t", valueOf: [1, 2] });
    expect(buildXml({ "@hasOwnProperty": "h" }, m, protoTypes, { declaration: false })).toEqual({ ok: true, text: '<r hasOwnProperty="h"/>' });
    expect(buildXml(full.ok ? full.value : {}, m, protoTypes, { declaration: false })).toEqual({ ok: true, text: '<r hasOwnProperty="h"><toString>t</toString><valueOf>1</valueOf><valueOf>2</valueOf></r>' });
  });
});

describe("stop nodes and prefixes bound to several namespaces", () => {
  const reg: TypeRegistry = {
    R: {
      kind: "record",
      name: "R",
      fields: [
        { name: "inhalt", type: { kind: "scalar", scalar: "base64" }, optional: false, xml: { node: "element", localName: "inhalt", ns: "urn:a", opaque: true } },
        {
          name: "sub",
          type: { kind: "record", name: "Sub", fields: [{ name: "inhalt", type: { kind: "scalar", scalar: "string" }, optional: false, xml: { node: "element", localName: "inhalt", ns: "urn:b" } }] },
          optional: true,
          xml: { node: "element", localName: "sub", ns: "urn:b" },
        },
      ],
    },
  };
  const m: MessageType = { name: "t.R", encoding: { format: "xml", ns: "urn:a", root: "r" }, type: { kind: "ref", name: "R" } };

  it("reads the base64 element verbatim and the other namespace's element as text", () => {
    const text = '<p:r xmlns:p="urn:a" xmlns:q="urn:b"><p:inhalt>QUJD</p:inhalt><q:sub><q:inhalt>x &amp; y</q:inhalt></q:sub></p:r>';
    expect(parseXml(text, m, reg)).toEqual({ ok: true, value: { inhalt: "QUJD", sub: { inhalt: "x & y" } } });
    const defaults = '<r xmlns="urn:a"><inhalt>QUJD</inhalt><sub xmlns="urn:b"><inhalt>x &amp; y</inhalt></sub></r>';
    expect(parseXml(defaults, m, reg)).toMatchObject({ ok: false, error: { code: "xml-not-well-formed" } });
  });

  it("refuses a document whose rebound prefix would make a text element raw", () => {
    const text = '<p:r xmlns:p="urn:a"><p:inhalt>QUJD</p:inhalt><p:sub xmlns:p="urn:b"><p:inhalt>x &amp; y</p:inhalt></p:sub></p:r>';
    expect(parseXml(text, m, reg)).toEqual({
      ok: false,
      error: { code: "xml-not-well-formed", detail: "/r/sub/inhalt uses a namespace prefix bound to several namespaces in a way the view does not read" },
    });
  });
});
