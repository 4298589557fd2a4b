/**
 * Runs one measurement in a fresh node process, so cold timings and peak
 * memory of one measurement are not polluted by another. The child prints one
 * JSON line (its last line of stdout) that is returned parsed.
 *
 * "One core": when `taskset` exists the child is pinned to CPU 0, so node's
 * helper threads (GC, compiler) share that core with the main thread.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
/** Node flags of every measurement child. */
export const CHILD_NODE_FLAGS = ["--expose-gc", "--max-old-space-size=8192"];

const TASKSET = ["/usr/bin/taskset", "/bin/taskset"].find((p) => existsSync(p));

/** Whether children run pinned to one core. */
export const PINNED_TO_ONE_CORE = TASKSET !== undefined;

/**
 * Runs `dist/bench/<script>` with `args` in a child process and returns its JSON result.
 * @throws Error when the child fails or prints no JSON (its stderr is passed through).
 */
export function runChild<T>(script: string, args: string[], opts: { oneCore?: boolean; extraFlags?: string[]; timeoutMs?: number } = {}): T {
  const path = join(HERE, "..", script);
  const nodeArgs = [...CHILD_NODE_FLAGS, ...(opts.extraFlags ?? []), path, ...args];
  const [cmd, argv] = opts.oneCore !== false && TASKSET ? [TASKSET, ["-c", "0", process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  // stderr passes through: children log progress there.
  const r = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: opts.timeoutMs ?? 600_000, stdio: ["ignore", "pipe", "inherit"] });
  const lines = (r.stdout ?? "").trim().split("\n");
  const last = lines[lines.length - 1] ?? "";
  if (r.status !== 0 || !last.startsWith("{")) {
    throw new Error(`benchmark child ${script} ${args.join(" ")} failed (status ${String(r.status)}, signal ${String(r.signal)}); its error is above`);
  }
  return JSON.parse(last) as T;
}

/** Prints the child's result as its last line of stdout. */
export function report(result: unknown): void {
  process.stdout.write(JSON.stringify(result) + "\n");
}
