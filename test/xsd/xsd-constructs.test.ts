import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveType, type RecordType, type Type } from "../../src/types/model.js";
import { importXsd, xsdMessageType, type XsdImport } from "../../src/xsd/import-xsd.js";
import { fieldAt, typeAt } from "./type-path.js";

const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';

/** An in-memory file tree as the importer's readFile. */
function tree(files: Record<string, string>): (path: string) => string | undefined {
  return (path) => (Object.hasOwn(files, path) ? files[path] : undefined);
}

/** A schema with targetNamespace urn:t (prefix t) around `body`. */
function schema(body: string, extra = ""): string {
  return `<?xml version="1.0"?>\n<xs:schema ${XS} xmlns:t="urn:t" targetNamespace="urn:t" elementFormDefault="qualified" ${extra}>\n${body}\n</xs:schema>\n`;
}

function importOne(body: string, extra = ""): XsdImport {
  return importXsd("main.xsd", tree({ "main.xsd": schema(body, extra) }));
}

function record(imp: XsdImport, name: string): RecordType {
  const t = imp.types[name];
  if (!t || t.kind !== "record") throw new Error(`${name} is not a registered record`);
  return t;
}

function elementType(imp: XsdImport, local: string): Type {
  const el = imp.elements[`{urn:t}${local}`];
  if (!el) throw new Error(`no element ${local}`);
  return el.type;
}

