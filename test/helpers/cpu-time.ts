/**
 * CPU time for "is fast" / "does not hang" bounds on pure computation.
 *
 * Wall-clock bounds fail on a loaded CI machine: a process that gets a
 * quarter of a core takes four times as long without doing more work. CPU
 * time (user + system, every thread of this process) counts only the work
 * done, so the bound keeps its meaning there, and a real blow-up (an endless
 * loop, catastrophic backtracking, exponential expansion) still burns CPU and
 * fails it.
 */

/** Runs `fn` and returns its result with the CPU time it took, in ms. */
export function cpuTimed<T>(fn: () => T): { result: T; ms: number } {
  const before = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}

/**
 * Awaits `fn` and returns its result with the CPU time this process used
 * meanwhile, in ms (so only for work that runs in this process, not for
 * waiting on timers or other processes).
 */
export async function cpuTimedAsync<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const before = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}
