import { describe, expect, it } from "vitest";
import { decimalsAsNumbers } from "../../src/runtime/decimal-numbers.js";
import type { Type, TypeRegistry } from "../../src/types/model.js";

const dec: Type = { kind: "scalar", scalar: "decimal" };
const str: Type = { kind: "scalar", scalar: "string" };
const registry: TypeRegistry = {
  Position: { kind: "record", fields: [{ name: "betrag", type: dec, optional: false }, { name: "text", type: str, optional: false }] },
};
const anordnung: Type = {
  kind: "record",
  fields: [
    { name: "positionen", type: { kind: "list", element: { kind: "ref", name: "Position" } }, optional: false },
    { name: "gesamt", type: { kind: "union", types: [dec, { kind: "null" }] }, optional: true },
    { name: "nr", type: str, optional: false },
  ],
  open: true,
};

describe("decimalsAsNumbers", () => {
  it("turns decimal strings into numbers, through refs, lists and nillable unions; nothing else", () => {
    const input = { positionen: [{ betrag: "12.50", text: "1.5" }, { betrag: "-.25", text: "x" }], gesamt: "12.25", nr: "007", extra: "3.5" };
    const before = structuredClone(input);
    expect(decimalsAsNumbers(input, anordnung, registry)).toEqual({
      positionen: [{ betrag: 12.5, text: "1.5" }, { betrag: -0.25, text: "x" }],
      gesamt: 12.25,
      nr: "007",
      extra: "3.5",
    });
    expect(input).toEqual(before);
  });

  it("keeps null, absent fields, numbers, the shape and values that are no decimal", () => {
    expect(decimalsAsNumbers({ positionen: [], gesamt: null, nr: "1" }, anordnung, registry)).toEqual({ positionen: [], gesamt: null, nr: "1" });
    expect(decimalsAsNumbers({ positionen: { betrag: 3, text: "" }, nr: "1" }, anordnung, registry)).toEqual({ positionen: { betrag: 3, text: "" }, nr: "1" });
    expect(decimalsAsNumbers({ positionen: [{ betrag: "1e5", text: "" }], nr: "1" }, anordnung, registry)).toEqual({ positionen: [{ betrag: "1e5", text: "" }], nr: "1" });
  });
});
