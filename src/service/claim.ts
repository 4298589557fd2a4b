/**
 * Claiming outbox entries. An entry is claimed by one atomic rename into a
 * claim area, so of several service instances exactly one rename succeeds
 * (the others get ENOENT). The claim area is
 * `<state>/claimed/<instance>/<encoded outbox>/` when the state folder is on
 * the same filesystem as the outbox, else `<outbox>/.stellwerk-claimed/<instance>/`
 * (dotfiles are never picked up). Claimed names are `<claimId>__<original name>`,
 * so a claim found after a crash, before its journal row was written, still
 * tells its outbox and original name.
 */
import { randomBytes } from "node:crypto";
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { errCode, exists, fsyncDir, mkdirOwner, readdirIfExists } from "./secure-fs.js";

/** Name of the claim folder inside an outbox (cross-device fallback). */
export const OUTBOX_CLAIM_DIR = ".stellwerk-claimed";
const CLAIM_RE = /^([0-9a-z]{6,12}-[0-9a-f]{12})__(.+)$/;
/** Longest original name (bytes) kept unshortened in a claimed name. */
const MAX_NAME_BYTES = 200;

/** Claim area of an outbox in the state folder. */
export function stateClaimDir(stateDir: string, instance: string, outboxRel: string): string {
  return path.join(stateDir, "claimed", instance, encodeURIComponent(outboxRel));
}

/** Claim area inside an outbox (used when the state folder is on another device). */
export function outboxClaimDir(outboxDir: string, instance: string): string {
  return path.join(outboxDir, OUTBOX_CLAIM_DIR, instance);
}

/** A fresh claim id: base-36 time, dash, 12 random hex digits. Sorts by claim time. */
export function newClaimId(): string {
  return `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`;
}

/** Claimed file name for an original name. */
export function claimedName(claimId: string, name: string): string {
  let kept = name;
  while (Buffer.byteLength(kept, "utf8") > MAX_NAME_BYTES) kept = kept.slice(0, -1);
  return `${claimId}__${kept}`;
}

/** Splits a claimed name into claim id and original name, or undefined if it is not one. */
export function parseClaimedName(entry: string): { claimId: string; name: string } | undefined {
  const m = CLAIM_RE.exec(entry);
  return m === null ? undefined : { claimId: m[1]!, name: m[2]! };
}

/**
 * The fsyncs that make a claim rename durable (claim area and outbox, in
 * parallel), started at once so they overlap with reading and routing the
 * message. {@link ClaimSync.wait} before anything relies on the claim (its
 * first journal transaction).
 */
export class ClaimSync {
  private pending: Promise<void> | undefined;
  private done = false;

  constructor(private readonly dirs: readonly string[]) {
    this.pending = this.start();
  }

  private start(): Promise<void> {
    const p = Promise.all(this.dirs.map((d) => fsyncDir(d))).then(() => {
      this.done = true;
    });
    p.catch(() => undefined); // reported by wait(); never an unhandled rejection
    return p;
  }

  /**
   * Resolves once both folders are fsynced.
   * @throws the fsync error; the next call fsyncs again
   */
  async wait(): Promise<void> {
    if (this.done) return;
    this.pending ??= this.start();
    try {
      await this.pending;
    } catch (e) {
      this.pending = undefined;
      throw e;
    }
  }
}

/** Outcome of a claim attempt. */
export type ClaimAttempt =
  | { ok: true; claimId: string; claimPath: string; sync: ClaimSync }
  /** Another instance (or the producer) moved it first. */
  | { ok: false; why: "gone" }
  /** The claim area is on another filesystem. */
  | { ok: false; why: "cross-device" };

/**
 * Claims `outboxDir/name` by renaming it into `areaDir`. Returns right after
 * the rename with the fsyncs of both folders under way: the claim survives a
 * power loss once `sync.wait()` resolved, so the caller waits for it before
 * journaling the claim (or relying on it in any other way).
 */
export async function claimEntry(outboxDir: string, name: string, areaDir: string): Promise<ClaimAttempt> {
  const claimId = newClaimId();
  const claimPath = path.join(areaDir, claimedName(claimId, name));
  for (let created = false; ; created = true) {
    try {
      await fsp.rename(path.join(outboxDir, name), claimPath);
      break;
    } catch (e) {
      const code = errCode(e);
      // ENOENT: the entry is gone, or the claim area is (created on demand, not checked before every claim).
      if (code === "ENOENT" && !created && !(await exists(areaDir))) {
        await mkdirOwner(areaDir);
        continue;
      }
      if (code === "ENOENT") return { ok: false, why: "gone" };
      if (code === "EXDEV") return { ok: false, why: "cross-device" };
      throw e;
    }
  }
  return { ok: true, claimId, claimPath, sync: new ClaimSync([areaDir, outboxDir]) };
}

/** True when two paths lie on the same device (both must exist). */
export async function sameDevice(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([fsp.stat(a), fsp.stat(b)]);
  return sa.dev === sb.dev;
}

/** Lists claimed entries in a claim area (missing area = none). */
export async function listClaimed(areaDir: string): Promise<Array<{ claimId: string; name: string; claimPath: string }>> {
  const names = await readdirIfExists(areaDir);
  const out: Array<{ claimId: string; name: string; claimPath: string }> = [];
  for (const entry of names.sort()) {
    const p = parseClaimedName(entry);
    if (p !== undefined) out.push({ ...p, claimPath: path.join(areaDir, entry) });
  }
  return out;
}
