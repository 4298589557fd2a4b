/**
 * `stellwerk build` through the compiled CLI: a schema-valid routing table
 * (schema/routing-table.schema.json, ajv draft 2020-12), identical bytes on a
 * second build, a production table without non-production regions or test
 * endpoints, and nothing written when the rule set has an error.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoutingTable } from "../../src/table/routing-table.js";
import { REPO } from "../helpers/compile.js";
import { stellwerkAll, tempDir, type CliRun } from "../helpers/cli.js";

const STAGES = "test/fixtures/rules/stages";
const tmp = tempDir();
const out = (name: string): string => join(tmp.dir, name);

const RUNS = {
  test1: { args: ["build", STAGES, "--out", out("test1")] },
  test2: { args: ["build", STAGES, "--out", out("test2")] },
  pilot: { args: ["build", STAGES, "--stage", "pilot", "--out", out("pilot")] },
  production: { args: ["build", STAGES, "--stage", "production", "--out", out("production"), "--format", "json"] },
  broken: { args: ["build", "test/fixtures/rules/broken/regions/missing-override.stw", "--out", out("broken")] },
  brokenExisting: { args: ["build", "test/fixtures/rules/broken/lexer/latin1.stw", "--out", out("existing")] },
  badStage: { args: ["build", STAGES, "--stage", "prod", "--out", out("bad-stage")] },
  help: { args: ["build", "--help"] },
  outIsFile: { args: ["build", STAGES, "--out", "package.json"] },
} as const;

let run: Record<keyof typeof RUNS, CliRun>;
beforeAll(async () => {
  // An output folder from an earlier, successful build: a failed build must leave it alone.
  const existing = out("existing");
  await import("node:fs").then((fs) => fs.mkdirSync(existing));
  writeFileSync(join(existing, "routing-table.json"), '{"earlier": true}\n');
  run = await stellwerkAll(RUNS);
}, 120_000);
afterAll(() => tmp.remove());

const tableOf = (dir: string): RoutingTable => JSON.parse(readFileSync(join(out(dir), "routing-table.json"), "utf8")) as RoutingTable;

/** Every file under a folder, relative, sorted. */
function files(dir: string): string[] {
  const list: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p, `${rel}${name}/`);
      else list.push(`${rel}${name}`);
    }
  };
  walk(dir, "");
  return list;
}

