/**
 * Regression: message and table files were read with fs.readFile, so a FIFO
 * named as a message (`stellwerk route`, a test block's message file) or as a
 * table hung for ever waiting for a writer, /dev/zero was read until memory
 * ran out, and a 100 MB file was read whole before the size limit refused it.
 * Now only regular files are read, within the size limit, and the refusal says
 * why (the kind or the size), never what the file holds.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { InputFileError, readInputFile } from "../../src/runtime/input-file.js";
import { readTableFile } from "../../src/runtime/load-table.js";
import { runTestPlan } from "../../src/runtime/test-runner.js";
import type { TestCase, TestPlan } from "../../src/table/test-plan.js";
import { FREIBERG_ANMELDUNG, loadFixture } from "./fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "stw-input-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fifo = join(dir, "pipe.xml");
execFileSync("mkfifo", [fifo]);
const big = join(dir, "big.xml");
const fd = openSync(big, "w", 0o600);
ftruncateSync(fd, 100 * 1024 * 1024); // sparse: 100 MB without writing them
closeSync(fd);
mkdirSync(join(dir, "folder.xml"));
const fixtures = new URL("../fixtures/", import.meta.url).pathname;
copyFileSync(join(fixtures, FREIBERG_ANMELDUNG), join(dir, "ok.xml"));

async function refusal(path: string, max = 1000): Promise<InputFileError> {
  const e = await readInputFile(path, max).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputFileError);
  return e as InputFileError;
}

describe("readInputFile", () => {
  test("refuses a FIFO without waiting for a writer, a device and a folder, by kind", async () => {
    const started = performance.now();
    expect(await refusal(fifo)).toMatchObject({ code: "not-a-file", message: "is a FIFO (named pipe), not a regular file" });
    expect(await refusal("/dev/zero")).toMatchObject({ code: "not-a-file", message: "is a device, not a regular file" });
    expect(await refusal(join(dir, "folder.xml"))).toMatchObject({ code: "not-a-file", errno: "EISDIR" });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test("refuses a file above the limit by its size, without reading it", async () => {
    const e = await refusal(big, 64 * 1024 * 1024);
    expect(e).toMatchObject({ code: "too-large", message: "is 104857600 bytes, more than the limit of 67108864 bytes" });
  });

  test("a missing file is an io error with its system code; a regular file is read", async () => {
    expect(await refusal(join(dir, "nope.xml"))).toMatchObject({ code: "io", errno: "ENOENT" });
    expect((await readInputFile(join(dir, "ok.xml"), 1 << 20)).toString("utf8")).toMatch(/^<\?xml/);
  });
});

describe("readTableFile", () => {
  test("a FIFO, /dev/zero or a folder as the table is an io error naming the kind", async () => {
    await expect(readTableFile(fifo)).rejects.toMatchObject({ code: "io", message: "cannot read the table file (is a FIFO (named pipe), not a regular file)" });
    await expect(readTableFile("/dev/zero")).rejects.toMatchObject({ code: "io", message: "cannot read the table file (is a device, not a regular file)" });
    await expect(readTableFile(dir)).rejects.toMatchObject({ code: "io", message: "cannot read the table file (is a folder, not a regular file)" });
  });
});

describe("a test block's message file", () => {
  const tc = (name: string, file: string): TestCase => ({
    name,
    package: "gewerbe",
    source: { file: "gewerbe/tests.stw", line: 1 },
    stage: "test",
    setup: [],
    input: { file },
    expectations: [{ kind: "rejected", reason: "invalid", line: 2 }],
  });
  const plan: TestPlan = {
    format: "stellwerk.test-plan",
    formatVersion: 1,
    tests: [tc("fifo", "pipe.xml"), tc("zero", "/dev/zero"), tc("folder", "folder.xml"), tc("100 MB", "big.xml"), tc("ok", "ok.xml")],
  };

  test("a FIFO, /dev/zero, a folder or a 100 MB file is an error of that case, at once; the other cases run", async () => {
    const started = performance.now();
    const report = await runTestPlan(plan, { tables: { test: loadFixture() }, root: dir });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(report.cases.map((c) => [c.name, c.status, c.error])).toEqual([
      ["fifo", "error", "cannot read message file pipe.xml (it is a FIFO (named pipe), not a regular file)"],
      ["zero", "error", "cannot read message file /dev/zero (it is a device, not a regular file)"],
      ["folder", "error", "cannot read message file folder.xml (it is a folder, not a regular file)"],
      ["100 MB", "error", "cannot read message file big.xml (it is 104857600 bytes, more than the limit of 67108864 bytes)"],
      // routed normally: it is a valid Anmeldung, so the expectation "rejected" fails
      ["ok", "failed", undefined],
    ]);
  });
});
