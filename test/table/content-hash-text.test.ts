import { describe, expect, it } from "vitest";
import { serializeWithContentHash, verifyContentHash, verifyContentHashOfText } from "../../src/table/content-hash.js";

const table = { bindings: [{ a: "x" }], compilerVersion: "0.1.0", contentHash: "", format: "f", scenarios: { "p.A1": { n: 1 } } };

describe("content hash over the canonical file text", () => {
  it("verifies a file exactly as the compiler writes it, without reserializing", () => {
    const { table: hashed, text } = serializeWithContentHash(table);
    expect(verifyContentHash(hashed).ok).toBe(true);
    expect(verifyContentHashOfText(text + "\n", hashed)).toEqual({ ok: true, expected: hashed.contentHash, actual: hashed.contentHash });
  });

  it("does not apply to a text that is not canonical (the full check decides)", () => {
    const { table: hashed, text } = serializeWithContentHash(table);
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    expect(verifyContentHashOfText(pretty, hashed)).toBeUndefined();
    expect(verifyContentHash(JSON.parse(pretty) as object).ok).toBe(true);
  });

  it("never accepts an edited table", () => {
    const { table: hashed, text } = serializeWithContentHash(table);
    const edited = text.replace('"n":1', '"n":2');
    const parsed = JSON.parse(edited) as object;
    expect(verifyContentHashOfText(edited, parsed)).toBeUndefined();
    expect(verifyContentHash(parsed).ok).toBe(false);
    expect(hashed.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
