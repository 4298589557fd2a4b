/**
 * Child-process tests run the compiled service from dist/ (`npm test` compiles
 * first). When dist/ is missing or older than the sources it needs, only the
 * service's import graph is compiled (a few seconds, not the whole project).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO } from "./env.js";

function newestMtime(dir: string): number {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newestMtime(p) : e.name.endsWith(".ts") ? statSync(p).mtimeMs : 0);
  }
  return max;
}

const sleepSync = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Makes sure dist/src/service and dist/src/cli/commands/serve.js are at least
 * as new as their sources. Test files run in parallel: a lock folder keeps two
 * of them from compiling into dist/ at the same time.
 */
export function ensureDist(): void {
  const lock = path.join(tmpdir(), "stellwerk-service-dist.lock");
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const st = statSync(lock, { throwIfNoEntry: false });
      // a lock older than two minutes is left over from a killed run
      if (st !== undefined && (waited > 120_000 || Date.now() - st.mtimeMs > 120_000)) rmSync(lock, { recursive: true, force: true });
      else if (st !== undefined) sleepSync(100);
    }
  }
  try {
    compileIfStale();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function compileIfStale(): void {
  const out = path.join(REPO, "dist/src/service/index.js");
  let built = 0;
  try {
    built = Math.min(statSync(out).mtimeMs, statSync(path.join(REPO, "dist/src/cli/commands/serve.js")).mtimeMs);
  } catch {
    built = 0;
  }
  const sources = Math.max(
    ...["src/service", "src/runtime", "src/adapters", "src/xml", "src/table", "src/types"].map((d) => {
      try {
        return newestMtime(path.join(REPO, d));
      } catch {
        return 0;
      }
    }),
  );
  if (built >= sources) return;
  const dir = mkdtempSync(path.join(tmpdir(), "stellwerk-tsc-"));
  try {
    const cfg = path.join(dir, "tsconfig.json");
    writeFileSync(
      cfg,
      JSON.stringify({
        extends: path.join(REPO, "tsconfig.json"),
        compilerOptions: { rootDir: REPO, outDir: path.join(REPO, "dist") },
        include: [],
        files: [path.join(REPO, "src/service/index.ts"), path.join(REPO, "src/cli/commands/serve.ts")],
      }),
    );
    try {
      execFileSync(process.execPath, [path.join(REPO, "node_modules/typescript/bin/tsc"), "-p", cfg], { stdio: "pipe" });
    } catch {
      // type errors elsewhere still emit; the import below fails loudly if nothing was emitted
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const CHILD = path.join(REPO, "test/service/helpers/child-service.mjs");

/** A running child service. */
export interface Child {
  proc: ChildProcess;
  /** Resolves when the child printed "ready". */
  ready: Promise<void>;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** Starts the compiled service in a child process with `opts` (ServiceOptions + logFile). */
export function spawnService(opts: Record<string, unknown>): Child {
  const proc = spawn(process.execPath, [CHILD, JSON.stringify(opts)], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  proc.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | string>((resolve) => proc.on("exit", (code, sig) => resolve(code ?? sig ?? -1)));
  const ready = new Promise<void>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      if (out.includes("ready")) resolve();
    });
    void exited.then((code) => reject(new Error(`child exited (${code}) before ready: ${stderr.trim()}`)));
  });
  ready.catch(() => undefined);
  return { proc, ready, exited };
}
