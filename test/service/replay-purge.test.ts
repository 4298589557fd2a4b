/**
 * Retries of one failed fan-out target, replay after a fix, table reload,
 * and the retention purge.
 */
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { RoutedDelivery } from "../../src/runtime/api.js";
import type { ServiceHandle, ServiceOptions } from "../../src/service/index.js";
import type { DeliveryPort } from "../../src/service/ports.js";
import { parseDuration, purgeState } from "../../src/service/purge.js";
import type { ReasonFile } from "../../src/service/reasons.js";
import { replayErrors } from "../../src/service/replay.js";
import { runtimeDelivery } from "../../src/service/runtime-ports.js";
import { drop, journalRows, ls, message, tableText, waitFor, walk } from "./helpers/env.js";
import { serviceHarness } from "./helpers/harness.js";

/** The real adapters, with the LRA target failing (retryably) while `broken` is set. */
function flakyLra(): { port: DeliveryPort; calls: Map<string, number>; fix(): void } {
  let broken = true;
  const calls = new Map<string, number>();
  return {
    calls,
    fix: () => void (broken = false),
    port: {
      deliver: async (d: RoutedDelivery, ctx) => {
        const who = d.recipient ?? d.system;
        calls.set(who, (calls.get(who) ?? 0) + 1);
        if (broken && d.recipient === "LRA Mittelsachsen") return { ok: false, retryable: true, errorClass: "io", detail: "test: target down" };
        return runtimeDelivery.deliver(d, ctx);
      },
    },
  };
}

const t = serviceHarness({ retryBaseMs: 10, retryMaxMs: 40, maxAttempts: 3 });
const start = (extra: Partial<ServiceOptions> = {}): Promise<ServiceHandle> => t.start(extra);

describe("one failed fan-out target", () => {
  it("is retried alone, goes to the error folder after bounded retries, and a replay delivers only it", async () => {
    const flaky = flakyLra();
    const s = await start({ delivery: flaky.port });
    const uuid = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    await drop(t.env.at("freiberg/gewerbe/out"), "abmeldung.xml", message("a10", { uuid }));
    const err = t.env.at("freiberg/gewerbe/out.error");
    await waitFor(async () => (await ls(err)).length === 2, 10_000, "error entry");
    await waitFor(() => s.stats().error === 1);
    expect(flaky.calls.get("StaLA Sachsen")).toBe(1);
    expect(flaky.calls.get("LRA Mittelsachsen")).toBe(3);
    const reason = JSON.parse(await fsp.readFile(path.join(err, "abmeldung.xml.reason.json"), "utf8")) as ReasonFile;
    expect(reason.reason).toBe("delivery-failed");
    expect(reason.messageId).toBe(uuid);
    expect(reason.deliveries?.map((d) => [d.recipient, d.state, d.attempts, d.lastError]).sort()).toEqual([
      ["LRA Mittelsachsen", "failed", 3, "io"],
      ["StaLA Sachsen", "delivered", 1, undefined],
    ]);
    expect(await ls(t.env.at("stala/gewerbe/in"))).toHaveLength(1);

    flaky.fix();
    const items = await replayErrors({ stateDir: t.env.state, exchangeRoot: t.env.root, all: true });
    expect(items).toMatchObject([{ status: "replayed", reason: "delivery-failed" }]);
    expect(items[0]!.restoredAs).toBe(path.join(t.env.at("freiberg/gewerbe/out"), "abmeldung.xml"));
    expect(await ls(err)).toEqual([]);
    await waitFor(async () => (await ls(t.env.at("lra-mittelsachsen/gewerbe/in"))).length === 1, 10_000, "LRA delivery");
    await waitFor(() => s.stats().done === 1);
    expect(flaky.calls.get("StaLA Sachsen")).toBe(1);
    expect(await ls(t.env.at("stala/gewerbe/in"))).toHaveLength(1);
    const j = journalRows(t.env.state);
    expect(j.messages).toMatchObject([{ id: uuid, state: "delivered" }]);
    expect(j.intake.map((r) => r.state).sort()).toEqual(["done", "replayed"]);
    expect(j.deliveries.map((d) => [d.recipient, d.state]).sort()).toEqual([
      ["LRA Mittelsachsen", "delivered"],
      ["StaLA Sachsen", "delivered"],
    ]);
  });

  it("fails at once (one attempt) when the adapter says the failure is not retryable", async () => {
    await fsp.mkdir(t.env.at("lra-mittelsachsen/gewerbe"), { recursive: true });
    await fsp.writeFile(t.env.at("lra-mittelsachsen/gewerbe/in"), "not a folder");
    const s = await start();
    await drop(t.env.at("freiberg/gewerbe/out"), "x.xml", message("a10"));
    await waitFor(() => s.stats().error === 1);
    const j = journalRows(t.env.state);
    const lra = j.deliveries.find((d) => d.recipient === "LRA Mittelsachsen")!;
    expect(lra).toMatchObject({ state: "failed", attempts: 1, last_error: "path-escape" });
  });
});

