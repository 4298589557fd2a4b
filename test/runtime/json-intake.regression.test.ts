/**
 * Regressions of JSON message intake:
 * - a member name given twice in one object was accepted; JSON.parse keeps the
 *   last value, many receivers the first, so `{"gemeinde": A, ..., "gemeinde": B}`
 *   was routed by B and read by the receiver as A (also through escapes:
 *   "\u0061" is "a");
 * - a number beyond the double range (1e400) became Infinity, which JSON
 *   writes back as null: the value changed silently on its way through.
 * Both are now `invalid` at intake; the name is shown only when it is a plain
 * short name (never content).
 */
import { describe, expect, test } from "vitest";
import { parseJsonMessage, scanJson } from "../../src/runtime/intake/json-intake.js";
import { route } from "../../src/runtime/router.js";
import { A1_FREIBERG, enc, fixtureText, loadFixture } from "./fixtures.js";

const table = loadFixture();
const a1 = fixtureText(A1_FREIBERG);

describe("member names given twice", () => {
  test("a second gemeinde (another region) makes the A1 Antrag invalid instead of routed by the last", async () => {
    const twice = a1.replace('"gemeinde": "14522180",', '"gemeinde": "14522180", "gemeinde": "14612000",');
    const r = await route(table, enc(twice));
    expect(r.ok ? "routed" : `${r.reason}: ${r.detail}`).toBe('invalid: the JSON member name "gemeinde" is given twice in one object');
  });

  test("found at any depth and through escapes; equal names in different objects are fine", () => {
    const detail = (t: string): string => {
      const r = parseJsonMessage(t, 10);
      return r.ok ? "ok" : r.detail;
    };
    expect(detail('{"a":1,"\\u0061":2}')).toBe('the JSON member name "a" is given twice in one object');
    expect(detail('{"a":1,"b":{"c":[1,{"d":1,"d":2}]}}')).toBe('the JSON member name "d" is given twice in one object');
    expect(detail('{"a":{"a":1},"b":[{"a":1},{"a":2}]}')).toBe("ok");
    expect(detail('{"a":"x,\\"a\\":1","b":"{\\"b\\":2}"}')).toBe("ok");
    expect(detail('[{"a":1},{"a":1}]')).toBe("ok");
    // a name that could be content is not shown
    expect(detail('{"Max Mustermann":1,"Max Mustermann":2}')).toBe('the JSON member name "?" is given twice in one object');
    // malformed escapes are left to JSON.parse
    expect(detail('{"\\x":1}')).toBe("not well-formed JSON");
  });

  test("300,000 distinct members are scanned in linear time", () => {
    const many = "{" + Array.from({ length: 300_000 }, (_, i) => `"k${i}":1`).join(",") + "}";
    const started = performance.now();
    expect(scanJson(many, 10)).toEqual({ depth: 1 });
    expect(scanJson(many.replace(/}$/, ',"k7":2}'), 10)).toEqual({ depth: 1, duplicate: "k7" });
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe("numbers beyond the double range", () => {
  test("1e400 in any member makes the message invalid; large finite numbers pass", async () => {
    for (const n of ["1e400", "-1e999999", "1" + "0".repeat(400)]) {
      const r = await route(table, enc(a1.replace("{", `{"betrag": ${n},`)));
      expect(r.ok ? "routed" : `${r.reason}: ${r.detail}`).toBe("invalid: a JSON number is beyond the range of a double (it would become Infinity)");
    }
    expect(parseJsonMessage('{"x": 1.7e308, "y": 1e-400}', 10).ok).toBe(true);
  });
});
