/**
 * Data protection (issue section 6): routes real messages through the service
 * — delivered ones, a reply, one whose fan-out partly fails, a conflicting
 * copy, an unroutable one — then asserts that no log line, no reason file and
 * no journal row (nor the raw journal file bytes) contains any field value of
 * those messages: every leaf text value of length >= 4 is searched for.
 *
 * Allowed, and excluded from the search: the identifiers the service must
 * record by design (docs/data-protection.md) — each message's id (its
 * nachrichtenUUID, the idempotency key) and regional key (the AGS, and the
 * ARS it maps to). The correlation key (gewerbebetriebID) is NOT excluded:
 * the journal stores only its SHA-256.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoutedDelivery } from "../../src/runtime/api.js";
import { startService, type ServiceHandle } from "../../src/service/index.js";
import { runtimeDelivery } from "../../src/service/runtime-ports.js";
import { AGS, AGS_OUT_OF_SCOPE, captureLogger, drop, journalRows, ls, makeEnv, message, waitFor, walk, type Env } from "./helpers/env.js";

/** Every leaf text value of an XML document (text between a start and an end tag), trimmed. */
function leafValues(xml: string): string[] {
  const out = new Set<string>();
  for (const m of xml.matchAll(/>([^<>]+)<\//g)) {
    const v = m[1]!
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&")
      .trim();
    if (v.length >= 4) out.add(v);
  }
  return [...out];
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Finds `value` in `text` as a whole token (not glued to letters or digits on either side). */
function containsValue(text: string, value: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(value)}(?![\\p{L}\\p{N}])`, "u").test(text);
}

let env: Env;
let svc: ServiceHandle;
const logs = captureLogger();
const sent: Array<{ bytes: Buffer; allowed: string[] }> = [];

beforeAll(async () => {
  env = makeEnv();
  svc = await startService({
    table: env.table,
    exchangeRoot: env.root,
    stateDir: env.state,
    stableMs: 30,
    logger: logs.logger,
    maxAttempts: 2,
    retryBaseMs: 10,
    retryMaxMs: 20,
    delivery: {
      // LRA is down: A10s end in the error folder with a reason file after their StaLA copy was delivered
      deliver: async (d: RoutedDelivery, ctx) =>
        d.recipient === "LRA Mittelsachsen" ? { ok: false, retryable: true, errorClass: "io", detail: "test: down" } : runtimeDelivery.deliver(d, ctx),
    },
  });
  const ars: Record<string, string> = { [AGS.freiberg]: "145220180180", [AGS.mittweida]: "145225119360", [AGS_OUT_OF_SCOPE]: "" };
  const send = async (outbox: string, name: string, kind: "a1" | "a2" | "a10", ags: string, betriebId: string, uuid = randomUUID()) => {
    const bytes = message(kind, { uuid, ags, betriebId });
    sent.push({ bytes, allowed: [uuid, ags, ars[ags]!].filter((x) => x !== "") });
    await drop(env.at(outbox), name, bytes);
  };
  const betrieb = randomUUID();
  await send("amt24/out", "anmeldung.xml", "a1", AGS.freiberg, betrieb);
  await waitFor(() => svc.stats().done === 1);
  await send("freiberg/gewerbe/out", "antwort.xml", "a2", AGS.freiberg, betrieb);
  const uuid = randomUUID();
  await send("vg-mittweida/gewerbe/out", "abmeldung.xml", "a10", AGS.mittweida, randomUUID(), uuid);
  await send("amt24/out", "ausserhalb.xml", "a1", AGS_OUT_OF_SCOPE, randomUUID());
  await waitFor(() => svc.stats().done === 2 && svc.stats().error === 2, 10_000, "routing");
  // a conflicting copy of the A10 (same id, other content)
  const changed = Buffer.from(sent[2]!.bytes.toString("utf8").replace("Catering", "Fahrradkurier"), "utf8");
  sent.push({ bytes: changed, allowed: sent[2]!.allowed });
  await drop(env.at("vg-mittweida/gewerbe/out"), "abmeldung-geaendert.xml", changed);
  await waitFor(() => svc.stats().error === 3, 10_000, "conflict");
  await svc.stop();
});
afterAll(() => env?.cleanup());

describe("data protection", () => {
  it("routed the messages as planned (so there is something to search)", async () => {
    expect(await ls(env.at("freiberg/gewerbe/in"))).toHaveLength(1);
    expect(await ls(env.at("amt24/in"))).toHaveLength(1);
    expect(await ls(env.at("stala/gewerbe/in"))).toHaveLength(1);
    const reasons = (await walk(env.root)).filter((f) => f.endsWith(".reason.json"));
    expect(reasons).toHaveLength(3);
    expect(logs.lines().length).toBeGreaterThan(10);
    const j = journalRows(env.state);
    expect(j.messages.length).toBe(3);
    expect(j.cases.length).toBe(1);
  });

  it("no log line, reason file or journal row contains a field value of a routed message", async () => {
    const reasonTexts = (await walk(env.root))
      .filter((f) => f.endsWith(".reason.json"))
      .map((f) => readFileSync(path.join(env.root, f), "utf8"));
    const j = journalRows(env.state);
    const journalText = JSON.stringify(j);
    const rawJournal = readdirSync(env.state)
      .filter((f) => f.startsWith("journal.sqlite"))
      .map((f) => readFileSync(path.join(env.state, f)).toString("utf8"));
    const artifacts: Array<[string, string]> = [
      ...logs.lines().map((l, i): [string, string] => [`log line ${i + 1}`, l]),
      ...reasonTexts.map((t, i): [string, string] => [`reason file ${i + 1}`, t]),
      ["journal rows", journalText],
      ...rawJournal.map((t, i): [string, string] => [`journal file ${i + 1}`, t]),
    ];
    let searched = 0;
    const leaks: string[] = [];
    for (const m of sent) {
      const values = leafValues(m.bytes.toString("utf8")).filter((v) => !m.allowed.includes(v));
      expect(values.length).toBeGreaterThan(30);
      // the matcher finds every value in the message itself (so a miss below is a real absence)
      for (const v of values) expect(containsValue(m.bytes.toString("utf8"), v), v).toBe(true);
      for (const v of values) {
        searched++;
        for (const [where, text] of artifacts) if (containsValue(text, v)) leaks.push(`${where}: ${JSON.stringify(v)}`);
      }
    }
    expect(searched).toBeGreaterThan(150);
    expect(leaks).toEqual([]);
  });

  it("stores the correlation key only as a hash, and the reason files name no payload", () => {
    const j = journalRows(env.state);
    expect(j.cases[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    const r = JSON.parse(
      readFileSync(path.join(env.at("vg-mittweida/gewerbe/out.error"), "abmeldung.xml.reason.json"), "utf8"),
    ) as Record<string, unknown>;
    expect(Object.keys(r).sort()).toEqual(
      [
        "claimId", "deliveries", "detail", "errorName", "failedAt", "format", "formatVersion", "kind", "messageHash",
        "messageId", "originalName", "outbox", "reason", "receivedAt", "region", "scenario", "tableHash", "trace",
      ].sort(),
    );
  });

  it("the redact list censors content-bearing keys even if one slipped into a log call", async () => {
    const { createServiceLogger } = await import("../../src/service/logger.js");
    const chunks: string[] = [];
    const logger = createServiceLogger({ dest: { write: (s: string) => void chunks.push(s) } });
    logger.info({ payload: { text: "Wolfgang Rais" }, delivery: { payload: "x", attachments: { a: "y" } }, text: "Teststraße" }, "test");
    logger.flush();
    const line = chunks.join("");
    expect(line).not.toContain("Wolfgang");
    expect(line).not.toContain("Teststraße");
    expect(line).toContain("[redacted]");
  });
});
