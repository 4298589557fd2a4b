/**
 * Web-service delivery: one HTTP POST or PUT per delivery, body = the payload
 * in UTF-8, headers:
 * - Content-Type: application/xml or application/json; charset=utf-8
 * - Idempotency-Key: the delivery's base name (message id + target, see
 *   src/runtime/file-name.ts), equal on every retry, so the receiver can drop
 *   a repeated request;
 * - Authorization: from the endpoint's secret reference (secrets.ts), if any.
 * Each attempt is bounded by the endpoint's `timeoutMs`; at most
 * `maxAttempts` attempts. Retried: network errors, time-outs, 408, 425, 429
 * and 5xx, after an exponential backoff (base * 2^(n-1), capped; a
 * Retry-After in seconds is honoured up to the cap). Not retried: other
 * statuses (4xx: the request itself is wrong; 409 may mean "same key, other
 * content"). Response bodies are discarded unread.
 */
import type { WebserviceAdapter } from "../table/routing-table.js";
import type { RoutedDelivery } from "../runtime/api.js";
import { hasAttachments } from "./attachments.js";
import { encodeText } from "./encode.js";
import { baseOf } from "./filesystem.js";
import { AdapterError, type DeliveryContext, type DeliveryOutcome } from "./outcome.js";
import { authorizationHeader, resolveSecret } from "./secrets.js";

const RETRY_STATUS = new Set([408, 425, 429]);
const DEFAULT_BASE_DELAY_MS = 500;
const DEFAULT_MAX_DELAY_MS = 10_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What one attempt ended with. */
type Attempt = { ok: true; status: number } | { ok: false; errorClass: string; retryable: boolean; retryAfterMs?: number };

/** Delivers to a web-service endpoint. @throws AdapterError for configuration problems (URL, secret, encoding) */
export async function deliverWebservice(d: RoutedDelivery, adapter: WebserviceAdapter, ctx: DeliveryContext): Promise<DeliveryOutcome> {
  let url: URL;
  try {
    url = new URL(adapter.url);
  } catch {
    throw new AdapterError("bad-url", `endpoint #${d.endpoint} has no valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new AdapterError("bad-url", `endpoint #${d.endpoint}: only http and https are supported`);
  if (hasAttachments(d.payload.attachments)) {
    throw new AdapterError("attachments-unsupported", `endpoint #${d.endpoint} (web service) cannot carry the message's attachments`);
  }
  const headers: Record<string, string> = {
    "content-type": `${d.payload.mediaType}; charset=utf-8`,
    "idempotency-key": baseOf(d.fileName),
  };
  if (adapter.authSecret !== undefined) {
    headers.authorization = authorizationHeader(await resolveSecret(adapter.authSecret, ctx.env ?? process.env, ctx.secretsDir));
  }
  const body = encodeText(d.payload.text, "UTF-8");
  const doFetch = ctx.fetch ?? fetch;
  const base = ctx.retry?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const cap = ctx.retry?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const location = `${url.origin}${url.pathname}`;
  let last: Attempt = { ok: false, errorClass: "network", retryable: true };
  for (let n = 1; n <= adapter.maxAttempts; n++) {
    last = await attempt(doFetch, url, adapter, headers, body);
    if (last.ok) return { ok: true, location, attempts: n };
    if (!last.retryable || n === adapter.maxAttempts) {
      return { ok: false, retryable: last.retryable, errorClass: last.errorClass, detail: `${adapter.method} ${location}: ${last.errorClass} after ${n} attempt(s)`, attempts: n };
    }
    await sleep(Math.min(cap, Math.max(last.retryAfterMs ?? 0, base * 2 ** (n - 1))));
  }
  return { ok: false, retryable: true, errorClass: "network", detail: "no attempt made" };
}

async function attempt(doFetch: typeof fetch, url: URL, adapter: WebserviceAdapter, headers: Record<string, string>, body: Buffer): Promise<Attempt> {
  let res: Response;
  try {
    res = await doFetch(url, { method: adapter.method, headers, body, signal: AbortSignal.timeout(adapter.timeoutMs), redirect: "manual" });
  } catch (e) {
    const name = (e as { name?: unknown }).name;
    return { ok: false, errorClass: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network", retryable: true };
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
  const retryable = res.status >= 500 || RETRY_STATUS.has(res.status);
  const ra = Number(res.headers.get("retry-after"));
  return { ok: false, errorClass: `http-${res.status}`, retryable, ...(Number.isFinite(ra) && ra > 0 ? { retryAfterMs: ra * 1000 } : {}) };
}
