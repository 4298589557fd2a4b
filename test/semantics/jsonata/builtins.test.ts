/**
 * The built-in table covers exactly the functions jsonata 2.2.2 binds, with the
 * signatures jsonata itself validates against.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import jsonata from "jsonata";
import { describe, expect, test } from "vitest";
import { BUILTINS, checkExpression } from "../../../src/semantics/jsonata/index.js";
import { REGISTRY, SATZ } from "../../fixtures/jsonata/types.js";

const jsonataSource = readFileSync(createRequire(import.meta.url).resolve("jsonata"), "utf8");

/** Names jsonata binds in its static frame and per-evaluation environment. */
const bound = new Set([...jsonataSource.matchAll(/(?:staticFrame|environment)\.bind\('(\w+)', defineFunction\(/g)].map((m) => m[1]!));

describe("built-in functions", () => {
  test("the table lists every function jsonata binds, and nothing else", () => {
    expect(bound.size).toBeGreaterThan(60);
    expect([...bound].sort()).toEqual(Object.keys(BUILTINS).sort());
  });

  test.each(Object.keys(BUILTINS))("$%s has jsonata's signature", async (name) => {
    const fn = (await jsonata(`$${name}`).evaluate({})) as { signature?: { definition?: string } };
    expect(fn.signature?.definition).toBe(BUILTINS[name]!.sig);
  });

  test("results are typed from the arguments", () => {
    const typeOf = (expr: string) => checkExpression(expr, SATZ, { registry: REGISTRY }).type;
    expect(typeOf("$count(taetigkeit)")).toEqual({ kind: "scalar", scalar: "integer" });
    expect(typeOf("$filter(taetigkeit, function($t){ $t.hauptTaetigkeit })")).toMatchObject({ kind: "list", element: { name: "Taetigkeit" } });
    expect(typeOf("$map(taetigkeit, function($t){ $t.beschreibung })")).toEqual({ kind: "list", element: { kind: "scalar", scalar: "string" } });
    expect(typeOf("$split(gemeindeSchluessel, '')")).toEqual({ kind: "list", element: { kind: "scalar", scalar: "string" } });
    expect(typeOf("$lookup(betrieb, 'eingetragenerName')")).toEqual({ kind: "scalar", scalar: "string" });
    expect(typeOf("$now()")).toEqual({ kind: "scalar", scalar: "datetime" });
    expect(typeOf("$type(betrieb)")).toMatchObject({ kind: "scalar", scalar: "string", enumeration: expect.arrayContaining(["object"]) });
  });

  test("higher-order built-ins pass as many arguments as the callback takes", () => {
    const ds = checkExpression("$map(taetigkeit.beschreibung, $uppercase) ~> $filter($boolean)", SATZ, { registry: REGISTRY }).diagnostics;
    expect(ds).toEqual([]);
  });
});
