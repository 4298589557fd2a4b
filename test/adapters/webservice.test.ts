import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { deliver } from "../../src/adapters/deliver.js";
import { secretEnvName } from "../../src/adapters/secrets.js";
import type { WebserviceAdapter } from "../../src/table/routing-table.js";
import { FREIBERG_ABMELDUNG } from "../runtime/fixtures.js";
import { delivery, routed, tempDir } from "./helpers.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback HTTP server answering with the given statuses in turn (the last one repeats); "hang" never answers. */
async function server(answers: Array<number | "hang">, extraHeaders: Record<string, string> = {}): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const srv = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const a = answers[Math.min(seen.length - 1, answers.length - 1)]!;
      if (a === "hang") return;
      res.writeHead(a, extraHeaders).end("response body never read");
    });
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  servers.push(srv);
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/wifoe/meldungen`, seen };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const ws = (url: string, over: Partial<WebserviceAdapter> = {}): WebserviceAdapter => ({ kind: "webservice", url, method: "POST", timeoutMs: 1000, maxAttempts: 3, ...over });
const fast = { retry: { baseDelayMs: 5, maxDelayMs: 20 } };

describe("web-service delivery", () => {
  test("a routed JSON delivery is POSTed with idempotency key and the secret from the environment", async () => {
    const { url, seen } = await server([201]);
    const wifoe = (await routed(FREIBERG_ABMELDUNG)).find((d) => d.recipient === "WiFö Freiberg")!;
    const d = { ...wifoe, adapter: ws(url, { authSecret: "WIFOE_TOKEN" }) };
    const out = await deliver(d, { exchangeRoot: tempDir(), env: { [secretEnvName("WIFOE_TOKEN")]: "s3cr3t" }, ...fast });
    expect(out).toEqual({ ok: true, location: url, attempts: 1 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe("POST");
    expect(seen[0]!.url).toBe("/wifoe/meldungen");
    expect(seen[0]!.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(seen[0]!.headers["idempotency-key"]).toBe(d.fileName.replace(/\.json$/, ""));
    expect(seen[0]!.headers["idempotency-key"]).toContain("00000000-0000-0000-0000-000000000001");
    expect(seen[0]!.headers.authorization).toBe("Bearer s3cr3t");
    expect(JSON.parse(seen[0]!.body)).toEqual(d.payload.value);
  });

  test("5xx answers are retried with the same idempotency key, up to maxAttempts", async () => {
    const { url, seen } = await server([503, 502, 200]);
    const out = await deliver(delivery(ws(url, { method: "PUT" }), "<a>ü</a>"), { exchangeRoot: tempDir(), ...fast });
    expect(out).toMatchObject({ ok: true, attempts: 3 });
    expect(seen.map((s) => s.method)).toEqual(["PUT", "PUT", "PUT"]);
    expect(new Set(seen.map((s) => s.headers["idempotency-key"])).size).toBe(1);
    expect(seen[0]!.body).toBe("<a>ü</a>");
  });

  test("retries are bounded: the last error is reported as retryable", async () => {
    const { url, seen } = await server([500]);
    const out = await deliver(delivery(ws(url, { maxAttempts: 2 }), "<a/>"), { exchangeRoot: tempDir(), ...fast });
    expect(out).toMatchObject({ ok: false, errorClass: "http-500", retryable: true, attempts: 2 });
    expect(seen).toHaveLength(2);
  });

  test("a 4xx answer is not retried", async () => {
    const { url, seen } = await server([400]);
    const out = await deliver(delivery(ws(url), "<a/>"), { exchangeRoot: tempDir(), ...fast });
    expect(out).toMatchObject({ ok: false, errorClass: "http-400", retryable: false, attempts: 1 });
    expect(seen).toHaveLength(1);
  });

  test("429 with Retry-After is retried after the announced delay (capped)", async () => {
    const { url, seen } = await server([429, 204], { "retry-after": "1" });
    const t0 = Date.now();
    const out = await deliver(delivery(ws(url), "<a/>"), { exchangeRoot: tempDir(), retry: { baseDelayMs: 5, maxDelayMs: 150 } });
    expect(out).toMatchObject({ ok: true, attempts: 2 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(seen).toHaveLength(2);
  });

  test("each attempt is bounded by timeoutMs", async () => {
    const { url, seen } = await server(["hang"]);
    const t0 = Date.now();
    const out = await deliver(delivery(ws(url, { timeoutMs: 100, maxAttempts: 2 }), "<a/>"), { exchangeRoot: tempDir(), ...fast });
    expect(out).toMatchObject({ ok: false, errorClass: "timeout", retryable: true, attempts: 2 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(seen).toHaveLength(2);
  });

  test("a refused connection is a retryable network error", async () => {
    const { url } = await server([200]);
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
    const out = await deliver(delivery(ws(url, { maxAttempts: 2 }), "<a/>"), { exchangeRoot: tempDir(), ...fast });
    expect(out).toMatchObject({ ok: false, errorClass: "network", retryable: true });
  });

  test("secrets come from the secrets directory when the environment lacks them; a scheme is kept", async () => {
    const { url, seen } = await server([200]);
    const dir = tempDir();
    writeFileSync(path.join(dir, "WIFOE_TOKEN"), "Basic dXNlcjpwdw==\n");
    const out = await deliver(delivery(ws(url, { authSecret: "WIFOE_TOKEN" }), "<a/>"), { exchangeRoot: dir, secretsDir: dir, env: {}, ...fast });
    expect(out.ok).toBe(true);
    expect(seen[0]!.headers.authorization).toBe("Basic dXNlcjpwdw==");
  });

  test("a missing secret fails before any request, naming the reference only", async () => {
    const { url, seen } = await server([200]);
    const out = await deliver(delivery(ws(url, { authSecret: "WIFOE_TOKEN" }), "<a/>"), { exchangeRoot: tempDir(), secretsDir: tempDir(), env: {}, ...fast });
    expect(out).toMatchObject({ ok: false, errorClass: "secret-missing", retryable: false });
    expect(out.ok ? "" : out.detail).toContain("STELLWERK_SECRET_WIFOE_TOKEN");
    expect(seen).toHaveLength(0);
  });

  test("a secret with a line break is refused, not sent", async () => {
    const { url, seen } = await server([200]);
    const out = await deliver(delivery(ws(url, { authSecret: "T" }), "<a/>"), { exchangeRoot: tempDir(), env: { STELLWERK_SECRET_T: "abc\r\nX-Evil: 1" }, ...fast });
    expect(out).toMatchObject({ ok: false, errorClass: "secret-invalid", retryable: false });
    expect(out.ok ? "" : out.detail).not.toContain("abc");
    expect(seen).toHaveLength(0);
  });

  test("only http and https URLs", async () => {
    const out = await deliver(delivery(ws("file:///etc/passwd"), "<a/>"), { exchangeRoot: tempDir() });
    expect(out).toMatchObject({ ok: false, errorClass: "bad-url" });
  });
});
