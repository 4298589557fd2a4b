/**
 * The service journal: an embedded SQLite database (better-sqlite3, WAL mode,
 * synchronous=FULL except for writes marked not durable, see
 * {@link Journal.write}; secure_delete) in the state folder. It records one row per
 * claimed outbox entry (`intake`), one per message id (`messages`), one per
 * delivery target (`deliveries`) and the origins of cases (`cases`).
 * Every state change that must be atomic is one IMMEDIATE transaction.
 * Holds no message content (docs/data-protection.md).
 */
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { closeSync, chmodSync, openSync } from "node:fs";
import * as path from "node:path";
import type { CaseLookup, CaseOrigin } from "../runtime/api.js";
import { FILE_MODE } from "./secure-fs.js";
import { JOURNAL_DDL, JOURNAL_SCHEMA_VERSION } from "./journal-schema.js";
import type { ServiceReason } from "./reasons.js";

/** File name of the journal inside the state folder. */
export const JOURNAL_FILE = "journal.sqlite";

export type IntakeState = "received" | "routed" | "duplicate" | "erroring" | "error" | "done" | "replayed";
export type MessageState = "pending" | "delivered" | "failed";
export type DeliveryState = "pending" | "delivered" | "failed" | "superseded";

export interface IntakeRow {
  claim_id: string;
  instance: string;
  outbox: string;
  name: string;
  kind: "file" | "folder";
  claim_path: string;
  hash: string | null;
  state: IntakeState;
  scenario: string | null;
  message_id: string | null;
  table_hash: string | null;
  reason: ServiceReason | null;
  detail: string | null;
  error_name: string | null;
  received_at: string;
  updated_at: string;
}

export interface MessageRow {
  scenario: string;
  id: string;
  hash: string;
  region: string;
  state: MessageState;
  claim_id: string;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeliveryRow {
  scenario: string;
  message_id: string;
  target: string;
  role: string;
  recipient: string | null;
  system: string;
  file_name: string | null;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  delivered_at: string | null;
  updated_at: string;
}

/** A claimed entry as its intake row records it (see {@link Journal.insertIntake}). */
export interface IntakeInput {
  claimId: string;
  instance: string;
  outbox: string;
  name: string;
  kind: "file" | "folder";
  claimPath: string;
  /** SHA-256 of the message document, null when it could not be read. */
  hash: string | null;
  /** ISO time of the claim (default: now). */
  receivedAt?: string;
}

/** Identifies a message: the router's message id, scoped by its scenario. */
export interface MessageKey {
  scenario: string;
  id: string;
}

/** A delivery target as the router names it. */
export interface TargetSpec {
  /** Stable key within a message: role|recipient|system. */
  target: string;
  role: string;
  recipient?: string;
  system: string;
  fileName: string;
}

/** The outcome of one delivery attempt (or of a target given up without one). */
export type AttemptRecord =
  | { target: string; ok: true }
  | {
      target: string;
      ok: false;
      errorClass: string;
      /** No further attempt: the target is failed. */
      final: boolean;
      /** Epoch ms of the next attempt when not final. */
      nextAttemptAt?: number;
      /** False when the target was given up without an attempt (e.g. it vanished from the table). */
      attempted: boolean;
    };

/** What {@link Journal.register} decided for a routed message. */
export type RegisterOutcome =
  /** First time this id is seen: targets pending. */
  | { kind: "new" }
  /** Same id and hash as a message that failed before (replay, or a resent copy): its undelivered targets are pending again. */
  | { kind: "reattached"; previousClaim: string }
  /** Same id and hash as a message delivered or being delivered: nothing to do. */
  | { kind: "duplicate"; existing: MessageRow }
  /** Same id, different hash. */
  | { kind: "conflict"; existing: MessageRow };

export interface RegisterInput {
  claimId: string;
  messageId: string;
  hash: string;
  scenario: string;
  region: string;
  tableHash: string;
  targets: TargetSpec[];
  opensCase?: { pkg: string; correlationKey: string; origin: CaseOrigin };
}

/** Builds the stable target key of a delivery. */
export function targetKey(d: { role: string; recipient?: string | undefined; system: string }): string {
  return `${d.role}|${d.recipient ?? ""}|${d.system}`;
}

/** SHA-256 hex of a correlation key: the journal never stores the key itself. */
export function hashCaseKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

const now = (): string => new Date().toISOString();

/**
 * Opens (creating with mode 0600 if needed) the journal in `stateDir`.
 * The state folder must be on a local filesystem (SQLite WAL needs shared memory).
 */
export class Journal {
  readonly db: Database.Database;

