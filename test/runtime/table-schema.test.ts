import { describe, expect, test } from "vitest";
import type { MessageType, TypeRegistry } from "../../src/types/model.js";
import type { Endpoint, RoutingTable, Scenario } from "../../src/table/routing-table.js";
import { withContentHash } from "../../src/table/content-hash.js";
import { describeSchemaErrors, tableValidator } from "../../src/runtime/table-schema.js";
import { loadTable } from "../../src/runtime/load-table.js";
import { tableJson } from "./fixtures.js";

const strict = tableValidator(true);
const errors = (v: unknown): string[] => (strict(v) ? [] : describeSchemaErrors(strict.errors));

/** Every type kind and every optional member of the type model, typed by the contract. */
const everyType: TypeRegistry = {
  "t.All": {
    kind: "record",
    name: "All",
    open: true,
    choice: false,
    fields: [
      { name: "s", type: { kind: "scalar", scalar: "string", pattern: "[0-9]{5}", enumeration: ["01067"] }, optional: false, xml: { node: "element", localName: "s", ns: "urn:x", nillable: true, opaque: false } },
      { name: "@a", type: { kind: "scalar", scalar: "date" }, optional: true, xml: { node: "attribute", localName: "a" } },
      { name: "#text", type: { kind: "scalar", scalar: "base64" }, optional: true, xml: { node: "text", localName: "" } },
      { name: "c", type: { kind: "codelist", name: "Art", listUri: "urn:x:art", codes: ["1"], assumed: true }, optional: true },
      { name: "l", type: { kind: "list", element: { kind: "ref", name: "t.All" }, min: 0, max: 3 }, optional: true },
      { name: "u", type: { kind: "union", types: [{ kind: "any" }, { kind: "null" }] }, optional: true },
      { name: "f", type: { kind: "function", params: [{ kind: "scalar", scalar: "number" }], result: { kind: "scalar", scalar: "boolean" } }, optional: true },
    ],
  },
};
const everyMessage: Record<string, MessageType> = {
  "t.X": { name: "t.X", encoding: { format: "xml", ns: "urn:x", root: "x", prefixes: { "urn:x": "x" } }, type: { kind: "ref", name: "t.All" }, version: "1.0" },
  "t.J": { name: "t.J", encoding: { format: "json" }, type: { kind: "any" } },
};
const everyEndpoint: Endpoint[] = [
  { system: "t.S", adapter: { kind: "filesystem", inbox: "a/in", outbox: "a/out", variant: "folder", encoding: "UTF-8" } },
  { system: "t.S", adapter: { kind: "webservice", url: "https://x.example/in", method: "PUT", authSecret: "TOKEN", timeoutMs: 1000, maxAttempts: 2 } },
  { system: "t.S", adapter: { kind: "osci", recipient: "psw:14522180", service: "urn:x", orders: "osci/orders" } },
];
const everyScenario: Scenario = {
  id: "t.A1",
  title: "Alles",
  from: "t.R",
  targets: [
    { role: "t.R", mode: "one" },
    { role: "t.Q", mode: "each" },
    { role: "", mode: "origin" },
  ],
  message: "t.X",
  detect: { key: "xml:{urn:x}x", when: 0 },
  region: 0,
  correlation: 0,
  idempotency: 0,
  reply: false,
  ack: "t.A1",
  unroutable: { kind: "dead-letter", endpoint: 2 },
  routes: {
    "14": { stage: "production", source: 0, deliveries: [0] },
  },
};

function fullTable(): RoutingTable {
  const t = tableJson();
  Object.assign(t.types, everyType);
  Object.assign(t.messages, everyMessage);
  const base = t.endpoints.length;
  t.endpoints.push(...everyEndpoint);
  const s = structuredClone(everyScenario);
  s.unroutable = { kind: "dead-letter", endpoint: base + 2 };
  s.routes["14"]!.source = t.sources.length;
  s.routes["14"]!.deliveries = [t.deliveries.length];
  t.sources.push({ system: "t.S", endpoint: base, setBy: { file: "t.stw", line: 1, region: "", level: "state" } });
  t.deliveries.push({ role: "t.Q", recipient: "Q1", system: "t.S", endpoint: base + 1, message: "t.J", transform: 0, transformName: "t.f", when: 0, bindings: 0, annotations: { frist: "sofort" }, setBy: { file: "t.stw", line: 2, region: "14", level: "state" } });
  t.scenarios[s.id] = s;
  t.systems["t.S"] = { roles: ["t.R", "t.Q"], accepts: ["t.X", "t.J"], certified: false };
  return withContentHash(t);
}

