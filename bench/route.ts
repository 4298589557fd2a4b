/**
 * Route benchmark (issue 6, deliverable 2), in one process:
 *
 * - single-target route (scenario S1, transformation ToStaLA) of the KoSIT
 *   message at 10 KB, 100 KB and 5 MB (with a base64 attachment) against its
 *   floor: a bare fast-xml-parser parse + build of the same bytes with the
 *   typed view's own parser and builder options (src/xml/options.ts, stop
 *   nodes included);
 * - the A10 fan-out (one message, several Pflichtempfänger), per target;
 * - the transformation alone (the table's compiled JSONata, evaluated as the
 *   runtime does) against hand-written JavaScript with identical output;
 * - JSONata compilations per routed message (must be 0);
 * - lookup independence: the same route with the national table against the
 *   Saxon table.
 *
 * Outputs are verified before anything is timed.
 */
import { lookupEntry } from "../src/runtime/region.js";
import { rmSync } from "node:fs";
import type { RoutingTable } from "../src/table/routing-table.js";
import type { LoadedTable, RouteResult } from "../src/runtime/api.js";
import { jsonataCompilationCount, compileExpressions, evaluate } from "../src/runtime/expressions.js";
import { loadTable } from "../src/runtime/load-table.js";
import { route } from "../src/runtime/router.js";
import { buildXml, parseXml } from "../src/xml/index.js";
import { viewBuilder, viewParser } from "../src/xml/options.js";
import { BENCH_RULES, CORPUS_SIZES, benchDirectory, generateCorpus, type CorpusSize } from "./corpus.js";
import { toStaLA } from "./hand-written.js";
import { compileCorpus } from "./lib/compile-steps.js";
import { gc, interleavedRatio, type RatioResult } from "./lib/measure.js";
import { benchMessages } from "./messages.js";

/** The depth limit the router passes to the view (RouteLimits.maxDepth default). */
const MAX_DEPTH = 256;

export interface RouteSizeResult {
  message: string;
  bytes: number;
  /** route (A) against the fast-xml-parser floor (B). */
  vsFloor: RatioResult;
}

export interface FanOutResult {
  bytes: number;
  deliveries: number;
  recipients: string[];
  vsFloor: RatioResult;
  /** Route time per delivered target, ms. */
  perTargetMs: number;
  /** Per-target time / floor time. */
  perTargetRatio: number;
}

export interface RouteResults {
  singleTarget: RouteSizeResult[];
  fanOut: FanOutResult;
  /** JSONata (A) against hand-written JS (B), on the 10 KB and 100 KB views. */
  transform: Array<{ message: string; vsHandWritten: RatioResult }>;
  jsonataCompilationsPerMessage: number;
  routedForCompilationCount: number;
  /** Route with the national table (A) against the Saxon table (B). */
  lookup: { vsSaxony: RatioResult; municipalities: [number, number] };
  tableBuildMs: number;
}

async function buildTable(size: CorpusSize): Promise<LoadedTable> {
  const corpus = generateCorpus(size, BENCH_RULES);
  try {
    const run = compileCorpus(corpus.dir, benchDirectory());
    const text = run.output.tableText;
    return loadTable(JSON.parse(text) as unknown, { text });
  } finally {
    rmSync(corpus.dir, { recursive: true, force: true });
  }
}

function expectOk(r: RouteResult, what: string): Extract<RouteResult, { ok: true }> {
  if (!r.ok) throw new Error(`${what}: routing failed before timing: ${r.reason}: ${r.detail}`);
  return r;
}

/** The floor of one message: fast-xml-parser parse + build with the view's options and stop nodes. */
function floorOf(bytes: Buffer, stopNodes: string[]): () => string {
  const parser = viewParser(stopNodes, MAX_DEPTH);
  const builder = viewBuilder(stopNodes, MAX_DEPTH);
  return () => builder.build(parser.parse(bytes)) as string;
}

