import { describe, expect, test } from "vitest";
import { XML_VIEW as view, XmlViewError } from "../../src/runtime/xml-view.js";
import { fixtureText, FREIBERG_ABMELDUNG, LUE_MITTWEIDA, tableJson } from "./fixtures.js";

const t = tableJson();
const sta = t.messages["gewerbe.StaMeldung"]!;
const kurz = t.messages["gewerbe.Kurzmeldung"]!;

describe("the runtime's XML view (src/xml)", () => {
  test("lists stay lists, text stays text, namespaces by URI, round trip", () => {
    const v = view.parse(fixtureText(LUE_MITTWEIDA), t.messages["gewerbe.LueMeldung"]!, t.types) as {
      satz: Array<Record<string, { gemeindeSchluessel: { code: string } }>>;
      nachrichtenkopf: { autor: { behoerdenkennung: { kennung: { code: string } } } };
    };
    expect(v.satz).toHaveLength(3);
    expect(v.satz[0]!.anmeldung!.gemeindeSchluessel.code).toBe("14522360");
    expect(v.nachrichtenkopf.autor.behoerdenkennung.kennung.code).toBe("14522360");
    const one = view.parse(fixtureText(FREIBERG_ABMELDUNG), sta, t.types) as { satz: unknown[] };
    expect(one.satz).toHaveLength(1);
    const xml = view.build({ "@kammer": "IHK <&>", ags: "01067", betrieb: "x", art: "anmeldung" }, kurz, t.types);
    expect(view.parse(xml, kurz, t.types)).toEqual({ "@kammer": "IHK <&>", ags: "01067", betrieb: "x", art: "anmeldung" });
  });

  test("errors are XmlViewErrors with a code and without content", () => {
    expect(() => view.parse("<wrong/>", sta, t.types)).toThrow(/^xml-wrong-root: /);
    const bad = { "@kammer": "Geheim\u0001Name", ags: "1", betrieb: "x", art: "anmeldung" };
    expect(() => view.build(bad, kurz, t.types)).toThrow(XmlViewError);
    expect(() => view.build(bad, kurz, t.types)).not.toThrow(/Geheim/);
    expect(() => view.build({ ags: "1" }, kurz, t.types)).toThrow(/^xml-missing: /);
  });
});
