/**
 * Child process of the compile benchmark (one measurement per process, so
 * timings and peak memory do not pollute each other). Modes:
 *
 *   cold  <corpusDir> <tableOut>   first compile in this process: directory load,
 *                                  parse, check, lower; peak RSS; writes the table
 *   floor <corpusDir>              first front-end floor run in this process (read, lex, CST parse)
 *   warm  <corpusDir> <rounds> [warmupDir]
 *                                  compile (directory preloaded) against the floor,
 *                                  interleaved A B / B A, median ratio; JIT warm-up
 *                                  on warmupDir (a smaller corpus) when given
 *   load  <tableFile>              table load in a fresh process: read, JSON.parse, loadTable
 *
 * Prints one JSON line.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { hrtimeNow } from "tinybench";
import { report } from "./lib/child.js";
import { compileCorpus, corpusFiles, frontEndFloor, loadBenchDirectory } from "./lib/compile-steps.js";
import { gc, heapAfterGcMiB, interleavedRatio, maxRssMiB, median } from "./lib/measure.js";

async function cold(dir: string, tableOut: string): Promise<void> {
  const heap0 = heapAfterGcMiB();
  const cpu0 = process.cpuUsage();
  const t0 = hrtimeNow();
  const directory = loadBenchDirectory();
  const dirMs = hrtimeNow() - t0;
  const run = compileCorpus(dir, directory);
  const totalMs = hrtimeNow() - t0;
  const cpu = process.cpuUsage(cpu0);
  const peakRss = maxRssMiB();
  const retained = heapAfterGcMiB() - heap0;
  // The compiler serializes the table with its hash while lowering (LoweredOutput.tableText): the file's bytes.
  const text = run.output.tableText + "\n";
  writeFileSync(tableOut, text, { mode: 0o600 });
  const scenarios = Object.values(run.output.table.scenarios);
  report({
    directoryMs: dirMs,
    parseMs: run.parseMs,
    checkMs: run.checkMs,
    lowerMs: run.lowerMs,
    totalMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMiB: peakRss,
    retainedHeapMiB: retained,
    warnings: run.warnings,
    tableBytes: Buffer.byteLength(text),
    routeEntries: scenarios.reduce((n, s) => n + Object.keys(s.routes).length, 0),
    deliveries: scenarios.reduce((n, s) => n + Object.values(s.routes).reduce((m, r) => m + r.deliveries.length, 0), 0),
    expressions: run.output.table.expressions.length,
    endpoints: run.output.table.endpoints.length,
    bundles: run.output.bundles.length,
  });
}

function floor(dir: string): void {
  const files = corpusFiles(dir);
  const cpu0 = process.cpuUsage();
  const t0 = hrtimeNow();
  const tokens = frontEndFloor(files);
  const ms = hrtimeNow() - t0;
  const cpu = process.cpuUsage(cpu0);
  report({ floorMs: ms, cpuMs: (cpu.user + cpu.system) / 1000, tokens, files: files.length, peakRssMiB: maxRssMiB() });
}

async function warm(dir: string, rounds: number, warmupDir: string | undefined): Promise<void> {
  const directory = loadBenchDirectory();
  const files = corpusFiles(dir);
  // JIT warm-up on a smaller corpus (the same code paths), so big sizes need no extra full run.
  if (warmupDir !== undefined) {
    compileCorpus(warmupDir, directory);
    frontEndFloor(corpusFiles(warmupDir));
  }
  const phases: { parse: number[]; check: number[]; lower: number[] } = { parse: [], check: [], lower: [] };
  const r = await interleavedRatio(
    {
      name: "compile",
      fn: () => {
        const run = compileCorpus(dir, directory);
        phases.parse.push(run.parseMs);
        phases.check.push(run.checkMs);
        phases.lower.push(run.lowerMs);
      },
    },
    { name: "front-end floor", fn: () => frontEndFloor(files) },
    { rounds, time: 0, iterations: 1, warmupIterations: warmupDir === undefined ? 1 : 0 },
  );
  report({ ...r, parseMs: median(phases.parse), checkMs: median(phases.check), lowerMs: median(phases.lower) });
}

async function load(tableFile: string): Promise<void> {
  const { loadTable } = await import("../src/runtime/load-table.js");
  // The runtime's loadTable when it accepts the table, else JSON.parse alone (reported as such).
  let loadError: string | undefined;
  // With the file text, as readTableFile and the service load it (the fast content-hash check of canonical files).
  const loadOnce = (json: unknown, text: string): unknown => {
    if (loadError !== undefined) return json;
    try {
      return loadTable(json, { text });
    } catch (e) {
      loadError = e instanceof Error ? `${(e as { code?: string }).code ?? e.name}: ${e.message}`.slice(0, 300) : "unknown error";
      return json;
    }
  };
  const heap0 = heapAfterGcMiB();
  const rss0 = process.memoryUsage().rss / (1024 * 1024);
  const t0 = hrtimeNow();
  const text = readFileSync(tableFile, "utf8");
  const t1 = hrtimeNow();
  const json: unknown = JSON.parse(text);
  const t2 = hrtimeNow();
  const loaded = loadOnce(json, text);
  const t3 = hrtimeNow();
  const rssAfter = process.memoryUsage().rss / (1024 * 1024);
  const peak = maxRssMiB();
  const heap = heapAfterGcMiB() - heap0;
  // Warm: the same again, a few times (JIT warm, caches warm).
  const warmMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    gc();
    const w0 = hrtimeNow();
    const again = readFileSync(tableFile, "utf8");
    loadOnce(JSON.parse(again), again);
    warmMs.push(hrtimeNow() - w0);
  }
  report({
    readMs: t1 - t0,
    jsonParseMs: t2 - t1,
    loadTableMs: t3 - t2,
    totalMs: t3 - t0,
    warmTotalMs: median(warmMs),
    retainedHeapMiB: heap,
    rssGrowthMiB: rssAfter - rss0,
    peakRssMiB: peak,
    keptAlive: loaded !== undefined,
    ...(loadError !== undefined ? { loadTableError: loadError } : {}),
  });
}

const [mode, a, b, c] = process.argv.slice(2);
if (mode === "cold") await cold(a!, b!);
else if (mode === "floor") floor(a!);
else if (mode === "warm") await warm(a!, Number(b ?? "3"), c);
else if (mode === "load") await load(a!);
else {
  process.stderr.write("usage: compile-child.js cold|floor|warm|load ...\n");
  process.exitCode = 2;
}
