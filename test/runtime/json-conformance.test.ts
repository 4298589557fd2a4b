import { describe, expect, test } from "vitest";
import { scalar, type Type, type TypeRegistry } from "../../src/types/model.js";
import { conformJson } from "../../src/runtime/json-conformance.js";
import { route } from "../../src/runtime/router.js";
import { abmeldungFrom, loadFixture } from "./fixtures.js";

const reg: TypeRegistry = {
  "t.Person": { kind: "record", fields: [{ name: "name", type: scalar("string"), optional: false }] },
};
const type: Type = {
  kind: "record",
  fields: [
    { name: "ags", type: scalar("string"), optional: false },
    { name: "anzahl", type: scalar("integer"), optional: true },
    { name: "betrag", type: scalar("decimal"), optional: true },
    { name: "personen", type: { kind: "list", element: { kind: "ref", name: "t.Person" }, max: 2 }, optional: false },
    { name: "art", type: { kind: "scalar", scalar: "string", enumeration: ["an", "ab"] }, optional: true },
    { name: "bemerkung", type: { kind: "union", types: [scalar("string"), { kind: "null" }] }, optional: true },
  ],
};

describe("conformJson", () => {
  test("a fitting value passes; a single item of a list field becomes a list", () => {
    expect(conformJson({ ags: "01067", personen: { name: "A" }, betrag: "12.50", bemerkung: null }, type, reg)).toEqual({
      ok: true,
      value: { ags: "01067", personen: [{ name: "A" }], betrag: "12.50", bemerkung: null },
    });
    expect(conformJson({ ags: "1" }, type, reg)).toEqual({ ok: true, value: { ags: "1" } });
  });

  test("problems name field paths, never values", () => {
    const r = conformJson({ ags: 1067, anzahl: 1.5, personen: [{ name: "Geheim" }, {}, { name: "C" }], art: "um", extra: "Geheim" }, type, reg);
    expect(r).toEqual({
      ok: false,
      problems: ["ags: expected string, found number", "anzahl: expected integer, found number", "personen: at most 2 item(s) expected, found 3", "personen[1].name: required field missing", "art: value not in the enumeration"],
    });
    expect(conformJson({ personen: [], extra: 1 }, type, reg)).toEqual({ ok: false, problems: ["ags: required field missing", "extra: member not declared by the type"] });
    expect(conformJson([1], type, reg)).toEqual({ ok: false, problems: ["(root): expected an object, found array"] });
  });

  test("__proto__ members never become prototypes", () => {
    const v = JSON.parse('{"ags": "1", "__proto__": {"x": 1}}') as unknown;
    const open: Type = { kind: "record", fields: [{ name: "ags", type: scalar("string"), optional: false }], open: true };
    const r = conformJson(v, open, reg);
    expect(r.ok).toBe(true);
    const out = (r as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { x?: unknown }).x).toBeUndefined();
  });
});

describe("JSON outputs of transformations are checked", () => {
  test("an output missing a required field is transform-failed, naming the path", async () => {
    const t = loadFixture("gewerbe", (tb) => (tb.expressions[15] = '{"ags": satz[0].*.gemeindeSchluessel.code, "art": "x"}'));
    const r = await route(t, abmeldungFrom("14522180"));
    expect(r.ok ? "" : `${r.reason}: ${r.detail}`).toBe(
      'transform-failed: the output for gewerbe.Wirtschaftsfoerderung "WiFö Freiberg" (gewerbe.WifoePortal) does not fit wifoe.Meldung: betrieb: required field missing',
    );
  });
});
