/**
 * Regression: `--directory` naming a FIFO hung check/build/test (readFileSync
 * waits for a writer), and /dev/zero (size 0 by stat) passed the size check
 * and was read until memory ran out. Only a regular file is read now.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DirectoryLoadError, loadDirectory } from "../../src/directory/index.js";
import { MAX_DIRECTORY_BYTES } from "../../src/directory/load.js";

const dir = mkdtempSync(join(tmpdir(), "stw-directory-special-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ioMessage(path: string): string {
  try {
    loadDirectory(path);
  } catch (e) {
    expect(e).toBeInstanceOf(DirectoryLoadError);
    const [first] = (e as DirectoryLoadError).errors;
    expect(first).toMatchObject({ code: "io", file: path });
    return first!.message;
  }
  throw new Error("loaded");
}

describe("loadDirectory on special files", () => {
  it("refuses a FIFO, a device and a folder by kind, at once; a too large file by size", () => {
    const fifo = join(dir, "gemeinden.csv");
    execFileSync("mkfifo", [fifo]);
    const big = join(dir, "big.csv");
    writeFileSync(big, "");
    truncateSync(big, MAX_DIRECTORY_BYTES + 1);
    const started = performance.now();
    expect(ioMessage(fifo)).toBe("the path is a FIFO (named pipe), not a regular file");
    expect(ioMessage("/dev/zero")).toBe("the path is a device, not a regular file");
    expect(ioMessage(dir)).toBe("the path is a folder, not a regular file");
    expect(ioMessage(big)).toBe(`larger than ${MAX_DIRECTORY_BYTES} bytes`);
    expect(ioMessage(join(dir, "none.csv"))).toBe("cannot read the file (ENOENT)");
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
