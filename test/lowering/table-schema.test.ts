/**
 * Every table the fixture rule sets lower to, for every stage, is valid against
 * the published schema/routing-table.schema.json (ajv, draft 2020-12, closed),
 * carries its versions and content hash, and does not depend on the order in
 * which the rule files are read.
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { findRuleFiles } from "../../src/compiler/compile.js";
import { lower } from "../../src/lowering/lower.js";
import { analyze } from "../../src/semantics/analyze.js";
import { parseSource } from "../../src/syntax/parse.js";
import { canonicalJson } from "../../src/table/canonical-json.js";
import { REPO, checkSources, testDirectory } from "../helpers/compile.js";

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(`${REPO}schema/routing-table.schema.json`, "utf8")) as object);

function sourcesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of findRuleFiles([`${REPO}${dir}`], [])) out[f.slice(REPO.length + dir.length + 1)] = readFileSync(f, "utf8");
  return out;
}

describe.each([["test/fixtures/rules/valid"], ["test/fixtures/rules/stages"]])("tables of %s", (dir) => {
  const files = sourcesOf(dir);
  const checked = checkSources(files);

  it.each(["test", "pilot", "production"] as const)("are schema-valid for stage %s", (stage) => {
    const { table } = lower(checked.model, stage);
    validate(table);
    expect(validate.errors ?? []).toEqual([]);
    expect(table.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(table.directory).toEqual({ source: "AuszugGV4QAktuell_2020.csv", date: "2020-12-31" });
  });

  it("do not depend on the order of the rule files", () => {
    const names = Object.keys(files);
    const asts = (order: string[]) => order.map((n) => parseSource(files[n]!, n).ast);
    const opts = { directory: testDirectory(), root: ".", readFile: () => undefined };
    const forward = lower(analyze(asts(names), opts).model, "test");
    const backward = lower(analyze(asts([...names].reverse()), opts).model, "test");
    expect(canonicalJson(backward.table)).toBe(canonicalJson(forward.table));
  });
});
