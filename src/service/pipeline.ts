/**
 * The per-message state machine of the service (docs/service.md, "State machine").
 *
 *   claimed ──► received ──► routed ──► done
 *                  │   │        │
 *                  │   └► duplicate (same id, same hash: dropped)
 *                  └──────────┴──► erroring ──► error (in the error folder with a reason file)
 *
 * Every transition is journaled before its side effect is relied on, and every
 * side effect is idempotent, so running {@link Pipeline.run} again for a claim
 * (after a crash, or for a retry) continues where it stopped.
 */
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import type { Logger } from "pino";
import type { LoadedTable, RouteLimits, RouteResult, RoutedDelivery } from "../runtime/api.js";
import { moveToErrorFolder, reasonPath, readReason, reserveErrorName } from "./error-folder.js";
import type { AttemptRecord, DeliveryRow, IntakeInput, IntakeRow, Journal } from "./journal.js";
import { targetKey } from "./journal.js";
import { errorFields } from "./logger.js";
import { readClaimed, type ClaimedMessage, type ReadResult } from "./message-source.js";
import { errorDirOf, expectedSourceOutbox, normalizeRel } from "./outboxes.js";
import type { DeliveryPort, DeliveryResult, RouterPort } from "./ports.js";
import { REASON_FORMAT, type ReasonFile, type ServiceReason } from "./reasons.js";
import { errCode, exists, mkdirOwner, moveNoReplace } from "./secure-fs.js";

/** Settings of the pipeline (see ServiceOptions for meanings and defaults). */
export interface PipelineConfig {
  maxBytes: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  archive: boolean;
  verifySource: boolean;
  limits: Partial<RouteLimits>;
  secretsDir?: string;
}

/** Everything the pipeline needs from the running service. */
export interface PipelineContext {
  journal: Journal;
  router: RouterPort;
  delivery: DeliveryPort;
  log: Logger;
  exchangeRoot: string;
  stateDir: string;
  cfg: PipelineConfig;
  /** The table in use now and its content hash. */
  table(): { loaded: LoadedTable; hash: string };
  /** Asks the service to run the claim again at epoch ms `at` (delivery backoff). */
  scheduleRetry(claimId: string, at: number): void;
  /** Counts an event for the service statistics. */
  count(event: "delivered" | "duplicate" | "error" | "done"): void;
}

/** Extra facts for a reason file that the journal does not hold. */
interface ErrorExtra {
  scenario?: string;
  region?: string;
  hash?: string;
  trace?: ReasonFile["trace"];
}

/** A claim without a journal row yet: its intake, and the fsyncs that make its claim rename durable. */
export interface FreshClaim {
  intake: IntakeInput;
  /** Awaited before the claim's first journal transaction; absent for a claim found after a restart. */
  sync?: { wait(): Promise<void> };
}

/** The intake row a claim will have once journaled (state "received"). */
function receivedRow(i: IntakeInput): IntakeRow {
  const t = i.receivedAt ?? new Date().toISOString();
  return {
    claim_id: i.claimId,
    instance: i.instance,
    outbox: i.outbox,
    name: i.name,
    kind: i.kind,
    claim_path: i.claimPath,
    hash: i.hash,
    state: "received",
    scenario: null,
    message_id: null,
    table_hash: null,
    reason: null,
    detail: null,
    error_name: null,
    received_at: t,
    updated_at: t,
  };
}

export class Pipeline {
  /**
   * Claims whose intake row is not written yet: it goes into the claim's first
   * journal transaction (register, or the start of an error move), so a
   * message costs one commit fewer. A crash before that commit leaves a
   * claimed copy without a row, which a restart adopts from its
   * self-describing name, exactly as after a crash right after the claim.
   */
  private readonly unjournaled = new Map<string, FreshClaim>();

  constructor(private readonly ctx: PipelineContext) {}

  /**
   * Runs a claim from its journaled state to the next resting point: done,
   * duplicate, error, or waiting for a delivery retry.
   * @param preread the claimed entry, when the caller has just read it
   * @param fresh the claim, when it has no journal row yet (written with the claim's first transaction)
   */
  async run(claimId: string, preread?: ReadResult, fresh?: FreshClaim): Promise<void> {
    if (fresh !== undefined) {
      this.unjournaled.set(claimId, { ...fresh, intake: { ...fresh.intake } });
      try {
        return await this.fromReceived(receivedRow(fresh.intake), preread);
      } finally {
        this.unjournaled.delete(claimId);
      }
    }
    const row = this.ctx.journal.getIntake(claimId);
    if (row === undefined) return;
    switch (row.state) {
      case "received":
        return this.fromReceived(row, preread);
      case "routed":
        return this.fromRouted(row, preread);
      case "erroring":
        return this.finishError(row, {});
      case "done":
      case "duplicate":
        return this.removeClaim(row);
      default:
        return;
    }
  }

