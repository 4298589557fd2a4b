/**
 * Replay: puts messages from an error folder back into the outbox they came
 * from, after the cause was fixed (table reloaded, target folder repaired...).
 *
 * Journal semantics (docs/service.md, "Replay"): the old claim's intake row
 * becomes "replayed"; its message row (if routing got that far) stays
 * "failed". When the replayed copy is picked up again it gets a new claim; the
 * same message id with the same hash then *re-attaches* to the failed message:
 * targets already delivered stay delivered (no second copy), failed ones are
 * tried again. So a replay is never dropped as a duplicate of its own failed
 * attempt, and never delivers twice to a target that got it.
 *
 * A "conflict" is not replayed: the same bytes would conflict again; it is
 * resolved by the producer sending the change under a new message id.
 */
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { reasonPath, readReason, REASON_SUFFIX } from "./error-folder.js";
import { Journal } from "./journal.js";
import { errorDirOf, normalizeRel } from "./outboxes.js";
import type { ReasonFile } from "./reasons.js";
import { errCode, exists, isInside, moveNoReplace } from "./secure-fs.js";

export interface ReplayOptions {
  stateDir: string;
  exchangeRoot: string;
  /** Error-folder entries (the message file or folder, or its `.reason.json`). */
  files?: string[];
  /** Replay every entry the journal records as in an error folder. */
  all?: boolean;
}

/** What happened to one entry. */
export interface ReplayItem {
  /** The error-folder entry (absolute path). */
  entry: string;
  status: "replayed" | "skipped";
  /** Where it was put back (absolute path), when replayed. */
  restoredAs?: string;
  /** Why it was skipped. */
  why?: string;
  claimId?: string;
  reason?: string;
}

function entryOf(file: string): string {
  const abs = path.resolve(file);
  return abs.endsWith(REASON_SUFFIX) ? abs.slice(0, -REASON_SUFFIX.length) : abs;
}

/** Names a replayed entry may take in its outbox: the original, else one marked with the old claim id. */
function replayNames(name: string, claimId: string): string[] {
  const ext = path.extname(name);
  const stem = ext.length > 0 && ext.length < name.length ? name.slice(0, -ext.length) : name;
  return [name, `${stem}.replay-${claimId}${ext.length < name.length ? ext : ""}`];
}

/**
 * Replays error-folder entries (see the module comment).
 * @throws Error when neither `files` nor `all` is given, or the journal cannot be opened
 */
export async function replayErrors(o: ReplayOptions): Promise<ReplayItem[]> {
  const root = path.resolve(o.exchangeRoot);
  const journal = new Journal(path.resolve(o.stateDir));
  try {
    const entries: string[] = [];
    if (o.all) {
      const rows = journal.db
        .prepare("SELECT outbox, error_name FROM intake WHERE state IN ('error','replayed') AND error_name <> '' ORDER BY updated_at")
        .all() as Array<{ outbox: string; error_name: string }>;
      for (const r of rows) {
        const e = path.join(errorDirOf(root, r.outbox), r.error_name);
        if (await exists(reasonPath(path.dirname(e), r.error_name))) entries.push(e);
      }
    }
    for (const f of o.files ?? []) entries.push(entryOf(f));
    if (!o.all && (o.files ?? []).length === 0) throw new Error("replay needs error-folder entries or --all");
    const out: ReplayItem[] = [];
    for (const entry of [...new Set(entries)]) out.push(await replayOne(journal, root, entry));
    return out;
  } finally {
    journal.close();
  }
}

async function replayOne(journal: Journal, root: string, entry: string): Promise<ReplayItem> {
  const skip = (why: string, r?: ReasonFile): ReplayItem => ({
    entry,
    status: "skipped",
    why,
    ...(r ? { claimId: r.claimId, reason: r.reason } : {}),
  });
  const reason = await readReason(reasonPath(path.dirname(entry), path.basename(entry)));
  if (reason === undefined) return skip("no reason file beside it: not an error-folder entry of stellwerk");
  if (reason.reason === "conflict") {
    return skip("a conflict would conflict again; the producer must send the change under a new message id", reason);
  }
  if (!(await exists(entry))) return skip("the message itself is no longer in the error folder", reason);
  const outboxRel = normalizeRel(reason.outbox);
  const outbox = path.resolve(root, outboxRel);
  if (!isInside(root, outbox) || outbox === root || path.resolve(errorDirOf(root, outboxRel)) !== path.dirname(entry)) {
    return skip("the reason file names an outbox that does not belong to this error folder", reason);
  }
  const row = journal.getIntake(reason.claimId);
  if (row !== undefined && row.state !== "error" && row.state !== "replayed") {
    return skip(`the journal has this claim in state ${row.state}`, reason);
  }
  if (row !== undefined) journal.setIntake(reason.claimId, "replayed", {});
  for (const name of replayNames(reason.originalName, reason.claimId)) {
    const target = path.join(outbox, name);
    try {
      await moveNoReplace(entry, target);
    } catch (e) {
      if (errCode(e) === "EEXIST") continue;
      if (row !== undefined) journal.setIntake(reason.claimId, "error", {});
      throw e;
    }
    await fsp.rm(reasonPath(path.dirname(entry), path.basename(entry)), { force: true });
    return { entry, status: "replayed", restoredAs: target, claimId: reason.claimId, reason: reason.reason };
  }
  if (row !== undefined) journal.setIntake(reason.claimId, "error", {});
  return skip("the outbox holds entries with the original name and the replay name", reason);
}
