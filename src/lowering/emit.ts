/**
 * Writes lowered output: canonical JSON (sorted keys, no insignificant
 * whitespace, so the bytes depend on the rules only), owner-only files.
 * The routing table is replaced atomically and durably (temp file, fsync,
 * rename, fsync of the folder): a reader never sees half a table. Pilot
 * bundles (one per municipality, thousands at national scale) are written
 * atomically but without fsync, only when their content changed, and stale
 * ones are removed.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { canonicalJson } from "../table/canonical-json.js";
import type { LoweredOutput } from "./lower.js";

function writeAtomic(path: string, text: string, durable: boolean): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    writeSync(fd, text);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function unchanged(path: string, text: string): boolean {
  try {
    return readFileSync(path, "utf8") === text;
  } catch {
    return false;
  }
}

/** Canonical JSON plus a final newline: compact and byte-stable. */
export function formatJson(value: unknown): string {
  return canonicalJson(value) + "\n";
}

/**
 * Writes routing-table.json, test-plan.json and bundles/<AGS>.json under `outDir`.
 * @returns the paths written or confirmed unchanged. @throws on I/O errors (the CLI reports them, exit 2).
 */
export function writeBuildOutput(outDir: string, out: LoweredOutput): string[] {
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  const put = (path: string, text: string, durable: boolean): void => {
    if (!unchanged(path, text)) writeAtomic(path, text, durable);
    written.push(path);
  };
  put(join(outDir, "routing-table.json"), out.tableText + "\n", true);
  put(join(outDir, "test-plan.json"), formatJson(out.plan), true);
  fsyncDir(outDir);
  const bundleDir = join(outDir, "bundles");
  const wanted = new Set(out.bundles.map((b) => `${b.municipality.ags}.json`));
  let existing: string[] = [];
  try {
    existing = readdirSync(bundleDir);
  } catch {
    existing = [];
  }
  for (const name of existing) if (!wanted.has(name)) rmSync(join(bundleDir, name), { force: true, recursive: true });
  if (out.bundles.length > 0) {
    mkdirSync(bundleDir, { recursive: true, mode: 0o700 });
    for (const b of out.bundles) put(join(bundleDir, `${b.municipality.ags}.json`), formatJson(b), false);
    fsyncDir(bundleDir);
  }
  return written;
}
