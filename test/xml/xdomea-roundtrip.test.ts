import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildXml, canonicalXml, parseXml } from "../../src/xml/index.js";
import { importXsd, xsdMessageType } from "../../src/xsd/import-xsd.js";
import { readProjectFile } from "../xsd/type-path.js";

const NS = "urn:xoev-de:xdomea:schema:3.0.0";
const EXAMPLE = "examples/xdomea/v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml";

const imported = importXsd("examples/schemas/xdomea_3.0.0/xdomea.xsd", readProjectFile);
const m = xsdMessageType(imported, "xdomea.Aussonderung0503", "Aussonderung.Aussonderung.0503");
if (!m.ok) throw new Error(m.diagnostic.message);
const message = m.message;
const types = imported.types;
const text = readFileSync(EXAMPLE, "utf8");

type V = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("xdomea 3.0.0 Aussonderung.Aussonderung.0503 example through the imported types", () => {
  const parsed = parseXml(text, message, types);
  const value: V = parsed.ok ? parsed.value : undefined;

  it("parses into the typed view", () => {
    expect(parsed).toMatchObject({ ok: true });
    expect(value.Kopf.ProzessID).toBe("9fde4e7a-b41b-11ec-9225-005056871b7c");
    expect(value.Kopf.Nachrichtentyp).toEqual({ "@listURI": "urn:xoev-de:xdomea:codeliste:nachrichtentyp", "@listVersionID": "2.0", code: "0503", name: "Aussonderung.Aussonderung" });
    expect(value.Kopf.Importbestaetigung).toBe(true);
    expect(value.Schriftgutobjekt).toHaveLength(1);
    const vorgang = value.Schriftgutobjekt[0].Vorgang;
    expect(vorgang.Laufzeit).toEqual({ Beginn: "2010-04-04", Ende: "2012-04-04" });
    expect(vorgang.AllgemeineMetadaten.Vertraulichkeitsstufe.code).toBe("003");
    expect(vorgang.Dokument).toHaveLength(1);
    expect(vorgang.Dokument[0].Identifikation.NummerImUebergeordnetenContainer).toBe(1);
    expect(vorgang.Teilvorgang).toEqual([]);
  });

  it("builds back with the prefix xdomea (required by the specification) and compares equal", () => {
    const built = buildXml(value, message, types, { prefixes: { [NS]: "xdomea" }, booleans: "digit" });
    if (!built.ok) throw new Error(built.error.detail);
    expect(built.text.startsWith(`<?xml version="1.0" encoding="UTF-8"?><xdomea:Aussonderung.Aussonderung.0503 xmlns:xdomea="${NS}">`)).toBe(true);
    // with booleans as digits, as in the example, even the untyped comparison holds
    expect(canonicalXml(built.text)).toBe(canonicalXml(text));
    expect(parseXml(built.text, message, types)).toEqual(parsed);
  });

  it("compares equal in the value space when booleans are written as words", () => {
    const built = buildXml(value, message, types);
    if (!built.ok) throw new Error(built.error.detail);
    expect(built.text).toContain("<ns1:Importbestaetigung>true</ns1:Importbestaetigung>");
    expect(canonicalXml(built.text)).not.toBe(canonicalXml(text));
    expect(canonicalXml(built.text, { message, registry: types })).toBe(canonicalXml(text, { message, registry: types }));
  });

  it("reads the same message with a default namespace", () => {
    const defaultNs = text.replace(/<(\/?)xdomea:/g, "<$1").replace(`xmlns:xdomea="${NS}"`, `xmlns="${NS}"`);
    // unqualified code/name elements now sit in the default namespace and must be undeclared
    const fixed = defaultNs.replace(/<code>/g, '<code xmlns="">').replace(/<name>/g, '<name xmlns="">');
    expect(parseXml(fixed, message, types)).toEqual(parsed);
    expect(parseXml(defaultNs, message, types)).toMatchObject({ ok: false, error: { code: "xml-unknown-element" } });
  });
});