  private readonly commitDelayMs: number;

  /**
   * @param opts.commitDelayMs how long a group commit waits for more writers
   *   (default 0: the next turn of the event loop); a few ms pay off when
   *   several messages are processed at the same time
   */
  constructor(stateDir: string, opts: { readonly?: boolean; commitDelayMs?: number } = {}) {
    this.commitDelayMs = opts.commitDelayMs ?? 0;
    const file = path.join(stateDir, JOURNAL_FILE);
    if (!opts.readonly) {
      // Create the file owner-only before SQLite does; SQLite gives -wal and -shm the same mode.
      closeSync(openSync(file, "a", FILE_MODE));
      chmodSync(file, FILE_MODE);
    }
    this.db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    this.db.pragma("busy_timeout = 10000");
    if (!opts.readonly) {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = FULL");
      this.db.pragma("secure_delete = ON");
      this.db.pragma("foreign_keys = ON");
      this.db.exec(JOURNAL_DDL);
      const v = this.stmt("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string } | undefined;
      if (v === undefined) {
        this.stmt("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)").run(String(JOURNAL_SCHEMA_VERSION));
      } else if (v.value !== String(JOURNAL_SCHEMA_VERSION)) {
        this.db.close();
        throw new Error(`journal schema version ${v.value} is not supported (expected ${JOURNAL_SCHEMA_VERSION})`);
      }
    }
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** The prepared statement for `sql` (prepared once per journal: preparing costs more than most of our queries). */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (st === undefined) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private pending: Array<{ fn: () => unknown; durable: boolean; resolve: (v: unknown) => void; reject: (e: unknown) => void }> = [];
  private flushScheduled = false;
  /** The connection's current `synchronous` setting: FULL (true) or NORMAL (false). */
  private syncFull = true;

  /**
   * Group commit: runs `fn` (which may use the journal's write methods) in the
   * next shared IMMEDIATE transaction, each caller in its own savepoint (one
   * caller's error rolls back only its own changes). Resolves after the
   * commit, i.e. once the change is durable. Writes of messages processed at
   * the same time share one fsync instead of paying one each.
   *
   * `durable: false` (default true): the commit is visible at once (to this
   * and every other connection, and it survives a crash of the process:
   * WAL with synchronous=NORMAL) but reaches the disk only with the next
   * durable commit, which fsyncs the write-ahead log and so everything before
   * it; a power loss before that can undo it. Only for changes nothing outside
   * the journal relies on until the claim's next durable commit, so that undoing
   * them leaves a state a restart already handles.
   */
  write<T>(fn: () => T, opts: { durable?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, durable: opts.durable ?? true, resolve: resolve as (v: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        if (this.commitDelayMs > 0) setTimeout(() => this.flush(), this.commitDelayMs);
        else setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    if (!this.db.open) {
      for (const b of batch) b.reject(new Error("the journal is closed"));
      return;
    }
    const results: Array<{ ok: true; v: unknown } | { ok: false; e: unknown }> = [];
    try {
      const full = batch.some((b) => b.durable);
      if (full !== this.syncFull) {
        this.db.pragma(full ? "synchronous = FULL" : "synchronous = NORMAL");
        this.syncFull = full;
      }
      this.db
        .transaction(() => {
          for (const b of batch) {
            try {
              results.push({ ok: true, v: this.db.transaction(b.fn).immediate() });
            } catch (e) {
              results.push({ ok: false, e });
            }
          }
        })
        .immediate();
    } catch (e) {
      for (const b of batch) b.reject(e);
      return;
    }
    batch.forEach((b, i) => {
      const r = results[i]!;
      if (r.ok) b.resolve(r.v);
      else b.reject(r.e);
    });
  }

  /** Commits queued group-commit writes, then closes the database. */
  close(): void {
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }

  getIntake(claimId: string): IntakeRow | undefined {
    return this.stmt("SELECT * FROM intake WHERE claim_id = ?").get(claimId) as IntakeRow | undefined;
  }

  getMessage(k: MessageKey): MessageRow | undefined {
    return this.stmt("SELECT * FROM messages WHERE scenario = ? AND id = ?").get(k.scenario, k.id) as
      | MessageRow
      | undefined;
  }

  deliveries(k: MessageKey): DeliveryRow[] {
    return this
      .stmt("SELECT * FROM deliveries WHERE scenario = ? AND message_id = ? ORDER BY target")
      .all(k.scenario, k.id) as DeliveryRow[];
  }

  /** The message an intake row is registered for, if any. */
  messageOf(row: IntakeRow): MessageRow | undefined {
    return row.scenario !== null && row.message_id !== null
      ? this.getMessage({ scenario: row.scenario, id: row.message_id })
      : undefined;
  }

  /** Records a claimed entry as "received". Idempotent (a resumed claim keeps its row). */
  insertIntake(r: IntakeInput): IntakeRow {
    const t = now();
    this
      .stmt(
        `INSERT OR IGNORE INTO intake(claim_id, instance, outbox, name, kind, claim_path, hash, state, received_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)`,
      )
      .run(r.claimId, r.instance, r.outbox, r.name, r.kind, r.claimPath, r.hash, r.receivedAt ?? t, t);
    return this.getIntake(r.claimId)!;
  }

  /** Sets the hash of a received intake (resumed claim whose hash was not yet known). */
  setIntakeHash(claimId: string, hash: string): void {
    this.stmt("UPDATE intake SET hash = ?, updated_at = ? WHERE claim_id = ?").run(hash, now(), claimId);
  }

  /** Intake rows of `instance` that are not finished (received, routed, erroring). */
  openIntakes(instance: string): IntakeRow[] {
    return this
      .stmt("SELECT * FROM intake WHERE instance = ? AND state IN ('received','routed','erroring') ORDER BY received_at")
      .all(instance) as IntakeRow[];
  }

  /**
   * Registers a routed message for a claim, in one transaction: decides new /
   * reattached / duplicate / conflict, writes message and delivery rows and the
   * case origin, and moves the intake to "routed" (or "duplicate").
   */
  register(inp: RegisterInput): RegisterOutcome {
    const key: MessageKey = { scenario: inp.scenario, id: inp.messageId };
    const mark = { scenario: inp.scenario, messageId: inp.messageId, tableHash: inp.tableHash };
    const tx = this.db.transaction((): RegisterOutcome => {
      const t = now();
      const existing = this.getMessage(key);
      if (existing !== undefined && existing.hash !== inp.hash) {
        return { kind: "conflict", existing };
      }
      if (existing !== undefined && existing.state !== "failed" && existing.claim_id !== inp.claimId) {
        this.setIntake(inp.claimId, "duplicate", mark);
        return { kind: "duplicate", existing };
      }
      const upsertTarget = this.stmt(
        `INSERT INTO deliveries(scenario, message_id, target, role, recipient, system, file_name, state, attempts, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)
         ON CONFLICT(scenario, message_id, target) DO UPDATE SET
           state = CASE WHEN deliveries.state = 'delivered' THEN 'delivered' ELSE 'pending' END,
           attempts = CASE WHEN deliveries.state = 'delivered' THEN deliveries.attempts ELSE 0 END,
           next_attempt_at = NULL, file_name = excluded.file_name, updated_at = excluded.updated_at`,
      );
      let outcome: RegisterOutcome;
      if (existing === undefined) {
        this
          .stmt(
            `INSERT INTO messages(scenario, id, hash, region, state, claim_id, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
          )
          .run(inp.scenario, inp.messageId, inp.hash, inp.region, inp.claimId, t, t);
        outcome = { kind: "new" };
      } else {
        // A failed message comes back (replay or resend): targets the new routing no longer names are superseded.
        const keep = new Set(inp.targets.map((x) => x.target));
        for (const d of this.deliveries(key)) {
          if (!keep.has(d.target) && d.state !== "delivered") {
            this
              .stmt(
                "UPDATE deliveries SET state = 'superseded', updated_at = ? WHERE scenario = ? AND message_id = ? AND target = ?",
              )
              .run(t, inp.scenario, inp.messageId, d.target);
          }
        }
        this
          .stmt("UPDATE messages SET state = 'pending', claim_id = ?, region = ?, reason = NULL, updated_at = ? WHERE scenario = ? AND id = ?")
          .run(inp.claimId, inp.region, t, inp.scenario, inp.messageId);
        outcome = { kind: "reattached", previousClaim: existing.claim_id };
      }
      for (const x of inp.targets) {
        upsertTarget.run(inp.scenario, inp.messageId, x.target, x.role, x.recipient ?? null, x.system, x.fileName, t);
      }
      if (inp.opensCase !== undefined) {
        this
          .stmt(
            `INSERT INTO cases(pkg, key_hash, origin, scenario, message_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT(pkg, key_hash) DO UPDATE SET origin = excluded.origin, scenario = excluded.scenario,
               message_id = excluded.message_id, created_at = excluded.created_at`,
          )
          .run(
            inp.opensCase.pkg,
            hashCaseKey(inp.opensCase.correlationKey),
            JSON.stringify(inp.opensCase.origin),
            inp.scenario,
            inp.messageId,
            t,
          );
      }
      this.setIntake(inp.claimId, "routed", mark);
      return outcome;
    });
    return tx.immediate();
  }

  /**
   * Records the results of one delivery pass of a message in one transaction;
   * when no target is left pending or failed, also finishes the message
   * (message "delivered", intake "done") in that same transaction.
   * Recording after the pass is safe: a target published but not yet recorded
   * when the process dies is published again after the restart, and the
   * adapter reports the identical file as already present.
   */
  recordPass(claimId: string, k: MessageKey, results: AttemptRecord[]): { rows: DeliveryRow[]; finished: boolean } {
    return this.db
      .transaction(() => {
        const t = now();
        const ok = this.stmt(
          `UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, next_attempt_at = NULL,
           delivered_at = ?, updated_at = ? WHERE scenario = ? AND message_id = ? AND target = ?`,
        );
        const bad = this.stmt(
          `UPDATE deliveries SET state = ?, attempts = attempts + ?, next_attempt_at = ?, last_error = ?,
           updated_at = ? WHERE scenario = ? AND message_id = ? AND target = ?`,
        );
        for (const r of results) {
          if (r.ok) ok.run(t, t, k.scenario, k.id, r.target);
          else {
            bad.run(
              r.final ? "failed" : "pending",
              r.attempted ? 1 : 0,
              r.nextAttemptAt ?? null,
              r.errorClass,
              t,
              k.scenario,
              k.id,
              r.target,
            );
          }
        }
        const rows = this.deliveries(k);
        const finished = rows.every((r) => r.state === "delivered" || r.state === "superseded");
        if (finished) {
          this.stmt("UPDATE messages SET state = 'delivered', updated_at = ? WHERE scenario = ? AND id = ?").run(t, k.scenario, k.id);
          this.setIntake(claimId, "done", {});
        }
        return { rows, finished };
      })
      .immediate();
  }

  /**
   * First half of moving a claim to the error folder: records reason, detail and
   * the chosen error-folder name (intake "erroring"; message "failed"), so a crash
   * before the move completes resumes with the same name.
   */
  beginError(claimId: string, reason: ServiceReason, detail: string, errorName: string): void {
    this.db
      .transaction(() => {
        const t = now();
        const row = this.getIntake(claimId);
        this
          .stmt(
            "UPDATE intake SET state = 'erroring', reason = ?, detail = ?, error_name = ?, updated_at = ? WHERE claim_id = ?",
          )
          .run(reason, detail, errorName, t, claimId);
        if (row?.message_id && row.scenario) {
          this
            .stmt("UPDATE messages SET state = 'failed', reason = ?, updated_at = ? WHERE scenario = ? AND id = ? AND claim_id = ?")
            .run(reason, t, row.scenario, row.message_id, claimId);
        }
      })
      .immediate();
  }

  /** Sets an intake's state (and optionally its message id / table hash / reason). */
  setIntake(
    claimId: string,
    state: IntakeState,
    f: { scenario?: string; messageId?: string; tableHash?: string; reason?: ServiceReason; detail?: string },
  ): void {
    this
      .stmt(
        `UPDATE intake SET state = ?, scenario = COALESCE(?, scenario), message_id = COALESCE(?, message_id),
         table_hash = COALESCE(?, table_hash), reason = COALESCE(?, reason), detail = COALESCE(?, detail),
         updated_at = ? WHERE claim_id = ?`,
      )
      .run(
        state,
        f.scenario ?? null,
        f.messageId ?? null,
        f.tableHash ?? null,
        f.reason ?? null,
        f.detail ?? null,
        now(),
        claimId,
      );
  }

  /** A {@link CaseLookup} over the `cases` table (keys compared by their hash). */
  caseLookup(): CaseLookup {
    const stmt = this.stmt("SELECT origin FROM cases WHERE pkg = ? AND key_hash = ?");
    return {
      origin: (pkg: string, correlationKey: string): CaseOrigin | undefined => {
        const row = stmt.get(pkg, hashCaseKey(correlationKey)) as { origin: string } | undefined;
        return row === undefined ? undefined : (JSON.parse(row.origin) as CaseOrigin);
      },
    };
  }
}