  /**
   * Runs `fn` in the next journal transaction. A claim not journaled yet first
   * waits until its claim rename is durable, and gets its intake row in the same transaction.
   * @param opts.durable see {@link Journal.write}
   */
  private async write<T>(claimId: string, fn: () => T, opts: { durable?: boolean } = {}): Promise<T> {
    const j = this.ctx.journal;
    const fresh = this.unjournaled.get(claimId);
    if (fresh === undefined) return j.write(fn, opts);
    await fresh.sync?.wait();
    const v = await j.write(() => {
      j.insertIntake(fresh.intake);
      return fn();
    }, opts);
    this.unjournaled.delete(claimId);
    return v;
  }

  private fields(row: IntakeRow): Record<string, unknown> {
    return { claim: row.claim_id, outbox: row.outbox, name: row.name, hash: row.hash ?? undefined };
  }

  private async read(row: IntakeRow, preread?: ReadResult): Promise<ReadResult | "lost"> {
    if (preread !== undefined) return preread;
    if (!(await exists(row.claim_path))) return "lost";
    return readClaimed(row.claim_path, this.ctx.cfg.maxBytes);
  }

  private async route(msg: ClaimedMessage): Promise<{ res: RouteResult; tableHash: string; table: LoadedTable }> {
    const { loaded, hash } = this.ctx.table();
    const res = await this.ctx.router.route(loaded, msg.bytes, {
      cases: this.ctx.journal.caseLookup(),
      limits: this.ctx.cfg.limits,
      ...(msg.attachments !== undefined ? { attachments: msg.attachments } : {}),
    });
    return { res, tableHash: hash, table: loaded };
  }

  private async fromReceived(row: IntakeRow, preread?: ReadResult): Promise<void> {
    const { journal, log } = this.ctx;
    const read = await this.read(row, preread);
    if (read === "lost") return this.claimLost(row);
    if (!read.ok) return this.toError(row, "invalid", read.detail, {});
    const msg = read.message;
    if (row.hash === null) {
      const fresh = this.unjournaled.get(row.claim_id);
      if (fresh !== undefined) fresh.intake.hash = msg.hash;
      else await this.write(row.claim_id, () => journal.setIntakeHash(row.claim_id, msg.hash));
    }
    row = { ...row, hash: msg.hash };
    const { res, tableHash, table } = await this.route(msg);
    if (!res.ok) {
      return this.toError(row, res.reason, res.detail, {
        ...(res.scenario !== undefined ? { scenario: res.scenario } : {}),
        ...(res.region !== undefined ? { region: res.region } : {}),
        trace: res.trace,
      });
    }
    const routedFields = { scenario: res.scenario, region: res.region, trace: res.trace };
    if (this.ctx.cfg.verifySource) {
      const expected = expectedSourceOutbox(table.table, res.scenario, res.region);
      if (expected !== undefined && expected !== normalizeRel(row.outbox)) {
        return this.toError(
          row,
          "source-mismatch",
          `scenario ${res.scenario} at region ${res.region} takes messages from outbox "${expected}", not "${row.outbox}"`,
          routedFields,
        );
      }
    }
    const reg = await this.write(row.claim_id, () => journal.register({
      claimId: row.claim_id,
      messageId: res.messageId,
      hash: msg.hash,
      scenario: res.scenario,
      region: res.region,
      tableHash,
      targets: res.deliveries.map((d) => ({
        target: targetKey(d),
        role: d.role,
        ...(d.recipient !== undefined ? { recipient: d.recipient } : {}),
        system: d.system,
        fileName: d.fileName,
      })),
      ...(res.opensCase !== undefined ? { opensCase: res.opensCase } : {}),
    }), { durable: false });
    // Not made durable on its own: publishing is idempotent, and the delivery pass's
    // commit (durable) comes before anything relies on the registration. Should a
    // power loss undo it, the claimed copy (durable since the claim) is adopted and
    // routed again, and its published files are found already present.
    const base = { ...this.fields(row), messageId: res.messageId, scenario: res.scenario, region: res.region };
    if (reg.kind === "duplicate") {
      log.info({ ...base, event: "duplicate", firstClaim: reg.existing.claim_id }, "duplicate message dropped");
      // The decision must be on disk before the copy goes.
      await this.write(row.claim_id, () => journal.setIntake(row.claim_id, "duplicate", {}));
      await this.removeClaim(row);
      this.ctx.count("duplicate");
      return;
    }
    if (reg.kind === "conflict") {
      await this.write(row.claim_id, () => journal.setIntake(row.claim_id, "received", { scenario: res.scenario, messageId: res.messageId }));
      return this.toError(
        row,
        "conflict",
        `message id ${res.messageId} was journaled with hash ${reg.existing.hash} (state ${reg.existing.state}); this copy has ${msg.hash}`,
        routedFields,
      );
    }
    log.info(
      { ...base, event: "routed", targets: res.deliveries.length, ...(reg.kind === "reattached" ? { reattached: true } : {}) },
      "message routed",
    );
    return this.deliverPass(journal.getIntake(row.claim_id)!, res);
  }

