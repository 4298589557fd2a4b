/**
 * Declared types (src/semantics/types.ts): records, lists, optionals, code
 * lists, attributes, text content, namespaces; SW2091 recursion, SW2092
 * duplicate fields, SW2001 unknown types.
 */
import { describe, expect, it } from "vitest";
import { BASE, at, problemsOf } from "../helpers/rules.js";
import { checkSources } from "../helpers/compile.js";

const XML = `${BASE}
codelist Art "urn:example:art" assumed {
  "anmeldung" = "Gewerbeanmeldung"
  "abmeldung"
}

type Code unqualified {
  @listURI?: string
  code: string
}

type Betrag {
  "#text": decimal
  @waehrung: string
}

type Akte namespace "urn:example:akte" {
  titel: string
  teile: list of Akte
  vorgaenger?: Akte
  betrag?: Betrag nillable
  "identifikation.nachricht": Code as "identifikationNachricht"
  art: Art
  anhang: optional base64
  datum: date
  zeit: list of list of datetime
}

message Ablage xml "urn:example:ablage" root "ablage.0100" prefix abl version "1.0" {
  @produkt: string
  akte: Akte unqualified
}
`;

describe("types: valid", () => {
  it("accepts every field form of docs/language.md", () => {
    expect(problemsOf(XML)).toEqual([]);
  });

  it("builds the XML binding of the message", () => {
    const r = checkSources({ "a.stw": XML });
    const m = r.model.messages["p.Ablage"]!;
    expect(m.encoding).toEqual({ format: "xml", root: "ablage.0100", ns: "urn:example:ablage", prefixes: { "urn:example:ablage": "abl" } });
    expect(m.version).toBe("1.0");
    const fields = (m.type as { fields: Array<{ name: string; optional: boolean; xml?: object }> }).fields;
    expect(fields.map((f) => f.name)).toEqual(["@produkt", "akte"]);
    expect(fields[1]!.xml).toEqual({ node: "element", localName: "akte" });
  });
});

describe("types: invalid", () => {
  const USED = "\nmessage N json { t: T }\n";

  it("reports a field declared twice at each later declaration (an attribute of the same name is another field)", () => {
    const src = `${BASE}\ntype T {\n  a: string\n  a: integer\n  a: string\n  @a: string\n}\n${USED}`;
    expect(problemsOf(src)).toEqual(["a.stw:23:3-23:4 SW2092", "a.stw:24:3-24:4 SW2092"]);
  });

  it("reports recursion through required fields, but not through a list or an optional", () => {
    const ok = `${BASE}\ntype A {\n  b: list of A\n  c?: A\n  d: optional A\n}\n`;
    expect(problemsOf(ok)).toEqual([]);
    const bad = `${BASE}\ntype A {\n  b: B\n}\ntype B {\n  c: C\n}\ntype C {\n  a: A\n}\n`;
    expect(problemsOf(bad).map((d) => d.split(" ")[1])).toEqual(["SW2091"]);
  });

  it("reports an unknown type in a list and in an optional", () => {
    const src = `${BASE}\ntype T {\n  a: list of Unbekannt\n  b?: Unbekannt2\n}\n${USED}`;
    expect(problemsOf(src)).toEqual([at("a.stw", src, "Unbekannt", "SW2001"), at("a.stw", src, "Unbekannt2", "SW2001")]);
  });

  it("reports an unknown type once, though the type is used twice", () => {
    const src = `${BASE}\ntype T {\n  a: Unbekannt\n}\nmessage N json { t: T  u: list of T }\n`;
    expect(problemsOf(src)).toEqual([at("a.stw", src, "Unbekannt", "SW2001")]);
  });

  // Regression (found by the fuzz test): a message containing itself crashed the checker with a stack overflow.
  it.each([
    ["an optional self-reference", "message N json { x?: N }\n"],
    ["a list of itself", "message N json { x: list of N }\n"],
    ["a required self-reference", "message N json { x: N }\n"],
  ])("does not crash on a message containing itself (%s)", (_what, decl) => {
    const src = `${BASE}\n${decl}`;
    expect(() => checkSources({ "a.stw": src })).not.toThrow();
  });

  // Regression: a type no message used was never built, so its errors went unreported.
  it("reports unknown field types and duplicate fields of a type no message uses", () => {
    const src = `${BASE}\ntype T {\n  a: Unbekannt\n  a: string\n}\n`;
    expect(problemsOf(src)).toEqual([at("a.stw", src, "Unbekannt", "SW2001"), "a.stw:23:3-23:4 SW2092"]);
  });

  it("reports a type name used as a scenario's message", () => {
    const src = BASE.replace("  message M\n", "  message Code\n") + "\ntype Code {\n  code: string\n}\n";
    expect(problemsOf(src)).toEqual([at("a.stw", src, "Code", "SW2005")]);
  });
});
