import { readdirSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import * as path from "node:path";
import { describe, expect, test } from "vitest";
import { deliver } from "../../src/adapters/deliver.js";
import type { OsciTransportOrder } from "../../src/adapters/osci.js";
import { FREIBERG_ANMELDUNG } from "../runtime/fixtures.js";
import { delivery, routed, tempDir } from "./helpers.js";

describe("OSCI transport orders", () => {
  test("the payload and then an order referring to it are written into the orders directory", async () => {
    const root = tempDir();
    const ihk = (await routed(FREIBERG_ANMELDUNG)).find((d) => d.recipient === "IHK Chemnitz")!;
    expect(ihk.adapter.kind).toBe("osci");
    const out = await deliver(ihk, { exchangeRoot: root });
    const base = ihk.fileName.replace(/\.xml$/, "");
    expect(out).toEqual({ ok: true, alreadyPresent: false, location: `osci/ihk/orders/${base}.order.json` });
    const dir = path.join(root, "osci/ihk/orders");
    expect(readdirSync(dir).sort()).toEqual([`${base}.order.json`, ihk.fileName].sort());
    const payload = readFileSync(path.join(dir, ihk.fileName));
    const order = JSON.parse(readFileSync(path.join(dir, `${base}.order.json`), "utf8")) as OsciTransportOrder;
    expect(order).toEqual({
      format: "stellwerk.osci-transport-order",
      formatVersion: 1,
      orderId: base,
      messageId: "00000000-0000-0000-0000-000000000002",
      scenario: "gewerbe.A10",
      messageType: "gewerbe.Kurzmeldung",
      recipient: "ihk:14511",
      service: "urn:stellwerk:test:osci-service:kurzmeldung",
      payload: {
        file: ihk.fileName,
        mediaType: "application/xml",
        encoding: "UTF-8",
        bytes: payload.byteLength,
        sha256: "sha256:" + createHash("sha256").update(payload).digest("hex"),
      },
      attachments: [],
    });
    expect(statSync(path.join(dir, `${base}.order.json`)).mode & 0o777).toBe(0o600);
    expect(await deliver(ihk, { exchangeRoot: root })).toMatchObject({ ok: true, alreadyPresent: true });
  });

  test("attachments are listed with their hashes; a changed payload is refused", async () => {
    const root = tempDir();
    const adapter = { kind: "osci" as const, recipient: "psw:14522180", orders: "osci/out" };
    const d = delivery(adapter, "<a>x</a>");
    d.payload.attachments = { "scan.pdf": Buffer.from("%PDF").toString("base64") };
    expect((await deliver(d, { exchangeRoot: root })).ok).toBe(true);
    const base = d.fileName.replace(/\.xml$/, "");
    const order = JSON.parse(readFileSync(path.join(root, "osci/out", `${base}.order.json`), "utf8")) as OsciTransportOrder;
    expect(order.service).toBeUndefined();
    expect(order.attachments).toEqual([
      { name: "scan.pdf", file: `${base}.att.scan.pdf`, bytes: 4, sha256: "sha256:" + createHash("sha256").update("%PDF").digest("hex") },
    ]);
    const changed = { ...d, payload: { ...d.payload, text: "<a>y</a>" } };
    expect(await deliver(changed, { exchangeRoot: root })).toMatchObject({ ok: false, errorClass: "exists-different" });
  });

  test("the orders directory is confined to the exchange root", async () => {
    const d = delivery({ kind: "osci", recipient: "psw:1", orders: "../orders" }, "<a/>");
    expect(await deliver(d, { exchangeRoot: tempDir() })).toMatchObject({ ok: false, errorClass: "path-escape" });
  });
});
