import { beforeAll, describe, expect, it } from "vitest";
import { resolveType } from "../../src/types/model.js";
import { importXsd, xsdMessageType, type XsdImport } from "../../src/xsd/import-xsd.js";
import { fieldAt, readProjectFile, typeAt } from "./type-path.js";

const ENTRY = "examples/schemas/xdomea_3.0.0/xdomea.xsd";
const NS = "urn:xoev-de:xdomea:schema:3.0.0";
const CODE_NS = "http://xoev.de/schemata/code/1_0";

let imported: XsdImport;
beforeAll(() => {
  imported = importXsd(ENTRY, readProjectFile);
});

function root(element: string) {
  const m = xsdMessageType(imported, `xdomea.${element}`, element);
  if (!m.ok) throw new Error(m.diagnostic.message);
  return m.message;
}

describe("xdomea 3.0.0 import", () => {
  it("imports the whole validating set without any diagnostic", () => {
    expect(imported.diagnostics).toEqual([]);
    expect(imported.files).toHaveLength(21);
    expect(imported.files).toContain("examples/schemas/xoev/code/1_0/xoev-code.xsd");
  });

  it("lists the message root elements of every process", () => {
    const roots = Object.values(imported.elements)
      .filter((e) => e.ns === NS && /\.\d{4}$/.test(e.name))
      .map((e) => e.name);
    const byCode = (a: string, b: string) => a.slice(-4).localeCompare(b.slice(-4));
    const fv = roots.filter((n) => n.startsWith("FVDaten.")).sort(byCode);
    expect(fv).toHaveLength(32);
    expect(fv[0]).toBe("FVDaten.DokumentAktualisieren.0601");
    expect(fv[31]).toBe("FVDaten.SGOZDAAufheben.0632");
    expect(fv).toContain("FVDaten.SGOAblegen.0605");
    expect(roots.filter((n) => /\.05\d\d$/.test(n)).sort()).toEqual([
      "Aussonderung.Anbieteverzeichnis.0501",
      "Aussonderung.Bewertungsverzeichnis.0502",
      "Aussonderung.Aussonderung.0503",
      "Aussonderung.AnbietungEmpfangBestaetigen.0504",
      "Aussonderung.BewertungEmpfangBestaetigen.0505",
      "Aussonderung.AussonderungImportBestaetigen.0506",
      "Aussonderung.AussonderungEmpfangBestaetigen.0507",
      "Aussonderung.AktenplanZurBewertung.0511",
      "Aussonderung.AktenplanZurBewertungEmpfangBestaetigen.0512",
      "Aussonderung.Bewertungskatalog.0513",
      "Aussonderung.BewertungskatalogImportBestaetigen.0514",
      "Aussonderung.BewerteterAktenplanEmpfangBestaetigen.0515",
    ].sort());
    expect(roots).toHaveLength(64);
    for (const prefix of ["Abgabe.", "Aktenplan.", "Geschaeftsgang.", "Information.", "Zwischenarchivierung."]) {
      expect(roots.some((n) => n.startsWith(prefix))).toBe(true);
    }
  });

  it("gives message roots a registered record named after the element", () => {
    const m = root("FVDaten.SGOAblegen.0605");
    expect(m.encoding).toEqual({ format: "xml", ns: NS, root: "FVDaten.SGOAblegen.0605" });
    expect(m.type).toEqual({ kind: "ref", name: `{${NS}}FVDaten.SGOAblegen.0605#element` });
    const record = resolveType(m.type, imported.types);
    expect(record.kind === "record" && record.fields.map((f) => f.name)).toEqual(["Kopf", "SchriftgutobjektZumAblegen"]);
  });

  it("types deep paths of FVDaten.SGOAblegen.0605", () => {
    const t = root("FVDaten.SGOAblegen.0605").type;
    const reg = imported.types;
    // repeated element -> list, always
    const sgo = typeAt(reg, t, "SchriftgutobjektZumAblegen");
    expect(sgo).toMatchObject({ kind: "list", min: 1 });
    // a field of the base type (extension) followed by the extension's own field
    const ablegen = resolveType(sgo.kind === "list" ? sgo.element : sgo, reg);
    const names = ablegen.kind === "record" ? ablegen.fields.map((f) => f.name) : [];
    expect(names.indexOf("FachverfahrenObjektID")).toBeLessThan(names.indexOf("Ablageort"));
    expect(typeAt(reg, t, "SchriftgutobjektZumAblegen.NummerImStapel")).toEqual({ kind: "scalar", scalar: "integer" });
    expect(fieldAt(reg, t, "SchriftgutobjektZumAblegen.NummerImStapel").optional).toBe(true);
    // the Schriftgutobjekt's identification id: a string with the UUID pattern
    const id = typeAt(reg, t, "SchriftgutobjektZumAblegen.Schriftgutobjekt.Dokument.Identifikation.ID");
    expect(id).toMatchObject({ kind: "scalar", scalar: "string" });
    expect(id.kind === "scalar" && id.pattern).toContain("{8}-");
    expect(typeAt(reg, t, "Kopf.Erstellungszeitpunkt")).toEqual({ kind: "scalar", scalar: "datetime" });
    expect(typeAt(reg, t, "Kopf.Empfangsbestaetigung")).toEqual({ kind: "scalar", scalar: "boolean" });
  });

  it("types deep paths of Aussonderung.Aussonderung.0503", () => {
    const t = root("Aussonderung.Aussonderung.0503").type;
    const reg = imported.types;
    const sgo = resolveType((typeAt(reg, t, "Schriftgutobjekt") as { element: never }).element, reg);
    expect(sgo).toMatchObject({ kind: "record", choice: true });
    expect(typeAt(reg, t, "Schriftgutobjekt.Vorgang.Identifikation.ID")).toMatchObject({ kind: "scalar", scalar: "string" });
    expect(typeAt(reg, t, "Schriftgutobjekt.Vorgang.Laufzeit.Beginn")).toEqual({ kind: "scalar", scalar: "date" });
    expect(typeAt(reg, t, "Schriftgutobjekt.Vorgang.HistorienProtokollInformation")).toMatchObject({ kind: "list", min: 0 });
    expect(typeAt(reg, t, "Schriftgutobjekt.Vorgang.Dokument")).toMatchObject({ kind: "list" });
    expect(typeAt(reg, t, "Schriftgutobjekt.Vorgang.Dokument.Identifikation.NummerImUebergeordnetenContainer")).toEqual({ kind: "scalar", scalar: "integer" });
    // recursion through named types: a Vorgang contains Teilvorgang of the same type
    expect(typeAt(reg, t, "Schriftgutobjekt.Vorgang.Teilvorgang.Teilvorgang.Identifikation.ID")).toMatchObject({ scalar: "string" });
  });

  it("maps XÖV code types (complexContent restriction of xoev-code:Code across namespaces)", () => {
    const t = root("Aussonderung.Aussonderung.0503").type;
    const reg = imported.types;
    const code = fieldAt(reg, t, "Schriftgutobjekt.Vorgang.AllgemeineMetadaten.Vertraulichkeitsstufe.code");
    expect(code.xml).toEqual({ node: "element", localName: "code" });
    expect(code.type).toMatchObject({ kind: "scalar", scalar: "string" });
    expect((code.type as { enumeration?: string[] }).enumeration).toContain("003");
    const listUri = fieldAt(reg, t, "Schriftgutobjekt.Vorgang.AllgemeineMetadaten.Vertraulichkeitsstufe.@listURI");
    expect(listUri).toMatchObject({ optional: true, xml: { node: "attribute", localName: "listURI" } });
    expect(listUri.type).toMatchObject({ enumeration: ["urn:xoev-de:xdomea:codeliste:vertraulichkeitsstufe"] });
    expect(imported.types[`{${CODE_NS}}Code`]).toMatchObject({ kind: "record", name: "Code" });
    expect(fieldAt(reg, t, "Kopf.ProzessID").xml).toEqual({ node: "element", localName: "ProzessID", ns: NS });
  });

  it("marks xs:any content as an open record", () => {
    expect(imported.types[`{${NS}}AnwendungsspezifischeErweiterungXMLType`]).toMatchObject({ kind: "record", open: true, fields: [] });
  });
});
