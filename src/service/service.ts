/**
 * The file-exchange integration service: watches the source outboxes a
 * routing table names, claims complete entries, routes and delivers them with
 * a journal that makes every crash end in "delivered exactly once" or "in the
 * error folder with a reason". See docs/service.md.
 */
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import type { Logger } from "pino";
import type { LoadedTable } from "../runtime/api.js";
import { readInputFile } from "../runtime/input-file.js";
import { MAX_TABLE_FILE_BYTES } from "../runtime/load-table.js";
import type { RoutingTable } from "../table/routing-table.js";
import { claimEntry, listClaimed, outboxClaimDir, sameDevice, stateClaimDir, type ClaimSync } from "./claim.js";
import { Journal } from "./journal.js";
import { acquireInstanceLock, type InstanceLock } from "./lock.js";
import { createServiceLogger, errorFields, serviceChild } from "./logger.js";
import { readClaimed, type ReadResult } from "./message-source.js";
import { resolveOptions, type ResolvedOptions, type ServiceOptions } from "./options.js";
import { sourceOutboxes, type OutboxSpec } from "./outboxes.js";
import { Pipeline, type FreshClaim } from "./pipeline.js";
import { runtimeDelivery, runtimeRouter } from "./runtime-ports.js";
import type { DeliveryPort, RouterPort } from "./ports.js";
import { errCode, mkdirOwner, readdirIfExists } from "./secure-fs.js";
import { OutboxWatcher } from "./watcher.js";

/** Result of a table reload. */
export type ReloadResult = { ok: true; contentHash: string; outboxes: string[] } | { ok: false; error: string };

/** Counters since start. */
/**
 * Counters since start. Each is counted only once its effect is complete, so
 * a caller that sees a count may rely on the journal and the folders:
 * "delivered" after the delivery is journaled, "done" and "duplicate" after
 * the claimed copy is removed, "error" after the entry is in the error folder
 * and journaled.
 */
export interface ServiceStats {
  /** Entries claimed from an outbox. */
  claimed: number;
  /** Messages finished: every target delivered and journaled, claimed copy removed. */
  done: number;
  /** Deliveries to single targets, journaled. */
  delivered: number;
  /** Second copies dropped, claimed copy removed. */
  duplicate: number;
  /** Messages in an error folder with their reason file, journaled (or journaled as claim-lost). */
  error: number;
}

/** A running service. */
export interface ServiceHandle {
  /** Stops watching, finishes the messages in flight, closes the journal, releases the instance lock. Idempotent. */
  stop(): Promise<void>;
  /** Reloads the table file; a bad table is rejected and the last good one stays. */
  reload(): Promise<ReloadResult>;
  /** Resolves when the service has stopped. */
  readonly closed: Promise<void>;
  /** Resolves when no work is queued or in flight (retries waiting for their backoff do not count). */
  whenIdle(): Promise<void>;
  /** Scans every outbox now. */
  scanNow(): Promise<void>;
  /** Outboxes watched (relative paths). */
  outboxes(): string[];
  stats(): ServiceStats;
  /** contentHash of the table in use. */
  tableHash(): string;
}

interface Loaded {
  loaded: LoadedTable;
  hash: string;
}

