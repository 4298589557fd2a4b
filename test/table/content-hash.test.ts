import { describe, expect, test } from "vitest";
import { canonicalJson, CanonicalJsonError } from "../../src/table/canonical-json.js";
import { computeContentHash, serializeWithContentHash, verifyContentHash, withContentHash } from "../../src/table/content-hash.js";

describe("canonical JSON", () => {
  test("sorts keys at every level and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}');
  });

  test("sorts by UTF-16 code units (RFC 8785), escapes as JSON.stringify", () => {
    expect(canonicalJson({ "é": 1, z: 2, A: 3, "\u{1F600}": 4, "\uFFFF": 5 })).toBe('{"A":3,"z":2,"é":1,"\u{1F600}":4,"\uFFFF":5}');
    expect(canonicalJson("a\"b\n\u0001")).toBe(JSON.stringify("a\"b\n\u0001"));
  });

  test("omits undefined members, writes undefined array items as null", () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  test("numbers as ECMAScript writes them; non-finite numbers, bigint and cycles are errors", () => {
    expect(canonicalJson([1e21, 0.1, -0, 5e-7])).toBe("[1e+21,0.1,0,5e-7]");
    expect(() => canonicalJson({ a: NaN })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: 1n })).toThrow(CanonicalJsonError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(CanonicalJsonError);
  });

  test("shared (non-cyclic) substructures are fine", () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe("content hash", () => {
  const table = { format: "stellwerk.routing-table", b: [1, 2], a: { y: "ü", x: null } };

  test("is sha256 over the canonical JSON with contentHash blanked", async () => {
    const { createHash } = await import("node:crypto");
    const expected = "sha256:" + createHash("sha256").update('{"a":{"x":null,"y":"ü"},"b":[1,2],"contentHash":"","format":"stellwerk.routing-table"}', "utf8").digest("hex");
    expect(computeContentHash(table)).toBe(expected);
    expect(computeContentHash({ ...table, contentHash: "sha256:whatever" })).toBe(expected);
  });

  test("does not depend on key order or formatting", () => {
    const reordered = JSON.parse(JSON.stringify({ a: { x: null, y: "ü" }, b: [1, 2], format: "stellwerk.routing-table" }, null, 4)) as object;
    expect(computeContentHash(reordered)).toBe(computeContentHash(table));
  });

  test("verify detects any change", () => {
    const hashed = withContentHash(table);
    expect(verifyContentHash(hashed).ok).toBe(true);
    expect(verifyContentHash({ ...hashed, b: [1, 3] }).ok).toBe(false);
    expect(verifyContentHash({ ...hashed, contentHash: "" }).ok).toBe(false);
  });

  test("serializeWithContentHash gives the canonical text of the hashed table, for small and multi-piece tables", () => {
    const big = { ...table, rows: Array.from({ length: 20_000 }, (_, i) => ({ key: `r${i}`, v: "ä".repeat(i % 7) })) };
    for (const t of [table, big, { zzz: 1 }, { aaa: [], contentHash: "sha256:stale" }]) {
      const { table: hashed, text } = serializeWithContentHash(t);
      expect(hashed.contentHash).toBe(computeContentHash(t));
      expect(text).toBe(canonicalJson(withContentHash(t)));
    }
  });
});
