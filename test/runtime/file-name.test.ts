import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { deliveryBaseName, deliveryFileName } from "../../src/runtime/file-name.js";

const id = "sha256:" + "0123456789abcdef".repeat(4);
const target = { role: "gewerbe.Statistikamt", recipient: "StaLA Sachsen", system: "sachsen.Fachverfahren" };

describe("delivery file names (parts per scenario and target computed once)", () => {
  test("the same inputs give the same name, built from the documented parts", () => {
    const hash8 = createHash("sha256").update("gewerbe.Statistikamt\u0000StaLA Sachsen\u0000sachsen.Fachverfahren").digest("hex").slice(0, 8);
    const expected = `s1_0123456789abcdef0123456789abcdef_statistikamt-stala-sachsen-fachverfahren-${hash8}.xml`;
    expect(deliveryFileName(id, "gewerbe.S1", target, "application/xml")).toBe(expected);
    expect(deliveryFileName(id, "gewerbe.S1", { ...target }, "application/xml")).toBe(expected);
  });

  test("every part of the target and the scenario still tells names apart", () => {
    const names = new Set([
      deliveryBaseName(id, "gewerbe.S1", target),
      deliveryBaseName(id, "gewerbe.S2", target),
      deliveryBaseName(id, "gewerbe.S1", { ...target, recipient: "StaLA Sachsen " }),
      deliveryBaseName(id, "gewerbe.S1", { ...target, recipient: undefined as unknown as string }),
      deliveryBaseName(id, "gewerbe.S1", { ...target, system: "sachsen.Fachverfahren2" }),
      deliveryBaseName(id, "gewerbe.S1", { ...target, role: "gewerbe.Statistikamt2" }),
      deliveryBaseName("other-id", "gewerbe.S1", target),
    ]);
    expect(names.size).toBe(7);
  });
});
