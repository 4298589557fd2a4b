/**
 * The clean rule sets check without findings and lower for every stage: the
 * shipped rules/ and the fixture set test/fixtures/rules/valid (also a seed of
 * the fuzz test). Each set is compiled once; lowering twice gives the same bytes.
 */
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { compile, type CompileResult } from "../../src/compiler/compile.js";
import { lower } from "../../src/lowering/lower.js";
import { canonicalJson } from "../../src/table/canonical-json.js";
import { REPO, locate, testDirectory } from "../helpers/compile.js";

const SETS = ["rules", "test/fixtures/rules/valid"].filter((p) => existsSync(`${REPO}${p}`));

describe.each(SETS.map((s) => [s]))("the rule set %s", (set) => {
  let result: CompileResult;
  beforeAll(() => {
    result = compile({ paths: [`${REPO}${set}`], directory: testDirectory() });
  });

  it("checks without errors or warnings", () => {
    const shown = result.diagnostics.filter((d) => d.severity !== "info").map((d) => {
      const l = locate(d, result.sources);
      return `${l.file.slice(REPO.length)}:${l.line}:${l.column} ${l.code} ${l.message}`;
    });
    expect(shown).toEqual([]);
  });

  it.each(["pilot", "production"] as const)("lowers for stage %s", (stage) => {
    expect(lower(result.model!, stage).table.stage).toBe(stage);
  });

  it("lowers for stage test identically twice", () => {
    const a = lower(result.model!, "test");
    expect(canonicalJson(lower(result.model!, "test"))).toBe(canonicalJson(a));
  });
});
