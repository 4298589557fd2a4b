/**
 * The outbox watcher with native events: a burst of events looks only at the
 * entries the events name (a backlog costs O(n) lstat calls, not a full
 * rescan per event), and the periodic full rescan finds what an event missed.
 * `node:fs` is wrapped so the test can count lstat calls and drop or
 * anonymise events (as a kernel queue overflow or a platform without file
 * names would); everything else is the real filesystem.
 */
import { mkdtempSync, promises as fsp, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OutboxWatcher } from "../../src/service/watcher.js";

type EventMode = "pass" | "drop" | "anonymous";
const ctl = vi.hoisted(() => ({ lstats: [] as string[], mode: "pass" as EventMode, dropped: 0 }));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const lstat = ((p: string, ...rest: never[]) => {
    ctl.lstats.push(String(p));
    return (fs.promises.lstat as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof fs.promises.lstat;
  const lstatSync = ((p: string, ...rest: never[]) => {
    ctl.lstats.push(String(p));
    return (fs.lstatSync as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof fs.lstatSync;
  const watch = ((dir: string, opts: object, listener: (ev: string, name: string | null) => void) =>
    fs.watch(dir, opts, (ev, name) => {
      if (ctl.mode === "drop") {
        ctl.dropped++;
        return;
      }
      listener(ev, ctl.mode === "anonymous" ? null : name);
    })) as unknown as typeof fs.watch;
  return { ...fs, default: { ...fs, watch, lstatSync }, promises: { ...fs.promises, lstat }, watch, lstatSync };
});

let root: string;
let dir: string;
let w: OutboxWatcher | undefined;
let ready: Array<{ name: string; at: number }>;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** lstat calls on entries of the outbox (not on entries inside a folder entry). */
const outboxLstats = (): string[] => ctl.lstats.filter((p) => path.dirname(p) === dir);

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "stellwerk-watch-ev-"));
  dir = path.join(root, "out");
  ready = [];
  ctl.lstats = [];
  ctl.mode = "pass";
  ctl.dropped = 0;
});
afterEach(async () => {
  await w?.stop();
  w = undefined;
  rmSync(root, { recursive: true, force: true });
});

async function watch(opts: { stableMs?: number; rescanMs?: number; onReady?: (name: string) => void } = {}): Promise<number> {
  await fsp.mkdir(dir, { recursive: true });
  const t0 = Date.now();
  w = new OutboxWatcher(
    { rel: "out", dir, errorDir: `${dir}.error`, endpoints: [0] },
    {
      stableMs: opts.stableMs ?? 0,
      rescanMs: opts.rescanMs ?? 60_000,
      onReady: (_o, name) => {
        ready.push({ name, at: Date.now() - t0 });
        opts.onReady?.(name);
      },
      onError: (_o, what, err) => {
        throw Object.assign(new Error(`${what} failed`), { cause: err });
      },
    },
  );
  await w.start();
  return t0;
}

async function waitUntil(pred: () => boolean, ms = 5000): Promise<void> {
  for (let t = 0; !pred(); t += 10) {
    if (t > ms) throw new Error("timed out");
    await sleep(10);
  }
}

/** Writes `name.part` beside nothing else and renames it into the outbox, as producers do. */
async function produce(name: string): Promise<void> {
  await fsp.writeFile(path.join(dir, `${name}.part`), `<m>${name}</m>`);
  await fsp.rename(path.join(dir, `${name}.part`), path.join(dir, name));
}

describe("outbox watcher, native events", () => {
  it("looks only at the entry an event names, never at *.part files or dotfiles", async () => {
    await fsp.mkdir(dir, { recursive: true });
    for (let i = 0; i < 50; i++) await fsp.writeFile(path.join(dir, `old-${i}.xml`), "<a/>");
    await watch();
    expect(outboxLstats()).toHaveLength(50); // the first scan looks at everything
    ctl.lstats = [];
    await fsp.writeFile(path.join(dir, ".hidden.xml"), "<a/>");
    await produce("new.xml");
    await waitUntil(() => ready.some((r) => r.name === "new.xml"));
    await sleep(60);
    expect(outboxLstats().map((p) => path.basename(p))).toEqual(["new.xml"]);
  });

  it("works off a backlog with a linear number of lstat calls, each entry claimed once", async () => {
    const n = 60;
    const claimedDir = path.join(root, "claimed");
    await fsp.mkdir(claimedDir);
    const queue: string[] = [];
    const queued = new Set<string>();
    const claims = new Map<string, number>();
    let gone = 0;
    // A consumer slower than the event debounce, as a service at concurrency 1: every
    // claim is an event of its own (under a full rescan per event: n²/2 lstat calls).
    const consumer = (async () => {
      while (claims.size < n) {
        const name = queue.shift();
        if (name === undefined) {
          await sleep(5);
          continue;
        }
        queued.delete(name);
        await sleep(25);
        try {
          await fsp.rename(path.join(dir, name), path.join(claimedDir, name));
          claims.set(name, (claims.get(name) ?? 0) + 1);
        } catch {
          gone++;
        }
      }
    })();
    await watch({
      onReady: (name) => {
        if (queued.has(name)) return;
        queued.add(name);
        queue.push(name);
      },
    });
    for (let i = 0; i < n; i++) await produce(`m-${String(i).padStart(3, "0")}.xml`);
    await consumer;
    expect(claims.size).toBe(n);
    expect([...claims.values()].every((c) => c === 1)).toBe(true);
    expect((await fsp.readdir(claimedDir)).length).toBe(n);
    expect(await fsp.readdir(dir)).toEqual([]);
    // each entry is looked at when it arrives and when it leaves, plus a few re-reports
    expect(outboxLstats().length).toBeLessThanOrEqual(4 * n);
    expect(gone).toBeLessThan(n);
  });

  it("finds an entry whose event was lost with the periodic rescan", async () => {
    await watch({ rescanMs: 150 });
    ctl.mode = "drop";
    await produce("lost.xml");
    await waitUntil(() => ready.some((r) => r.name === "lost.xml"), 3000);
    expect(ctl.dropped).toBeGreaterThan(0);
  });

  it("does not find an entry whose event was lost before the rescan is due", async () => {
    await watch({ rescanMs: 60_000 });
    ctl.mode = "drop";
    await produce("lost.xml");
    await sleep(300);
    expect(ctl.dropped).toBeGreaterThan(0);
    expect(ready).toEqual([]);
    await w!.scan();
    expect(ready.map((r) => r.name)).toEqual(["lost.xml"]);
  });

  it("scans everything after an event that names no file", async () => {
    await watch();
    ctl.mode = "anonymous";
    await produce("a.xml");
    await waitUntil(() => ready.some((r) => r.name === "a.xml"), 3000);
  });

  it("reports an entry named by events only once it stayed unchanged for the window", async () => {
    const t0 = await watch({ stableMs: 200 });
    const f = path.join(dir, "slow.xml");
    await fsp.writeFile(f, "<a>");
    let lastChange = 0;
    for (let i = 0; i < 3; i++) {
      await sleep(60);
      await fsp.appendFile(f, "<b/>");
      lastChange = Date.now() - t0;
    }
    expect(ready).toEqual([]);
    await waitUntil(() => ready.length > 0, 3000);
    expect(ready[0]!.name).toBe("slow.xml");
    expect(ready[0]!.at).toBeGreaterThanOrEqual(lastChange + 200 - 5);
    // no full rescan was needed: only this entry was ever looked at
    expect(new Set(outboxLstats().map((p) => path.basename(p)))).toEqual(new Set(["slow.xml"]));
  });
});
