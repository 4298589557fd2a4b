import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { canonicalJson, CanonicalJsonError, MAX_CANONICAL_DEPTH, writeCanonicalJson } from "../../src/table/canonical-json.js";
import { computeContentHash } from "../../src/table/content-hash.js";

const fixture = JSON.parse(readFileSync("test/fixtures/tables/gewerbe.json", "utf8")) as Record<string, unknown>;

describe("streamed canonical JSON", () => {
  test("the pieces concatenate to canonicalJson's text, in pieces of bounded size", () => {
    const big = { table: fixture, copies: Array.from({ length: 40 }, () => fixture.scenarios) };
    const pieces: string[] = [];
    writeCanonicalJson(big, (p) => pieces.push(p));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe(canonicalJson(big));
    expect(canonicalJson(big)).toBe(canonicalJson(JSON.parse(JSON.stringify(big))));
  });

  test("hashing the stream gives the table's content hash", () => {
    const blanked = { ...fixture, contentHash: "" };
    const hash = createHash("sha256");
    writeCanonicalJson(blanked, (p) => hash.update(p, "utf8"));
    expect("sha256:" + hash.digest("hex")).toBe(computeContentHash(fixture));
  });

  test("refuses cycles and nesting deeper than the limit, accepts nesting up to it", () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => writeCanonicalJson(cyclic, () => {})).toThrow(CanonicalJsonError);
    let deep: unknown = 1;
    for (let i = 0; i < MAX_CANONICAL_DEPTH; i++) deep = [deep];
    expect(canonicalJson(deep).length).toBe(2 * MAX_CANONICAL_DEPTH + 1);
    expect(() => canonicalJson([deep])).toThrow(CanonicalJsonError);
  });

  // Regression (seen once under CI-like load): the writer recursed once per level,
  // and 4096 levels sat a few frames short of the JavaScript stack's end, so a
  // cycle or a too-deep value gave a RangeError, depending on the caller's depth.
  test("nesting costs no JavaScript stack: the limit holds when called with little stack left", () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_CANONICAL_DEPTH; i++) deep = [deep];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const results: unknown[] = [];
    const atDepth = (n: number): void => {
      if (n > 0) return atDepth(n - 1);
      results.push(canonicalJson(deep).length);
      for (const bad of [[deep], cyclic]) {
        try {
          canonicalJson(bad);
          results.push("accepted");
        } catch (e) {
          results.push(e instanceof CanonicalJsonError ? "refused" : String(e));
        }
      }
    };
    atDepth(1000);
    expect(results).toEqual([2 * MAX_CANONICAL_DEPTH + 1, "refused", "refused"]);
  });
});
