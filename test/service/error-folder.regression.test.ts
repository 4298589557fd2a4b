/**
 * Regression: a crash between creating a reservation and writing the claim id
 * into it left an empty `.<name>.reserved`, so after the restart the message
 * went to the error folder under a fallback name (seen once in the crash test).
 * Reservations are now published complete (link of a written temporary file).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reservationPath, reserveErrorName } from "../../src/service/error-folder.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("error-folder name reservation", () => {
  it("a temporary file left by a crash does not cost the message its name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stellwerk-err-"));
    dirs.push(dir);
    writeFileSync(`${reservationPath(dir, "a.xml")}.claim-1.tmp`, "");
    expect(await reserveErrorName(dir, "a.xml", "claim-1")).toBe("a.xml");
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("the same claim gets its own reservation back; another claim gets the fallback name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stellwerk-err-"));
    dirs.push(dir);
    expect(await reserveErrorName(dir, "a.xml", "claim-1")).toBe("a.xml");
    expect(await reserveErrorName(dir, "a.xml", "claim-1")).toBe("a.xml");
    expect(await reserveErrorName(dir, "a.xml", "claim-2")).toBe("a.claim-2.xml");
  });
});
