/**
 * The outbox watcher's pickup rules: *.part and dotfiles never, symlinks
 * never, a file only once unchanged for the stability window (an empty one
 * ten times as long), a folder only once none of its entries changes.
 */
import { mkdtempSync, promises as fsp, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe("outbox watcher", () => {
  it("ignores *.part files, dotfiles and symlinks", async () => {
    expect(isIgnoredName("x.xml.part")).toBe(true);
    expect(isIgnoredName("X.PART")).toBe(true);
    expect(isIgnoredName(".stellwerk-claimed")).toBe(true);
    expect(isIgnoredName("x.xml")).toBe(false);
    await fsp.writeFile(path.join(dir, "a.xml.part"), "x");
    await fsp.writeFile(path.join(dir, ".b.xml"), "x");
    await fsp.symlink("/etc/hostname", path.join(dir, "c.xml"));
    await watch(0);
    await sleep(150);
    expect(ready).toEqual([]);
  });

  it("reports a file only after it stayed unchanged for the window; a growing file waits", async () => {
    await watch(300, 20);
    const f = path.join(dir, "slow.xml");
    await fsp.writeFile(f, "<a>");
    for (let i = 0; i < 4; i++) {
      await sleep(60);
      await fsp.appendFile(f, "<b/>");
    }
    expect(ready).toEqual([]);
    await sleep(700);
    expect(first().map(([n, k]) => [n, k])).toEqual([["slow.xml", "file"]]);
    expect(ready[0]![2]).toBeGreaterThanOrEqual(240 + 300);
  });

  it("waits ten times as long for an empty file", async () => {
    await watch(120, 20);
    await fsp.writeFile(path.join(dir, "empty.xml"), "");
    await fsp.writeFile(path.join(dir, "full.xml"), "<a/>");
    await sleep(500);
    expect(first().map(([n]) => n)).toEqual(["full.xml"]);
    await sleep(1200);
    expect(first().map(([n]) => n)).toEqual(["full.xml", "empty.xml"]);
  });

  it("reports a folder once its content is stable", async () => {
    await watch(300, 20);
    const d = path.join(dir, "msg-1");
    await fsp.mkdir(d);
    await fsp.writeFile(path.join(d, "m.xml"), "<a/>");
    await sleep(60);
    await fsp.writeFile(path.join(d, "anhang.pdf"), "%PDF");
    await sleep(60);
    expect(ready).toEqual([]);
    await sleep(600);
    expect(first().map(([n, k]) => [n, k])).toEqual([["msg-1", "folder"]]);
  });

  it("picks up in native-event mode without waiting for the safety rescan", async () => {
    await watch(0, undefined, 60_000);
    await fsp.writeFile(path.join(dir, "now.xml.part"), "<a/>");
    await fsp.rename(path.join(dir, "now.xml.part"), path.join(dir, "now.xml"));
    for (let i = 0; i < 100 && ready.length === 0; i++) await sleep(20);
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
