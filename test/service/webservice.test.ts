/**
 * A fan-out whose one target is a web service (local HTTP server started by
 * the test) that answers 503 twice: the file target is delivered once, the
 * web service is retried alone by the service (journaled attempts, backoff)
 * until it accepts, always with the same Idempotency-Key.
 */
import { writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drop, journalRows, ls, message, tableText, waitFor } from "./helpers/env.js";
import { serviceHarness } from "./helpers/harness.js";

const t = serviceHarness({ retryBaseMs: 20, retryMaxMs: 60, maxAttempts: 5 });
const requests: Array<{ key: string | undefined; type: string | undefined; bytes: number; status: number }> = [];
let failuresLeft = 2;
const server = createServer((req: IncomingMessage, res) => {
  let bytes = 0;
  req.on("data", (c: Buffer) => (bytes += c.length));
  req.on("end", () => {
    const status = failuresLeft-- > 0 ? 503 : 201;
    requests.push({ key: req.headers["idempotency-key"] as string | undefined, type: req.headers["content-type"], bytes, status });
    res.writeHead(status).end();
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lra/gewerbe`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("web-service target", () => {
  it("is retried alone until it accepts, with a stable idempotency key", async () => {
    await writeFile(
      t.env.table,
      tableText((table) => {
        const eps = table.endpoints as Array<{ system: string; adapter: unknown }>;
        eps[5] = { system: "gewerbe.LRAMittelsachsen", adapter: { kind: "webservice", url, method: "POST", timeoutMs: 2000, maxAttempts: 1 } };
      }),
    );
    const s = await t.start();
    const msg = message("a10");
    await drop(t.env.at("freiberg/gewerbe/out"), "a10.xml", msg);
    await waitFor(() => s.stats().done === 1, 10_000, "done");
    expect(requests.map((r) => r.status)).toEqual([503, 503, 201]);
    expect(new Set(requests.map((r) => r.key)).size).toBe(1);
    expect(requests[0]!.key).toMatch(/^a10_/);
    expect(requests[2]!.bytes).toBe(msg.length);
    expect(requests[2]!.type).toBe("application/xml; charset=utf-8");
    expect(await ls(t.env.at("stala/gewerbe/in"))).toHaveLength(1);
    const rows = journalRows(t.env.state).deliveries.map((d) => [d.recipient, d.state, d.attempts]).sort();
    expect(rows).toEqual([
      ["LRA Mittelsachsen", "delivered", 3],
      ["StaLA Sachsen", "delivered", 1],
    ]);
    const retries = t.logs.records().filter((r) => r.event === "delivery-retry");
    expect(retries.map((r) => r.errorClass)).toEqual(["http-503", "http-503"]);
  });
});
