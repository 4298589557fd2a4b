/**
 * Compile benchmark (issue 6, deliverable 1): per corpus size, a cold compile
 * (fresh process: directory load, parse, check, lower; peak RSS; table size), the
 * cold front-end floor (read, chevrotain lex and CST parse of the same corpus),
 * warm compile against the floor interleaved in one process (median ratio), and
 * the table load in a fresh process. Every child runs pinned to one core.
 */
import { rmSync } from "node:fs";
import { runChild } from "./lib/child.js";
import { CORPUS_SIZES, generateCorpus, type CorpusInfo, type CorpusSize } from "./corpus.js";

export interface ColdCompile {
  directoryMs: number;
  parseMs: number;
  checkMs: number;
  lowerMs: number;
  totalMs: number;
  /** CPU time (user + system, all threads) of the cold compile; the process is pinned to one core. */
  cpuMs: number;
  peakRssMiB: number;
  retainedHeapMiB: number;
  warnings: number;
  tableBytes: number;
  routeEntries: number;
  deliveries: number;
  expressions: number;
  endpoints: number;
  bundles: number;
}

export interface FloorRun {
  floorMs: number;
  cpuMs: number;
  tokens: number;
  files: number;
  peakRssMiB: number;
}

export interface WarmCompile {
  ratio: number;
  ratioMin: number;
  ratioMax: number;
  aMs: number;
  bMs: number;
  rounds: number;
  parseMs: number;
  checkMs: number;
  lowerMs: number;
}

export interface TableLoad {
  readMs: number;
  jsonParseMs: number;
  loadTableMs: number;
  /** Set when the runtime refused the table: then only read + JSON.parse were measured. */
  loadTableError?: string;
  totalMs: number;
  warmTotalMs: number;
  retainedHeapMiB: number;
  rssGrowthMiB: number;
  peakRssMiB: number;
}

export interface CompileSizeResult {
  size: CorpusSize;
  corpus: Omit<CorpusInfo, "paths">;
  generateMs: number;
  cold: ColdCompile;
  floorCold: FloorRun;
  warm: WarmCompile;
  load: TableLoad;
  /** Cold compile (without the directory load) / cold floor. */
  coldRatio: number;
}

export interface CompileResults {
  template: string;
  sizes: CompileSizeResult[];
  /** (compile(11,004) / 11,004) / (compile(2,000) / 2,000), warm medians. */
  growthPerMunicipality?: number;
  /** The same from the cold runs (directory load excluded). */
  growthPerMunicipalityCold?: number;
}

/** Runs the compile benchmark over the given sizes (default: all) with the template rule set. */
export function compileBench(template: string, opts: { sizes?: readonly CorpusSize[]; rounds?: (n: number) => number; log?: (s: string) => void } = {}): CompileResults {
  const log = opts.log ?? (() => {});
  const sizes: CompileSizeResult[] = [];
  const list = opts.sizes ?? CORPUS_SIZES;
  // The smallest corpus stays until the end: it is the JIT warm-up of the warm runs of bigger ones.
  let warmup: CorpusInfo | undefined;
  try {
    for (const size of list) {
      const g0 = performance.now();
      const corpus = generateCorpus(size, template);
      const generateMs = performance.now() - g0;
      const tableFile = `${corpus.dir}-table.json`;
      const keep = warmup === undefined;
      try {
        log(`compile ${size.municipalities}: corpus ${corpus.files} files, ${corpus.lines} lines, ${(corpus.bytes / 1e6).toFixed(1)} MB`);
        const cold = runChild<ColdCompile>("compile-child.js", ["cold", corpus.dir, tableFile]);
        log(`  cold ${cold.totalMs.toFixed(0)} ms (cpu ${cold.cpuMs.toFixed(0)} ms), table ${(cold.tableBytes / 1e6).toFixed(1)} MB`);
        const floorCold = runChild<FloorRun>("compile-child.js", ["floor", corpus.dir]);
        const rounds = opts.rounds?.(size.municipalities) ?? (cold.totalMs > 20_000 ? 1 : cold.totalMs > 5_000 ? 3 : 5);
        const warm = runChild<WarmCompile>("compile-child.js", ["warm", corpus.dir, String(rounds), ...(warmup ? [warmup.dir] : [])]);
        log(`  warm ${warm.aMs.toFixed(0)} ms vs floor ${warm.bMs.toFixed(0)} ms: ${warm.ratio.toFixed(2)}x (${rounds} rounds)`);
        const load = runChild<TableLoad>("compile-child.js", ["load", tableFile]);
        log(`  table load ${load.totalMs.toFixed(0)} ms${load.loadTableError ? ` (loadTable refused the table: ${load.loadTableError})` : ""}`);
        const { paths: _paths, ...info } = corpus;
        sizes.push({ size, corpus: info, generateMs, cold, floorCold, warm, load, coldRatio: (cold.totalMs - cold.directoryMs) / floorCold.floorMs });
      } finally {
        if (keep) warmup = corpus;
        else rmSync(corpus.dir, { recursive: true, force: true });
        rmSync(tableFile, { force: true });
      }
    }
  } finally {
    if (warmup) rmSync(warmup.dir, { recursive: true, force: true });
  }
  const at = (n: number): CompileSizeResult | undefined => sizes.find((s) => s.size.municipalities === n);
  const big = at(11004);
  const mid = at(2000);
  const out: CompileResults = { template, sizes };
  if (big && mid) {
    out.growthPerMunicipality = big.warm.aMs / 11004 / (mid.warm.aMs / 2000);
    out.growthPerMunicipalityCold = (big.cold.totalMs - big.cold.directoryMs) / 11004 / ((mid.cold.totalMs - mid.cold.directoryMs) / 2000);
  }
  return out;
}