describe("reload and replay after a table fix", () => {
  it("rejects a bad table (keeping the last good one) and replays a message once the table covers it", async () => {
    const s = await start();
    const before = s.tableHash();
    await fsp.writeFile(t.env.table, "{ not json");
    const bad = await s.reload();
    expect(bad.ok).toBe(false);
    expect(s.tableHash()).toBe(before);
    // Leipzig (14713000) is not in the table: unknown-region
    await drop(t.env.at("amt24/out"), "leipzig.xml", message("a1", { ags: "14713000" }));
    const err = t.env.at("amt24/out.error");
    await waitFor(async () => (await ls(err)).length === 2);
    await waitFor(() => s.stats().error === 1);
    // the fix: Leipzig gets its Gewerbefachverfahren
    await fsp.writeFile(
      t.env.table,
      tableText((t) => {
        const tt = t as unknown as {
          regions: { agsToArs: Record<string, string> };
          endpoints: unknown[];
          deliveries: unknown[];
          sources: unknown[];
          scenarios: Record<string, { routes: Record<string, unknown> }>;
        };
        tt.regions.agsToArs["14713000"] = "147130000000";
        tt.endpoints.push({
          system: "gewerbe.GewerbeProX",
          adapter: { kind: "filesystem", inbox: "leipzig/gewerbe/in", outbox: "leipzig/gewerbe/out", variant: "xml-file", encoding: "UTF-8" },
        });
        const prov = { file: "gewerbe/leipzig.stw", line: 1, region: "147130000000", level: "municipality" };
        tt.sources.push({ system: "gewerbe.Amt24OAM", endpoint: 0, setBy: prov });
        tt.deliveries.push({ role: "gewerbe.Gewerbefachverfahren", system: "gewerbe.GewerbeProX", endpoint: tt.endpoints.length - 1, message: "gewerbe.Gewerbemeldung20", setBy: prov });
        tt.scenarios["gewerbe.A1"]!.routes["147130000000"] = { stage: "test", source: tt.sources.length - 1, deliveries: [tt.deliveries.length - 1] };
      }),
    );
    const good = await s.reload();
    expect(good.ok).toBe(true);
    expect(good).toMatchObject({ ok: true, contentHash: s.tableHash() });
    expect(s.tableHash()).not.toBe(before);
    const items = await replayErrors({ stateDir: t.env.state, exchangeRoot: t.env.root, files: [path.join(err, "leipzig.xml.reason.json")] });
    expect(items).toMatchObject([{ status: "replayed", reason: "unknown-region" }]);
    await waitFor(async () => (await ls(t.env.at("leipzig/gewerbe/in"))).length === 1, 10_000, "Leipzig delivery");
  });

  it("does not replay a conflict, nor something that is not an error-folder entry", async () => {
    const s = await start();
    const msg = message("a10", { uuid: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee" });
    await drop(t.env.at("freiberg/gewerbe/out"), "one.xml", msg);
    await waitFor(() => s.stats().done === 1);
    await drop(t.env.at("freiberg/gewerbe/out"), "two.xml", Buffer.from(msg.toString().replace("Catering", "Imbiss")));
    await waitFor(() => s.stats().error === 1);
    const items = await replayErrors({
      stateDir: t.env.state,
      exchangeRoot: t.env.root,
      files: [t.env.at("freiberg/gewerbe/out.error/two.xml"), t.env.at("freiberg/gewerbe/out/none.xml")],
    });
    expect(items.map((i) => i.status)).toEqual(["skipped", "skipped"]);
    expect(items[0]!.why).toMatch(/conflict/);
    expect(await ls(t.env.at("freiberg/gewerbe/out.error"))).toHaveLength(2);
  });
});

describe("purge", () => {
  it("parses durations", () => {
    expect(parseDuration("90d")).toBe(90 * 86_400_000);
    expect(parseDuration("12h")).toBe(12 * 3_600_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("2w")).toBe(14 * 86_400_000);
    for (const bad of ["", "0d", "-1d", "10", "1y", "1.5h"]) expect(() => parseDuration(bad)).toThrow(/invalid duration/);
  });

  it("removes final journal rows, error entries and archive days older than the cutoff, nothing younger", async () => {
    const s = await start({ archive: true });
    const msg = message("a10");
    await drop(t.env.at("freiberg/gewerbe/out"), "ok.xml", msg);
    await waitFor(() => s.stats().done === 1);
    await drop(t.env.at("freiberg/gewerbe/out"), "dup.xml", msg);
    await drop(t.env.at("amt24/out"), "cottbus.xml", message("a1", { ags: "12052000" }));
    await drop(t.env.at("amt24/out"), "anmeldung.xml", message("a1", { betriebId: "c0ffee00-0000-4000-8000-000000000001" }));
    await waitFor(() => s.stats().duplicate === 1 && s.stats().error === 1 && s.stats().done === 2);
    expect((await walk(path.join(t.env.state, "archive"))).length).toBe(3);

    const young = await purgeState({ stateDir: t.env.state, exchangeRoot: t.env.root, olderThanMs: 3_600_000 });
    expect(young).toMatchObject({ intake: 0, messages: 0, deliveries: 0, cases: 0, errorEntries: 0, archiveDays: 0 });

    const later = new Date(Date.now() + 2 * 86_400_000);
    const dry = await purgeState({ stateDir: t.env.state, exchangeRoot: t.env.root, olderThanMs: 86_400_000, now: later, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, intake: 4, messages: 2, deliveries: 3, cases: 1, errorEntries: 1, archiveDays: 1 });
    expect(journalRows(t.env.state).intake).toHaveLength(4);

    const done = await purgeState({ stateDir: t.env.state, exchangeRoot: t.env.root, olderThanMs: 86_400_000, now: later });
    expect(done).toMatchObject({ dryRun: false, intake: 4, messages: 2, deliveries: 3, cases: 1, errorEntries: 1, archiveDays: 1 });
    const j = journalRows(t.env.state);
    expect([j.intake, j.messages, j.deliveries, j.cases].map((t) => t.length)).toEqual([0, 0, 0, 0]);
    expect(await ls(t.env.at("amt24/out.error"))).toEqual([]);
    expect(await walk(path.join(t.env.state, "archive"))).toEqual([]);
    // the service keeps working on the purged journal
    await drop(t.env.at("freiberg/gewerbe/out"), "after.xml", message("a10"));
    await waitFor(() => s.stats().done === 3);
  });
});
