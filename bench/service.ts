/**
 * Service benchmark (issue 6, deliverable 3): messages per second through the
 * file-exchange service with the filesystem adapter, one at a time
 * (concurrency 1) and concurrently (concurrency 8), against its floor: the same
 * route plus a durable write of each delivery (write a temp file, fsync it,
 * publish it by rename, fsync the folder), done in a loop in this process.
 *
 * Setup: the benchmark process at Saxon scale (bench/rules), scenario S1 (the
 * KoSIT 10 KB message from Freiberg's Gewerbefachverfahren to the statistics
 * office, one transformation), each message with its own nachrichtenUUID so
 * nothing is a duplicate. A round stages N messages beside the outbox, renames
 * them in, asks the service to scan, and waits until all N are done. Rounds
 * alternate the order of floor and service; ratio = service msg/s ÷ floor
 * msg/s, median over rounds. The service logs at level info to /dev/null.
 */
import { lookupEntry } from "../src/runtime/region.js";
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, promises as fsp, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import type { LoadedTable } from "../src/runtime/api.js";
import { loadTable } from "../src/runtime/load-table.js";
import { route } from "../src/runtime/router.js";
import { createServiceLogger, startService, type ServiceHandle } from "../src/service/index.js";
import type { RoutingTable } from "../src/table/routing-table.js";
import { BENCH_RULES, CORPUS_SIZES, benchDirectory, generateCorpus } from "./corpus.js";
import { compileCorpus } from "./lib/compile-steps.js";
import { gc, median } from "./lib/measure.js";
import { benchMessages } from "./messages.js";

const FIXTURE_UUID = "00000000-0000-0000-0000-000000000001";

export interface ServiceVariant {
  concurrency: number;
  msgPerSec: number[];
  /** Median over rounds of service msg/s ÷ floor msg/s of the same round. */
  ratio: number;
  medianMsgPerSec: number;
}

