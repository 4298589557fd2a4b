import { describe, expect, test } from "vitest";
import { withContentHash } from "../../src/table/content-hash.js";
import type { RoutingTable } from "../../src/table/routing-table.js";
import { jsonataCompilationCount } from "../../src/runtime/expressions.js";
import { loadTable, readTableFile, TableHolder } from "../../src/runtime/load-table.js";
import { TableError } from "../../src/runtime/table-error.js";
import { tableValidator } from "../../src/runtime/table-schema.js";
import { route } from "../../src/runtime/router.js";
import { fixtureBytes, FREIBERG_ABMELDUNG, tableJson } from "./fixtures.js";
import { fileURLToPath } from "node:url";

function loadError(json: unknown): TableError {
  try {
    loadTable(json);
  } catch (e) {
    if (e instanceof TableError) return e;
    throw e;
  }
  throw new Error("the table was accepted");
}

const mutated = (f: (t: RoutingTable) => void): RoutingTable => {
  const t = tableJson();
  f(t);
  return withContentHash(t);
};

describe("loadTable", () => {
  test("accepts the fixture table", () => {
    expect(loadTable(tableJson()).table.scenarios["gewerbe.A10"]!.title).toBe("Übermittlung an Pflichtempfänger");
  });

  test("refuses another format or a non-object", () => {
    expect(loadError([]).code).toBe("format");
    expect(loadError({ format: "other" }).code).toBe("format");
  });

  test("refuses another major format version with a clear message", () => {
    const e = loadError({ ...tableJson(), formatVersion: 2 });
    expect(e.code).toBe("format-version");
    expect(e.message).toBe("routing-table format version 2 is not supported; this runtime reads version 1");
    expect(e.format()).toMatch(/^error\[format-version\]: /);
  });

  test("refuses a table that does not match the schema, naming the path", () => {
    const e = loadError(mutated((t) => ((t.deliveries[0]! as { endpoint: unknown }).endpoint = "1")));
    expect(e.code).toBe("schema");
    expect(e.details.join("\n")).toContain("/deliveries/0/endpoint");
  });

  test("refuses malformed regional keys", () => {
    expect(loadError(mutated((t) => (t.regions.agsToArs["1452218"] = "145220180180"))).code).toBe("schema");
    expect(loadError(mutated((t) => (t.scenarios["kfz.A1"]!.routes["1461"] = t.scenarios["kfz.A1"]!.routes["14612"]!))).code).toBe("schema");
  });

  test("refuses an edited table (content hash)", () => {
    const t = tableJson();
    t.deliveries[t.scenarios["gewerbe.A10"]!.routes["14"]!.deliveries[0]!]!.endpoint = 0;
    const e = loadError(t);
    expect(e.code).toBe("content-hash");
  });

  test("refuses dangling references", () => {
    const e = loadError(mutated((t) => (t.deliveries[0]!.transform = 99)));
    expect(e.code).toBe("reference");
    expect(e.details[0]).toBe("/deliveries/0: expression #99 does not exist");
    expect(loadError(mutated((t) => (t.scenarios["kfz.A1"]!.routes["14612"]!.deliveries = [t.deliveries.length]))).code).toBe("reference");
    expect(loadError(mutated((t) => (t.scenarios["kfz.A1"]!.routes["14612"]!.source = t.sources.length))).code).toBe("reference");
    expect(loadError(mutated((t) => (t.scenarios["kfz.A1"]!.message = "kfz.Nix"))).code).toBe("reference");
  });

  test("refuses an expression that does not compile, by index and position", () => {
    const e = loadError(mutated((t) => (t.expressions[4] = "gemeinde +")));
    expect(e.code).toBe("expression");
    expect(e.details[0]).toMatch(/^expressions\[4\]: jsonata S\d+ at position \d+$/);
  });

  test("compiles each distinct expression exactly once", () => {
    const t = mutated((tb) => tb.expressions.push(tb.expressions[0]!, tb.expressions[1]!));
    const before = jsonataCompilationCount();
    loadTable(t);
    expect(jsonataCompilationCount() - before).toBe(new Set(t.expressions).size);
  });

  test("the reader tolerates unknown optional members; the strict (writer) schema does not", () => {
    const t = mutated((tb) => Object.assign(tb, { futureField: { x: 1 } }));
    expect(() => loadTable(t)).not.toThrow();
    expect(() => loadTable(t, { strict: true })).toThrow(TableError);
  });

  test("the fixture table is valid against the strict schema", () => {
    const validate = tableValidator(true);
    expect(validate(tableJson()), JSON.stringify(validate.errors)).toBe(true);
  });

  test("readTableFile reports io and json errors with codes", async () => {
    await expect(readTableFile("/nonexistent/table.json")).rejects.toMatchObject({ code: "io" });
    const notJson = fileURLToPath(new URL("../fixtures/messages/xgewerbeanzeige/sta-abmeldung-freiberg.xml", import.meta.url));
    await expect(readTableFile(notJson)).rejects.toMatchObject({ code: "json" });
    const ok = fileURLToPath(new URL("../fixtures/tables/gewerbe.json", import.meta.url));
    expect((await readTableFile(ok)).table.stage).toBe("test");
  });

  test("route refuses an object that was not loaded", async () => {
    await expect(route({ table: tableJson() }, new Uint8Array())).rejects.toBeInstanceOf(TableError);
  });
});

describe("TableHolder", () => {
  test("a bad reload is rejected and the last good table stays in use", async () => {
    const holder = new TableHolder();
    expect(holder.current).toBeUndefined();
    const first = holder.reload(tableJson());
    expect(first.ok).toBe(true);
    const good = holder.current!;
    const bad = holder.reload({ ...tableJson(), formatVersion: 2 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe("format-version");
      expect(bad.kept).toBe(good);
    }
    expect(holder.current).toBe(good);
    const badFile = await holder.reloadFile("/nonexistent.json");
    expect(badFile.ok).toBe(false);
    expect(holder.current).toBe(good);
    expect((await route(holder.current!, fixtureBytes(FREIBERG_ABMELDUNG))).ok).toBe(true);
    const next = holder.reload(mutated((t) => (t.compilerVersion = "0.1.1")));
    expect(next.ok).toBe(true);
    expect(holder.current).not.toBe(good);
  });
});
