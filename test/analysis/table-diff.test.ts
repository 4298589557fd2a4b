import { describe, expect, it } from "vitest";
import { diffTables } from "../../src/analysis/table-diff.js";
import type { RoutingTable } from "../../src/table/routing-table.js";

function table(inbox: string, withIhk: boolean): RoutingTable {
  const setBy = (line: number) => ({ file: "a.stw", line, region: "14", level: "state" as const });
  const deliveries = [{ role: "p.Empfaenger", system: "p.E", endpoint: 0, message: "p.M", setBy: setBy(1) }];
  if (withIhk) deliveries.push({ role: "p.Pflicht", recipient: "IHK", system: "p.P", endpoint: 1, message: "p.M", setBy: setBy(2) } as never);
  return {
    format: "stellwerk.routing-table",
    formatVersion: 1,
    compilerVersion: "0",
    jsonataVersion: "2.2.2",
    stage: "test",
    contentHash: "",
    directory: { source: "x", date: "2020-12-31" },
    regions: { agsToArs: { "14522180": "145220180180", "14511000": "145110000000" } },
    types: {},
    messages: {},
    expressions: ["ags"],
    bindings: [],
    systems: {},
    endpoints: [
      { system: "p.E", adapter: { kind: "filesystem", inbox, variant: "xml-file", encoding: "UTF-8" } },
      { system: "p.P", adapter: { kind: "osci", recipient: "ihk:1", orders: "o" } },
    ],
    deliveries,
    sources: [],
    scenarios: {
      "p.A1": {
        id: "p.A1",
        title: "t",
        from: "p.S",
        targets: [{ role: "p.Empfaenger", mode: "one" }],
        message: "p.M",
        detect: { key: "xml:{}m" },
        region: 0,
        reply: false,
        unroutable: { kind: "error-folder" },
        routes: { "14": { stage: "test", deliveries: deliveries.map((_, i) => i) } },
      },
    },
  };
}

describe("diffTables", () => {
  it("reports nothing for identical tables", () => {
    const d = diffTables(table("in", true), table("in", true));
    expect(d.changes).toEqual([]);
  });

  it("groups one change over many municipalities into one line", () => {
    const d = diffTables(table("in", true), table("new/in", true));
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0]!.target).toBe("p.Empfaenger");
    expect(d.changes[0]!.change).toMatch(/^endpoint: .*"inbox":"in".* -> .*"inbox":"new\/in"/);
    expect(d.changes[0]!.municipalities).toEqual(["14511000", "14522180"]);
  });

  it("reports a removed recipient", () => {
    const d = diffTables(table("in", true), table("in", false));
    expect(d.changes.map((c) => [c.target, c.change])).toEqual([['p.Pflicht "IHK"', "removed (was p.P)"]]);
  });
});