/** Runs the route benchmark. */
export async function routeBench(log: (s: string) => void = () => {}): Promise<RouteResults> {
  const t0 = performance.now();
  const saxony = await buildTable(CORPUS_SIZES[0]!);
  const national = await buildTable(CORPUS_SIZES[CORPUS_SIZES.length - 1]!);
  const tableBuildMs = performance.now() - t0;
  gc();
  const msgs = benchMessages();
  const table: RoutingTable = saxony.table;

  // Verify before timing.
  const s1 = expectOk(await route(saxony, msgs.sta10k), "S1 10 KB");
  if (s1.scenario !== "gewerbe.S1" || s1.deliveries.length !== 1) throw new Error(`S1 routed to ${s1.scenario} with ${s1.deliveries.length} deliveries`);
  for (const [name, m] of [["100 KB", msgs.sta100k], ["5 MB", msgs.sta5m]] as const) {
    const r = expectOk(await route(saxony, m), `S1 ${name}`);
    if (r.deliveries.length !== 1) throw new Error(`S1 ${name}: ${r.deliveries.length} deliveries`);
  }
  expectOk(await route(national, msgs.sta10k), "S1 10 KB, national table");
  const a10 = expectOk(await route(saxony, msgs.alg10k), "A10 fan-out");
  // Entries equal to their parent are left out of the table: resolve Freiberg by lookup.
  const s1Entry = lookupEntry(table.scenarios["gewerbe.S1"]!, "145220180180").entry!;
  const delivery = table.deliveries[s1Entry.deliveries[0]!]!;
  const messageType = table.messages["gewerbe.Statistikmeldung"]!;
  const outType = table.messages[delivery.message]!;
  const compiled = compileExpressions([table.expressions[delivery.transform!]!]);
  if (!compiled.ok) throw new Error("the transformation does not compile");
  const expr = compiled.compiled[0]!;
  const bindings = delivery.bindings === undefined ? undefined : table.bindings[delivery.bindings];
  const views: Array<[string, Record<string, unknown>]> = [];
  for (const [name, m] of [["10 KB", msgs.sta10k], ["100 KB", msgs.sta100k]] as const) {
    const view = parseXml(m.toString("utf8"), messageType, table.types);
    if (!view.ok) throw new Error(`the ${name} message does not parse: ${view.error.code}`);
    const viaJsonata = buildXml(await evaluate(expr, view.value, bindings, 2000), outType, table.types);
    const viaJs = buildXml(toStaLA(view.value as Record<string, unknown>), outType, table.types);
    if (!viaJsonata.ok || !viaJs.ok || viaJsonata.text !== viaJs.text) throw new Error(`hand-written ToStaLA differs from the JSONata output on the ${name} message`);
    views.push([name, view.value as Record<string, unknown>]);
  }
  log(`route: tables built in ${(tableBuildMs / 1000).toFixed(1)} s; outputs verified`);

  const singleTarget: RouteSizeResult[] = [];
  const cases = [
    ["KoSIT 10 KB", msgs.sta10k, [], { rounds: 7, time: 300 }],
    ["100 KB", msgs.sta100k, [], { rounds: 7, time: 300 }],
    ["5 MB + base64 attachment", msgs.sta5m, ["..xga:inhalt"], { rounds: 5, time: 1000, iterations: 5, warmupIterations: 3 }],
  ] as const;
  for (const [name, bytes, stop, opts] of cases) {
    const floor = floorOf(bytes, [...stop]);
    if (floor().length < bytes.length / 4) throw new Error(`floor output of ${name} is implausibly short`);
    const vsFloor = await interleavedRatio({ name: `route ${name}`, fn: () => route(saxony, bytes) }, { name: `fast-xml-parser parse+build ${name}`, fn: floor }, opts);
    log(`route ${name}: ${vsFloor.aMs.toFixed(3)} ms vs floor ${vsFloor.bMs.toFixed(3)} ms: ${vsFloor.ratio.toFixed(2)}x`);
    singleTarget.push({ message: name, bytes: bytes.length, vsFloor });
  }

  const fanFloor = floorOf(msgs.alg10k, []);
  const fan = await interleavedRatio({ name: "route A10 fan-out", fn: () => route(saxony, msgs.alg10k) }, { name: "fast-xml-parser parse+build", fn: fanFloor }, { rounds: 7, time: 300 });
  const fanOut: FanOutResult = {
    bytes: msgs.alg10k.length,
    deliveries: a10.deliveries.length,
    recipients: a10.deliveries.map((d) => d.recipient ?? d.role),
    vsFloor: fan,
    perTargetMs: fan.aMs / a10.deliveries.length,
    perTargetRatio: fan.ratio / a10.deliveries.length,
  };
  log(`A10 fan-out: ${fan.aMs.toFixed(3)} ms for ${a10.deliveries.length} targets, ${fanOut.perTargetMs.toFixed(3)} ms per target (${fanOut.perTargetRatio.toFixed(2)}x floor)`);

  const transform: RouteResults["transform"] = [];
  for (const [name, view] of views) {
    const vsHandWritten = await interleavedRatio(
      { name: `JSONata ToStaLA ${name}`, fn: () => evaluate(expr, view, bindings, 2000) },
      { name: `hand-written ToStaLA ${name}`, fn: () => toStaLA(view) },
      { rounds: 7, time: 300 },
    );
    log(`transform ${name}: JSONata ${vsHandWritten.aMs.toFixed(4)} ms vs JS ${vsHandWritten.bMs.toFixed(4)} ms: ${vsHandWritten.ratio.toFixed(0)}x`);
    transform.push({ message: name, vsHandWritten });
  }

  const before = jsonataCompilationCount();
  const all = [msgs.sta10k, msgs.sta100k, msgs.alg10k, msgs.sta5m];
  const routed = 100;
  for (let i = 0; i < routed; i++) expectOk(await route(i % 2 === 0 ? saxony : national, all[i % all.length]!), "compilation count run");
  const jsonataCompilationsPerMessage = (jsonataCompilationCount() - before) / routed;

  const lookup = await interleavedRatio({ name: "route 10 KB, national table", fn: () => route(national, msgs.sta10k) }, { name: "route 10 KB, Saxon table", fn: () => route(saxony, msgs.sta10k) }, { rounds: 7, time: 300 });
  log(`lookup: national/Saxony ${lookup.ratio.toFixed(3)}x; JSONata compilations per message: ${jsonataCompilationsPerMessage}`);
  return {
    singleTarget,
    fanOut,
    transform,
    jsonataCompilationsPerMessage,
    routedForCompilationCount: routed,
    lookup: { vsSaxony: lookup, municipalities: [Object.keys(national.table.regions.agsToArs).length, Object.keys(table.regions.agsToArs).length] },
    tableBuildMs,
  };
}
