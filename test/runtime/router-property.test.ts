import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { REJECT_REASONS } from "../../src/table/test-plan.js";
import type { RouteResult } from "../../src/runtime/api.js";
import { route } from "../../src/runtime/router.js";
import { A1_FREIBERG, A2_FREIBERG, fixtureBytes, FREIBERG_ABMELDUNG, FREIBERG_ANMELDUNG, loadFixture, LUE_MITTWEIDA } from "./fixtures.js";

const table = loadFixture();
const reals = [FREIBERG_ABMELDUNG, FREIBERG_ANMELDUNG, LUE_MITTWEIDA, A1_FREIBERG, A2_FREIBERG].map(fixtureBytes);

/** A result is either a success with at least one delivery or a typed rejection with a detail. */
function wellFormed(r: RouteResult): boolean {
  if (r.ok) return r.deliveries.length > 0 && r.deliveries.every((d) => typeof d.payload.text === "string" && d.fileName.length > 0);
  // "internal error" is the catch-all for runtime defects: it must never be reached
  return REJECT_REASONS.includes(r.reason) && r.detail.length > 0 && !r.detail.startsWith("internal error") && /^sha256:[0-9a-f]{64}$/.test(r.messageHash);
}

/** Mutations of a real message: byte flips, truncation, splices of interesting fragments, duplication. */
const mutated = fc
  .tuple(
    fc.constantFrom(...reals),
    fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
        fc.record({
          kind: fc.constant("insert" as const),
          at: fc.nat(),
          text: fc.constantFrom("<", ">", "&", "&amp;", "<!DOCTYPE x>", "<![CDATA[", "]]>", "<!--", "\"", "'", "</xga:satz>", "<xga:satz>", "__proto__", "\u0000", "\uFEFF", "{", "}", "[", "\\u0000", "xmlns:xga=\"\"", "<?xml version='1.0' encoding='ISO-8859-15'?>"),
        }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([base, ops]) => {
    let bytes = Buffer.from(base);
    for (const op of ops) {
      const at = bytes.length === 0 ? 0 : op.at % bytes.length;
      if (op.kind === "flip") {
        bytes = Buffer.from(bytes);
        if (bytes.length > 0) bytes[at] = op.byte;
      } else if (op.kind === "cut") bytes = bytes.subarray(0, at);
      else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(op.text, "utf8"), bytes.subarray(at)]);
    }
    return new Uint8Array(bytes);
  });

describe("route() on arbitrary input", () => {
  test("random bytes never throw and always yield a typed result", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        expect(wellFormed(await route(table, bytes))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("mutated real messages never throw and always yield a typed result", async () => {
    await fc.assert(
      fc.asyncProperty(mutated, fc.option(fc.constantFrom("A10", "gewerbe.A1", "A1", "nix"), { nil: undefined }), async (bytes, scenario) => {
        const r = await route(table, bytes, scenario === undefined ? {} : { scenario });
        expect(wellFormed(r)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  test("random JSON values never throw", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (v) => {
        expect(wellFormed(await route(table, new TextEncoder().encode(JSON.stringify(v))))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
