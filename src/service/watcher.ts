/**
 * Watches one outbox and reports entries that are complete.
 *
 * Complete means: not a dotfile and not `*.part` (producers write `name.part`
 * and rename it), a regular file or a folder (symlinks and other kinds are
 * never picked up), and unchanged (size, mtime, inode; for folders every
 * top-level entry) across two scans at least `stableMs` apart (an empty
 * file: ten times as long, at least 1 s, as it is most likely still being
 * written). With `stableMs` 0 an entry is ready at first sight (for producers
 * that always rename from `*.part`).
 *
 * Scans run at start, after every burst of native events (fs.watch, debounced),
 * periodically as a safety net (events can be lost), and, in polling mode
 * (network shares where events do not fire), only periodically.
 */
import { promises as fsp, watch, type FSWatcher, type Stats } from "node:fs";
import * as path from "node:path";
import type { OutboxSpec } from "./outboxes.js";
import { errCode, readdirIfExists } from "./secure-fs.js";

/** Shortest stability window of an empty file, in ms (it is ten times the normal window, at least this). */
export const EMPTY_FILE_MIN_MS = 1000;

export interface WatcherOptions {
  /** Stability window in milliseconds. */
  stableMs: number;
  /** Polling mode: scan every `pollMs` ms and do not use native events. */
  pollMs?: number;
  /** Safety rescan interval in native-event mode, in milliseconds. */
  rescanMs: number;
  /** Debounce of native events, in milliseconds. */
  debounceMs?: number;
  /** Called once per scan for each entry that became ready. */
  onReady(outbox: OutboxSpec, name: string, kind: "file" | "folder"): void;
  /** Called when scanning or watching fails (the watcher keeps going, falling back to polling). */
  onError(outbox: OutboxSpec, what: string, err: unknown): void;
}

/** True for names the service never picks up: dotfiles (incl. its own claim folder) and `*.part`. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith(".") || name.toLowerCase().endsWith(".part");
}

async function signature(full: string, st: Stats): Promise<string | undefined> {
  if (st.isFile()) return `f:${st.ino}:${st.size}:${st.mtimeMs}`;
  if (!st.isDirectory()) return undefined;
  const parts = [`d:${st.ino}:${st.mtimeMs}`];
  for (const n of (await fsp.readdir(full)).sort()) {
    try {
      const s = await fsp.lstat(path.join(full, n));
      parts.push(`${n}:${s.size}:${s.mtimeMs}`);
    } catch (e) {
      if (errCode(e) !== "ENOENT") throw e;
    }
  }
  return parts.join("|");
}

export class OutboxWatcher {
  private readonly candidates = new Map<string, { sig: string; since: number }>();
  private fsw: FSWatcher | undefined;
  private scanTimer: NodeJS.Timeout | undefined;
  private scanDue = 0;
  private interval: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    readonly outbox: OutboxSpec,
    private readonly opts: WatcherOptions,
  ) {}

  /** Starts watching (the outbox folder must exist) and runs a first scan. */
  async start(): Promise<void> {
    if (this.opts.pollMs === undefined) this.startNative();
    const every = this.opts.pollMs ?? this.opts.rescanMs;
    this.interval = setInterval(() => this.requestScan(0), every);
    this.interval.unref?.();
    await this.scan();
  }

  private startNative(): void {
    try {
      this.fsw = watch(this.outbox.dir, { persistent: false }, () => this.requestScan(this.opts.debounceMs ?? 20));
      this.fsw.on("error", (err) => {
        this.opts.onError(this.outbox, "watch", err);
        this.fsw?.close();
        this.fsw = undefined;
      });
    } catch (err) {
      this.opts.onError(this.outbox, "watch", err);
      this.fsw = undefined;
    }
  }

  /** Stops events, timers and scans. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.fsw?.close();
    this.fsw = undefined;
    if (this.scanTimer) clearTimeout(this.scanTimer);
    if (this.interval) clearInterval(this.interval);
    await this.scanning;
  }

  /** Schedules a scan after `delayMs` (coalescing with one already scheduled no later). */
  requestScan(delayMs: number): void {
    if (this.stopped) return;
    const due = Date.now() + delayMs;
    if (this.scanTimer !== undefined) {
      if (this.scanDue <= due) return;
      clearTimeout(this.scanTimer);
    }
    this.scanDue = due;
    this.scanTimer = setTimeout(() => {
      this.scanTimer = undefined;
      void this.scan();
    }, delayMs);
    this.scanTimer.unref?.();
  }

  /** Scans the outbox once (serialised: a scan requested meanwhile runs right after). */
  async scan(): Promise<void> {
    if (this.stopped) return;
    if (this.scanning) {
      this.again = true;
      return this.scanning;
    }
    this.scanning = (async () => {
      do {
        this.again = false;
        try {
          await this.scanOnce();
        } catch (err) {
          this.opts.onError(this.outbox, "scan", err);
        }
      } while (this.again && !this.stopped);
    })();
    try {
      await this.scanning;
    } finally {
      this.scanning = undefined;
    }
  }

  private async scanOnce(): Promise<void> {
    const names = await readdirIfExists(this.outbox.dir);
    const now = Date.now();
    const seen = new Set<string>();
    let nextDue = Infinity;
    for (const name of names.sort()) {
      if (this.stopped) return;
      if (isIgnoredName(name)) continue;
      const full = path.join(this.outbox.dir, name);
      let sig: string | undefined;
      let kind: "file" | "folder";
      let window = this.opts.stableMs;
      try {
        const st = await fsp.lstat(full);
        kind = st.isDirectory() ? "folder" : "file";
        sig = await signature(full, st);
        // An empty file is most likely one whose writer has not written yet: wait longer.
        if (st.isFile() && st.size === 0 && window > 0) window = Math.max(window * 10, EMPTY_FILE_MIN_MS);
      } catch (e) {
        if (errCode(e) === "ENOENT") continue;
        throw e;
      }
      if (sig === undefined) continue;
      seen.add(name);
      const prev = this.candidates.get(name);
      if (window <= 0) {
        this.opts.onReady(this.outbox, name, kind);
        continue;
      }
      if (prev === undefined || prev.sig !== sig) {
        this.candidates.set(name, { sig, since: now });
        nextDue = Math.min(nextDue, now + window);
      } else if (now - prev.since >= window) {
        this.candidates.delete(name);
        this.opts.onReady(this.outbox, name, kind);
      } else {
        nextDue = Math.min(nextDue, prev.since + window);
      }
    }
    for (const name of [...this.candidates.keys()]) if (!seen.has(name)) this.candidates.delete(name);
    if (nextDue !== Infinity) this.requestScan(Math.max(1, nextDue - Date.now() + 2));
  }
}
