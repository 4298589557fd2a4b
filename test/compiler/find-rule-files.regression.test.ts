/**
 * Regression: a folder entry that cannot be stat'ed (a dangling symlink, or a
 * temporary folder of another program that vanished between listing and
 * stat) made `findRuleFiles` throw ENOENT, so `stellwerk test /tmp` stopped
 * with "ENOENT on ...". Such entries are skipped; an unlistable folder is a
 * read-error diagnostic.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findRuleFiles } from "../../src/compiler/compile.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";

let dir = "";
afterEach(() => {
  if (dir) {
    chmodSync(join(dir, "locked"), 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("findRuleFiles", () => {
  it("skips entries that cannot be stat'ed and reports folders that cannot be listed", () => {
    dir = mkdtempSync(join(tmpdir(), "stw-find-"));
    writeFileSync(join(dir, "a.stw"), "role A\n");
    symlinkSync(join(dir, "gone"), join(dir, "dangling"));
    mkdirSync(join(dir, "locked"));
    writeFileSync(join(dir, "locked", "b.stw"), "role B\n");
    chmodSync(join(dir, "locked"), 0o000);
    const out: Diagnostic[] = [];
    const files = findRuleFiles([dir], out);
    expect(files).toContain(join(dir, "a.stw"));
    expect(files.some((f) => f.includes("dangling"))).toBe(false);
    // root can list anything: the diagnostic only appears for ordinary users.
    if (process.getuid?.() !== 0) expect(out.map((d) => d.code)).toEqual(["SW3003"]);
    else expect(out).toEqual([]);
  });
});
