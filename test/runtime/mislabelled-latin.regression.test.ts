/**
 * Regression: UTF-8 bytes under an XML declaration that says ISO-8859-15 (or
 * -1) were refused only when a UTF-8 sequence held a C1 byte (€, ß, Ä, Ö, Ü).
 * "Müller" (ü = C3 BC) has none: it was decoded as "MÃ¼ller" and routed, the
 * name silently changed. Input whose non-ASCII bytes all form valid UTF-8 is
 * now refused as mislabelled; real Latin text (ü = FC) still passes.
 */
import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";
import { decodeMessage } from "../../src/runtime/intake/decode.js";
import { route } from "../../src/runtime/router.js";
import { FREIBERG_ANMELDUNG, fixtureText, loadFixture } from "./fixtures.js";

/** The Anmeldung under a Latin declaration, its own non-ASCII letters made ASCII, with "Müller-äöü" (no C1 byte in UTF-8) as its id. */
const latinDeclared = (encoding: string): string =>
  fixtureText(FREIBERG_ANMELDUNG)
    .replace(/[^\x00-\x7f]/g, "e")
    .replace('encoding="UTF-8"', `encoding="${encoding}"`)
    .replace("00000000-0000-0000-0000-000000000002", "Müller-äöü");

describe("UTF-8 declared as Latin without a C1 byte", () => {
  test("is refused as mislabelled, for ISO-8859-15 and ISO-8859-1", async () => {
    const table = loadFixture();
    for (const encoding of ["ISO-8859-15", "ISO-8859-1"]) {
      const r = await route(table, Buffer.from(latinDeclared(encoding), "utf8"));
      expect(r.ok ? "routed" : `${r.reason}: ${r.detail}`).toBe(`invalid: UTF-8 bytes in input declared as ${encoding}: mislabelled encoding?`);
    }
  });

  test("the same text really in ISO-8859-15 is decoded, umlauts intact, and routed", async () => {
    const text = latinDeclared("ISO-8859-15");
    const d = decodeMessage(iconv.encode(text, "iso-8859-15"));
    expect(d).toEqual({ ok: true, text, encoding: "ISO-8859-15" });
    const r = await route(loadFixture(), iconv.encode(text, "iso-8859-15"));
    expect(r.ok ? r.messageId : r.detail).toBe("Müller-äöü");
  });
});
