/**
 * Regressions of the rule-file search on hostile folders and arguments:
 * - a symlink loop inside the rules folder (sub/loop -> ..) was followed until
 *   the path got too long, and `stellwerk check` stopped with a 4 KB path and
 *   ELOOP instead of checking the rules;
 * - an entry that is a symlink to itself (ELOOP on stat) aborted the whole run;
 * - a FIFO named *.stw, or /dev/zero given as a path, was read: the check hung;
 * - the same file given twice under two spellings (rules and
 *   ./rules/gewerbe/systeme.stw) was read twice: 19 "declared twice" errors.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile, findRuleFiles } from "../../src/compiler/compile.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";

const dir = mkdtempSync(join(tmpdir(), "stw-find-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RULES = new URL("../../rules/", import.meta.url).pathname;

describe("findRuleFiles on hostile folders", () => {
  it("takes each folder once through a symlink loop and reports a self-looping *.stw, without stopping", () => {
    const root = join(dir, "loop");
    mkdirSync(join(root, "sub"), { recursive: true });
    writeFileSync(join(root, "a.stw"), "package p\n");
    writeFileSync(join(root, "sub", "b.stw"), "package p\n");
    symlinkSync("..", join(root, "sub", "loop"));
    symlinkSync("self", join(root, "self"));
    symlinkSync("me.stw", join(root, "me.stw"));
    const out: Diagnostic[] = [];
    const files = findRuleFiles([root], out);
    expect(files).toEqual([join(root, "a.stw"), join(root, "sub", "b.stw")]);
    expect(out.map((d) => [d.code, d.message])).toEqual([["SW3003", `Cannot read "${join(root, "me.stw")}": too many symbolic links (a symlink loop?).`]]);
  });

  it("reports a FIFO named *.stw and a device given as a path, without reading them", () => {
    const root = join(dir, "fifo");
    mkdirSync(root);
    execFileSync("mkfifo", [join(root, "pipe.stw")]);
    const started = performance.now();
    const result = compile({ paths: [root, "/dev/zero"] });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.diagnostics.filter((d) => d.code === "SW3003").map((d) => d.message)).toEqual([
      `Cannot read "${join(root, "pipe.stw")}": not a regular file (a FIFO, device or socket).`,
      'Cannot read "/dev/zero": not a regular file (a FIFO, device or socket).',
    ]);
  });

  it("reads a file given twice, under another spelling or through a symlink, once", () => {
    const out: Diagnostic[] = [];
    const once = findRuleFiles([RULES], out);
    const root = join(dir, "alias");
    mkdirSync(root);
    symlinkSync(join(RULES, "gewerbe"), join(root, "gewerbe-link"));
    const twice = findRuleFiles([RULES, join(RULES, "gewerbe", ".", "systeme.stw"), join(RULES, "gewerbe", "..", "gewerbe"), join(root, "gewerbe-link")], out);
    expect(out).toEqual([]);
    expect(twice).toEqual(once);
    const result = compile({ paths: ["rules", "./rules/gewerbe/systeme.stw"] });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("keeps paths with spaces, newlines and umlauts as they are", () => {
    const root = join(dir, "Regeln mit\nZeilenumbruch und Ümlaut");
    mkdirSync(root);
    writeFileSync(join(root, "Straße 1.stw"), readFileSync(join(RULES, "common", "roles.stw")));
    const out: Diagnostic[] = [];
    expect(findRuleFiles([root], out)).toEqual([join(root, "Straße 1.stw")]);
    expect(out).toEqual([]);
  });
});
