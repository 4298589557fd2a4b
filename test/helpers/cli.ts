/**
 * Runs the compiled CLI (bin/stellwerk.js -> dist/) in a child process, as a
 * user or CI would. `npm test` runs tsc before vitest, so dist/ exists.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO } from "./compile.js";

export const BIN = join(REPO, "bin", "stellwerk.js");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function childEnv(env: Record<string, string | undefined>): Record<string, string> {
  if (!existsSync(join(REPO, "dist", "src", "cli", "main.js"))) throw new Error("dist/ is missing: run `npx tsc -p tsconfig.json` (npm test does) first");
  const base: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Runs `stellwerk <args>` from the repository root; colour variables are removed unless given. */
export function stellwerk(args: string[], env: Record<string, string | undefined> = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, env: childEnv(env), encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like {@link stellwerk}, without blocking: several runs overlap (each CLI start costs most of a second). */
export function stellwerkAsync(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: childEnv(env), timeout: 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs every named invocation concurrently; resolves to the results by name. */
export async function stellwerkAll<K extends string>(
  runs: Record<K, { readonly args: readonly string[]; readonly env?: Readonly<Record<string, string | undefined>> }>,
): Promise<Record<K, CliRun>> {
  const names = Object.keys(runs) as K[];
  const results = await Promise.all(names.map((n) => stellwerkAsync([...runs[n].args], { ...(runs[n].env ?? {}) })));
  return Object.fromEntries(names.map((n, i) => [n, results[i]!])) as Record<K, CliRun>;
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = "stellwerk-test-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** ANSI escape sequences (colours, cursor movement). */
export const ANSI = /\u001b\[[0-9;]*[A-Za-z]/;