  private async fromRouted(row: IntakeRow, preread?: ReadResult): Promise<void> {
    const read = await this.read(row, preread);
    if (read === "lost") return this.claimLost(row);
    if (!read.ok) return this.toError(row, "invalid", read.detail, {});
    const { res } = await this.route(read.message);
    if (!res.ok) {
      return this.toError(row, res.reason, `routing again after a restart or retry failed: ${res.detail}`, {
        trace: res.trace,
      });
    }
    return this.deliverPass(row, res);
  }

  private backoff(attempts: number): number {
    const { retryBaseMs, retryMaxMs } = this.ctx.cfg;
    const raw = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(raw * (0.8 + Math.random() * 0.4));
  }

  private async safeDeliver(d: RoutedDelivery): Promise<DeliveryResult> {
    try {
      return await this.ctx.delivery.deliver(d, {
        exchangeRoot: this.ctx.exchangeRoot,
        ...(this.ctx.cfg.secretsDir !== undefined ? { secretsDir: this.ctx.cfg.secretsDir } : {}),
      });
    } catch (err) {
      const f = errorFields(err);
      return { ok: false, retryable: true, errorClass: `adapter-error${f.errorCode ? `:${f.errorCode}` : ""}` };
    }
  }

  /**
   * Delivers every pending, due target once (targets in parallel), records the
   * pass in one transaction, then finishes, errors, or schedules a retry.
   */
  private async deliverPass(row: IntakeRow, res: Extract<RouteResult, { ok: true }>): Promise<void> {
    const { journal, log, cfg } = this.ctx;
    const messageId = row.message_id ?? res.messageId;
    const key = { scenario: row.scenario ?? res.scenario, id: messageId };
    const byKey = new Map(res.deliveries.map((d) => [targetKey(d), d] as const));
    const base = { ...this.fields(row), messageId, scenario: res.scenario, region: res.region };
    const now = Date.now();
    const due = journal.deliveries(key).filter((t) => t.state === "pending" && (t.next_attempt_at ?? 0) <= now);
    const records = await Promise.all(
      due.map(async (t): Promise<AttemptRecord> => {
        const target = { role: t.role, recipient: t.recipient ?? undefined, system: t.system };
        const d = byKey.get(t.target);
        if (d === undefined) {
          log.warn({ ...base, target, event: "target-vanished" }, "delivery target no longer in the routing table");
          return { target: t.target, ok: false, errorClass: "target-vanished", final: true, attempted: false };
        }
        const out = await this.safeDeliver(d);
        const attempts = t.attempts + 1;
        if (out.ok) {
          log.info({ ...base, target, event: "delivered", attempts, ...(out.alreadyPresent ? { alreadyPresent: true } : {}) }, "delivered");
          return { target: t.target, ok: true };
        }
        const final = !out.retryable || attempts >= cfg.maxAttempts;
        log.warn(
          { ...base, target, event: final ? "delivery-failed" : "delivery-retry", attempts, errorClass: out.errorClass },
          final ? "delivery failed" : "delivery failed, will retry",
        );
        return {
          target: t.target,
          ok: false,
          errorClass: out.errorClass,
          final,
          attempted: true,
          ...(final ? {} : { nextAttemptAt: Date.now() + this.backoff(attempts) }),
        };
      }),
    );
    const { rows, finished } = await this.write(row.claim_id, () => journal.recordPass(row.claim_id, key, records));
    // Counted once journaled, so "delivered" in the stats never runs ahead of the journal's delivery rows.
    for (const r of records) if (r.ok) this.ctx.count("delivered");
    if (finished) {
      log.info({ ...base, event: "done", targets: rows.length }, "message done");
      // Counted after the claimed copy is gone, so "done" in the stats means nothing is left behind.
      await this.removeClaim(row);
      this.ctx.count("done");
      return;
    }
    const pending = rows.filter((r) => r.state === "pending");
    if (pending.length > 0) {
      this.ctx.scheduleRetry(row.claim_id, Math.min(...pending.map((r) => r.next_attempt_at ?? Date.now())));
      return;
    }
    const failed = rows.filter((r) => r.state === "failed");
    const list = failed.map((r) => `${r.role}${r.recipient ? ` "${r.recipient}"` : ""} (${r.system}): ${r.last_error ?? "?"}`);
    return this.toError(row, "delivery-failed", `${failed.length} of ${rows.length} targets failed: ${list.join("; ")}`, {
      scenario: res.scenario,
      region: res.region,
      trace: res.trace,
    });
  }

