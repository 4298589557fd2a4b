/**
 * The shipped rules deliver exactly the committed expected outputs
 * (examples/expected/, regenerate with scripts/gen-expected.mjs and review the diff).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectedOutputs } from "../../src/analysis/expected-outputs.js";
import { build } from "../../src/compiler/compile.js";
import { lower } from "../../src/lowering/lower.js";
import { loadTable } from "../../src/runtime/load-table.js";

const REPO = new URL("../../", import.meta.url).pathname;
const EXPECTED = join(REPO, "examples", "expected");

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(relative(EXPECTED, p));
  }
  return out.sort();
}

describe("expected outputs of the shipped examples", () => {
  let actual: Map<string, string>;
  beforeAll(async () => {
    const cwd = process.cwd();
    process.chdir(REPO);
    try {
      const result = build({ paths: ["rules"], stage: "test" });
      expect(result.output).toBeDefined();
      const tables = { test: loadTable(result.output!.table), pilot: loadTable(lower(result.model!, "pilot").table) };
      actual = await expectedOutputs(result.output!.plan, tables, result.model!.root);
    } finally {
      process.chdir(cwd);
    }
  }, 120_000);

  it("cover every process", () => {
    const packages = new Set([...actual.keys()].map((k) => k.split("/")[0]));
    expect([...packages].sort()).toEqual(["digasax", "gewerbe", "hkr"]);
  });

  it("are exactly the committed files", () => {
    expect(listFiles(EXPECTED)).toEqual([...actual.keys()]);
  });

  it("match byte for byte", () => {
    const differing = [...actual.entries()].filter(([rel, text]) => readFileSync(join(EXPECTED, rel), "utf8") !== text).map(([rel]) => rel);
    expect(differing).toEqual([]);
  });
});
