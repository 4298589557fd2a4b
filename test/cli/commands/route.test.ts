import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { afterEach, describe, expect, test, vi } from "vitest";
import { registerRoute } from "../../../src/cli/commands/route.js";
import { UsageError } from "../../../src/cli/output.js";
import { tempDir } from "../../adapters/helpers.js";
import { tableJson } from "../../runtime/fixtures.js";

const fixture = (rel: string): string => fileURLToPath(new URL(`../../fixtures/${rel}`, import.meta.url));
const TABLE = fixture("tables/gewerbe.json");
const ANMELDUNG = fixture("messages/xgewerbeanzeige/sta-anmeldung-freiberg.xml");
const KFZ = fixture("messages/json/kfz-antrag-freiberg.json");

afterEach(() => vi.restoreAllMocks());

/** Runs `stellwerk route ...args`; returns exit code and stdout (or the UsageError message). */
async function run(...args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  let code = -1;
  const program = new Command().exitOverride();
  registerRoute(program, (c) => (code = c));
  try {
    await program.parseAsync(["node", "stellwerk", "route", ...args]);
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, out: e.message };
    throw e;
  }
  return { code, out };
}

describe("stellwerk route", () => {
  test("prints deliveries and trace, without payload by default; exit 0", async () => {
    const { code, out } = await run("--table", TABLE, ANMELDUNG);
    expect(code).toBe(0);
    expect(out).toContain("routed gewerbe.A10 (message 00000000-0000-0000-0000-000000000002, region 145220180180): 4 deliveries");
    expect(out).toContain('-> gewerbe.Pflichtempfaenger "StaLA Sachsen": gewerbe.StaLA via filesystem xml-file stala/gewerbe/in (ISO-8859-15)');
    expect(out).toContain("set at gewerbe/freiberg.stw:14");
    expect(out).toMatch(/lookup\s+entry 145220180180 \(municipality\) found/);
    expect(out).not.toContain("Brühlstr.");
  });

  test("--format json: machine-readable, payload summarised unless --show-payload", async () => {
    const { code, out } = await run("--table", TABLE, ANMELDUNG, "--format", "json");
    expect(code).toBe(0);
    const r = JSON.parse(out) as { ok: boolean; deliveries: Array<{ payload: { sha256: string; text?: string } }> };
    expect(r.ok).toBe(true);
    expect(r.deliveries[0]!.payload.sha256).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.deliveries[0]!.payload.text).toBeUndefined();
    const shown = JSON.parse((await run("--table", TABLE, ANMELDUNG, "--format", "json", "--show-payload")).out) as typeof r;
    expect(shown.deliveries[0]!.payload.text).toContain("Brühlstr.");
  });

  test("--scenario and --region are passed to the router", async () => {
    const { code, out } = await run("--table", TABLE, ANMELDUNG, "--scenario", "A10", "--region", "14612000", "--format", "json");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ scenario: "gewerbe.A10", region: "146120000000" });
  });

  test("an unroutable message: exit 1 with the reason", async () => {
    const { code, out } = await run("--table", TABLE, KFZ);
    expect(code).toBe(1);
    expect(out).toMatch(/^rejected: unroutable: no route entry of kfz.A1 covers region 145220180180/);
    const json = JSON.parse((await run("--table", TABLE, KFZ, "--format", "json")).out) as { ok: boolean; reason: string };
    expect(json).toMatchObject({ ok: false, reason: "unroutable" });
  });

  test("unreadable message, missing table and a table of another format version: exit 2, one line", async () => {
    expect(await run("--table", TABLE, "/nonexistent.xml")).toEqual({ code: 2, out: "cannot read /nonexistent.xml (ENOENT)" });
    expect((await run("--table", "/nonexistent.json", ANMELDUNG)).code).toBe(2);
    const dir = tempDir();
    writeFileSync(`${dir}/v2.json`, JSON.stringify({ ...tableJson(), formatVersion: 2 }));
    const v2 = await run("--table", `${dir}/v2.json`, ANMELDUNG);
    expect(v2.code).toBe(2);
    expect(v2.out).toContain("error[format-version]: routing-table format version 2 is not supported");
    expect(v2.out).not.toContain("\n");
    expect((await run("--table", TABLE, ANMELDUNG, "--format", "xml")).code).toBe(2);
    expect((await run("--table", TABLE, ANMELDUNG, "--max-eval-ms", "0")).code).toBe(2);
  });
});
