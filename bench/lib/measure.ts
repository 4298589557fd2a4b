/**
 * Measurement helpers of the benchmarks: interleaved A/B ratios with tinybench,
 * medians, garbage collection between suites, and a plain timer.
 *
 * Method (issue 6): a cost is reported as a ratio against a baseline run in the
 * same process. Each round runs A and B back to back (the order alternates
 * round by round: A B, B A, ...), takes each side's median latency, and the
 * result is the median of the per-round ratios. Absolute times are reported
 * beside the ratios but vary up to 2x between runs on shared machines.
 */
import { Bench, hrtimeNow } from "tinybench";

/** Runs a full garbage collection when node runs with --expose-gc (npm run bench does). */
export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Milliseconds spent in `fn` (sync). */
export function timeMs<T>(fn: () => T): { ms: number; value: T } {
  const t0 = hrtimeNow();
  const value = fn();
  return { ms: hrtimeNow() - t0, value };
}

/** One side of a comparison. */
export interface Side {
  name: string;
  fn: () => unknown;
}

export interface RatioOptions {
  /** Number of A/B rounds (default 7). */
  rounds?: number;
  /** Minimum time per side and round, in ms (tinybench `time`, default 200). */
  time?: number;
  /** Minimum iterations per side and round (tinybench `iterations`, default 10). */
  iterations?: number;
  /** Warm-up iterations before the first round (default 10). */
  warmupIterations?: number;
}

export interface RatioResult {
  a: string;
  b: string;
  /** Median over rounds of (median latency of A) / (median latency of B). */
  ratio: number;
  /** Smallest and largest per-round ratio. */
  ratioMin: number;
  ratioMax: number;
  /** Median over rounds of each side's median latency, in ms. */
  aMs: number;
  bMs: number;
  /** Smallest per-round median latency of each side, in ms. */
  aMinMs: number;
  bMinMs: number;
  /** aMinMs / bMinMs: less sensitive to other load on a shared machine (noise only adds time). */
  minRatio: number;
  rounds: number;
  /** Iterations of A and B over all rounds. */
  samples: [number, number];
}

/** Median latency (ms) of one tinybench task run. */
async function runTask(name: string, fn: () => unknown, time: number, iterations: number, warmup: number): Promise<{ p50: number; n: number }> {
  const bench = new Bench({ now: hrtimeNow, time, iterations, warmup: warmup > 0, warmupIterations: warmup, warmupTime: 0, throws: true });
  bench.add(name, fn);
  await bench.run();
  const r = bench.getTask(name)?.result;
  if (!r || r.error) throw r?.error ?? new Error(`benchmark task ${name} produced no result`);
  return { p50: r.latency.p50 ?? r.latency.mean, n: r.latency.samples.length };
}

/** A against B, interleaved (see the module comment). */
export async function interleavedRatio(a: Side, b: Side, opts: RatioOptions = {}): Promise<RatioResult> {
  const rounds = opts.rounds ?? 7;
  const time = opts.time ?? 200;
  const iterations = opts.iterations ?? 10;
  const warm = opts.warmupIterations ?? 10;
  const ratios: number[] = [];
  const as: number[] = [];
  const bs: number[] = [];
  const samples: [number, number] = [0, 0];
  for (let i = 0; i < rounds; i++) {
    const w = i === 0 ? warm : 0;
    gc();
    let ra;
    let rb;
    if (i % 2 === 0) {
      ra = await runTask(a.name, a.fn, time, iterations, w);
      rb = await runTask(b.name, b.fn, time, iterations, w);
    } else {
      rb = await runTask(b.name, b.fn, time, iterations, w);
      ra = await runTask(a.name, a.fn, time, iterations, w);
    }
    as.push(ra.p50);
    bs.push(rb.p50);
    samples[0] += ra.n;
    samples[1] += rb.n;
    ratios.push(ra.p50 / rb.p50);
  }
  return {
    a: a.name,
    b: b.name,
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    aMs: median(as),
    bMs: median(bs),
    aMinMs: Math.min(...as),
    bMinMs: Math.min(...bs),
    minRatio: Math.min(...as) / Math.min(...bs),
    rounds,
    samples,
  };
}

/** Resident set size peak of this process so far, in MiB (getrusage ru_maxrss). */
export function maxRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Heap in use after a full collection, in MiB. */
export function heapAfterGcMiB(): number {
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}
