/**
 * The outbox watcher's pickup rules: *.part and dotfiles never, symlinks
 * never, a file only once unchanged for the stability window (an empty one
 * ten times as long), a folder only once none of its entries changes.
 */
import { mkdtempSync, promises as fsp, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OutboxWatcher, isIgnoredName } from "../../src/service/watcher.js";
import { parseClaimedName, claimedName, newClaimId } from "../../src/service/claim.js";

let dir: string;
let w: OutboxWatcher | undefined;
/** Reports in order; an entry nobody claims is reported again after another window, so tests look at first reports. */
let ready: Array<[string, string, number]>;
const first = (): Array<[string, string, number]> => ready.filter(([n], i) => ready.findIndex(([m]) => m === n) === i);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "stellwerk-watch-"));
  ready = [];
});
afterEach(async () => {
  await w?.stop();
  w = undefined;
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

async function watch(stableMs: number, pollMs?: number, rescanMs = 50): Promise<number> {
  const t0 = Date.now();
  w = new OutboxWatcher(
    { rel: "out", dir, errorDir: `${dir}.error`, endpoints: [0] },
    {
      stableMs,
      rescanMs,
      ...(pollMs !== undefined ? { pollMs } : {}),
      onReady: (_o, name, kind) => ready.push([name, kind, Date.now() - t0]),
      onError: (_o, what, err) => {
        throw Object.assign(new Error(`${what} failed`), { cause: err });
      },
    },
  );
  await w.start();
  return t0;
}

/**
 * The stability-window tests run on a fake clock (Date and timers; file
 * system calls stay real): "not yet ready" and "ready now" are decided by
 * the watcher's clock, which only moves when the test says so, so a slow or
 * loaded machine cannot stretch the gaps between writes past the window.
 */
function fakeClock(): void {
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
}

/** Moves the fake clock on by `ms` (firing the watcher's poll and scan timers), then lets one more scan finish. */
async function elapse(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await w!.scan();
}

describe("outbox watcher", () => {
  it("ignores *.part files, dotfiles and symlinks", async () => {
    expect(isIgnoredName("x.xml.part")).toBe(true);
    expect(isIgnoredName("X.PART")).toBe(true);
    expect(isIgnoredName(".stellwerk-claimed")).toBe(true);
    expect(isIgnoredName("x.xml")).toBe(false);
    await fsp.writeFile(path.join(dir, "a.xml.part"), "x");
    await fsp.writeFile(path.join(dir, ".b.xml"), "x");
    await fsp.symlink("/etc/hostname", path.join(dir, "c.xml"));
    await fsp.writeFile(path.join(dir, "d.xml"), "x");
    await watch(0);
    // the first scan (awaited by start) and a second one have seen everything
    await w!.scan();
    expect(first().map(([n]) => n)).toEqual(["d.xml"]);
  });

  it("reports a file only after it stayed unchanged for the window; a growing file waits", async () => {
    fakeClock();
    await watch(300, 20);
    const f = path.join(dir, "slow.xml");
    await fsp.writeFile(f, "<a>");
    await w!.scan();
    for (let i = 0; i < 4; i++) {
      await elapse(60);
      await fsp.appendFile(f, "<b/>");
      await w!.scan();
    }
    expect(ready).toEqual([]);
    await elapse(299);
    expect(ready).toEqual([]);
    await elapse(25);
    expect(first().map(([n, k]) => [n, k])).toEqual([["slow.xml", "file"]]);
    expect(ready[0]![2]).toBeGreaterThanOrEqual(240 + 300);
  });

  it("waits ten times as long for an empty file", async () => {
    fakeClock();
    await watch(120, 20);
    await fsp.writeFile(path.join(dir, "empty.xml"), "");
    await fsp.writeFile(path.join(dir, "full.xml"), "<a/>");
    await w!.scan();
    await elapse(500);
    expect(first().map(([n]) => n)).toEqual(["full.xml"]);
    await elapse(690);
    expect(first().map(([n]) => n)).toEqual(["full.xml"]);
    await elapse(30);
    expect(first().map(([n]) => n)).toEqual(["full.xml", "empty.xml"]);
  });

  it("reports a folder once its content is stable", async () => {
    fakeClock();
    await watch(300, 20);
    const d = path.join(dir, "msg-1");
    await fsp.mkdir(d);
    await fsp.writeFile(path.join(d, "m.xml"), "<a/>");
    await w!.scan();
    await elapse(60);
    await fsp.writeFile(path.join(d, "anhang.pdf"), "%PDF");
    await w!.scan();
    await elapse(299);
    expect(ready).toEqual([]);
    await elapse(25);
    expect(first().map(([n, k]) => [n, k])).toEqual([["msg-1", "folder"]]);
    expect(ready[0]![2]).toBeGreaterThanOrEqual(60 + 300);
  });

  it("picks up in native-event mode without waiting for the safety rescan", async () => {
    await watch(0, undefined, 60_000);
    await fsp.writeFile(path.join(dir, "now.xml.part"), "<a/>");
    await fsp.rename(path.join(dir, "now.xml.part"), path.join(dir, "now.xml"));
    // the safety rescan is a minute away: a report within 10 s (a few ms normally) came from the native event
    const end = Date.now() + 10_000;
    while (ready.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(ready.map(([n]) => n)).toContain("now.xml");
  });
});

describe("claimed names", () => {
  it("keep the claim id and the original name, also for long names", () => {
    const id = newClaimId();
    expect(parseClaimedName(claimedName(id, "Anmeldung Müller.xml"))).toEqual({ claimId: id, name: "Anmeldung Müller.xml" });
    const long = "ä".repeat(200);
    const parsed = parseClaimedName(claimedName(id, long))!;
    expect(parsed.claimId).toBe(id);
    expect(Buffer.byteLength(parsed.name)).toBeLessThanOrEqual(200);
    expect(parseClaimedName("not-a-claim.xml")).toBeUndefined();
  });
});