describe("build", () => {
  it("writes the routing table, the test plan and pilot bundles, and exits 0", () => {
    expect(run.test1.status).toBe(0);
    expect(run.test1.stderr).toMatch(/wrote \d+ file\(s\) to .*: stage test, 1 scenarios, 419 municipalities, sha256:[0-9a-f]{64}/);
    const written = files(out("test1"));
    expect(written).toContain("routing-table.json");
    expect(written).toContain("test-plan.json");
    expect(written).toContain("bundles/14522180.json");
  });

  it.each(["test1", "pilot", "production"])("writes a table valid against schema/routing-table.schema.json (%s)", (dir) => {
    const schema = JSON.parse(readFileSync(join(REPO, "schema", "routing-table.schema.json"), "utf8")) as object;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(tableOf(dir));
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(ok).toBe(true);
  });

  it("writes identical bytes on a second build, every file", () => {
    expect(run.test2.status).toBe(0);
    const a = files(out("test1"));
    expect(files(out("test2"))).toEqual(a);
    for (const f of a) expect(readFileSync(join(out("test2"), f)).equals(readFileSync(join(out("test1"), f))), f).toBe(true);
  });

  it("creates the files owner-only", () => {
    const mode = statSync(join(out("test1"), "routing-table.json")).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it("prints the list of written files with --format json", () => {
    expect(run.production.status).toBe(0);
    const report = JSON.parse(run.production.stdout) as { diagnostics: unknown[]; written: string[] };
    expect(report.diagnostics).toEqual([]);
    expect(report.written.map((p) => p.slice(out("production").length + 1)).sort()).toEqual([
      "bundles/14522180.json",
      "bundles/14612000.json",
      "routing-table.json",
      "test-plan.json",
    ]);
  });

  it("explains every option in --help", () => {
    for (const opt of ["--stage", "--out", "--directory", "--format"]) expect(run.help.stdout).toContain(opt);
  });

  it("exits 2 for an unknown stage and writes nothing", () => {
    expect(run.badStage.status).toBe(2);
    expect(existsSync(out("bad-stage"))).toBe(false);
  });
});

describe("build: stages", () => {
  it("a production table contains only production regions and municipalities", () => {
    const t = tableOf("production");
    expect(t.stage).toBe("production");
    expect(t.regions.agsToArs).toEqual({ "14522180": "145220180180", "14612000": "146120000000" });
    const routes = t.scenarios["stufen.A1"]!.routes;
    expect(Object.keys(routes).sort()).toEqual(["145220180180", "146120000000"]);
    for (const r of Object.values(routes)) expect(r.stage).toBe("production");
  });

  it("a production table contains no test or pilot endpoint", () => {
    const t = tableOf("production");
    const text = JSON.stringify(t);
    expect(text).not.toContain("test/");
    expect(text).not.toContain("pilot/");
    expect(text).not.toContain("test.example");
    expect(t.endpoints.map((e) => e.adapter)).toEqual([
      { kind: "filesystem", outbox: "prod/amt24/out", variant: "xml-file", encoding: "UTF-8" },
      { kind: "webservice", url: "https://gewerbe.freiberg.example/api", method: "POST", authSecret: "FREIBERG_TOKEN", timeoutMs: 10_000, maxAttempts: 3 },
      { kind: "osci", recipient: "dvdv:gewerbe:14612000", orders: "osci/orders" },
    ]);
    expect(Object.keys(t.systems)).toEqual(["stufen.Amt24", "stufen.ProX"]);
    for (const s of Object.values(t.systems)) expect(s.certified).toBe(true);
  });

  it("a pilot table adds the pilot regions, with `in pilot` endpoints where given and the default elsewhere", () => {
    const t = tableOf("pilot");
    expect(Object.keys(t.regions.agsToArs)).toHaveLength(53 + 1); // Mittelsachsen's 53 municipalities and Dresden
    const text = JSON.stringify(t.endpoints);
    expect(text).toContain("pilot/mittelsachsen/in");
    expect(text).toContain("pilot/freiberg/in");
    expect(text).toContain("test/dresden/in"); // Dresden declares no pilot endpoint
    expect(text).not.toContain("test/mittelsachsen/in");
    expect(text).not.toContain("prod/");
  });

  it("a test table routes every municipality of Saxony with the test endpoints", () => {
    const t = tableOf("test1");
    expect(Object.keys(t.regions.agsToArs)).toHaveLength(419);
    const text = JSON.stringify(t.endpoints);
    expect(text).toContain("https://test.example/sachsen");
    expect(text).toContain("test/freiberg/in");
    expect(text).not.toContain("prod/");
  });
});

describe("build: errors", () => {
  it("writes nothing when the rule set has an error", () => {
    expect(run.broken.status).toBe(1);
    expect(run.broken.stderr).toContain("SW2011");
    expect(existsSync(out("broken"))).toBe(false);
  });

  it("leaves an earlier output untouched when the rule set has an error", () => {
    expect(run.brokenExisting.status).toBe(1);
    expect(files(out("existing"))).toEqual(["routing-table.json"]);
    expect(readFileSync(join(out("existing"), "routing-table.json"), "utf8")).toBe('{"earlier": true}\n');
  });
});

describe("build: output path errors", () => {
  it("explains an output path that is a file in plain words, with exit 2 (regression: 'EEXIST on package.json')", () => {
    expect(run.outIsFile.status).toBe(2);
    expect(run.outIsFile.stderr).toBe("stellwerk: package.json: already exists (and is not a folder that can be used) (EEXIST)\n");
  });
});
