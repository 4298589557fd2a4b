/**
 * `stellwerk fmt`: print, --check, --write (atomic, mode kept, symlinks kept),
 * refusal of files with errors, usage errors.
 */
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { registerFmt } from "../../src/cli/commands/fmt.js";
import { UsageError } from "../../src/cli/output.js";

const MESSY = "role   A\nrole B";
const TIDY = "role A\n\nrole B\n";

let dir: string;
let out: string;
let err: string;

async function fmt(...args: string[]): Promise<number> {
  let code = -1;
  const program = new Command().exitOverride();
  registerFmt(program, (c) => {
    code = c;
  });
  await program.parseAsync(["node", "stellwerk", "fmt", ...args]);
  return code;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stw-fmt-"));
  out = "";
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe("stellwerk fmt", () => {
  it("--check does not claim all files are formatted when one could not be read (regression)", async () => {
    writeFileSync(join(dir, "a.stw"), TIDY);
    writeFileSync(join(dir, "b.stw"), Buffer.from([0, 1, 2, 0x67]));
    expect(await fmt("--check", dir)).toBe(1);
    expect(err).toContain("SW1005");
    expect(err).toContain("1 file(s) with errors not formatted");
    expect(err).not.toContain("all files formatted");
  });

  it("prints one formatted file to stdout and changes nothing", async () => {
    const f = join(dir, "a.stw");
    writeFileSync(f, MESSY);
    expect(await fmt(f)).toBe(0);
    expect(out).toBe(TIDY);
    expect(readFileSync(f, "utf8")).toBe(MESSY);
  });

  it("--check lists the files that would change and exits 1; 0 when all are formatted", async () => {
    writeFileSync(join(dir, "a.stw"), MESSY);
    writeFileSync(join(dir, "b.stw"), TIDY);
    expect(await fmt("--check", dir)).toBe(1);
    expect(out).toBe(`${join(dir, "a.stw")}\n`);
    expect(err).toContain("1 file(s) not formatted");
    expect(readFileSync(join(dir, "a.stw"), "utf8")).toBe(MESSY);
    writeFileSync(join(dir, "a.stw"), TIDY);
    out = "";
    expect(await fmt("--check", dir)).toBe(0);
    expect(out).toBe("");
  });

  it("--write rewrites changed files atomically, keeping their mode, and leaves no temporary file", async () => {
    const f = join(dir, "a.stw");
    writeFileSync(f, MESSY);
    chmodSync(f, 0o640);
    expect(await fmt("--write", dir)).toBe(0);
    expect(readFileSync(f, "utf8")).toBe(TIDY);
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["a.stw"]);
  });

  it("--write through a symlink rewrites the target and keeps the link", async () => {
    const target = join(dir, "real.stw");
    const link = join(dir, "link.stw");
    writeFileSync(target, MESSY);
    symlinkSync(target, link);
    expect(await fmt("--write", link)).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toBe(TIDY);
  });

  it("never rewrites a file with syntax errors; reports them and exits 1", async () => {
    const bad = join(dir, "bad.stw");
    writeFileSync(bad, 'role A "x" "y"');
    writeFileSync(join(dir, "ok.stw"), MESSY);
    expect(await fmt("--write", dir)).toBe(1);
    expect(readFileSync(bad, "utf8")).toBe('role A "x" "y"');
    expect(readFileSync(join(dir, "ok.stw"), "utf8")).toBe(TIDY);
    expect(err).toContain("SW1010");
  });

  it("reports a file that is not UTF-8 instead of formatting it", async () => {
    const f = join(dir, "latin1.stw");
    writeFileSync(f, Buffer.from([0x72, 0x6f, 0x6c, 0x65, 0x20, 0x53, 0xe4, 0x0a]));
    expect(await fmt(f)).toBe(1);
    expect(err).toContain("SW1005");
    expect(out).toBe("");
  });

  it("--check --format json prints one JSON object with the changed files", async () => {
    writeFileSync(join(dir, "a.stw"), MESSY);
    expect(await fmt("--check", "--format", "json", dir)).toBe(1);
    const report = JSON.parse(out) as { changed: string[] };
    expect(report.changed).toEqual([join(dir, "a.stw")]);
  });

  it("refuses to print several files, --check with --write, and missing paths (usage errors)", async () => {
    writeFileSync(join(dir, "a.stw"), TIDY);
    writeFileSync(join(dir, "b.stw"), TIDY);
    await expect(fmt(dir)).rejects.toBeInstanceOf(UsageError);
    await expect(fmt("--check", "--write", dir)).rejects.toBeInstanceOf(UsageError);
    await expect(fmt("--check", join(dir, "missing.stw"))).rejects.toBeInstanceOf(UsageError);
  });
});