export interface ServiceResults {
  messagesPerRound: number;
  rounds: number;
  floorMsgPerSec: number[];
  medianFloorMsgPerSec: number;
  variants: ServiceVariant[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Where S1 takes messages from and delivers them at Freiberg. */
function s1Paths(table: RoutingTable): { outbox: string; inbox: string } {
  const entry = lookupEntry(table.scenarios["gewerbe.S1"]!, "145220180180").entry;
  const srcRef = entry?.source === undefined ? undefined : table.sources[entry.source];
  const dstRef = entry?.deliveries[0] === undefined ? undefined : table.deliveries[entry.deliveries[0]];
  const src = srcRef ? table.endpoints[srcRef.endpoint]?.adapter : undefined;
  const dst = dstRef ? table.endpoints[dstRef.endpoint]?.adapter : undefined;
  if (src?.kind !== "filesystem" || !src.outbox || dst?.kind !== "filesystem" || !dst.inbox) throw new Error("S1 at Freiberg is not filesystem to filesystem");
  return { outbox: src.outbox, inbox: dst.inbox };
}

let uuidCounter = 0;
/** N copies of the 10 KB message, each with a fresh nachrichtenUUID. */
function batch(template: string, n: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const id = (++uuidCounter).toString(16).padStart(12, "0");
    out.push(Buffer.from(template.replace(FIXTURE_UUID, `00000000-0000-4000-8000-${id}`)));
  }
  return out;
}

/** The floor: route + durable write of each delivery, one message after the other. */
async function floorRound(loaded: LoadedTable, msgs: Buffer[], dir: string): Promise<number> {
  const t0 = performance.now();
  for (const m of msgs) {
    const r = await route(loaded, m);
    if (!r.ok) throw new Error(`floor: routing failed: ${r.reason}`);
    for (const d of r.deliveries) {
      const tmp = join(dir, `.${d.fileName}.tmp`);
      const fd = openSync(tmp, "wx", 0o600);
      try {
        writeFileSync(fd, d.payload.text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      await fsp.rename(tmp, join(dir, d.fileName));
      const dfd = openSync(dir, "r");
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    }
  }
  return msgs.length / ((performance.now() - t0) / 1000);
}

/** One service round: stage, rename into the outbox, wait for all to be done. */
async function serviceRound(svc: ServiceHandle, msgs: Buffer[], staging: string, outbox: string): Promise<number> {
  const names: string[] = [];
  for (let i = 0; i < msgs.length; i++) {
    const name = `m${uuidCounter}-${i}.xml`;
    writeFileSync(join(staging, name), msgs[i]!, { mode: 0o600 });
    names.push(name);
  }
  const base = svc.stats();
  const target = base.done + base.error + msgs.length;
  const t0 = performance.now();
  for (const n of names) await fsp.rename(join(staging, n), join(outbox, n));
  await svc.scanNow();
  for (;;) {
    const s = svc.stats();
    if (s.done + s.error >= target) break;
    await sleep(2);
  }
  const secs = (performance.now() - t0) / 1000;
  if (svc.stats().error > base.error) throw new Error(`service: ${svc.stats().error - base.error} message(s) went to the error folder`);
  return msgs.length / secs;
}

async function emptyDir(dir: string): Promise<void> {
  for (const n of await fsp.readdir(dir)) await fsp.rm(join(dir, n), { recursive: true, force: true });
}

/** Runs the service benchmark (`variants`: the service concurrencies measured, default 1 and 8). */
export async function serviceBench(
  opts: { perRound?: number; rounds?: number; variants?: number[]; log?: (s: string) => void } = {},
): Promise<ServiceResults> {
  const log = opts.log ?? (() => {});
  const perRound = opts.perRound ?? 120;
  const rounds = opts.rounds ?? 5;
  const work = mkdtempSync(join(tmpdir(), "stellwerk-service-bench-"));
  const handles: ServiceHandle[] = [];
  try {
    const corpus = generateCorpus(CORPUS_SIZES[0]!, BENCH_RULES, join(work, "rules"));
    const run = compileCorpus(corpus.dir, benchDirectory());
    const tableText = run.output.tableText + "\n";
    const tableFile = join(work, "routing-table.json");
    writeFileSync(tableFile, tableText, { mode: 0o600 });
    const loaded = loadTable(JSON.parse(tableText) as unknown, { text: tableText });
    const { outbox, inbox } = s1Paths(loaded.table);
    const template = benchMessages().sta10k.toString("utf8");
    const floorDir = join(work, "floor");
    mkdirSync(floorDir, { mode: 0o700 });

    // Verify: one message through the floor and through a service.
    await floorRound(loaded, batch(template, 1), floorDir);
    const variants = opts.variants ?? [1, 8];
    const services = new Map<number, { svc: ServiceHandle; root: string; staging: string }>();
    for (const c of variants) {
      const root = join(work, `exchange-c${c}`);
      const staging = join(root, ".staging");
      mkdirSync(staging, { recursive: true, mode: 0o700 });
      const svc = await startService({
        table: tableFile,
        exchangeRoot: root,
        stateDir: join(work, `state-c${c}`),
        stableMs: 0,
        concurrency: c,
        logger: createServiceLogger({ dest: pino.destination({ dest: "/dev/null", sync: false }) }),
      });
      handles.push(svc);
      services.set(c, { svc, root, staging });
      await serviceRound(svc, batch(template, 2), staging, join(root, outbox));
      const delivered = await fsp.readdir(join(root, inbox));
      if (delivered.filter((n) => !n.startsWith(".")).length !== 2) throw new Error(`service c=${c}: expected 2 deliveries in ${inbox}, found ${delivered.length}`);
    }
    log(`service: ${services.get(variants[0]!)!.svc.outboxes().length} outboxes watched; outputs verified`);

    const floor: number[] = [];
    const perVariant = new Map<number, number[]>(variants.map((c) => [c, []]));
    const ratios = new Map<number, number[]>(variants.map((c) => [c, []]));
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? ["floor", ...variants] : [...variants].reverse().concat(["floor"] as never[]);
      const got = new Map<string | number, number>();
      for (const what of order) {
        gc();
        const msgs = batch(template, perRound);
        if (what === "floor") {
          got.set("floor", await floorRound(loaded, msgs, floorDir));
          await emptyDir(floorDir);
        } else {
          const s = services.get(what as number)!;
          got.set(what, await serviceRound(s.svc, msgs, s.staging, join(s.root, outbox)));
          await emptyDir(join(s.root, inbox));
        }
      }
      floor.push(got.get("floor")!);
      for (const c of variants) {
        perVariant.get(c)!.push(got.get(c)!);
        ratios.get(c)!.push(got.get(c)! / got.get("floor")!);
      }
      log(`service round ${r + 1}: floor ${got.get("floor")!.toFixed(0)} msg/s, ${variants.map((c) => `c=${c} ${got.get(c)!.toFixed(0)} msg/s`).join(", ")}`);
    }
    return {
      messagesPerRound: perRound,
      rounds,
      floorMsgPerSec: floor,
      medianFloorMsgPerSec: median(floor),
      variants: variants.map((c) => ({ concurrency: c, msgPerSec: perVariant.get(c)!, ratio: median(ratios.get(c)!), medianMsgPerSec: median(perVariant.get(c)!) })),
    };
  } finally {
    for (const h of handles) await h.stop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}
