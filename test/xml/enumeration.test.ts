/** XSD enumeration facets are enforced when a message is read (they were kept but not checked). */
import { describe, expect, it } from "vitest";
import type { MessageType, TypeRegistry } from "../../src/types/model.js";
import { parseXml } from "../../src/xml/index.js";

const types: TypeRegistry = {};
const message: MessageType = {
  name: "t.M",
  encoding: { format: "xml", ns: "urn:t", root: "m" },
  type: {
    kind: "record",
    fields: [
      { name: "art", type: { kind: "scalar", scalar: "string", enumeration: ["Anmeldung", "Ab meldung"] }, optional: false },
      { name: "stufe", type: { kind: "scalar", scalar: "integer", enumeration: ["1", "2"] }, optional: true },
      { name: "@version", type: { kind: "scalar", scalar: "string", enumeration: ["2.1"] }, optional: true },
    ],
  },
};
const doc = (art: string, rest = ""): string => `<m xmlns="urn:t"${rest}><art>${art}</art></m>`;

describe("enumeration facets on input", () => {
  it("accept a listed value, also with collapsible whitespace or another lexical form of a number", () => {
    expect(parseXml(doc("Anmeldung"), message, types).ok).toBe(true);
    expect(parseXml(doc(" Ab\n  meldung "), message, types).ok).toBe(true);
    expect(parseXml(`<m xmlns="urn:t"><art>Anmeldung</art><stufe> 2 </stufe></m>`, message, types).ok).toBe(true);
    expect(parseXml(doc("Anmeldung", ' version="2.1"'), message, types).ok).toBe(true);
  });

  it("refuse any other value, naming the path but never the value", () => {
    const r = parseXml(doc("Gewerbe-Geheimnis"), message, types);
    expect(r).toEqual({ ok: false, error: { code: "xml-invalid-value", detail: expect.stringContaining("art is not one of the 2 values its type allows") } });
    expect(JSON.stringify(r)).not.toContain("Geheimnis");
    expect(parseXml(`<m xmlns="urn:t"><art>Anmeldung</art><stufe>3</stufe></m>`, message, types).ok).toBe(false);
    expect(parseXml(doc("Anmeldung", ' version="2.2"'), message, types).ok).toBe(false);
  });
});
