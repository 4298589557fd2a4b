/**
 * The versions recorded in every routing table (and shown by `--version`):
 * stellwerk's own from its package.json, and the jsonata library's.
 * Kept apart from lower.ts so the command line can read them without loading the compiler.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** stellwerk's own package.json, found upwards from this module (works from src/ and dist/src/). */
function packageJsonPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return join(dir, "package.json");
}

let cached: { compilerVersion: string; jsonataVersion: string } | undefined;

/** Versions recorded in every table. @throws when package.json cannot be read (a broken install). */
export function toolVersions(): { compilerVersion: string; jsonataVersion: string } {
  if (!cached) {
    const own = JSON.parse(readFileSync(packageJsonPath(), "utf8")) as { version: string };
    const jsonataPkg = require("jsonata/package.json") as { version: string };
    cached = { compilerVersion: own.version, jsonataVersion: jsonataPkg.version };
  }
  return cached;
}
