/**
 * Regressions of hostile message content reaching ids, traces and rejections:
 * - the message id and correlation key were the message's value as it stood: a
 *   10 MB nachrichtenUUID (or 2 million `&#65;` references) became a 10 MB
 *   message id, written to the journal, the logs and `stellwerk route` output,
 *   and an id with an ESC or a newline went to the terminal and log lines raw;
 * - a JSON member the type does not declare was named in the trace and the
 *   rejection detail verbatim: a 5 MB member name made a 10 MB trace, and a
 *   name holding a person's data was printed.
 */
import { describe, expect, test } from "vitest";
import type { CaseLookup, CaseOrigin, RouteResult } from "../../src/runtime/api.js";
import { MAX_KEY_CHARS, boundedKey, route } from "../../src/runtime/router.js";
import { A1_FREIBERG, A2_FREIBERG, FREIBERG_ANMELDUNG, enc, fixtureText, loadFixture } from "./fixtures.js";

const table = loadFixture();
const UUID = "00000000-0000-0000-0000-000000000002";

function ok(r: RouteResult): Extract<RouteResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected routed, got ${r.reason}: ${r.detail}`);
  return r;
}

describe("message ids and correlation keys are bounded and printable", () => {
  test("a 10 MB nachrichtenUUID gives a hashed message id; the deliveries still happen", async () => {
    const huge = "x".repeat(10_000_000);
    const r = ok(await route(table, enc(fixtureText(FREIBERG_ANMELDUNG).replace(UUID, huge))));
    expect(r.messageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.messageId).toBe(boundedKey(huge));
    expect(r.deliveries).toHaveLength(4);
    expect(JSON.stringify(r.trace).length).toBeLessThan(10_000);
  });

  test("2 million character references in the id are one hashed id too", async () => {
    const r = ok(await route(table, enc(fixtureText(FREIBERG_ANMELDUNG).replace(UUID, "&#65;".repeat(2_000_000)))));
    expect(r.messageId).toBe(boundedKey("A".repeat(2_000_000)));
  });

  test("control characters, line separators and lone surrogates in a key are hashed; plain keys stay", async () => {
    const a1 = fixtureText(A1_FREIBERG);
    const id = "7c1e2b9a-5d3f-4e8a-9b61-2f0c8d4a1e55";
    // (ESC and lone surrogates cannot reach the XML output of A1 at all: its transformation is refused.)
    for (const evil of ["zeile\nzwei", "tab\tx", "a\u2028b", "del\u007f", "c1\u0085"]) {
      const r = ok(await route(table, enc(a1.replace(id, JSON.stringify(evil).slice(1, -1)))));
      expect(r.messageId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(r.correlationKey).toBe(r.messageId);
    }
    for (const evil of ["\u001b[31mrot", "\ud800x", "x\udc00", "nul\u0000"]) expect(boundedKey(evil)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(boundedKey("\ud800")).not.toBe(boundedKey("\udbff")); // exact: not folded into one U+FFFD
    expect(boundedKey("x".repeat(MAX_KEY_CHARS))).toBe("x".repeat(MAX_KEY_CHARS));
    expect(boundedKey("Ärger-😀-€")).toBe("Ärger-😀-€");
    expect(ok(await route(table, enc(a1))).messageId).toBe(id);
  });

  test("a reply finds the case its request opened under a hashed correlation key", async () => {
    const long = "vorgang-" + "9".repeat(1000);
    const opened = new Map<string, CaseOrigin>();
    const cases: CaseLookup = { origin: (pkg, key) => opened.get(`${pkg}\u0000${key}`) };
    const a1 = ok(await route(table, enc(fixtureText(A1_FREIBERG).replace("7c1e2b9a-5d3f-4e8a-9b61-2f0c8d4a1e55", long)), { cases }));
    expect(a1.opensCase!.correlationKey).toBe(boundedKey(long));
    opened.set(`${a1.opensCase!.pkg}\u0000${a1.opensCase!.correlationKey}`, a1.opensCase!.origin);
    const a2 = ok(await route(table, enc(fixtureText(A2_FREIBERG).replace("7c1e2b9a-5d3f-4e8a-9b61-2f0c8d4a1e55", long)), { cases }));
    expect(a2.deliveries[0]!.system).toBe("gewerbe.Amt24");
  });
});

describe("undeclared JSON member names chosen by the sender", () => {
  test("a long or non-identifier member name is not echoed in the trace or the rejection", async () => {
    const a1 = fixtureText(A1_FREIBERG);
    const longName = "k".repeat(5_000_000);
    const personal = "Max Mustermann, geb. 01.02.1970";
    for (const name of [longName, personal, "tab\there"]) {
      const bytes = enc(a1.replace("{", `{${JSON.stringify(name)}: 1,`));
      const r = await route(table, bytes, { scenario: "gewerbe.A2" });
      expect(r.ok).toBe(false);
      const text = JSON.stringify(r);
      expect(text.length).toBeLessThan(10_000);
      expect(text).not.toContain(name.slice(0, 40));
      expect(r.ok ? "" : r.detail).toContain("?: member not declared by the type");
    }
  });

  test("a short plain member name is still named, like a field path", async () => {
    const r = await route(table, enc(fixtureText(A1_FREIBERG).replace("{", '{"extraFeld": 1,')), { scenario: "gewerbe.A2" });
    expect(r.ok ? "" : r.detail).toContain("extraFeld: member not declared by the type");
  });
});
