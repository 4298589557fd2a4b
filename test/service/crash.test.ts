/**
 * Crash safety: the compiled service runs in a child process and is killed
 * with SIGKILL at random moments while 500 messages flow into three outboxes
 * (fan-out A10s, A1s to xml-file and folder inboxes, exact duplicate copies,
 * unroutable messages). After the last restart every message must be either
 * delivered exactly once to each of its targets or in the error folder with a
 * reason file: none lost, none duplicated, nothing left claimed.
 */
import { randomUUID } from "node:crypto";
import { promises as fsp, readFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDist, spawnService, type Child } from "./helpers/dist.js";
import { AGS, AGS_OUT_OF_SCOPE, drop, journalRows, ls, makeEnv, message, waitFor, walk, type Env } from "./helpers/env.js";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const rand = (a: number, b: number): number => a + Math.floor(Math.random() * (b - a + 1));

interface Planned {
  outbox: string;
  name: string;
  bytes: Buffer;
  uuid: string;
  /** Inboxes that must hold exactly one delivery of it; empty for unroutable ones. */
  targets: string[];
  unroutable?: boolean;
  duplicateOf?: string;
}

function plan(): Planned[] {
  const out: Planned[] = [];
  const a10Targets = ["stala/gewerbe/in", "lra-mittelsachsen/gewerbe/in"];
  for (let i = 0; i < 200; i++) {
    const uuid = randomUUID();
    out.push({ outbox: "freiberg/gewerbe/out", name: `a10-fg-${i}.xml`, uuid, bytes: message("a10", { uuid }), targets: a10Targets });
  }
  for (let i = 0; i < 200; i++) {
    const uuid = randomUUID();
    const ags = i % 2 === 0 ? AGS.mittweida : AGS.altmittweida;
    out.push({ outbox: "vg-mittweida/gewerbe/out", name: `a10-mw-${i}.xml`, uuid, bytes: message("a10", { uuid, ags }), targets: a10Targets });
  }
  const a1Inbox: Record<string, string> = { [AGS.freiberg]: "freiberg/gewerbe/in", [AGS.mittweida]: "vg-mittweida/gewerbe/in", [AGS.chemnitz]: "chemnitz/gewerbe/in" };
  const a1Ags = Object.keys(a1Inbox);
  for (let i = 0; i < 80; i++) {
    const uuid = randomUUID();
    const ags = a1Ags[i % a1Ags.length]!;
    out.push({ outbox: "amt24/out", name: `a1-${i}.xml`, uuid, bytes: message("a1", { uuid, ags, betriebId: randomUUID() }), targets: [a1Inbox[ags]!] });
  }
  for (let i = 0; i < 10; i++) {
    const uuid = randomUUID();
    out.push({ outbox: "amt24/out", name: `unroutable-${i}.xml`, uuid, bytes: message("a1", { uuid, ags: AGS_OUT_OF_SCOPE }), targets: [], unroutable: true });
  }
  for (let i = 0; i < 10; i++) {
    const orig = out[i * 17]!;
    out.push({ ...orig, name: `copy-of-${orig.name}`, duplicateOf: orig.name });
  }
  // shuffle
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

let env: Env;
beforeAll(() => {
  ensureDist();
  env = makeEnv();
});
afterAll(() => env?.cleanup());

/**
 * Truly long: eleven child-process starts (each loads the table and the journal
 * and resumes what the previous one left) and 500 messages through a journal
 * that fsyncs every transition. 20 s here unloaded, 25-34 s with the machine
 * at load 10-15 (most of it processing while the children start), so the
 * default 60 s left a loaded CI machine less than a factor two.
 */
const CRASH_TEST_MS = 180_000;

describe("crash safety", () => {
  it("delivers 500 messages exactly once (or to the error folder) across repeated SIGKILLs", { timeout: CRASH_TEST_MS }, async () => {
    const messages = plan();
    expect(messages).toHaveLength(500);
    let n = 0;
    const opts = (): Record<string, unknown> => ({
      table: env.table,
      exchangeRoot: env.root,
      stateDir: env.state,
      stableMs: 20,
      rescanMs: 200,
      concurrency: 8,
      logFile: path.join(env.dir, `log-${n++}.jsonl`),
    });
    // the producer: writes *.part then renames, in bursts, while the service is being killed
    let produced = 0;
    const producer = (async () => {
      for (let i = 0; i < messages.length; i += 20) {
        await Promise.all(messages.slice(i, i + 20).map((m) => drop(env.at(m.outbox), m.name, m.bytes)));
        produced = Math.min(messages.length, i + 20);
        await sleep(rand(5, 40));
      }
    })();
    const kills: number[] = [];
    let child: Child | undefined;
    const t0 = Date.now();
    for (let k = 0; k < 10; k++) {
      child = spawnService(opts());
      await child.ready;
      const after = rand(20, 350);
      await sleep(after);
      child.proc.kill("SIGKILL");
      await child.exited;
      kills.push(after);
    }
    await producer;
    expect(produced).toBe(500);
    child = spawnService(opts());
    await child.ready;
    const outboxes = ["freiberg/gewerbe/out", "vg-mittweida/gewerbe/out", "amt24/out"];
    const expectedFiles = messages.filter((m) => !m.duplicateOf).reduce((a, m) => a + m.targets.length, 0);
    const inboxes = ["stala/gewerbe/in", "lra-mittelsachsen/gewerbe/in", "freiberg/gewerbe/in", "vg-mittweida/gewerbe/in", "chemnitz/gewerbe/in"];
    await waitFor(
      async () => {
        for (const o of outboxes) if ((await ls(env.at(o))).length > 0) return false;
        let total = 0;
        for (const i of inboxes) total += (await ls(env.at(i))).length;
        return total >= expectedFiles && (await ls(env.at("amt24/out.error"))).length >= 20;
      },
      120_000,
      "all messages processed",
    );
    await waitFor(() => journalRows(env.state).intake.every((r) => !["received", "routed", "erroring"].includes(r.state as string)), 10_000, "journal settled");
    child.proc.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    const elapsed = Date.now() - t0;

    // Every routable message: exactly one delivery per target inbox, found by its message id in the file name.
    const byInbox = new Map<string, string[]>();
    for (const i of inboxes) byInbox.set(i, await ls(env.at(i)));
    for (const m of messages) {
      for (const inbox of m.targets) {
        const hits = byInbox.get(inbox)!.filter((f) => f.includes(m.uuid));
        expect(hits, `${m.name} in ${inbox}`).toHaveLength(1);
      }
    }
    const totalDelivered = [...byInbox.values()].reduce((a, l) => a + l.length, 0);
    expect(totalDelivered).toBe(expectedFiles);
    // Delivered content is the message, unchanged (xml-file inboxes).
    for (const m of messages.filter((x) => x.outbox !== "amt24/out").slice(0, 30)) {
      const f = byInbox.get("stala/gewerbe/in")!.find((x) => x.includes(m.uuid))!;
      expect(readFileSync(path.join(env.at("stala/gewerbe/in"), f)).equals(m.bytes)).toBe(true);
    }
    // Unroutable ones: in the error folder, each with its reason file; nothing else there.
    const errs = await ls(env.at("amt24/out.error"));
    const unroutable = messages.filter((m) => m.unroutable).map((m) => m.name).sort();
    expect(errs).toEqual(unroutable.flatMap((n) => [n, `${n}.reason.json`]).sort());
    for (const n of unroutable) {
      const r = JSON.parse(readFileSync(path.join(env.at("amt24/out.error"), `${n}.reason.json`), "utf8")) as { reason: string };
      expect(r.reason).toBe("unknown-region");
    }
    for (const o of ["freiberg/gewerbe/out.error", "vg-mittweida/gewerbe/out.error"]) expect(await ls(env.at(o))).toEqual([]);
    // Nothing left claimed, nothing left in the outboxes (not even hidden claim folders' content).
    expect(await walk(path.join(env.state, "claimed"))).toEqual([]);
    for (const o of outboxes) expect(await walk(env.at(o))).toEqual([]);
    // Journal: one message row per distinct message id, all final; duplicates recorded as such.
    const j = journalRows(env.state);
    const routable = messages.filter((m) => !m.unroutable && !m.duplicateOf);
    expect(j.messages).toHaveLength(routable.length);
    expect(j.messages.every((r) => r.state === "delivered")).toBe(true);
    expect(j.deliveries.every((r) => r.state === "delivered")).toBe(true);
    const states = j.intake.reduce<Record<string, number>>((a, r) => ((a[r.state as string] = (a[r.state as string] ?? 0) + 1), a), {});
    expect(states.done).toBe(routable.length);
    expect(states.duplicate).toBe(10);
    expect(states.error).toBe(10);
    // Crash coverage, from the logs of all runs.
    let resumed = 0;
    let alreadyPresent = 0;
    for (let i = 0; i < n; i++) {
      const text = await fsp.readFile(path.join(env.dir, `log-${i}.jsonl`), "utf8").catch(() => "");
      for (const line of text.split("\n")) {
        if (line.includes('"event":"resume"')) resumed += (JSON.parse(line) as { claims: number }).claims;
        if (line.includes('"alreadyPresent":true')) alreadyPresent++;
      }
    }
    console.log(
      `crash test: ${kills.length} SIGKILLs after ${kills.join("/")} ms of uptime; ${resumed} claims resumed, ` +
        `${alreadyPresent} redeliveries found already published; ${elapsed} ms in total`,
    );
  });
});