/** 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  return text.slice(0, at).split("\n").length;
}

function codes(imp: XsdImport): string[] {
  return imp.diagnostics.map((d) => d.code);
}

describe("built-in types", () => {
  const cases: [string, Type][] = [
    ["string", { kind: "scalar", scalar: "string" }],
    ["token", { kind: "scalar", scalar: "string" }],
    ["normalizedString", { kind: "scalar", scalar: "string" }],
    ["anyURI", { kind: "scalar", scalar: "string" }],
    ["ID", { kind: "scalar", scalar: "string" }],
    ["gYear", { kind: "scalar", scalar: "string" }],
    ["integer", { kind: "scalar", scalar: "integer" }],
    ["int", { kind: "scalar", scalar: "integer" }],
    ["long", { kind: "scalar", scalar: "integer" }],
    ["nonNegativeInteger", { kind: "scalar", scalar: "integer" }],
    ["unsignedShort", { kind: "scalar", scalar: "integer" }],
    ["decimal", { kind: "scalar", scalar: "decimal" }],
    ["double", { kind: "scalar", scalar: "number" }],
    ["float", { kind: "scalar", scalar: "number" }],
    ["boolean", { kind: "scalar", scalar: "boolean" }],
    ["date", { kind: "scalar", scalar: "date" }],
    ["dateTime", { kind: "scalar", scalar: "datetime" }],
    ["time", { kind: "scalar", scalar: "time" }],
    ["base64Binary", { kind: "scalar", scalar: "base64" }],
    ["anyType", { kind: "any" }],
  ];
  const body = `<xs:complexType name="All"><xs:sequence>${cases.map(([b]) => `<xs:element name="f_${b}" type="xs:${b}"/>`).join("")}</xs:sequence></xs:complexType>`;
  const imp = importOne(body);

  it.each(cases)("xs:%s", (builtin, expected) => {
    expect(imp.diagnostics).toEqual([]);
    expect(fieldAt(imp.types, { kind: "ref", name: "{urn:t}All" }, `f_${builtin}`).type).toEqual(expected);
  });

  it("marks base64Binary elements opaque", () => {
    expect(fieldAt(imp.types, { kind: "ref", name: "{urn:t}All" }, "f_base64Binary").xml).toEqual({ node: "element", localName: "f_base64Binary", ns: "urn:t", opaque: true });
  });
});

describe("content models", () => {
  it("flattens nested sequence/choice: members of a choice become optional", () => {
    const imp = importOne(`
      <xs:complexType name="R"><xs:sequence>
        <xs:element name="a" type="xs:string"/>
        <xs:choice><xs:element name="b" type="xs:string"/><xs:sequence><xs:element name="c" type="xs:string"/><xs:element name="d" type="xs:string"/></xs:sequence></xs:choice>
        <xs:element name="e" type="xs:string" minOccurs="0"/>
        <xs:element name="never" type="xs:string" maxOccurs="0"/>
      </xs:sequence></xs:complexType>`);
    const r = record(imp, "{urn:t}R");
    expect(r.fields.map((f) => [f.name, f.optional])).toEqual([
      ["a", false],
      ["b", true],
      ["c", true],
      ["d", true],
      ["e", true],
    ]);
    expect(r.choice).toBeUndefined();
  });

  it("marks a record whose content is one choice, and reads xs:all like a sequence", () => {
    const imp = importOne(`
      <xs:complexType name="C"><xs:choice><xs:element name="x" type="xs:int"/><xs:element name="y" type="xs:string"/></xs:choice></xs:complexType>
      <xs:complexType name="A"><xs:all><xs:element name="p" type="xs:string"/><xs:element name="q" type="xs:string" minOccurs="0"/></xs:all></xs:complexType>`);
    expect(record(imp, "{urn:t}C")).toMatchObject({ choice: true, fields: [{ name: "x", optional: true }, { name: "y", optional: true }] });
    expect(record(imp, "{urn:t}A").fields.map((f) => [f.name, f.optional])).toEqual([
      ["p", false],
      ["q", true],
    ]);
  });

  it("turns maxOccurs > 1 (of the element or an enclosing group) into lists", () => {
    const imp = importOne(`
      <xs:complexType name="L"><xs:sequence>
        <xs:element name="three" type="xs:string" maxOccurs="3"/>
        <xs:element name="many" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
        <xs:sequence maxOccurs="unbounded"><xs:element name="k" type="xs:string"/><xs:element name="v" type="xs:string"/></xs:sequence>
      </xs:sequence></xs:complexType>`);
    const r = record(imp, "{urn:t}L");
    expect(r.fields.find((f) => f.name === "three")).toMatchObject({ optional: false, type: { kind: "list", min: 1, max: 3 } });
    expect(r.fields.find((f) => f.name === "many")).toMatchObject({ optional: true, type: { kind: "list", min: 0 } });
    expect(r.fields.find((f) => f.name === "many")?.type).not.toHaveProperty("max");
    expect(r.fields.find((f) => f.name === "k")).toMatchObject({ type: { kind: "list", min: 1 } });
    expect(imp.diagnostics.map((d) => [d.code, d.severity])).toEqual([["SW3110", "info"]]);
  });

  it("expands group references with their occurrence", () => {
    const imp = importOne(`
      <xs:group name="G"><xs:sequence><xs:element name="g1" type="xs:string"/><xs:element name="g2" type="xs:int"/></xs:sequence></xs:group>
      <xs:complexType name="R"><xs:sequence><xs:element name="first" type="xs:string"/><xs:group ref="t:G" minOccurs="0"/></xs:sequence></xs:complexType>`);
    expect(record(imp, "{urn:t}R").fields.map((f) => [f.name, f.optional])).toEqual([
      ["first", false],
      ["g1", true],
      ["g2", true],
    ]);
  });

  it("marks xs:any and xs:anyAttribute records open", () => {
    const imp = importOne(`
      <xs:complexType name="Any"><xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
      <xs:complexType name="AnyAttr"><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence><xs:anyAttribute/></xs:complexType>`);
    expect(record(imp, "{urn:t}Any")).toMatchObject({ open: true, fields: [] });
    expect(record(imp, "{urn:t}AnyAttr")).toMatchObject({ open: true });
  });
});

describe("derivation", () => {
  const imp = importOne(`
    <xs:complexType name="Base"><xs:sequence><xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string" minOccurs="0"/></xs:sequence>
      <xs:attribute name="kind" type="xs:string"/><xs:attribute name="old" type="xs:string"/></xs:complexType>
    <xs:complexType name="Ext"><xs:complexContent><xs:extension base="t:Base">
      <xs:sequence><xs:element name="c" type="xs:int"/></xs:sequence><xs:attribute name="extra" type="xs:boolean" use="required"/>
    </xs:extension></xs:complexContent></xs:complexType>
    <xs:complexType name="Res"><xs:complexContent><xs:restriction base="t:Base">
      <xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence><xs:attribute name="old" use="prohibited"/>
    </xs:restriction></xs:complexContent></xs:complexType>
    <xs:complexType name="Money"><xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute name="currency" type="xs:string" use="required"/></xs:extension></xs:simpleContent></xs:complexType>
    <xs:complexType name="Euro"><xs:simpleContent><xs:restriction base="t:Money"><xs:pattern value="\\d+\\.\\d{2}"/></xs:restriction></xs:simpleContent></xs:complexType>`);

  it("extension appends to the base content and attributes", () => {
    expect(imp.diagnostics).toEqual([]);
    expect(record(imp, "{urn:t}Ext").fields.map((f) => f.name)).toEqual(["a", "b", "@kind", "@old", "c", "@extra"]);
    expect(record(imp, "{urn:t}Ext").fields.find((f) => f.name === "@extra")).toMatchObject({ optional: false, type: { scalar: "boolean" } });
  });

  it("restriction restates the content and keeps base attributes unless prohibited", () => {
    expect(record(imp, "{urn:t}Res").fields.map((f) => f.name)).toEqual(["@kind", "a"]);
  });

  it("simple content is the field #text next to the attributes", () => {
    expect(record(imp, "{urn:t}Money").fields).toEqual([
      { name: "#text", type: { kind: "scalar", scalar: "decimal" }, optional: false, xml: { node: "text", localName: "#text" } },
      { name: "@currency", type: { kind: "scalar", scalar: "string" }, optional: false, xml: { node: "attribute", localName: "currency" } },
    ]);
    expect(record(imp, "{urn:t}Euro").fields[0]?.type).toEqual({ kind: "scalar", scalar: "decimal", pattern: "\\d+\\.\\d{2}" });
    expect(record(imp, "{urn:t}Euro").fields.map((f) => f.name)).toEqual(["#text", "@currency"]);
  });
});

describe("simple types", () => {
  const imp = importOne(`
    <xs:simpleType name="Plz"><xs:restriction base="xs:string"><xs:pattern value="\\d{5}"/></xs:restriction></xs:simpleType>
    <xs:simpleType name="Farbe"><xs:restriction base="xs:token"><xs:enumeration value="rot"/><xs:enumeration value="gruen"/></xs:restriction></xs:simpleType>
    <xs:simpleType name="Klein"><xs:restriction base="xs:int"><xs:maxInclusive value="9"/></xs:restriction></xs:simpleType>
    <xs:simpleType name="Ziffer"><xs:restriction base="t:Klein"><xs:minInclusive value="0"/></xs:restriction></xs:simpleType>
    <xs:simpleType name="Liste"><xs:list itemType="xs:int"/></xs:simpleType>
    <xs:simpleType name="Mix"><xs:union memberTypes="xs:int xs:date"/></xs:simpleType>
    <xs:simpleType name="Inline"><xs:restriction><xs:simpleType><xs:restriction base="xs:date"/></xs:simpleType></xs:restriction></xs:simpleType>
    <xs:complexType name="R"><xs:sequence><xs:element name="plz" type="t:Plz"/><xs:element name="ziffer" type="t:Ziffer"/></xs:sequence></xs:complexType>`);

  it("keeps patterns and enumerations and inherits the scalar kind along restrictions", () => {
    expect(imp.diagnostics).toEqual([]);
    expect(imp.types["{urn:t}Plz"]).toEqual({ kind: "scalar", scalar: "string", pattern: "\\d{5}" });
    expect(imp.types["{urn:t}Farbe"]).toEqual({ kind: "scalar", scalar: "string", enumeration: ["rot", "gruen"] });
    expect(imp.types["{urn:t}Ziffer"]).toEqual({ kind: "scalar", scalar: "integer" });
    expect(imp.types["{urn:t}Inline"]).toEqual({ kind: "scalar", scalar: "date" });
  });

  it("reads list and union types as strings", () => {
    expect(imp.types["{urn:t}Liste"]).toEqual({ kind: "scalar", scalar: "string" });
    expect(imp.types["{urn:t}Mix"]).toEqual({ kind: "scalar", scalar: "string" });
  });

  it("inlines named simple types into fields", () => {
    expect(fieldAt(imp.types, { kind: "ref", name: "{urn:t}R" }, "plz").type).toEqual({ kind: "scalar", scalar: "string", pattern: "\\d{5}" });
  });
});

describe("attributes", () => {
  const main = `<?xml version="1.0"?>
<xs:schema ${XS} xmlns:t="urn:t" targetNamespace="urn:t" elementFormDefault="qualified" attributeFormDefault="unqualified">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace"/>
  <xs:attribute name="global" type="xs:int"/>
  <xs:attributeGroup name="Inner"><xs:attribute name="inner" type="xs:string" use="required"/></xs:attributeGroup>
  <xs:attributeGroup name="Outer"><xs:attributeGroup ref="t:Inner"/><xs:attribute name="outer" type="xs:string"/></xs:attributeGroup>
  <xs:complexType name="R">
    <xs:sequence><xs:element name="name" type="xs:string"/></xs:sequence>
    <xs:attribute name="name" type="xs:string"/>
    <xs:attribute name="q" type="xs:string" form="qualified"/>
    <xs:attribute ref="t:global"/>
    <xs:attribute ref="xml:lang"/>
    <xs:attribute name="fixedOne" type="xs:string" fixed="1.0"/>
    <xs:attributeGroup ref="t:Outer"/>
  </xs:complexType>
</xs:schema>`;
  const imp = importXsd("main.xsd", tree({ "main.xsd": main }));
  const r = record(imp, "{urn:t}R");

  it("names attributes @local, apart from an element of the same name", () => {
    expect(imp.diagnostics).toEqual([]);
    expect(r.fields.map((f) => f.name)).toEqual(["name", "@name", "@q", "@global", "@lang", "@fixedOne", "@inner", "@outer"]);
  });

  it("qualifies attributes by form, global declaration or the xml namespace", () => {
    const xml = Object.fromEntries(r.fields.map((f) => [f.name, f.xml]));
    expect(xml["@name"]).toEqual({ node: "attribute", localName: "name" });
    expect(xml["@q"]).toEqual({ node: "attribute", localName: "q", ns: "urn:t" });
    expect(xml["@global"]).toEqual({ node: "attribute", localName: "global", ns: "urn:t" });
    expect(xml["@lang"]).toEqual({ node: "attribute", localName: "lang", ns: "http://www.w3.org/XML/1998/namespace" });
  });

  it("reads use=required, fixed values and nested attribute groups", () => {
    expect(r.fields.find((f) => f.name === "@inner")?.optional).toBe(false);
    expect(r.fields.find((f) => f.name === "@outer")?.optional).toBe(true);
    expect(r.fields.find((f) => f.name === "@fixedOne")?.type).toEqual({ kind: "scalar", scalar: "string", enumeration: ["1.0"] });
    expect(r.fields.find((f) => f.name === "@global")?.type).toEqual({ kind: "scalar", scalar: "integer" });
  });
});

describe("elements", () => {
  const imp = importOne(`
    <xs:element name="Top"><xs:complexType><xs:sequence>
      <xs:element ref="t:Shared" maxOccurs="unbounded"/>
      <xs:element name="leer" type="xs:string" nillable="true" minOccurs="0"/>
      <xs:element name="local" form="unqualified" type="xs:string"/>
      <xs:element name="node" type="t:Node"/>
      <xs:element name="untyped"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="Shared" type="xs:date"/>
    <xs:complexType name="Node"><xs:sequence><xs:element name="label" type="xs:string"/><xs:element name="child" type="t:Node" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>`);
  const top = elementType(imp, "Top");

  it("registers anonymous types of global elements as {ns}Name#element", () => {
    expect(imp.diagnostics).toEqual([]);
    expect(top).toEqual({ kind: "ref", name: "{urn:t}Top#element" });
    expect(resolveType(top, imp.types)).toMatchObject({ kind: "record", name: "Top" });
  });

  it("follows element references (name and namespace of the global element)", () => {
    expect(fieldAt(imp.types, top, "Shared")).toMatchObject({ type: { kind: "list", element: { kind: "scalar", scalar: "date" } }, xml: { localName: "Shared", ns: "urn:t" } });
  });

  it("types nillable elements as T | null", () => {
    expect(fieldAt(imp.types, top, "leer")).toEqual({
      name: "leer",
      type: { kind: "union", types: [{ kind: "scalar", scalar: "string" }, { kind: "null" }] },
      optional: true,
      xml: { node: "element", localName: "leer", ns: "urn:t", nillable: true },
    });
  });

  it("honours form=unqualified and reads an untyped element as any", () => {
    expect(fieldAt(imp.types, top, "local").xml).toEqual({ node: "element", localName: "local" });
    expect(fieldAt(imp.types, top, "untyped").type).toEqual({ kind: "any" });
  });

  it("refers to named complex types by RefType, so recursion works", () => {
    expect(fieldAt(imp.types, top, "node").type).toEqual({ kind: "ref", name: "{urn:t}Node" });
    expect(typeAt(imp.types, top, "node.child.child.child.label")).toEqual({ kind: "scalar", scalar: "string" });
  });
});

describe("schema sets across files and namespaces", () => {
  const files = {
    "schemas/main.xsd": `<?xml version="1.0"?>
<xs:schema ${XS} xmlns:t="urn:t" targetNamespace="urn:t" elementFormDefault="qualified">
  <xs:include schemaLocation="parts/types.xsd"/>
  <xs:include schemaLocation="parts/chameleon.xsd"/>
  <xs:element name="Msg" type="t:MsgType"/>
</xs:schema>`,
    "schemas/parts/types.xsd": `<?xml version="1.0"?>
<xs:schema ${XS} xmlns:t="urn:t" xmlns:o="urn:other" targetNamespace="urn:t" elementFormDefault="qualified">
  <xs:import namespace="urn:other" schemaLocation="../other/other.xsd"/>
  <xs:complexType name="MsgType"><xs:sequence>
    <xs:element name="own" type="xs:string"/>
    <xs:element name="foreign" type="o:Foreign"/>
    <xs:element ref="o:Global"/>
    <xs:element name="cham" type="t:Chameleon"/>
  </xs:sequence></xs:complexType>
</xs:schema>`,
    "schemas/parts/chameleon.xsd": `<?xml version="1.0"?>
<xs:schema ${XS} elementFormDefault="qualified">
  <xs:complexType name="Chameleon"><xs:sequence><xs:element name="inner" type="Helper"/></xs:sequence></xs:complexType>
  <xs:simpleType name="Helper"><xs:restriction base="xs:boolean"/></xs:simpleType>
</xs:schema>`,
    "schemas/other/other.xsd": `<?xml version="1.0"?>
<xs:schema ${XS} xmlns:o="urn:other" targetNamespace="urn:other" elementFormDefault="unqualified">
  <xs:complexType name="Foreign"><xs:sequence><xs:element name="plain" type="xs:int"/></xs:sequence></xs:complexType>
  <xs:element name="Global" type="xs:string"/>
</xs:schema>`,
  };
  const imp = importXsd("schemas/main.xsd", tree(files));
  const msg = elementType(imp, "Msg");

  it("resolves include and import relative to the including file", () => {
    expect(imp.diagnostics).toEqual([]);
    expect(imp.files).toEqual(["schemas/main.xsd", "schemas/parts/types.xsd", "schemas/other/other.xsd", "schemas/parts/chameleon.xsd"]);
  });

  it("applies each schema's elementFormDefault and target namespace", () => {
    expect(fieldAt(imp.types, msg, "foreign").type).toEqual({ kind: "ref", name: "{urn:other}Foreign" });
    expect(fieldAt(imp.types, msg, "foreign.plain").xml).toEqual({ node: "element", localName: "plain" });
    expect(fieldAt(imp.types, msg, "Global").xml).toEqual({ node: "element", localName: "Global", ns: "urn:other" });
  });

  it("gives chameleon includes the includer's namespace", () => {
    expect(imp.types["{urn:t}Chameleon"]).toBeDefined();
    expect(fieldAt(imp.types, msg, "cham.inner")).toMatchObject({ type: { kind: "scalar", scalar: "boolean" }, xml: { ns: "urn:t" } });
  });

  it("builds the message type of a root element", () => {
    expect(xsdMessageType(imp, "t.Msg", "Msg")).toEqual({ ok: true, message: { name: "t.Msg", encoding: { format: "xml", ns: "urn:t", root: "Msg" }, type: { kind: "ref", name: "{urn:t}MsgType" } } });
    expect(xsdMessageType(imp, "t.Msg", "{urn:t}Msg").ok).toBe(true);
    const missing = xsdMessageType(imp, "t.X", "Nope");
    expect(missing.ok === false && missing.diagnostic.code).toBe("SW3116");
  });
});

describe("diagnostics", () => {
  it("SW3101: a missing include names the including file and line", () => {
    const text = schema(`  <xs:include schemaLocation="gone.xsd"/>`);
    const imp = importXsd("dir/main.xsd", tree({ "dir/main.xsd": text }));
    expect(imp.diagnostics).toMatchObject([{ code: "SW3101", severity: "error", line: lineOf(text, "<xs:include"), span: { file: "dir/main.xsd" } }]);
    expect(imp.diagnostics[0]?.message).toContain("dir/gone.xsd");
    expect(importXsd("nothing.xsd", tree({})).diagnostics.map((d) => d.code)).toEqual(["SW3101"]);
  });

  it("SW3102 / SW3103: not well-formed, DOCTYPE, not a schema", () => {
    expect(codes(importXsd("a.xsd", tree({ "a.xsd": "<xs:schema><unclosed" })))).toEqual(["SW3102"]);
    const doctype = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "boom">]>\n<xs:schema ${XS}/>`;
    expect(importXsd("a.xsd", tree({ "a.xsd": doctype })).diagnostics).toMatchObject([{ code: "SW3102", line: 2 }]);
    expect(codes(importXsd("a.xsd", tree({ "a.xsd": "<root/>" })))).toEqual(["SW3103"]);
  });

  it("SW3104: an unsupported construct names the construct, file and line", () => {
    const text = schema(`  <xs:complexType name="A"/>\n  <xs:redefine schemaLocation="x.xsd"/>\n  <xs:complexType name="B"><xs:openContent/></xs:complexType>`);
    const imp = importXsd("m.xsd", tree({ "m.xsd": text }));
    expect(imp.diagnostics.map((d) => [d.code, d.construct, d.line, d.span?.file])).toEqual([
      ["SW3104", "xs:redefine", lineOf(text, "<xs:redefine"), "m.xsd"],
      ["SW3104", "xs:openContent", lineOf(text, "<xs:openContent"), "m.xsd"],
    ]);
    expect(imp.diagnostics[0]?.span?.start).toBe(text.indexOf("<xs:redefine"));
  });

  it("SW3105 / SW3106: unresolved references and unknown built-ins", () => {
    const imp = importOne(`<xs:complexType name="R"><xs:sequence><xs:element name="a" type="t:Missing"/><xs:element name="b" type="xs:strin"/><xs:element ref="t:Nope"/><xs:group ref="t:NoGroup"/></xs:sequence></xs:complexType>`);
    expect(codes(imp)).toEqual(["SW3105", "SW3106", "SW3105", "SW3105"]);
    expect(imp.diagnostics[1]?.severity).toBe("warning");
    expect(record(imp, "{urn:t}R").fields.map((f) => [f.name, f.type.kind])).toEqual([
      ["a", "any"],
      ["b", "scalar"],
    ]);
  });

  it("SW3107 / SW3108: namespace mismatches and unresolvable imports", () => {
    const files = {
      "m.xsd": schema(`<xs:include schemaLocation="o.xsd"/><xs:import namespace="urn:elsewhere"/><xs:import namespace="urn:wrong" schemaLocation="w.xsd"/>`),
      "o.xsd": `<xs:schema ${XS} targetNamespace="urn:o"/>`,
      "w.xsd": `<xs:schema ${XS} targetNamespace="urn:w"/>`,
    };
    expect(codes(importXsd("m.xsd", tree(files))).sort()).toEqual(["SW3107", "SW3107", "SW3108"]);
  });

  it("SW3109 / SW3110 / SW3111 / SW3112: collisions, lost order, substitution groups, duplicates", () => {
    const imp = importOne(`
      <xs:complexType name="R"><xs:sequence><xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/><xs:element name="a" type="xs:string"/><xs:element ref="t:Head"/></xs:sequence></xs:complexType>
      <xs:element name="Head" type="xs:string"/>
      <xs:element name="Member" substitutionGroup="t:Head"/>
      <xs:complexType name="R"/>`);
    expect(codes(imp).sort()).toEqual(["SW3109", "SW3111", "SW3112"]);
    expect(record(imp, "{urn:t}R").fields.find((f) => f.name === "a")?.type).toEqual({ kind: "list", element: { kind: "scalar", scalar: "string" }, min: 2, max: 2 });
    expect(resolveType(elementType(imp, "Member"), imp.types)).toEqual({ kind: "scalar", scalar: "string" });
  });

  it("SW3113 / SW3114 / SW3115: circular derivation, invalid attributes, unsafe names", () => {
    const imp = importOne(`
      <xs:complexType name="A"><xs:complexContent><xs:extension base="t:B"/></xs:complexContent></xs:complexType>
      <xs:complexType name="B"><xs:complexContent><xs:extension base="t:A"/></xs:complexContent></xs:complexType>
      <xs:complexType name="R"><xs:sequence><xs:element name="n" type="xs:string" maxOccurs="many"/><xs:element name="__proto__" type="xs:string"/><xs:element name="x" type="q:T"/></xs:sequence><xs:attribute name="constructor"/></xs:complexType>`);
    expect(codes(imp).sort()).toEqual(["SW3113", "SW3114", "SW3114", "SW3115", "SW3115"]);
    expect(record(imp, "{urn:t}R").fields.map((f) => f.name)).toEqual(["n", "x"]);
  });

  it("never throws, whatever the input", () => {
    const valid = schema(`<xs:complexType name="R"><xs:sequence><xs:element name="a" type="xs:int" maxOccurs="2"/></xs:sequence><xs:attribute name="b"/></xs:complexType><xs:element name="E" type="t:R"/>`);
    fc.assert(
      fc.property(fc.nat(valid.length), fc.string({ maxLength: 20 }), (cut, noise) => {
        const text = valid.slice(0, cut) + noise + valid.slice(cut);
        const imp = importXsd("f.xsd", tree({ "f.xsd": text }));
        expect(Array.isArray(imp.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(() => importXsd("f.xsd", tree({ "f.xsd": text }))).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
