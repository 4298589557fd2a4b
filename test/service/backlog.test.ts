/**
 * Throughput-related behaviour of the service at concurrency 1: a backlog is
 * worked off exactly once with two journal commits per message (the intake
 * row goes into the register transaction), a claim whose processing fails
 * before its intake row is written is adopted again, non-durable journal
 * writes (the registration) are visible at once and made durable by the next
 * durable commit, and the fsyncs that make a claim durable are retried when
 * they fail.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, promises as fsp, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ClaimSync, claimEntry, parseClaimedName } from "../../src/service/claim.js";
import { Journal } from "../../src/service/journal.js";
import { runtimeRouter } from "../../src/service/runtime-ports.js";
import type { RouterPort } from "../../src/service/ports.js";
import { AGS, drop, journalRows, ls, message, waitFor, walk } from "./helpers/env.js";
import { serviceHarness } from "./helpers/harness.js";

const OUTBOX = "freiberg/gewerbe/out";
const INBOXES = ["stala/gewerbe/in", "lra-mittelsachsen/gewerbe/in"];
const t = serviceHarness({ stableMs: 0, concurrency: 1, retryBaseMs: 20, retryMaxMs: 100 });

afterEach(() => vi.restoreAllMocks());

describe("service at concurrency 1", () => {
  it("works off a backlog exactly once, with two journal commits per message", async () => {
    const flush = vi.spyOn(Journal.prototype as unknown as { flush(): void }, "flush");
    const s = await t.start();
    const n = 60;
    const uuids = Array.from({ length: n }, () => randomUUID());
    const commitsBefore = flush.mock.calls.length;
    await Promise.all(uuids.map((uuid, i) => drop(t.env.at(OUTBOX), `m-${i}.xml`, message("a10", { uuid, ags: AGS.freiberg }))));
    await waitFor(() => s.stats().done === n, 30_000, `${n} messages done`);
    for (const inbox of INBOXES) {
      const files = await ls(t.env.at(inbox));
      expect(files).toHaveLength(n);
      for (const u of uuids) expect(files.filter((f) => f.includes(u))).toHaveLength(1);
    }
    const intake = journalRows(t.env.state).intake;
    expect(intake).toHaveLength(n);
    expect(intake.every((r) => r.state === "done")).toBe(true);
    expect(await ls(t.env.at(OUTBOX))).toEqual([]);
    expect(await walk(path.join(t.env.state, "claimed"))).toEqual([]);
    expect(s.stats()).toMatchObject({ claimed: n, done: n, delivered: 2 * n, duplicate: 0, error: 0 });
    // received + registered in one commit, the delivery pass in the other
    expect(flush.mock.calls.length - commitsBefore).toBeLessThanOrEqual(2 * n);
  });

  it("adopts a claim again when its processing fails before the intake row is written", async () => {
    let failures = 1;
    const router: RouterPort = {
      loadTable: (json) => runtimeRouter.loadTable(json),
      route: async (table, bytes, opts) => {
        if (failures-- > 0) throw new Error("transient failure");
        return runtimeRouter.route(table, bytes, opts);
      },
    };
    const s = await t.start({ router });
    const uuid = randomUUID();
    await drop(t.env.at(OUTBOX), "m.xml", message("a10", { uuid, ags: AGS.freiberg }));
    await waitFor(() => s.stats().done === 1, 10_000, "message done");
    for (const inbox of INBOXES) expect((await ls(t.env.at(inbox))).filter((f) => f.includes(uuid))).toHaveLength(1);
    const intake = journalRows(t.env.state).intake;
    expect(intake.map((r) => r.state)).toEqual(["done"]);
    expect(t.logs.records().filter((r) => r.event === "claim-failure")).toHaveLength(1);
  });
});

describe("journal commits", () => {
  it("commit a non-durable write visibly at once, and every batch with a durable write with an fsync (synchronous FULL)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stellwerk-journal-"));
    const j = new Journal(dir);
    const other = new Journal(dir, { readonly: true });
    try {
      const intake = (claimId: string) => ({ claimId, instance: "default", outbox: OUTBOX, name: `${claimId}.xml`, kind: "file" as const, claimPath: `/x/${claimId}`, hash: null });
      const sync = (): unknown => j.db.pragma("synchronous", { simple: true });
      await j.write(() => j.insertIntake(intake("lazy-1")), { durable: false });
      expect(sync()).toBe(1); // NORMAL: committed without an fsync
      expect(other.getIntake("lazy-1")).toMatchObject({ state: "received" });
      // a batch mixing both kinds is committed durably
      await Promise.all([
        j.write(() => j.insertIntake(intake("lazy-2")), { durable: false }),
        j.write(() => j.insertIntake(intake("durable-1"))),
      ]);
      expect(sync()).toBe(2); // FULL
      expect(other.getIntake("lazy-2")).toBeDefined();
      expect(other.getIntake("durable-1")).toBeDefined();
      await j.write(() => j.insertIntake(intake("durable-2")));
      expect(sync()).toBe(2);
    } finally {
      other.close();
      j.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("claiming", () => {
  it("creates a missing claim area on demand and reports an entry that is gone", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "stellwerk-claim-"));
    try {
      const outbox = path.join(root, "out");
      const area = path.join(root, "claimed", "default", "out");
      await fsp.mkdir(outbox);
      await fsp.writeFile(path.join(outbox, "m.xml"), "<m/>");
      const c = await claimEntry(outbox, "m.xml", area);
      expect(c.ok).toBe(true);
      if (!c.ok) return;
      await c.sync.wait();
      expect(parseClaimedName(path.basename(c.claimPath))).toEqual({ claimId: c.claimId, name: "m.xml" });
      expect(await fsp.readFile(c.claimPath, "utf8")).toBe("<m/>");
      expect((await fsp.stat(area)).mode & 0o777).toBe(0o700);
      expect(await claimEntry(outbox, "m.xml", area)).toEqual({ ok: false, why: "gone" });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("reports a failed fsync of a claim and fsyncs again on the next wait", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "stellwerk-claimsync-"));
    try {
      const missing = path.join(root, "area");
      const sync = new ClaimSync([root, missing]);
      await expect(sync.wait()).rejects.toMatchObject({ code: "ENOENT" });
      await fsp.mkdir(missing);
      await expect(sync.wait()).resolves.toBeUndefined();
      await expect(sync.wait()).resolves.toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