async function readTable(file: string, router: RouterPort): Promise<Loaded> {
  let text: string;
  try {
    // only a regular file: a FIFO named as the table would block start-up or a reload for ever
    text = (await readInputFile(file, MAX_TABLE_FILE_BYTES)).toString("utf8");
  } catch (e) {
    throw new Error(`routing table ${file} ${e instanceof Error ? e.message : "cannot be read"}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new Error(`routing table ${file} is not valid JSON`);
  }
  const loaded = router.loadTable(json);
  return { loaded, hash: loaded.table.contentHash };
}

type Work = { kind: "claim"; claimId: string } | { kind: "entry"; outbox: OutboxSpec; name: string };

/** A claim not journaled yet: what its intake row will say. */
interface Unadopted {
  claimId: string;
  outbox: string;
  name: string;
  claimPath: string;
  /** The fsyncs of a claim made by this run (absent for a claim found after a restart). */
  sync?: ClaimSync;
}

class Service implements ServiceHandle {
  private current!: Loaded;
  private journal!: Journal;
  private lock!: InstanceLock;
  private pipeline!: Pipeline;
  private readonly watchers = new Map<string, OutboxWatcher>();
  /** Claim area per outbox rel path. */
  private readonly areas = new Map<string, string>();
  private readonly entries = new Map<string, { outbox: OutboxSpec; name: string }>();
  private readonly claims: string[] = [];
  private readonly queuedClaims = new Set<string>();
  private readonly runningClaims = new Set<string>();
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private readonly failures = new Map<string, number>();
  private readonly unadopted = new Map<string, Unadopted>();
  private active = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private idleWaiters: Array<() => void> = [];
  private stopping: Promise<void> | undefined;
  private resolveClosed!: () => void;
  readonly closed: Promise<void>;
  private readonly counters: ServiceStats = { claimed: 0, done: 0, delivered: 0, duplicate: 0, error: 0 };
  private readonly log: Logger;
  private readonly exchangeRoot: string;
  private readonly stateDir: string;
  private signalCleanup: (() => void) | undefined;
  private keepAlive: NodeJS.Timeout | undefined;

  constructor(
    private readonly opts: ServiceOptions,
    private readonly cfg: ResolvedOptions,
    private readonly router: RouterPort,
    private readonly delivery: DeliveryPort,
  ) {
    this.log = opts.logger ? serviceChild(opts.logger) : createServiceLogger();
    this.exchangeRoot = path.resolve(opts.exchangeRoot);
    this.stateDir = path.resolve(opts.stateDir);
    this.closed = new Promise((r) => (this.resolveClosed = r));
  }

  async start(): Promise<void> {
    const st = await fsp.stat(this.exchangeRoot).catch(() => undefined);
    if (!st?.isDirectory()) throw new Error(`exchange root ${this.exchangeRoot} is not a folder`);
    await mkdirOwner(this.stateDir);
    this.current = await readTable(this.opts.table, this.router);
    this.lock = await acquireInstanceLock(this.stateDir, this.cfg.instance);
    try {
      this.journal = new Journal(this.stateDir, { commitDelayMs: this.cfg.concurrency > 1 ? 2 : 0 });
    } catch (e) {
      await this.lock.release();
      throw e;
    }
    this.pipeline = new Pipeline({
      journal: this.journal,
      router: this.router,
      delivery: this.delivery,
      log: this.log,
      exchangeRoot: this.exchangeRoot,
      stateDir: this.stateDir,
      cfg: {
        maxBytes: this.cfg.maxBytes,
        maxAttempts: this.cfg.maxAttempts,
        retryBaseMs: this.cfg.retryBaseMs,
        retryMaxMs: this.cfg.retryMaxMs,
        archive: this.cfg.archive,
        verifySource: this.cfg.verifySource,
        limits: this.opts.limits ?? {},
        ...(this.opts.secretsDir !== undefined ? { secretsDir: path.resolve(this.opts.secretsDir) } : {}),
      },
      table: () => this.current,
      scheduleRetry: (claimId, at) => this.scheduleRetry(claimId, at),
      count: (e) => this.counters[e]++,
    });
    const outboxes = this.outboxSpecs(this.current.loaded.table);
    for (const o of outboxes) await this.prepareOutbox(o);
    await this.resume(outboxes);
    for (const o of outboxes) await this.watch(o);
    // A running service keeps its process alive until stop() (watch events and scan timers do not).
    this.keepAlive = setInterval(() => undefined, 3_600_000);
    if (this.opts.handleSignals) this.installSignals();
    // Logged last: whoever waits for "start" (an operator's script, the tests) may send SIGHUP
    // or SIGTERM at once, and before the handlers are installed SIGHUP would kill the process.
    this.log.info(
      {
        event: "start",
        instance: this.cfg.instance,
        tableHash: this.current.hash,
        outboxes: outboxes.map((o) => o.rel),
        mode: this.cfg.pollMs !== undefined ? `poll:${this.cfg.pollMs}` : "events",
        stableMs: this.cfg.stableMs,
        concurrency: this.cfg.concurrency,
      },
      "service started",
    );
  }

  private outboxSpecs(table: RoutingTable): OutboxSpec[] {
    const { outboxes, refused } = sourceOutboxes(table, this.exchangeRoot);
    for (const r of refused) this.log.error({ event: "outbox-refused", outbox: r.outbox }, r.why);
    return outboxes;
  }

  /** Creates the outbox if missing and picks its claim area (state folder, or inside the outbox across devices). */
  private async prepareOutbox(o: OutboxSpec): Promise<void> {
    await mkdirOwner(o.dir);
    const inState = stateClaimDir(this.stateDir, this.cfg.instance, o.rel);
    await mkdirOwner(inState);
    const area = (await sameDevice(inState, o.dir)) ? inState : outboxClaimDir(o.dir, this.cfg.instance);
    this.areas.set(o.rel, area);
  }

  private async watch(o: OutboxSpec): Promise<void> {
    const w = new OutboxWatcher(o, {
      stableMs: this.cfg.stableMs,
      ...(this.cfg.pollMs !== undefined ? { pollMs: this.cfg.pollMs } : {}),
      rescanMs: this.cfg.rescanMs,
      onReady: (outbox, name) => this.enqueueEntry(outbox, name),
      onError: (outbox, what, err) =>
        this.log.warn({ event: `${what}-error`, outbox: outbox.rel, ...errorFields(err) }, `outbox ${what} failed`),
    });
    this.watchers.set(o.rel, w);
    await w.start();
  }

  /** Finds every claim of this instance left by a previous run and queues it. */
  private async resume(outboxes: OutboxSpec[]): Promise<void> {
    const seen = new Set<string>();
    const areas: Array<{ dir: string; outbox: string }> = [];
    const base = path.join(this.stateDir, "claimed", this.cfg.instance);
    for (const d of await readdirIfExists(base)) {
      let outbox: string;
      try {
        outbox = decodeURIComponent(d);
      } catch {
        this.log.warn({ event: "resume-skip", folder: d }, "not a claim area of this service");
        continue;
      }
      areas.push({ dir: path.join(base, d), outbox });
    }
    for (const o of outboxes) areas.push({ dir: outboxClaimDir(o.dir, this.cfg.instance), outbox: o.rel });
    let resumed = 0;
    for (const a of areas) {
      for (const c of await listClaimed(a.dir)) {
        seen.add(c.claimId);
        resumed++;
        if (this.journal.getIntake(c.claimId) === undefined) {
          this.unadopted.set(c.claimId, { claimId: c.claimId, outbox: a.outbox, name: c.name, claimPath: c.claimPath });
        }
        this.enqueueClaim(c.claimId);
      }
    }
    for (const row of this.journal.openIntakes(this.cfg.instance)) {
      if (seen.has(row.claim_id)) continue;
      resumed++;
      this.enqueueClaim(row.claim_id);
    }
    if (resumed > 0) this.log.info({ event: "resume", claims: resumed }, "resuming claims");
  }

  private enqueueEntry(outbox: OutboxSpec, name: string): void {
    if (this.stopping) return;
    const key = path.join(outbox.dir, name);
    if (this.entries.has(key)) return;
    this.entries.set(key, { outbox, name });
    this.pump();
  }

  private enqueueClaim(claimId: string): void {
    if (this.stopping || this.queuedClaims.has(claimId)) return;
    this.queuedClaims.add(claimId);
    this.claims.push(claimId);
    this.pump();
  }

  private scheduleRetry(claimId: string, at: number): void {
    if (this.stopping) return;
    const old = this.retryTimers.get(claimId);
    if (old) clearTimeout(old);
    const t = setTimeout(() => {
      this.retryTimers.delete(claimId);
      this.enqueueClaim(claimId);
    }, Math.max(0, at - Date.now()));
    this.retryTimers.set(claimId, t);
  }

  private next(): Work | undefined {
    for (let i = 0; i < this.claims.length; i++) {
      const id = this.claims[i]!;
      if (this.runningClaims.has(id)) continue;
      this.claims.splice(i, 1);
      this.queuedClaims.delete(id);
      return { kind: "claim", claimId: id };
    }
    const first = this.entries.entries().next();
    if (first.done) return undefined;
    const [key, e] = first.value;
    this.entries.delete(key);
    return { kind: "entry", ...e };
  }

  private pump(): void {
    while (!this.stopping && this.active < this.cfg.concurrency) {
      const w = this.next();
      if (w === undefined) break;
      this.active++;
      const p = this.runWork(w).finally(() => {
        this.active--;
        this.inFlight.delete(p);
        this.pump();
        this.checkIdle();
      });
      this.inFlight.add(p);
    }
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.active === 0 && (this.stopping || (this.claims.length === 0 && this.entries.size === 0))) {
      const w = this.idleWaiters;
      this.idleWaiters = [];
      for (const r of w) r();
    }
  }

  private async runWork(w: Work): Promise<void> {
    if (w.kind === "claim") return this.runClaim(w.claimId);
    const area = this.areas.get(w.outbox.rel);
    if (area === undefined) return;
    let claimed;
    try {
      claimed = await claimEntry(w.outbox.dir, w.name, area);
      if (!claimed.ok && claimed.why === "cross-device") {
        const fallback = outboxClaimDir(w.outbox.dir, this.cfg.instance);
        this.areas.set(w.outbox.rel, fallback);
        this.log.warn({ event: "claim-area", outbox: w.outbox.rel }, "state folder on another filesystem: claiming inside the outbox");
        claimed = await claimEntry(w.outbox.dir, w.name, fallback);
      }
    } catch (err) {
      this.log.error({ event: "claim-error", outbox: w.outbox.rel, name: w.name, ...errorFields(err) }, "claim failed");
      return;
    }
    if (!claimed.ok) return;
    this.counters.claimed++;
    this.unadopted.set(claimed.claimId, {
      claimId: claimed.claimId,
      outbox: w.outbox.rel,
      name: w.name,
      claimPath: claimed.claimPath,
      sync: claimed.sync,
    });
    return this.runClaim(claimed.claimId);
  }

  /**
   * Reads a claim that has no intake row yet (just claimed, or found in a
   * claim area after a crash) and describes its intake row, with the hash of
   * its message; the pipeline journals it with the claim's first transaction.
   * @returns what was read (undefined when reading failed) and the intake; "gone" when the claimed copy is gone
   */
  private async adopt(c: Unadopted): Promise<{ read: ReadResult | undefined; fresh: FreshClaim } | "gone"> {
    let st;
    try {
      st = await fsp.lstat(c.claimPath);
    } catch (e) {
      if (errCode(e) !== "ENOENT") throw e;
      this.log.error({ event: "error", reason: "claim-lost", claim: c.claimId, outbox: c.outbox, name: c.name }, "claimed copy vanished before it was journaled");
      return "gone";
    }
    let read: ReadResult | undefined;
    try {
      read = await readClaimed(c.claimPath, this.cfg.maxBytes, st);
    } catch (err) {
      this.log.warn({ event: "read-error", claim: c.claimId, ...errorFields(err) }, "reading the claimed entry failed");
    }
    const hash = read?.ok ? read.message.hash : null;
    const intake = {
      claimId: c.claimId,
      instance: this.cfg.instance,
      outbox: c.outbox,
      name: c.name,
      kind: st.isDirectory() ? ("folder" as const) : ("file" as const),
      claimPath: c.claimPath,
      hash,
      receivedAt: new Date().toISOString(),
    };
    this.log.info({ event: "claimed", claim: c.claimId, outbox: c.outbox, name: c.name, hash: hash ?? undefined }, "claimed");
    return { read, fresh: { intake, ...(c.sync !== undefined ? { sync: c.sync } : {}) } };
  }

  private async runClaim(claimId: string): Promise<void> {
    this.runningClaims.add(claimId);
    try {
      const fresh = this.unadopted.get(claimId);
      if (fresh !== undefined && this.journal.getIntake(claimId) === undefined) {
        const r = await this.adopt(fresh);
        if (r === "gone") {
          this.unadopted.delete(claimId);
          return;
        }
        // Kept in `unadopted` until the pipeline is through: should it fail before
        // the intake row is written, the retry adopts the claim again.
        await this.pipeline.run(claimId, r.read, r.fresh);
      } else {
        await this.pipeline.run(claimId);
      }
      this.unadopted.delete(claimId);
      this.failures.delete(claimId);
    } catch (err) {
      this.onClaimFailure(claimId, err);
    } finally {
      this.runningClaims.delete(claimId);
    }
  }

  /** An unexpected error (I/O, journal busy): retried with backoff, never dropped. */
  private onClaimFailure(claimId: string, err: unknown): void {
    const n = (this.failures.get(claimId) ?? 0) + 1;
    this.failures.set(claimId, n);
    const delay = Math.min(this.cfg.retryMaxMs, Math.max(50, this.cfg.retryBaseMs) * 2 ** Math.min(n - 1, 16));
    this.log.error({ event: "claim-failure", claim: claimId, failures: n, retryInMs: delay, ...errorFields(err) }, "processing failed; will retry");
    this.scheduleRetry(claimId, Date.now() + delay);
  }

  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  async scanNow(): Promise<void> {
    await Promise.all([...this.watchers.values()].map((w) => w.scan()));
  }

  outboxes(): string[] {
    return [...this.watchers.keys()].sort();
  }

  stats(): ServiceStats {
    return { ...this.counters };
  }

  tableHash(): string {
    return this.current.hash;
  }

  async reload(): Promise<ReloadResult> {
    if (this.stopping) return { ok: false, error: "service is stopping" };
    let next: Loaded;
    try {
      next = await readTable(this.opts.table, this.router);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.log.error({ event: "reload-rejected", tableHash: this.current.hash, error }, "table reload rejected; keeping the last good table");
      return { ok: false, error };
    }
    const outboxes = this.outboxSpecs(next.loaded.table);
    try {
      for (const o of outboxes) if (!this.watchers.has(o.rel)) await this.prepareOutbox(o);
    } catch (err) {
      const error = `cannot prepare outboxes: ${errCode(err) ?? "error"}`;
      this.log.error({ event: "reload-rejected", error, ...errorFields(err) }, "table reload rejected; keeping the last good table");
      return { ok: false, error };
    }
    const previous = this.current.hash;
    this.current = next;
    const wanted = new Set(outboxes.map((o) => o.rel));
    for (const [rel, w] of this.watchers) {
      if (!wanted.has(rel)) {
        await w.stop();
        this.watchers.delete(rel);
      }
    }
    for (const o of outboxes) if (!this.watchers.has(o.rel)) await this.watch(o);
    this.log.info({ event: "reload", previous, tableHash: next.hash, outboxes: [...wanted] }, "table reloaded");
    return { ok: true, contentHash: next.hash, outboxes: [...wanted].sort() };
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.signalCleanup?.();
      clearInterval(this.keepAlive);
      await Promise.all([...this.watchers.values()].map((w) => w.stop()));
      for (const t of this.retryTimers.values()) clearTimeout(t);
      this.retryTimers.clear();
      this.entries.clear();
      this.claims.length = 0;
      this.queuedClaims.clear();
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      this.journal.close();
      await this.lock.release();
      this.log.info({ event: "stop", ...this.counters }, "service stopped");
      this.checkIdle();
      this.resolveClosed();
    })();
    return this.stopping;
  }

  /** Undoes a partial start. */
  async abort(): Promise<void> {
    this.stopping ??= Promise.resolve();
    clearInterval(this.keepAlive);
    await Promise.all([...this.watchers.values()].map((w) => w.stop()));
    this.journal?.close();
    await this.lock?.release();
    this.resolveClosed();
  }

  private installSignals(): void {
    const onHup = (): void => void this.reload();
    const onTerm = (sig: NodeJS.Signals): void => {
      this.log.info({ event: "signal", signal: sig }, "shutting down");
      void this.stop();
    };
    process.on("SIGHUP", onHup);
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onTerm);
    this.signalCleanup = () => {
      process.off("SIGHUP", onHup);
      process.off("SIGTERM", onTerm);
      process.off("SIGINT", onTerm);
    };
  }
}

/**
 * Starts the service: loads the table, takes the instance lock, opens the
 * journal, resumes every claim a previous run left, then watches the outboxes.
 * @throws Error when the table cannot be loaded, the exchange root is missing,
 *   the instance is already running, or an option is out of range
 */
export async function startService(opts: ServiceOptions): Promise<ServiceHandle> {
  const cfg = resolveOptions(opts);
  const router = opts.router ?? runtimeRouter;
  const delivery = opts.delivery ?? runtimeDelivery;
  const svc = new Service(opts, cfg, router, delivery);
  try {
    await svc.start();
  } catch (e) {
    await svc.abort();
    throw e;
  }
  return svc;
}
