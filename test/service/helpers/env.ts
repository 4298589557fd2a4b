/**
 * Test environment of the service tests: a temporary exchange root and state
 * folder, the fixture routing table, real XGewerbeanzeige messages (KoSIT test
 * instances with Saxon keys, test/fixtures/service/messages) with per-test
 * message UUIDs and municipalities, and log capture.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync, mkdtempSync, promises as fsp, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pino, { type Logger } from "pino";
import { computeContentHash } from "../../../src/table/content-hash.js";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const FIXTURES = path.join(REPO, "test/fixtures/service");
export const TABLE_FIXTURE = path.join(FIXTURES, "routing-table.json");

/** Fixture messages: A1 Anmeldung (XGewerbeanzeige 2.0), A10 Abmeldung (2.1), A2 reply (2.2). */
export type Kind = "a1" | "a10" | "a2";
const FILES: Record<Kind, string> = {
  a1: "a1-anmeldung-freiberg.xml",
  a10: "a10-abmeldung-freiberg.xml",
  a2: "a2-reply-freiberg.xml",
};
/** AGS of the municipalities in the fixture table. */
export const AGS = { freiberg: "14522180", mittweida: "14522360", altmittweida: "14522010", chemnitz: "14511000" } as const;
/** The original AGS of the KoSIT examples (Cottbus): not in scope of the table. */
export const AGS_OUT_OF_SCOPE = "12052000";
const FIXTURE_UUID = "00000000-0000-0000-0000-000000000001";

/** A fixture message with its own nachrichtenUUID and municipality (AGS). */
export function message(kind: Kind, opts: { uuid?: string; ags?: string; betriebId?: string } = {}): Buffer {
  let text = readFileSync(path.join(FIXTURES, "messages", FILES[kind]), "utf8");
  text = text.replace(FIXTURE_UUID, opts.uuid ?? randomUUID());
  if (opts.ags !== undefined) text = text.replaceAll(AGS.freiberg, opts.ags);
  if (opts.betriebId !== undefined) {
    text = text.replace(/<xga:gewerbebetriebID>[^<]*</g, `<xga:gewerbebetriebID>${opts.betriebId}<`);
  }
  return Buffer.from(text, "utf8");
}

/**
 * The fixture table as text, its contentHash stamped with the current
 * implementation (so the hand-written fixture stays valid while the canonical
 * form evolves); `edit` may change the table first.
 */
export function tableText(edit?: (t: Record<string, unknown>) => void): string {
  const t = JSON.parse(readFileSync(TABLE_FIXTURE, "utf8")) as Record<string, unknown>;
  edit?.(t);
  t.contentHash = computeContentHash(t);
  return `${JSON.stringify(t, null, 2)}\n`;
}

export interface Env {
  dir: string;
  root: string;
  state: string;
  table: string;
  /** Absolute path of a folder relative to the exchange root. */
  at(rel: string): string;
  cleanup(): void;
}

/** A fresh temporary environment with the fixture table copied in. */
export function makeEnv(): Env {
  const dir = mkdtempSync(path.join(tmpdir(), "stellwerk-svc-"));
  const root = path.join(dir, "exchange");
  const state = path.join(dir, "state");
  const table = path.join(dir, "routing-table.json");
  mkdirSync(root, { recursive: true });
  writeFileSync(table, tableText());
  return {
    dir,
    root,
    state,
    table,
    at: (rel) => path.join(root, rel),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Drops a message file into a folder: as `name.part` then renamed (default), or written in place. */
export async function drop(dir: string, name: string, bytes: Uint8Array, opts: { part?: boolean } = {}): Promise<void> {
  await fsp.mkdir(dir, { recursive: true });
  if (opts.part === false) {
    await fsp.writeFile(path.join(dir, name), bytes);
    return;
  }
  await fsp.writeFile(path.join(dir, `${name}.part`), bytes);
  await fsp.rename(path.join(dir, `${name}.part`), path.join(dir, name));
}

/** Drops a folder-variant message: a folder `name` holding `files`, written as `name.part` then renamed. */
export async function dropFolder(dir: string, name: string, files: Record<string, Uint8Array>): Promise<void> {
  const part = path.join(dir, `${name}.part`);
  await fsp.mkdir(part, { recursive: true });
  for (const [n, b] of Object.entries(files)) await fsp.writeFile(path.join(part, n), b);
  await fsp.rename(part, path.join(dir, name));
}

/** Polls `pred` until it returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(pred: () => T | Promise<T>, timeoutMs = 10_000, what = "condition"): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await pred();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Names in a folder (none if missing), dotfiles excluded unless asked. */
export async function ls(dir: string, opts: { dot?: boolean } = {}): Promise<string[]> {
  try {
    return (await fsp.readdir(dir)).filter((n) => opts.dot || !n.startsWith(".")).sort();
  } catch {
    return [];
  }
}

/** Every file below `dir` (relative paths). */
export async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const rec = async (d: string, rel: string): Promise<void> => {
    for (const e of await fsp.readdir(d, { withFileTypes: true }).catch(() => [])) {
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await rec(path.join(d, e.name), r);
      else out.push(r);
    }
  };
  await rec(dir, "");
  return out.sort();
}

/** A pino logger writing JSON lines into memory. */
export function captureLogger(): { logger: Logger; lines(): string[]; records(): Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString("utf8"));
      cb();
    },
  });
  const logger = pino({ level: "debug" }, stream);
  const lines = (): string[] => chunks.join("").split("\n").filter((l) => l !== "");
  return { logger, lines, records: () => lines().map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export type Row = Record<string, unknown>;
/** The rows of the journal tables. */
export interface JournalDump {
  intake: Row[];
  messages: Row[];
  deliveries: Row[];
  cases: Row[];
  meta: Row[];
}

/** Every row of every journal table, read-only. */
export function journalRows(state: string): JournalDump {
  const db = new Database(path.join(state, "journal.sqlite"), { readonly: true, fileMustExist: true });
  try {
    const all = (t: string): Row[] => db.prepare(`SELECT * FROM ${t}`).all() as Row[];
    return { intake: all("intake"), messages: all("messages"), deliveries: all("deliveries"), cases: all("cases"), meta: all("meta") };
  } finally {
    db.close();
  }
}

/** Waits until `dir` holds exactly `n` entries (dotfiles excluded) and returns their names. */
export async function entriesWhen(dir: string, n: number, timeoutMs = 10_000): Promise<string[]> {
  let names: string[] = [];
  await waitFor(async () => (names = await ls(dir)).length === n, timeoutMs, `${n} entries in ${path.basename(dir)}`);
  return names;
}
