/**
 * Deterministic crash points: the journal and the claim area are put into the
 * state a crash at one specific step leaves behind, then the service starts
 * and must finish the message exactly once (or record it as an error). The
 * random SIGKILL test (crash.test.ts) covers the same ground statistically.
 */
import { promises as fsp, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { RouteResult } from "../../src/runtime/api.js";
import { loadTable } from "../../src/runtime/load-table.js";
import { route } from "../../src/runtime/router.js";
import { claimedName, stateClaimDir } from "../../src/service/claim.js";
import { reserveErrorName } from "../../src/service/error-folder.js";
import type { ServiceHandle } from "../../src/service/index.js";
import { Journal, targetKey } from "../../src/service/journal.js";
import { mkdirOwner } from "../../src/service/secure-fs.js";
import { runtimeDelivery } from "../../src/service/runtime-ports.js";
import { journalRows, ls, message, waitFor, walk } from "./helpers/env.js";
import { serviceHarness } from "./helpers/harness.js";

const OUTBOX = "freiberg/gewerbe/out";
const t = serviceHarness({ stableMs: 20 });

/** Puts `bytes` into the claim area as claim `claimId` (what a claim rename does). */
async function claimed(claimId: string, name: string, bytes: Buffer): Promise<string> {
  const dir = stateClaimDir(t.env.state, "default", OUTBOX);
  await mkdirOwner(dir);
  const p = path.join(dir, claimedName(claimId, name));
  await fsp.writeFile(p, bytes);
  return p;
}

async function routed(bytes: Buffer): Promise<Extract<RouteResult, { ok: true }>> {
  const table = loadTable(JSON.parse(readFileSync(t.env.table, "utf8")));
  const r = await route(table, bytes);
  if (!r.ok) throw new Error(r.detail);
  return r;
}

/** Journals a claim as received and routed (deliveries pending), as the pipeline does. */
async function journalRouted(j: Journal, claimId: string, name: string, claimPath: string, r: Extract<RouteResult, { ok: true }>): Promise<void> {
  j.insertIntake({ claimId, instance: "default", outbox: OUTBOX, name, kind: "file", claimPath, hash: r.messageHash });
  const reg = j.register({
    claimId,
    messageId: r.messageId,
    hash: r.messageHash,
    scenario: r.scenario,
    region: r.region,
    tableHash: "sha256:test",
    targets: r.deliveries.map((d) => ({ target: targetKey(d), role: d.role, recipient: d.recipient, system: d.system, fileName: d.fileName })),
  });
  expect(reg.kind).toBe("new");
}

/** A claim journaled as routed, deliveries pending: the state right after step 4. The journal stays open. */
async function routedClaim(name: string, bytes: Buffer, claimPath?: string): Promise<{ j: Journal; r: Extract<RouteResult, { ok: true }> }> {
  const p = claimPath ?? (await claimed(CLAIM, name, bytes));
  const r = await routed(bytes);
  await fsp.mkdir(t.env.state, { recursive: true });
  const j = new Journal(t.env.state);
  await journalRouted(j, CLAIM, name, p, r);
  return { j, r };
}

async function start(): Promise<ServiceHandle> {
  await fsp.mkdir(t.env.state, { recursive: true });
  return t.start();
}

/** Publishes both targets of `r` as step 5 does, starts the service, and checks it finds them already present (no second copy). */
async function publishThenRestart(r: Extract<RouteResult, { ok: true }>): Promise<void> {
  for (const d of r.deliveries) expect((await runtimeDelivery.deliver(d, { exchangeRoot: t.env.root })).ok).toBe(true);
  const s = await start();
  await waitFor(() => s.stats().done === 1);
  expect(await ls(t.env.at("stala/gewerbe/in"))).toHaveLength(1);
  expect(await ls(t.env.at("lra-mittelsachsen/gewerbe/in"))).toHaveLength(1);
  expect(t.logs.records().filter((l) => l.event === "delivered" && l.alreadyPresent === true)).toHaveLength(2);
}

const CLAIM = "lx0000aa-0123456789ab";

describe("resume after a crash", () => {
  it("right after the claim rename (no journal row yet): routes and delivers", async () => {
    await claimed(CLAIM, "a.xml", message("a10"));
    const s = await start();
    await waitFor(() => s.stats().done === 1);
    expect(await ls(t.env.at("stala/gewerbe/in"))).toHaveLength(1);
    expect(journalRows(t.env.state).intake).toMatchObject([{ claim_id: CLAIM, name: "a.xml", outbox: OUTBOX, state: "done" }]);
    expect(await walk(path.join(t.env.state, "claimed"))).toEqual([]);
  });

  it("after one of two targets was delivered and journaled: delivers only the other", async () => {
    const { j, r } = await routedClaim("b.xml", message("a10"));
    const stala = r.deliveries.find((d) => d.recipient === "StaLA Sachsen")!;
    expect((await runtimeDelivery.deliver(stala, { exchangeRoot: t.env.root })).ok).toBe(true);
    j.recordPass(CLAIM, { scenario: r.scenario, id: r.messageId }, [{ target: targetKey(stala), ok: true }]);
    j.close();
    const s = await start();
    await waitFor(() => s.stats().done === 1);
    expect(await ls(t.env.at("stala/gewerbe/in"))).toHaveLength(1);
    expect(await ls(t.env.at("lra-mittelsachsen/gewerbe/in"))).toHaveLength(1);
    expect(s.stats().delivered).toBe(1);
    const rows = journalRows(t.env.state).deliveries.map((d) => [d.recipient, d.state, d.attempts]).sort();
    expect(rows).toEqual([
      ["LRA Mittelsachsen", "delivered", 1],
      ["StaLA Sachsen", "delivered", 1],
    ]);
  });

  it("after both targets were published but before the pass was journaled: finds them already present, no second copy", async () => {
    const { j, r } = await routedClaim("c.xml", message("a10"));
    j.close();
    await publishThenRestart(r);
  });

  it("after both targets were published when a power loss undid the registration (claimed copy, no row): finds them already present", async () => {
    // The registration is committed without an fsync of its own (the delivery pass's commit makes it durable),
    // so a power loss between publication and the pass can leave exactly this state.
    const bytes = message("a10");
    await claimed(CLAIM, "c2.xml", bytes);
    const r = await routed(bytes);
    await publishThenRestart(r);
    expect(journalRows(t.env.state).intake).toMatchObject([{ claim_id: CLAIM, name: "c2.xml", state: "done" }]);
    expect(await walk(path.join(t.env.state, "claimed"))).toEqual([]);
  });

  it("in the middle of an error move (reason written, message still claimed): completes the move", async () => {
    const p = await claimed(CLAIM, "d.xml", message("a1", { ags: "12052000" }));
    await fsp.mkdir(t.env.state, { recursive: true });
    const j = new Journal(t.env.state);
    j.insertIntake({ claimId: CLAIM, instance: "default", outbox: OUTBOX, name: "d.xml", kind: "file", claimPath: p, hash: null });
    const errDir = t.env.at(`${OUTBOX}.error`);
    const name = await reserveErrorName(errDir, "d.xml", CLAIM);
    j.beginError(CLAIM, "unknown-region", "test", name);
    j.close();
    const s = await start();
    await waitFor(() => s.stats().error === 1);
    expect(await ls(errDir, { dot: true })).toEqual(["d.xml", "d.xml.reason.json"]);
    expect(journalRows(t.env.state).intake).toMatchObject([{ state: "error", reason: "unknown-region", error_name: "d.xml" }]);
  });

  it("after the message was finished but its claimed copy not yet removed: removes it, delivers nothing", async () => {
    const { j, r } = await routedClaim("e.xml", message("a10"));
    j.recordPass(CLAIM, { scenario: r.scenario, id: r.messageId }, r.deliveries.map((d) => ({ target: targetKey(d), ok: true as const })));
    j.close();
    const s = await start();
    await waitFor(async () => (await walk(path.join(t.env.state, "claimed"))).length === 0);
    await s.whenIdle();
    expect(await ls(t.env.at("stala/gewerbe/in"))).toEqual([]);
    expect(s.stats().delivered).toBe(0);
  });

  it("when a routed claim's copy vanished: records claim-lost, and a resent copy is delivered", async () => {
    const bytes = message("a10");
    const { j } = await routedClaim("f.xml", bytes, path.join(t.env.state, "claimed/default/gone"));
    j.close();
    const s = await start();
    await waitFor(() => s.stats().error === 1);
    expect(journalRows(t.env.state).intake).toMatchObject([{ state: "error", reason: "claim-lost" }]);
    // the message row is "failed": the producer's resend re-attaches and is delivered
    await fsp.writeFile(t.env.at(`${OUTBOX}/f.xml`), bytes);
    await waitFor(() => s.stats().done === 1);
    expect(await ls(t.env.at("stala/gewerbe/in"))).toHaveLength(1);
  });
});
