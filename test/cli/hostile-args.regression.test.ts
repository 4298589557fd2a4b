/**
 * Regressions of the CLI with hostile arguments:
 * - `stellwerk route --table t.json <fifo>` waited for ever for a writer, and
 *   `<message>` = /dev/zero read until memory ran out (also as --table);
 * - a path holding a newline or an escape sequence was printed raw: the
 *   "one line" error became two, and the terminal obeyed the escape sequence.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, test, vi } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { printable as oneLine } from "../../src/diagnostics/printable.js";

const TABLE = fileURLToPath(new URL("../fixtures/tables/gewerbe.json", import.meta.url));
const MESSAGE = fileURLToPath(new URL("../fixtures/messages/xgewerbeanzeige/sta-anmeldung-freiberg.xml", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "stw-cli-hostile-"));
const fifo = join(dir, "pipe.xml");
execFileSync("mkfifo", [fifo]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the CLI; returns the exit code and what it wrote to stderr. */
async function cli(...args: string[]): Promise<{ code: number; err: string }> {
  let err = "";
  vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  const code = await runCli(["node", "stellwerk", ...args]);
  return { code, err };
}

describe("special files as arguments", () => {
  test("a FIFO or /dev/zero as the message or the table is refused at once, exit 2, one line", async () => {
    const started = performance.now();
    expect(await cli("route", "--table", TABLE, fifo)).toEqual({ code: 2, err: `stellwerk: cannot read ${fifo} (is a FIFO (named pipe), not a regular file)\n` });
    expect(await cli("route", "--table", TABLE, "/dev/zero")).toEqual({ code: 2, err: "stellwerk: cannot read /dev/zero (is a device, not a regular file)\n" });
    expect(await cli("route", "--table", fifo, MESSAGE)).toEqual({
      code: 2,
      err: `stellwerk: cannot load ${fifo}: error[io]: cannot read the table file (is a FIFO (named pipe), not a regular file)\n`,
    });
    expect((await cli("explain", "--table", "/dev/zero", "14522180")).code).toBe(2);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe("paths with control characters", () => {
  test("a newline or an escape sequence in a path is shown escaped: the error stays one line", async () => {
    const { code, err } = await cli("route", "--table", TABLE, "a\nb\u001b[31m.xml");
    expect(code).toBe(2);
    expect(err).toBe("stellwerk: cannot read a\\u000ab\\u001b[31m.xml (ENOENT)\n");
  });

  test("spaces and umlauts stay as they are", () => {
    expect(oneLine("cannot read /tmp/Straße 1/ä.xml")).toBe("cannot read /tmp/Straße 1/ä.xml");
    expect(oneLine("x\u2028y\u0085z\u007f")).toBe("x\\u2028y\\u0085z\\u007f");
  });
});
