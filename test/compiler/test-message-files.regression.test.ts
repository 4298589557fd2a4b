/**
 * Regression: `stellwerk test` (and check/build) hung when a test block's
 * message file was a FIFO and read /dev/zero until memory ran out: the
 * checker reads each named message file (SW2081) with a plain readFileSync.
 * A 100 MB file was read whole only to learn that it exists. Now the compiler
 * reads regular files of at most 64 MiB only, and SW2081 names the case.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { MAX_COMPILER_INPUT_BYTES, compile, safeRead } from "../../src/compiler/compile.js";

const RULES = new URL("../../rules/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "stw-test-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const msgs = join(dir, "msgs");
mkdirSync(msgs);
execFileSync("mkfifo", [join(msgs, "pipe.xml")]);
writeFileSync(join(msgs, "big.xml"), "");
truncateSync(join(msgs, "big.xml"), 100 * 1024 * 1024); // sparse
mkdirSync(join(msgs, "dir.xml"));

describe("safeRead", () => {
  test("reads regular files only, up to the limit, without blocking", () => {
    expect(safeRead(join(msgs, "pipe.xml"))).toBeUndefined();
    expect(safeRead("/dev/zero")).toBeUndefined();
    expect(safeRead(join(msgs, "dir.xml"))).toBeUndefined();
    expect(safeRead(join(msgs, "big.xml"))).toBeUndefined();
    expect(safeRead(join(msgs, "none.xml"))).toBeUndefined();
    expect(safeRead(join(RULES, "common", "roles.stw"))?.byteLength).toBeGreaterThan(0);
    expect(MAX_COMPILER_INPUT_BYTES).toBe(64 * 1024 * 1024);
  });
});

describe("a test block's message file", () => {
  test("a FIFO, /dev/zero, a folder or a 100 MB file is SW2081 at the file, at once", () => {
    const rules = join(dir, "rules");
    symlinkSync(new URL("../../examples", import.meta.url).pathname, join(dir, "examples")); // the XSDs the rules import
    cpSync(join(RULES, "common"), join(rules, "common"), { recursive: true });
    cpSync(join(RULES, "gewerbe"), join(rules, "gewerbe"), { recursive: true, filter: (src) => !src.includes("/tests") });
    const step = (name: string, file: string): string => `test "${name}" {\n  given A10 file "${file}"\n  expect rejected invalid\n}\n`;
    writeFileSync(
      join(rules, "gewerbe", "hostile.stw"),
      "package gewerbe\n\nimport common\n\n" + step("fifo", "../../msgs/pipe.xml") + step("zero", "/dev/zero") + step("dir", "../../msgs/dir.xml") + step("big", "../../msgs/big.xml"),
    );
    const started = performance.now();
    const result = compile({ paths: [rules] });
    expect(performance.now() - started).toBeLessThan(20_000);
    const found = result.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.message]);
    const sw2081 = (test: string, file: string) => ["SW2081", `Test "${test}" reads message file "${file}", which does not exist or is not a regular file of at most 64 MiB.`];
    expect(found).toEqual([sw2081("fifo", "../../msgs/pipe.xml"), sw2081("zero", "/dev/zero"), sw2081("dir", "../../msgs/dir.xml"), sw2081("big", "../../msgs/big.xml")]);
  });
});
