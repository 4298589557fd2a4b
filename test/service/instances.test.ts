/**
 * Several service instances on the same outboxes: three child processes (two
 * sharing one state folder and journal under different instance names, one
 * with its own) race for 300 messages. Every file is claimed by exactly one
 * instance (one intake row across all journals, no redelivery found already
 * published) and delivered once. An instance name can run only once per
 * state folder.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService } from "../../src/service/index.js";
import { ensureDist, spawnService, type Child } from "./helpers/dist.js";
import { AGS, captureLogger, drop, journalRows, ls, makeEnv, message, waitFor, type Env } from "./helpers/env.js";

let env: Env;
beforeAll(() => {
  ensureDist();
  env = makeEnv();
});
afterAll(() => env?.cleanup());

describe("several instances", () => {
  // Truly long: three child services and 300 messages (600 deliveries) through
  // fsync'ed journals, two of them contending for one SQLite file. 5 s here
  // unloaded, up to 19 s at load 12-15: the 60 s default (and the 40 s wait)
  // left a loaded CI machine little room.
  it("never process one file twice", { timeout: 180_000 }, async () => {
    const shared = env.state;
    const own = path.join(env.dir, "state-c");
    // files written in place (every third) need a stability window that outlasts the writer under load
    const base = { table: env.table, exchangeRoot: env.root, stableMs: 250, rescanMs: 200 };
    const children: Child[] = [
      spawnService({ ...base, stateDir: shared, instance: "a", logFile: path.join(env.dir, "a.jsonl") }),
      spawnService({ ...base, stateDir: shared, instance: "b", logFile: path.join(env.dir, "b.jsonl") }),
      spawnService({ ...base, stateDir: own, instance: "c", logFile: path.join(env.dir, "c.jsonl") }),
    ];
    await Promise.all(children.map((c) => c.ready));
    const names: string[] = [];
    const uuids: string[] = [];
    const writes: Array<Promise<void>> = [];
    for (let i = 0; i < 300; i++) {
      const uuid = randomUUID();
      uuids.push(uuid);
      const [outbox, ags] = i % 2 === 0 ? ["freiberg/gewerbe/out", AGS.freiberg] : ["vg-mittweida/gewerbe/out", AGS.mittweida];
      names.push(`m-${i}.xml`);
      writes.push(drop(env.at(outbox), `m-${i}.xml`, message("a10", { uuid, ags }), { part: i % 3 !== 0 }));
    }
    await Promise.all(writes);
    await waitFor(async () => (await ls(env.at("lra-mittelsachsen/gewerbe/in"))).length === 300, 120_000, "300 deliveries");
    for (const c of children) c.proc.kill("SIGTERM");
    expect(await Promise.all(children.map((c) => c.exited))).toEqual([0, 0, 0]);

    const intake = [...journalRows(shared).intake, ...journalRows(own).intake];
    expect(intake.map((r) => r.name).sort()).toEqual([...names].sort());
    expect(intake.every((r) => r.state === "done")).toBe(true);
    const perInstance = intake.reduce<Record<string, number>>((a, r) => ((a[r.instance as string] = (a[r.instance as string] ?? 0) + 1), a), {});
    expect(Object.values(perInstance).filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    for (const inbox of ["stala/gewerbe/in", "lra-mittelsachsen/gewerbe/in"]) {
      const files = await ls(env.at(inbox));
      expect(files).toHaveLength(300);
      for (const u of uuids) expect(files.filter((f) => f.includes(u))).toHaveLength(1);
    }
    for (const log of ["a", "b", "c"]) {
      expect(readFileSync(path.join(env.dir, `${log}.jsonl`), "utf8")).not.toContain('"alreadyPresent":true');
    }
    console.log(`instances: claims per instance ${JSON.stringify(perInstance)}`);
  });

  it("refuses a second run of the same instance on one state folder", async () => {
    const logger = captureLogger().logger;
    const first = await startService({ table: env.table, exchangeRoot: env.root, stateDir: path.join(env.dir, "state-x"), logger });
    try {
      await expect(
        startService({ table: env.table, exchangeRoot: env.root, stateDir: path.join(env.dir, "state-x"), logger }),
      ).rejects.toThrow(/already running/);
    } finally {
      await first.stop();
    }
    // after a clean stop the lock is free again
    const again = await startService({ table: env.table, exchangeRoot: env.root, stateDir: path.join(env.dir, "state-x"), logger });
    await again.stop();
  });
});
