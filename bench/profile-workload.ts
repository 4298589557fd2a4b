/**
 * Workloads to run under `node --cpu-prof` when a target is missed
 * (docs/performance.md lists the commands and the profiles' top entries):
 *
 *   compile <corpusDir>              one cold compile (directory, parse, check, lower)
 *   route <10k|100k|5m|alg> <n>      n routes of a benchmark message with the Saxon table
 *   floor <10k|100k|5m> <n>          n fast-xml-parser parse+build of the same message
 *   load <tableFile>                 JSON.parse + loadTable of a table file
 *   service <concurrency> <rounds>   the service benchmark (bench/service.ts) with one concurrency
 *
 * Then: node dist/bench/profile-top.js <file.cpuprofile> 30 /src/
 */
import { readFileSync, rmSync } from "node:fs";
import { loadTable } from "../src/runtime/load-table.js";
import { route } from "../src/runtime/router.js";
import { viewBuilder, viewParser } from "../src/xml/options.js";
import { BENCH_RULES, CORPUS_SIZES, benchDirectory, generateCorpus } from "./corpus.js";
import { compileCorpus, loadBenchDirectory } from "./lib/compile-steps.js";
import { benchMessages, type BenchMessages } from "./messages.js";
import { serviceBench } from "./service.js";

const pick = (m: BenchMessages, which: string): Buffer =>
  which === "100k" ? m.sta100k : which === "5m" ? m.sta5m : which === "alg" ? m.alg10k : m.sta10k;

const [mode, a, b] = process.argv.slice(2);
if (mode === "compile") {
  compileCorpus(a!, loadBenchDirectory());
} else if (mode === "route") {
  const corpus = generateCorpus(CORPUS_SIZES[0]!, BENCH_RULES);
  const text = compileCorpus(corpus.dir, benchDirectory()).output.tableText;
  const loaded = loadTable(JSON.parse(text) as unknown, { text });
  rmSync(corpus.dir, { recursive: true, force: true });
  const msg = pick(benchMessages(), a ?? "10k");
  for (let i = 0; i < Number(b ?? "1000"); i++) {
    const r = await route(loaded, msg);
    if (!r.ok) throw new Error(r.reason);
  }
} else if (mode === "floor") {
  const msg = pick(benchMessages(), a ?? "10k");
  const stop = a === "5m" ? ["..xga:inhalt"] : [];
  const p = viewParser(stop, 256);
  const bld = viewBuilder(stop, 256);
  for (let i = 0; i < Number(b ?? "1000"); i++) bld.build(p.parse(msg));
} else if (mode === "load") {
  const text = readFileSync(a!, "utf8");
  loadTable(JSON.parse(text) as unknown, { text });
} else if (mode === "service") {
  const log = (s: string): void => void process.stderr.write(s + "\n");
  await serviceBench({ variants: [Number(a ?? "1")], rounds: Number(b ?? "5"), log });
  process.exit(0);
} else {
  process.stderr.write("usage: profile-workload.js compile <dir> | route <msg> <n> | floor <msg> <n> | load <table> | service <concurrency> <rounds>\n");
  process.exitCode = 2;
}