describe("schema/routing-table.schema.json", () => {
  test("accepts every optional member and type kind of the contract (strict)", () => {
    const t = fullTable();
    expect(errors(t)).toEqual([]);
    expect(() => loadTable(t, { strict: true })).not.toThrow();
  });

  test.each([
    ["a top-level member", (t: RoutingTable) => Object.assign(t, { extra: 1 })],
    ["a scenario member", (t: RoutingTable) => Object.assign(t.scenarios["t.A1"]!, { extra: 1 })],
    ["a delivery member", (t: RoutingTable) => Object.assign(t.deliveries.at(-1)!, { extra: 1 })],
    ["a route-entry member", (t: RoutingTable) => Object.assign(t.scenarios["t.A1"]!.routes["14"]!, { name: "Sachsen" })],
    ["an adapter member", (t: RoutingTable) => Object.assign(t.endpoints[0]!.adapter, { password: "geheim" })],
    ["a type member", (t: RoutingTable) => Object.assign(t.types["t.All"]!, { extra: 1 })],
    ["a provenance member", (t: RoutingTable) => Object.assign(t.deliveries.at(-1)!.setBy, { column: 3 })],
  ])("refuses an unknown %s", (_n, mutate) => {
    const t = fullTable();
    mutate(t);
    expect(errors(t).some((e) => e.includes("must NOT have additional properties"))).toBe(true);
  });

  test.each([
    ["expressions", (t: RoutingTable) => delete (t as Partial<RoutingTable>).expressions],
    ["delivery.setBy", (t: RoutingTable) => delete (t.deliveries.at(-1)! as { setBy?: unknown }).setBy],
    ["scenario.unroutable", (t: RoutingTable) => delete (t.scenarios["t.A1"]! as { unroutable?: unknown }).unroutable],
    ["webservice.timeoutMs", (t: RoutingTable) => delete (t.endpoints.at(-2)!.adapter as { timeoutMs?: unknown }).timeoutMs],
  ])("requires %s", (_n, mutate) => {
    const t = fullTable();
    mutate(t);
    expect(errors(t).length).toBeGreaterThan(0);
  });

  test.each([
    ["a role-less target other than origin", (t: RoutingTable) => (t.scenarios["t.A1"]!.targets[0]!.role = "")],
    ["an 11-digit route key", (t: RoutingTable) => (t.scenarios["t.A1"]!.routes["14522018018"] = t.scenarios["t.A1"]!.routes["14"]!)],
    ["an absolute inbox", (t: RoutingTable) => ((t.endpoints.at(-3)!.adapter as { inbox: string }).inbox = "/etc")],
    ["a '..' in the orders directory", (t: RoutingTable) => ((t.endpoints.at(-1)!.adapter as { orders: string }).orders = "a/../../b")],
    ["an ftp URL", (t: RoutingTable) => ((t.endpoints.at(-2)!.adapter as { url: string }).url = "ftp://x")],
    ["a bad content hash", (t: RoutingTable) => (t.contentHash = "md5:abc")],
    ["maxAttempts 0", (t: RoutingTable) => ((t.endpoints.at(-2)!.adapter as { maxAttempts: number }).maxAttempts = 0)],
    ["a negative ExprRef", (t: RoutingTable) => (t.scenarios["t.A1"]!.region = -1)],
    ["an unknown scalar kind", (t: RoutingTable) => (((t.types["t.All"] as { fields: Array<{ type: { scalar?: string } }> }).fields[0]!.type.scalar = "float"))],
  ])("refuses %s", (_n, mutate) => {
    const t = fullTable();
    mutate(t);
    expect(errors(t).length).toBeGreaterThan(0);
  });
});
