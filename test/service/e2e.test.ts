/**
 * End to end: the service in-process on a temporary exchange root, real
 * XGewerbeanzeige messages dropped into the outboxes the fixture table names,
 * found again in the right municipality's inbox (xml-file and folder
 * variants), with journal rows and error folders checked.
 */
import { existsSync, mkdtempSync, promises as fsp, rmSync, statSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { ServiceHandle, ServiceOptions } from "../../src/service/index.js";
import { serviceHarness } from "./helpers/harness.js";
import type { ReasonFile } from "../../src/service/reasons.js";
import {
  AGS,
  AGS_OUT_OF_SCOPE,
  drop,
  dropFolder,
  entriesWhen,
  journalRows,
  ls,
  message,
  waitFor,
  walk,
} from "./helpers/env.js";

const t = serviceHarness({ stableMs: 40, retryBaseMs: 20, retryMaxMs: 100, maxAttempts: 3 });
let svc: ServiceHandle | undefined;
const start = async (extra: Partial<ServiceOptions> = {}): Promise<ServiceHandle> => (svc = await t.start(extra));

const mode = (p: string): number => statSync(p).mode & 0o777;

describe("service end to end", () => {
  it("watches every source outbox of the table", async () => {
    const s = await start();
    expect(s.outboxes()).toEqual([
      "amt24/out",
      "chemnitz/gewerbe/out",
      "freiberg/gewerbe/out",
      "vg-mittweida/gewerbe/out",
    ]);
  });

  it("fans an A10 out to StaLA and LRA (xml-file), picked up after *.part rename", async () => {
    const s = await start();
    const msg = message("a10", { uuid: "7d5c6a3e-0f51-4d7e-9a55-2f0b7c1e0a10" });
    await drop(t.env.at("freiberg/gewerbe/out"), "abmeldung-1.xml", msg);
    const stala = await entriesWhen(t.env.at("stala/gewerbe/in"), 1);
    const lra = await entriesWhen(t.env.at("lra-mittelsachsen/gewerbe/in"), 1);
    expect(stala[0]).toMatch(/^a10_7d5c6a3e-0f51-4d7e-9a55-2f0b7c1e0a10_.*\.xml$/);
    expect(await fsp.readFile(path.join(t.env.at("stala/gewerbe/in"), stala[0]!))).toEqual(msg);
    expect(await fsp.readFile(path.join(t.env.at("lra-mittelsachsen/gewerbe/in"), lra[0]!))).toEqual(msg);
    await waitFor(async () => (await ls(t.env.at("freiberg/gewerbe/out"))).length === 0, 5000, "outbox empty");
    await s.whenIdle();
    await waitFor(() => s.stats().done === 1);
    const j = journalRows(t.env.state);
    expect(j.messages).toHaveLength(1);
    expect(j.messages[0]).toMatchObject({
      scenario: "gewerbe.A10",
      id: "7d5c6a3e-0f51-4d7e-9a55-2f0b7c1e0a10",
      region: "145220180180",
      state: "delivered",
    });
    expect(j.messages[0]!.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(j.deliveries.map((d) => [d.recipient, d.state, d.attempts]).sort()).toEqual([
      ["LRA Mittelsachsen", "delivered", 1],
      ["StaLA Sachsen", "delivered", 1],
    ]);
    expect(j.intake.map((r) => r.state)).toEqual(["done"]);
    // nothing left in the claim area, no error folder
    expect(await walk(path.join(t.env.state, "claimed"))).toEqual([]);
    expect(await ls(t.env.at("freiberg/gewerbe/out.error"))).toEqual([]);
  });

  it("delivers an A1 written in place (no *.part) to VG Mittweida's folder inbox in ISO-8859-15", async () => {
    await start();
    const msg = message("a1", { uuid: "1b0c1f7e-5a2d-4c59-8d0e-3f6a9b2c0a01", ags: AGS.mittweida });
    await drop(t.env.at("amt24/out"), "anmeldung-mittweida.xml", msg, { part: false });
    const inbox = t.env.at("vg-mittweida/gewerbe/in");
    const folders = await entriesWhen(inbox, 1);
    expect(folders[0]).toMatch(/^a1_1b0c1f7e-5a2d-4c59-8d0e-3f6a9b2c0a01_/);
    const inside = await ls(path.join(inbox, folders[0]!));
    expect(inside).toEqual([`${folders[0]}.xml`]);
    const bytes = await fsp.readFile(path.join(inbox, folders[0]!, inside[0]!));
    // "Ö" of "BEHÖRDE" is one byte (0xD6) in ISO-8859-15, two in UTF-8
    expect(bytes.includes(Buffer.from("Ö", "utf8"))).toBe(false);
    expect(bytes.includes(Buffer.from("BEH\u00d6RDE", "latin1"))).toBe(true);
    expect(bytes.toString("latin1")).toContain("1b0c1f7e-5a2d-4c59-8d0e-3f6a9b2c0a01");
  });

  it("carries the attachments of a folder message into the Chemnitz folder inbox", async () => {
    await start();
    const msg = message("a1", { uuid: "5e7f9a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b", ags: AGS.chemnitz });
    await dropFolder(t.env.at("amt24/out"), "antrag-4711", {
      "antrag.xml": msg,
      "handwerkskarte.pdf": Buffer.from("%PDF-1.4 test attachment\n"),
    });
    const inbox = t.env.at("chemnitz/gewerbe/in");
    const folders = await entriesWhen(inbox, 1);
    const files = await ls(path.join(inbox, folders[0]!));
    expect(files).toContain("handwerkskarte.pdf");
    expect(files.filter((f) => f.endsWith(".xml"))).toHaveLength(1);
    expect(await fsp.readFile(path.join(inbox, folders[0]!, "handwerkskarte.pdf"), "utf8")).toBe("%PDF-1.4 test attachment\n");
  });

  it("routes a reply (A2) back to the origin its case recorded, and rejects a reply without a case", async () => {
    await start();
    const betriebId = "0c9003a6-5b4f-4a99-98ae-b2b915708c1d";
    await drop(t.env.at("amt24/out"), "a1.xml", message("a1", { betriebId }));
    await waitFor(async () => (await ls(t.env.at("freiberg/gewerbe/in"))).length === 1);
    await drop(t.env.at("freiberg/gewerbe/out"), "a2.xml", message("a2", { betriebId }));
    const back = await entriesWhen(t.env.at("amt24/in"), 1);
    expect(back[0]).toMatch(/^a2_/);
    const j = journalRows(t.env.state);
    expect(j.cases).toHaveLength(1);
    expect(j.cases[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(j.cases)).not.toContain(betriebId);
    // a reply for a case nobody opened
    await drop(t.env.at("freiberg/gewerbe/out"), "a2-orphan.xml", message("a2", { betriebId: "11111111-2222-3333-4444-555555555555" }));
    const err = t.env.at("freiberg/gewerbe/out.error");
    await waitFor(async () => (await ls(err)).length === 2);
    const reason = JSON.parse(await fsp.readFile(path.join(err, "a2-orphan.xml.reason.json"), "utf8")) as ReasonFile;
    expect(reason.reason).toBe("unknown-case");
    expect(await ls(err)).toEqual(["a2-orphan.xml", "a2-orphan.xml.reason.json"]);
  });

  it("moves an unroutable message to <outbox>.error with a payload-free reason file, owner-only", async () => {
    await start();
    await drop(t.env.at("amt24/out"), "cottbus.xml", message("a1", { ags: AGS_OUT_OF_SCOPE }));
    const err = t.env.at("amt24/out.error");
    await waitFor(async () => (await ls(err)).length === 2);
    await waitFor(() => svc!.stats().error === 1);
    const reason = JSON.parse(await fsp.readFile(path.join(err, "cottbus.xml.reason.json"), "utf8")) as ReasonFile;
    expect(reason).toMatchObject({
      format: "stellwerk.reason",
      reason: "unknown-region",
      outbox: "amt24/out",
      originalName: "cottbus.xml",
      errorName: "cottbus.xml",
      kind: "file",
      scenario: "gewerbe.A1",
    });
    expect(reason.messageHash).toMatch(/^sha256:/);
    expect(reason.detail).not.toContain(AGS_OUT_OF_SCOPE);
    expect(mode(err)).toBe(0o700);
    expect(mode(path.join(err, "cottbus.xml.reason.json"))).toBe(0o600);
    expect(mode(t.env.state)).toBe(0o700);
    expect(mode(path.join(t.env.state, "journal.sqlite"))).toBe(0o600);
    expect(mode(path.join(t.env.state, "journal.sqlite-wal"))).toBe(0o600);
    const j = journalRows(t.env.state);
    expect(j.intake[0]).toMatchObject({ state: "error", reason: "unknown-region", error_name: "cottbus.xml" });
    expect(j.messages).toHaveLength(0);
  });

  it("drops a second copy as a duplicate and rejects a changed copy with the same id as a conflict", async () => {
    const s = await start();
    const uuid = "0d6e2b1c-9f3a-4b7c-8d5e-6f7a8b9c0d1e";
    const msg = message("a10", { uuid });
    await drop(t.env.at("freiberg/gewerbe/out"), "first.xml", msg);
    await waitFor(async () => (await ls(t.env.at("stala/gewerbe/in"))).length === 1);
    await waitFor(() => s.stats().done === 1);
    await drop(t.env.at("freiberg/gewerbe/out"), "again.xml", msg);
    await waitFor(() => s.stats().duplicate === 1);
    const changed = Buffer.from(msg.toString("utf8").replace("Catering", "Partyservice"), "utf8");
    await drop(t.env.at("freiberg/gewerbe/out"), "changed.xml", changed);
    const err = t.env.at("freiberg/gewerbe/out.error");
    await waitFor(async () => (await ls(err)).length === 2);
    const reason = JSON.parse(await fsp.readFile(path.join(err, "changed.xml.reason.json"), "utf8")) as ReasonFile;
    expect(reason.reason).toBe("conflict");
    expect(reason.messageId).toBe(uuid);
    expect(await ls(t.env.at("stala/gewerbe/in"))).toHaveLength(1);
    expect(await ls(t.env.at("freiberg/gewerbe/out"))).toEqual([]);
    await waitFor(() => s.stats().error === 1);
    const states = journalRows(t.env.state).intake.map((r) => r.state).sort();
    expect(states).toEqual(["done", "duplicate", "error"]);
  });

  it("refuses a message that arrives in an outbox that is not its scenario's source there", async () => {
    await start();
    // A Freiberg A10 dropped into Chemnitz's outbox
    await drop(t.env.at("chemnitz/gewerbe/out"), "wrong-place.xml", message("a10"));
    const err = t.env.at("chemnitz/gewerbe/out.error");
    await waitFor(async () => (await ls(err)).length === 2);
    const reason = JSON.parse(await fsp.readFile(path.join(err, "wrong-place.xml.reason.json"), "utf8")) as ReasonFile;
    expect(reason.reason).toBe("source-mismatch");
    expect(await ls(t.env.at("stala/gewerbe/in"))).toEqual([]);
  });

  it("ignores *.part files and dotfiles", async () => {
    const s = await start();
    await fsp.writeFile(path.join(t.env.at("freiberg/gewerbe/out"), "half.xml.part"), message("a10"));
    await fsp.writeFile(path.join(t.env.at("freiberg/gewerbe/out"), ".hidden.xml"), message("a10"));
    await new Promise((r) => setTimeout(r, 300));
    await s.scanNow();
    await s.whenIdle();
    expect(await ls(t.env.at("freiberg/gewerbe/out"), { dot: true })).toEqual([".hidden.xml", "half.xml.part"]);
    expect(await ls(t.env.at("stala/gewerbe/in"))).toEqual([]);
  });

  it.runIf(existsSync("/dev/shm"))("claims inside the outbox when the state folder is on another filesystem", async () => {
    const state = mkdtempSync("/dev/shm/stellwerk-state-");
    try {
      if (statSync(state).dev === statSync(t.env.root).dev) return;
      const s = await start({ stateDir: state });
      await drop(t.env.at("freiberg/gewerbe/out"), "remote.xml", message("a10"));
      await entriesWhen(t.env.at("stala/gewerbe/in"), 1);
      await waitFor(() => s.stats().done === 1);
      const area = t.env.at("freiberg/gewerbe/out/.stellwerk-claimed/default");
      expect(statSync(area).isDirectory()).toBe(true);
      expect(await ls(area, { dot: true })).toEqual([]);
      expect(journalRows(state).intake[0]!.claim_path).toMatch(/\/freiberg\/gewerbe\/out\/\.stellwerk-claimed\/default\//);
      await svc?.stop();
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });

  it("works in polling mode", async () => {
    await start({ poll: 50 });
    await drop(t.env.at("freiberg/gewerbe/out"), "polled.xml", message("a10"));
    await waitFor(async () => (await ls(t.env.at("stala/gewerbe/in"))).length === 1);
  });
});
