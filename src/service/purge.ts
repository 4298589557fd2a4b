/**
 * Retention (docs/data-protection.md): removes what the service keeps about
 * finished messages once it is older than a cutoff.
 *
 * - journal: intake rows in a final state (done, duplicate, error, replayed),
 *   messages in a final state (delivered, failed) that no unfinished claim
 *   refers to, with their delivery rows, and case origins — all last changed
 *   before the cutoff;
 * - error folders (`<outbox>.error` of every outbox the journal or the table
 *   names): entries whose reason file says they failed before the cutoff, with
 *   their reason files; reason files and reservations left alone without
 *   their entry (older than the cutoff);
 * - the archive (`<state>/archive/<YYYY-MM-DD>/`): days before the cutoff day.
 *
 * Never touches unfinished work (received, routed, erroring claims, pending
 * messages). Deleted journal rows are overwritten (secure_delete) and the WAL
 * is checkpointed and truncated, so their bytes do not linger.
 */
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { REASON_SUFFIX, readReason } from "./error-folder.js";
import { Journal } from "./journal.js";
import { errorDirOf, normalizeRel } from "./outboxes.js";
import { readdirIfExists } from "./secure-fs.js";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses a duration such as "90d", "12h", "30m", "45s", "500ms", "2w".
 * @throws Error for anything else (or zero)
 */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+)\s*(ms|s|m|h|d|w)\s*$/.exec(text);
  const n = m ? Number(m[1]) * UNITS[m[2]!]! : NaN;
  if (!Number.isFinite(n) || n <= 0) {
    throw new Error(`invalid duration "${text}": a positive number with unit ms, s, m, h, d or w (e.g. 90d)`);
  }
  return n;
}

export interface PurgeOptions {
  stateDir: string;
  exchangeRoot: string;
  /** Retention in milliseconds: what is older goes. */
  olderThanMs: number;
  /** Extra outboxes whose error folders are checked (relative paths), e.g. from the table. */
  outboxes?: string[];
  /** Report only. */
  dryRun?: boolean;
  /** Reference time (default now). */
  now?: Date;
}

/** Counts of what was (or, dry run, would be) removed. */
export interface PurgeReport {
  cutoff: string;
  dryRun: boolean;
  intake: number;
  messages: number;
  deliveries: number;
  cases: number;
  errorEntries: number;
  strayFiles: number;
  archiveDays: number;
  /** False when the WAL could not be truncated because another connection was reading. */
  walTruncated: boolean;
}

const FINAL_INTAKE = "('done','duplicate','error','replayed')";
const OPEN_INTAKE = "('received','routed','erroring')";

/**
 * Applies the retention (see the module comment).
 * @throws Error when the state folder has no journal
 */
export async function purgeState(o: PurgeOptions): Promise<PurgeReport> {
  const now = o.now ?? new Date();
  const cutoffMs = now.getTime() - o.olderThanMs;
  const cutoff = new Date(cutoffMs).toISOString();
  const dry = o.dryRun ?? false;
  const root = path.resolve(o.exchangeRoot);
  const journal = new Journal(path.resolve(o.stateDir));
  const report: PurgeReport = {
    cutoff,
    dryRun: dry,
    intake: 0,
    messages: 0,
    deliveries: 0,
    cases: 0,
    errorEntries: 0,
    strayFiles: 0,
    archiveDays: 0,
    walTruncated: false,
  };
  try {
    const db = journal.db;
    const outboxes = new Set<string>((o.outboxes ?? []).map(normalizeRel));
    for (const r of db.prepare("SELECT DISTINCT outbox FROM intake").all() as Array<{ outbox: string }>) {
      outboxes.add(normalizeRel(r.outbox));
    }
    // Error folders first, so an entry never outlives its journal row unnoticed.
    for (const rel of outboxes) {
      await purgeErrorFolder(errorDirOf(root, rel), cutoffMs, dry, report);
    }
    const oldMessages = `FROM messages m WHERE m.state IN ('delivered','failed') AND m.updated_at < @cutoff
      AND NOT EXISTS (SELECT 1 FROM intake i WHERE i.scenario = m.scenario AND i.message_id = m.id AND i.state IN ${OPEN_INTAKE})`;
    const count = (sql: string): number => (db.prepare(sql).get({ cutoff }) as { n: number }).n;
    report.intake = count(`SELECT COUNT(*) n FROM intake WHERE state IN ${FINAL_INTAKE} AND updated_at < @cutoff`);
    report.messages = count(`SELECT COUNT(*) n ${oldMessages}`);
    report.deliveries = count(
      `SELECT COUNT(*) n FROM deliveries d WHERE EXISTS (SELECT 1 ${oldMessages} AND m.scenario = d.scenario AND m.id = d.message_id)`,
    );
    report.cases = count("SELECT COUNT(*) n FROM cases WHERE created_at < @cutoff");
    if (!dry) {
      db.transaction(() => {
        db.prepare(
          `DELETE FROM deliveries WHERE EXISTS (SELECT 1 ${oldMessages} AND m.scenario = deliveries.scenario AND m.id = deliveries.message_id)`,
        ).run({ cutoff });
        db.prepare(`DELETE FROM messages WHERE rowid IN (SELECT m.rowid ${oldMessages})`).run({ cutoff });
        db.prepare(`DELETE FROM intake WHERE state IN ${FINAL_INTAKE} AND updated_at < @cutoff`).run({ cutoff });
        db.prepare("DELETE FROM cases WHERE created_at < @cutoff").run({ cutoff });
      }).immediate();
      const ck = db.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number }>;
      report.walTruncated = ck[0]?.busy === 0;
    }
    await purgeArchive(path.join(path.resolve(o.stateDir), "archive"), cutoff.slice(0, 10), dry, report);
    return report;
  } finally {
    journal.close();
  }
}

async function purgeErrorFolder(dir: string, cutoffMs: number, dry: boolean, report: PurgeReport): Promise<void> {
  const names = await readdirIfExists(dir);
  const present = new Set(names);
  const rm = async (p: string): Promise<void> => {
    if (!dry) await fsp.rm(p, { recursive: true, force: true });
  };
  for (const n of names) {
    const full = path.join(dir, n);
    if (n.endsWith(REASON_SUFFIX)) {
      const entry = n.slice(0, -REASON_SUFFIX.length);
      const reason = await readReason(full);
      const failedAt = reason !== undefined ? Date.parse(reason.failedAt) : (await fsp.lstat(full)).mtimeMs;
      if (!(failedAt < cutoffMs)) continue;
      if (present.has(entry)) {
        await rm(path.join(dir, entry));
        report.errorEntries++;
      } else {
        report.strayFiles++;
      }
      await rm(full);
    } else if (n.startsWith(".") && n.endsWith(".reserved")) {
      if ((await fsp.lstat(full)).mtimeMs < cutoffMs) {
        await rm(full);
        report.strayFiles++;
      }
    }
  }
}

async function purgeArchive(dir: string, cutoffDay: string, dry: boolean, report: PurgeReport): Promise<void> {
  for (const d of await readdirIfExists(dir)) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(d) && d < cutoffDay) {
      if (!dry) await fsp.rm(path.join(dir, d), { recursive: true, force: true });
      report.archiveDays++;
    }
  }
}
