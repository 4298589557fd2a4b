/**
 * Writes lowered output: canonical JSON (sorted keys, so the bytes depend on
 * the rules only; compact, since tables are read by programs), owner-only files, each replaced atomically (temp file,
 * fsync, rename) so a reader never sees a half-written table.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync, rmSync } from "node:fs";
import { join } from "node:path";
import { canonicalJson } from "../table/canonical-json.js";
import type { LoweredOutput } from "./lower.js";

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Canonical JSON (sorted keys, no insignificant whitespace) plus a final newline: compact and byte-stable. */
export function formatJson(value: unknown): string {
  return canonicalJson(value) + "\n";
}

/**
 * Writes routing-table.json, test-plan.json and bundles/<AGS>.json under `outDir`.
 * @returns the written paths. @throws on I/O errors (the CLI reports them, exit 2).
 */
export function writeBuildOutput(outDir: string, out: LoweredOutput): string[] {
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  const put = (rel: string, value: unknown): void => {
    const p = join(outDir, rel);
    writeAtomic(p, formatJson(value));
    written.push(p);
  };
  put("routing-table.json", out.table);
  put("test-plan.json", out.plan);
  const bundleDir = join(outDir, "bundles");
  rmSync(bundleDir, { recursive: true, force: true });
  if (out.bundles.length > 0) {
    mkdirSync(bundleDir, { recursive: true, mode: 0o700 });
    for (const b of out.bundles) put(join("bundles", `${b.municipality.ags}.json`), b);
  }
  return written;
}