  /** Removes (or archives) a finished claim's copy. Idempotent. */
  private async removeClaim(row: IntakeRow): Promise<void> {
    if (this.ctx.cfg.archive) {
      if (!(await exists(row.claim_path))) return;
      const day = new Date().toISOString().slice(0, 10);
      const dir = path.join(this.ctx.stateDir, "archive", day);
      await mkdirOwner(dir);
      await moveNoReplace(row.claim_path, path.join(dir, path.basename(row.claim_path)));
      return;
    }
    // No fsync needed: should a crash bring the copy back, the journal says "done" and it is removed again.
    if (row.kind === "file") {
      try {
        await fsp.unlink(row.claim_path);
        return;
      } catch (e) {
        const code = errCode(e);
        if (code === "ENOENT") return;
        if (code !== "EISDIR" && code !== "EPERM") throw e;
      }
    }
    await fsp.rm(row.claim_path, { recursive: true, force: true });
  }

  private async claimLost(row: IntakeRow): Promise<void> {
    const detail = "the claimed copy is missing from the claim area";
    const j = this.ctx.journal;
    await this.write(row.claim_id, () => {
      j.beginError(row.claim_id, "claim-lost", detail, "");
      j.setIntake(row.claim_id, "error", {});
    });
    this.ctx.log.error({ ...this.fields(row), event: "error", reason: "claim-lost" }, detail);
    this.ctx.count("error");
  }

  /** Moves a claim to its outbox's error folder with a reason file. */
  private async toError(row: IntakeRow, reason: ServiceReason, detail: string, extra: ErrorExtra): Promise<void> {
    if (!(await exists(row.claim_path))) return this.claimLost(row);
    const errorDir = errorDirOf(this.ctx.exchangeRoot, row.outbox);
    const errorName = await reserveErrorName(errorDir, row.name, row.claim_id);
    await this.write(row.claim_id, () => this.ctx.journal.beginError(row.claim_id, reason, detail, errorName));
    return this.finishError(this.ctx.journal.getIntake(row.claim_id)!, extra);
  }

  private reasonFile(row: IntakeRow, extra: ErrorExtra): ReasonFile {
    const msg = this.ctx.journal.messageOf(row);
    const own = msg !== undefined && msg.claim_id === row.claim_id;
    const deliveries: DeliveryRow[] = own ? this.ctx.journal.deliveries(msg) : [];
    const hash = row.hash ?? extra.hash;
    const scenario = row.scenario ?? extra.scenario;
    const region = (own ? msg.region : undefined) ?? extra.region;
    return {
      format: REASON_FORMAT,
      formatVersion: 1,
      reason: row.reason ?? "invalid",
      detail: row.detail ?? "",
      claimId: row.claim_id,
      outbox: row.outbox,
      originalName: row.name,
      errorName: row.error_name ?? row.name,
      kind: row.kind,
      ...(hash !== undefined ? { messageHash: hash } : {}),
      ...(row.message_id !== null ? { messageId: row.message_id } : {}),
      ...(scenario !== undefined ? { scenario } : {}),
      ...(region !== undefined ? { region } : {}),
      ...(row.table_hash !== null ? { tableHash: row.table_hash } : {}),
      receivedAt: row.received_at,
      failedAt: row.updated_at,
      ...(deliveries.length > 0
        ? {
            deliveries: deliveries.map((d) => ({
              role: d.role,
              ...(d.recipient !== null ? { recipient: d.recipient } : {}),
              system: d.system,
              state: d.state,
              attempts: d.attempts,
              ...(d.last_error !== null ? { lastError: d.last_error } : {}),
            })),
          }
        : {}),
      ...(extra.trace !== undefined ? { trace: extra.trace } : {}),
    };
  }

  /** Second half of an error move (also the resume point of an "erroring" claim). */
  private async finishError(row: IntakeRow, extra: ErrorExtra): Promise<void> {
    const errorDir = errorDirOf(this.ctx.exchangeRoot, row.outbox);
    const errorName = row.error_name ?? row.name;
    const previous = await readReason(reasonPath(errorDir, errorName));
    const reason = previous?.claimId === row.claim_id ? previous : this.reasonFile(row, extra);
    const moved = await moveToErrorFolder(errorDir, row.claim_path, reason);
    await this.write(row.claim_id, () => this.ctx.journal.setIntake(row.claim_id, "error", {}));
    this.ctx.log.warn(
      {
        ...this.fields(row),
        event: "error",
        reason: row.reason,
        messageId: row.message_id ?? undefined,
        scenario: reason.scenario,
        region: reason.region,
        errorName,
        ...(moved ? {} : { missing: true }),
      },
      "message moved to the error folder",
    );
    this.ctx.count("error");
  }
}
