/**
 * Options of the file-exchange service and their defaults.
 */
import type { Logger } from "pino";
import type { RouteLimits } from "../runtime/api.js";
import type { DeliveryPort, RouterPort } from "./ports.js";

export interface ServiceOptions {
  /** Path of the routing table (JSON, format stellwerk.routing-table v1). */
  table: string;
  /** Exchange root: filesystem adapter inbox/outbox paths are relative to it. */
  exchangeRoot: string;
  /** State folder (journal, claim area, locks, archive). Must be on a local filesystem. */
  stateDir: string;
  /**
   * Native events (false, default), or polling for network shares where events
   * do not fire: true = every 1000 ms, a number = every that many ms.
   */
  poll?: boolean | number;
  /** Stability window in ms for entries not renamed from `*.part` (default 500; 0 = pick up at first sight). */
  stableMs?: number;
  /** Safety rescan interval in native-event mode, ms (default 5000). */
  rescanMs?: number;
  /** Messages processed at the same time (default 4). */
  concurrency?: number;
  /** Instance name; instances sharing a state folder need distinct names (default "default"). */
  instance?: string;
  /** Logger (pino). Default: JSON lines on stdout. */
  logger?: Logger;
  /** Keep finished messages in `<state>/archive/<YYYY-MM-DD>/` instead of deleting them (default false). */
  archive?: boolean;
  /** Delivery attempts per target before it counts as failed (default 5). */
  maxAttempts?: number;
  /** First retry delay in ms; doubles per attempt, ±20 % jitter (default 500). */
  retryBaseMs?: number;
  /** Longest retry delay in ms (default 60000). */
  retryMaxMs?: number;
  /** Folder of secret files for web-service adapters. */
  secretsDir?: string;
  /** Router limits; `maxBytes` also bounds what the service reads. */
  limits?: Partial<RouteLimits>;
  /** Refuse a message whose routed scenario/region takes messages from another outbox (default true). */
  verifySource?: boolean;
  /** Install SIGHUP (reload) and SIGTERM/SIGINT (graceful stop) handlers (default false; `stellwerk serve` sets it). */
  handleSignals?: boolean;
  /** Router implementation (default: src/runtime/router.ts). */
  router?: RouterPort;
  /** Delivery implementation (default: src/adapters). */
  delivery?: DeliveryPort;
}

/** Default maximum message size: 64 MiB, as the router's default. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface ResolvedOptions {
  pollMs: number | undefined;
  stableMs: number;
  rescanMs: number;
  concurrency: number;
  instance: string;
  archive: boolean;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxBytes: number;
  verifySource: boolean;
}

/**
 * Applies defaults and checks ranges.
 * @throws Error with a usage message for an out-of-range value
 */
export function resolveOptions(o: ServiceOptions): ResolvedOptions {
  const pollMs = o.poll === true ? 1000 : typeof o.poll === "number" ? o.poll : undefined;
  const r: ResolvedOptions = {
    pollMs,
    stableMs: o.stableMs ?? 500,
    rescanMs: o.rescanMs ?? 5000,
    concurrency: o.concurrency ?? 4,
    instance: o.instance ?? "default",
    archive: o.archive ?? false,
    maxAttempts: o.maxAttempts ?? 5,
    retryBaseMs: o.retryBaseMs ?? 500,
    retryMaxMs: o.retryMaxMs ?? 60_000,
    maxBytes: o.limits?.maxBytes ?? DEFAULT_MAX_BYTES,
    verifySource: o.verifySource ?? true,
  };
  const bad = (what: string): never => {
    throw new Error(`invalid service option: ${what}`);
  };
  if (pollMs !== undefined && !(Number.isFinite(pollMs) && pollMs >= 10)) bad("poll interval must be >= 10 ms");
  if (!(Number.isFinite(r.stableMs) && r.stableMs >= 0)) bad("stableMs must be >= 0");
  if (!(Number.isFinite(r.rescanMs) && r.rescanMs >= 10)) bad("rescanMs must be >= 10");
  if (!(Number.isInteger(r.concurrency) && r.concurrency >= 1 && r.concurrency <= 256)) bad("concurrency must be 1..256");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(r.instance)) bad("instance must match [A-Za-z0-9_-]{1,64}");
  if (!(Number.isInteger(r.maxAttempts) && r.maxAttempts >= 1)) bad("maxAttempts must be >= 1");
  if (!(r.retryBaseMs >= 0 && r.retryMaxMs >= r.retryBaseMs)) bad("retry delays must satisfy 0 <= base <= max");
  if (!(r.maxBytes > 0)) bad("limits.maxBytes must be > 0");
  return r;
}
