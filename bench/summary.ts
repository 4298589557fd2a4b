/**
 * Markdown summary of the benchmark results: the tables of docs/performance.md
 * and the targets of issue 6 with met / missed.
 */
import type { BenchResults } from "./run.js";

const ms = (x: number | undefined): string => (x === undefined ? "–" : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const x2 = (x: number | undefined): string => (x === undefined ? "–" : `${x.toFixed(2)}x`);
const mib = (x: number): string => x.toFixed(0);

function row(cells: Array<string | number>): string {
  return `| ${cells.join(" | ")} |`;
}

/** One target of the issue with its measured value. */
export interface TargetRow {
  target: string;
  measured: string;
  met: boolean | undefined;
}

function compileTables(r: BenchResults): string[] {
  const c = r.compile;
  if (!c) return [];
  const lines = [
    "### Compile",
    "",
    row(["municipalities", "files", "lines", "MB", "directory ms", "parse ms", "check ms", "lower ms", "total ms cold (wall / cpu)", "floor ms cold (wall / cpu)", "cold ratio", "warm compile ms", "warm floor ms", "warm ratio (median, min-max)", "peak RSS MiB", "table MB", "table load ms (cold / warm)", "table heap MiB"]),
    row(Array(18).fill("---")),
  ];
  for (const s of c.sizes) {
    lines.push(
      row([
        s.size.municipalities,
        s.corpus.files,
        s.corpus.lines,
        (s.corpus.bytes / 1e6).toFixed(1),
        ms(s.cold.directoryMs),
        ms(s.cold.parseMs),
        ms(s.cold.checkMs),
        ms(s.cold.lowerMs),
        `${ms(s.cold.totalMs)} / ${ms(s.cold.cpuMs)}`,
        `${ms(s.floorCold.floorMs)} / ${ms(s.floorCold.cpuMs)}`,
        x2(s.coldRatio),
        ms(s.warm.aMs),
        ms(s.warm.bMs),
        `${x2(s.warm.ratio)} (${s.warm.ratioMin.toFixed(2)}-${s.warm.ratioMax.toFixed(2)})`,
        mib(s.cold.peakRssMiB),
        (s.cold.tableBytes / 1e6).toFixed(1),
        `${ms(s.load.totalMs)} / ${ms(s.load.warmTotalMs)}`,
        mib(s.load.retainedHeapMiB),
      ]),
    );
  }
  lines.push("", `Per-municipality growth, compile(11,004)/11,004 ÷ compile(2,000)/2,000: warm ${x2(c.growthPerMunicipality)}, cold ${x2(c.growthPerMunicipalityCold)}.`, "");
  return lines;
}

function routeTables(r: BenchResults): string[] {
  const q = r.route;
  if (!q) return [];
  const lines = [
    "### Route (one process, interleaved, median of per-round ratios)",
    "",
    row(["message", "bytes", "route ms", "floor ms (fast-xml-parser parse+build)", "ratio (min-max)", "ratio of minimums"]),
    row(["---", "---", "---", "---", "---", "---"]),
  ];
  for (const s of q.singleTarget) {
    lines.push(row([`S1 single target, ${s.message}`, s.bytes, ms(s.vsFloor.aMs), ms(s.vsFloor.bMs), `${x2(s.vsFloor.ratio)} (${s.vsFloor.ratioMin.toFixed(2)}-${s.vsFloor.ratioMax.toFixed(2)})`, x2(s.vsFloor.minRatio)]));
  }
  const f = q.fanOut;
  lines.push(row([`A10 fan-out, ${f.deliveries} targets (${f.recipients.join(", ")})`, f.bytes, `${ms(f.vsFloor.aMs)} (${ms(f.perTargetMs)} per target)`, ms(f.vsFloor.bMs), `${x2(f.vsFloor.ratio)} (${x2(f.perTargetRatio)} per target)`, x2(f.vsFloor.minRatio)]));
  lines.push("", row(["transformation alone", "JSONata ms", "hand-written JS ms", "ratio"]), row(["---", "---", "---", "---"]));
  for (const t of q.transform) lines.push(row([`ToStaLA on the ${t.message} view`, t.vsHandWritten.aMs.toFixed(4), t.vsHandWritten.bMs.toFixed(4), `${t.vsHandWritten.ratio.toFixed(0)}x`]));
  lines.push(
    "",
    `JSONata compilations per routed message: ${q.jsonataCompilationsPerMessage} (over ${q.routedForCompilationCount} messages).`,
    `Lookup: route of the 10 KB message with the national table (${q.lookup.municipalities[0]} municipalities) ÷ with the Saxon table (${q.lookup.municipalities[1]}): ${x2(q.lookup.vsSaxony.ratio)} (${q.lookup.vsSaxony.ratioMin.toFixed(2)}-${q.lookup.vsSaxony.ratioMax.toFixed(2)}), ratio of minimums ${x2(q.lookup.vsSaxony.minRatio)}.`,
    "",
  );
  return lines;
}

function serviceTables(r: BenchResults): string[] {
  const v = r.service;
  if (!v) return [];
  const lines = [
    `### Service (${v.rounds} rounds of ${v.messagesPerRound} KoSIT 10 KB messages, S1, filesystem adapter)`,
    "",
    row(["variant", "msg/s per round", "median msg/s", "÷ floor (median of per-round ratios)"]),
    row(["---", "---", "---", "---"]),
    row(["floor: route + write, fsync, rename, fsync dir, in a loop", v.floorMsgPerSec.map((x) => x.toFixed(0)).join(", "), v.medianFloorMsgPerSec.toFixed(0), "1"]),
  ];
  for (const s of v.variants) {
    lines.push(row([`service, concurrency ${s.concurrency}`, s.msgPerSec.map((x) => x.toFixed(0)).join(", "), s.medianMsgPerSec.toFixed(0), `${(s.ratio * 100).toFixed(0)} %`]));
  }
  lines.push("");
  return lines;
}

/** The targets of issue 6 that the results speak to. */
export function targets(r: BenchResults): TargetRow[] {
  const rows: TargetRow[] = [];
  const big = r.compile?.sizes.find((s) => s.size.municipalities === 11004);
  if (big) {
    rows.push({ target: "national compile < 2 s cold, one core (cpu time; wall in brackets)", measured: `${ms(big.cold.cpuMs)} ms (${ms(big.cold.totalMs)} ms)`, met: big.cold.cpuMs < 2000 });
    rows.push({ target: "national compile <= 2.5x front-end floor", measured: `${x2(big.warm.ratio)} warm, ${x2(big.coldRatio)} cold`, met: big.warm.ratio <= 2.5 });
    rows.push({ target: "national table loads < 100 ms", measured: `${ms(big.load.totalMs)} ms cold, ${ms(big.load.warmTotalMs)} ms warm`, met: big.load.totalMs < 100 });
    rows.push({ target: "national table loads in < 100 MB", measured: `${mib(big.load.retainedHeapMiB)} MiB heap, RSS +${mib(big.load.rssGrowthMiB)} MiB`, met: big.load.retainedHeapMiB < 100 && big.load.rssGrowthMiB < 100 });
  }
  if (r.compile?.growthPerMunicipality !== undefined) {
    rows.push({ target: "time per municipality at 11,004 <= 1.1x at 2,000 (wall clock; instructions: docs/performance.md)", measured: x2(r.compile.growthPerMunicipality), met: r.compile.growthPerMunicipality <= 1.1 });
  }
  const q = r.route;
  if (q) {
    for (const s of q.singleTarget) rows.push({ target: `single-target route <= 1.3x floor, ${s.message}`, measured: x2(s.vsFloor.ratio), met: s.vsFloor.ratio <= 1.3 });
    rows.push({ target: "0 JSONata compilations per message", measured: String(q.jsonataCompilationsPerMessage), met: q.jsonataCompilationsPerMessage === 0 });
    rows.push({ target: "lookup independent of the number of municipalities (national ÷ Saxony ≈ 1; judged <= 1.1x)", measured: x2(q.lookup.vsSaxony.ratio), met: q.lookup.vsSaxony.ratio <= 1.1 });
  }
  for (const s of r.service?.variants ?? []) {
    rows.push({ target: `service >= 70 % of its floor, concurrency ${s.concurrency}`, measured: `${(s.ratio * 100).toFixed(0)} %`, met: s.ratio >= 0.7 });
  }
  return rows;
}

/** The whole summary as markdown. */
export function summarize(r: BenchResults): string {
  const m = r.machine;
  const lines = [
    `## Benchmark results (${m.date})`,
    "",
    `Machine: ${m.nproc} CPUs (${m.cpu}), node ${m.node}; measurement children ${m.pinnedToOneCore ? "pinned to one core (taskset -c 0)" : "not pinned"}.`,
    r.template ? `Compile corpus template: ${r.template.kind} (${r.template.root})${r.template.reason ? ` — ${r.template.reason}` : ""}.` : "",
    "",
    ...compileTables(r),
    ...routeTables(r),
    ...serviceTables(r),
    ...Object.entries(r.errors ?? {}).map(([k, v]) => `**${k} benchmark failed:** ${v}\n`),
    "### Targets",
    "",
    row(["target", "measured", "met"]),
    row(["---", "---", "---"]),
    ...targets(r).map((t) => row([t.target, t.measured, t.met === undefined ? "–" : t.met ? "met" : "**missed**"])),
  ];
  return lines.join("\n");
}
