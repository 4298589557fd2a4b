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
 * Full scans (every entry of the outbox) run at start, on request
 * (`scan()`), periodically as a safety net (native events can be lost, e.g.
 * when the kernel's event queue overflows), after an event that names no
 * file, and, in polling mode (network shares where events do not fire), every
 * poll interval. Between full scans, a burst of native events (fs.watch,
 * debounced) looks only at the entries the events name, and an entry waiting
 * out its stability window is looked at again when the window ends, so a
 * backlog of n entries costs O(n) `lstat` calls, not one full scan per event.
 */
import { lstatSync, promises as fsp, watch, type FSWatcher, type Stats } from "node:fs";
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

/** What one look at an entry found: its kind and signature, or nothing to pick up. */
type Look = { kind: "file" | "folder"; sig: string; window: number } | undefined;

export class OutboxWatcher {
  private readonly candidates = new Map<string, { sig: string; since: number; due: number }>();
  /** Names native events reported since the last pass. */
  private readonly dirty = new Set<string>();
  /** A full scan is due on the next pass. */
  private fullPending = false;
  private fsw: FSWatcher | undefined;
  private scanTimer: NodeJS.Timeout | undefined;
  private scanDue = 0;
  private interval: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private stopped = false;

  constructor(
    readonly outbox: OutboxSpec,
    private readonly opts: WatcherOptions,
  ) {}

  /** Starts watching (the outbox folder must exist) and runs a first scan. */
  async start(): Promise<void> {
    if (this.opts.pollMs === undefined) this.startNative();
    const every = this.opts.pollMs ?? this.opts.rescanMs;
    this.interval = setInterval(() => {
      this.fullPending = true;
      this.requestScan(0);
    }, every);
    this.interval.unref?.();
    await this.scan();
  }

  private startNative(): void {
    try {
      this.fsw = watch(this.outbox.dir, { persistent: false }, (_event, name) => this.onEvent(name));
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

  /** A native event: look at the entry it names (or at everything when it names none). */
  private onEvent(name: string | Buffer | null): void {
    if (typeof name !== "string" || name === "") this.fullPending = true;
    else if (isIgnoredName(name)) return;
    else this.dirty.add(name);
    this.requestScan(this.opts.debounceMs ?? 20);
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

  /**
   * Schedules a pass after `delayMs` (coalescing with one already scheduled no
   * later). A pass runs a full scan when one is pending, else looks at the
   * entries named by events and the candidates whose window has ended.
   */
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
      void this.runPasses();
    }, delayMs);
    this.scanTimer.unref?.();
  }

  /** Scans the whole outbox once (serialised with other passes; resolves when it is done). */
  async scan(): Promise<void> {
    this.fullPending = true;
    await this.runPasses();
  }

  /** Runs passes until no full scan and no named entry is left (one runner at a time). */
  private async runPasses(): Promise<void> {
    if (this.stopped) return;
    if (this.scanning) {
      // The running loop picks up what was just requested; wait for it.
      return this.scanning;
    }
    this.scanning = (async () => {
      while (!this.stopped && (this.fullPending || this.dirty.size > 0 || this.hasDueCandidate())) {
        try {
          if (this.fullPending) await this.scanAll();
          else await this.scanNamed();
        } catch (err) {
          this.opts.onError(this.outbox, "scan", err);
        }
      }
      this.scheduleWindowEnd();
    })();
    try {
      await this.scanning;
    } finally {
      this.scanning = undefined;
    }
  }

  private hasDueCandidate(): boolean {
    const now = Date.now();
    for (const c of this.candidates.values()) if (c.due <= now) return true;
    return false;
  }

  /** Asks for a pass when the earliest stability window ends. */
  private scheduleWindowEnd(): void {
    let next = Infinity;
    for (const c of this.candidates.values()) next = Math.min(next, c.due);
    if (next !== Infinity) this.requestScan(Math.max(1, next - Date.now() + 2));
  }

  /** Every entry of the outbox; candidates no longer there are dropped. */
  private async scanAll(): Promise<void> {
    this.fullPending = false;
    this.dirty.clear();
    const names = await readdirIfExists(this.outbox.dir);
    const seen = new Set<string>();
    for (const name of names.sort()) {
      if (this.stopped) return;
      if (isIgnoredName(name)) continue;
      if (await this.considerSafely(name)) seen.add(name);
    }
    for (const name of [...this.candidates.keys()]) if (!seen.has(name)) this.candidates.delete(name);
  }

  /** The entries events named and the candidates whose window has ended. */
  private async scanNamed(): Promise<void> {
    const now = Date.now();
    const names = new Set(this.dirty);
    this.dirty.clear();
    for (const [name, c] of this.candidates) if (c.due <= now) names.add(name);
    for (const name of [...names].sort()) {
      if (this.stopped || this.fullPending) return;
      if (!(await this.considerSafely(name))) this.candidates.delete(name);
    }
  }

  /** {@link consider}, reporting an error through onError (the entry is looked at again by the next full scan). */
  private async considerSafely(name: string): Promise<boolean> {
    try {
      return await this.consider(name);
    } catch (err) {
      this.opts.onError(this.outbox, "scan", err);
      return false;
    }
  }

  /**
   * Looks at one entry: reports it when ready, else records it as a candidate.
   * @returns false when there is nothing to pick up under that name
   */
  private async consider(name: string): Promise<boolean> {
    const look = await this.look(name);
    if (look === undefined) return false;
    const now = Date.now();
    if (look.window <= 0) {
      this.opts.onReady(this.outbox, name, look.kind);
      return true;
    }
    const prev = this.candidates.get(name);
    if (prev === undefined || prev.sig !== look.sig) {
      this.candidates.set(name, { sig: look.sig, since: now, due: now + look.window });
    } else if (now - prev.since >= look.window) {
      this.candidates.delete(name);
      this.opts.onReady(this.outbox, name, look.kind);
    } else {
      prev.due = prev.since + look.window;
    }
    return true;
  }

  /**
   * The entry's stats, or undefined when it is gone. With native events (a
   * local filesystem) synchronously: a few microseconds, where the thread-pool
   * round trip and the error object for an entry already gone (every claim
   * is an event naming one) cost far more. Polling mode (network shares)
   * stays asynchronous, so a slow share never blocks the service.
   */
  private async lstat(full: string): Promise<Stats | undefined> {
    if (this.opts.pollMs === undefined) return lstatSync(full, { throwIfNoEntry: false });
    try {
      return await fsp.lstat(full);
    } catch (e) {
      if (errCode(e) === "ENOENT") return undefined;
      throw e;
    }
  }

  private async look(name: string): Promise<Look> {
    const full = path.join(this.outbox.dir, name);
    try {
      const st = await this.lstat(full);
      if (st === undefined) return undefined;
      const sig = await signature(full, st);
      if (sig === undefined) return undefined;
      let window = this.opts.stableMs;
      // An empty file is most likely one whose writer has not written yet: wait longer.
      if (st.isFile() && st.size === 0 && window > 0) window = Math.max(window * 10, EMPTY_FILE_MIN_MS);
      return { kind: st.isDirectory() ? "folder" : "file", sig, window };
    } catch (e) {
      // Gone (claimed, renamed away), or a folder that became a file meanwhile.
      if (errCode(e) === "ENOENT" || errCode(e) === "ENOTDIR") return undefined;
      throw e;
    }
  }
}
