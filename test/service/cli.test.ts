/**
 * The CLI commands of the service: `serve` as a child process (SIGHUP reload
 * with a bad and a good table, SIGTERM graceful stop, owner-only files, JSON
 * log lines), `replay` and `purge` through commander, and usage errors.
 */
import { spawn } from "node:child_process";
import { promises as fsp, statSync } from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { registerPurge } from "../../src/cli/commands/purge.js";
import { registerReplay } from "../../src/cli/commands/replay.js";
import { registerServe } from "../../src/cli/commands/serve.js";
import { UsageError } from "../../src/cli/output.js";
import { startService } from "../../src/service/index.js";
import { ensureDist } from "./helpers/dist.js";
import { AGS_OUT_OF_SCOPE, REPO, captureLogger, drop, ls, makeEnv, message, tableText, waitFor, type Env } from "./helpers/env.js";

let env: Env;
beforeAll(() => ensureDist());
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => {
  vi.restoreAllMocks();
  env.cleanup();
});

/** Runs one command in-process; returns exit code and stdout. */
async function run(register: (p: Command, setExit: (c: number) => void) => void, args: string[]): Promise<{ code: number; out: string }> {
  const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
  let code = 0;
  register(program, (c) => (code = c));
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(["node", "stellwerk", ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  return { code, out };
}

describe("stellwerk serve", () => {
  it("serves, reloads on SIGHUP (rejecting a bad table), and stops on SIGTERM with exit code 0", async () => {
    const proc = spawn(
      process.execPath,
      [path.join(REPO, "test/service/helpers/child-serve-cli.mjs"), "--table", env.table, "--exchange-root", env.root, "--state", env.state, "--stable-ms", "30"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    proc.stdout.on("data", (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => proc.on("exit", (code) => r(code)));
    try {
      await waitFor(() => out.includes('"event":"start"'), 15_000, "start");
      await drop(env.at("freiberg/gewerbe/out"), "one.xml", message("a10"));
      await waitFor(async () => (await ls(env.at("stala/gewerbe/in"))).length === 1);
      await fsp.writeFile(env.table, "{ broken");
      proc.kill("SIGHUP");
      await waitFor(() => out.includes('"event":"reload-rejected"'), 5000, "reload rejected");
      await fsp.writeFile(env.table, tableText((t) => void ((t as { compilerVersion: string }).compilerVersion = "reloaded")));
      proc.kill("SIGHUP");
      await waitFor(() => out.includes('"event":"reload"'), 5000, "reload");
      await drop(env.at("freiberg/gewerbe/out"), "two.xml", message("a10"));
      await waitFor(async () => (await ls(env.at("stala/gewerbe/in"))).length === 2);
    } finally {
      proc.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    const lines = out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ event: "stop", done: 2 });
    expect(lines.every((l) => typeof l.level === "string" && typeof l.time === "string")).toBe(true);
    // created with umask 077 and explicit modes
    for (const p of [env.state, path.join(env.state, "journal.sqlite"), env.at("stala/gewerbe/in")]) {
      expect((statSync(p).mode & 0o077).toString(8), p).toBe("0");
    }
  });

  it("reports usage errors without starting", async () => {
    await expect(run(registerServe, ["serve", "--table", env.table, "--exchange-root", env.root, "--state", env.state, "--poll", "fast"])).rejects.toThrow(UsageError);
    await expect(
      run(registerServe, ["serve", "--table", env.table, "--exchange-root", path.join(env.dir, "missing"), "--state", env.state]),
    ).rejects.toThrow(/cannot start the service: exchange root/);
    await expect(run(registerServe, ["serve", "--table", path.join(env.dir, "none.json"), "--exchange-root", env.root, "--state", env.state])).rejects.toThrow(
      /cannot start the service/,
    );
  });
});

describe("stellwerk replay and purge", () => {
  it("replays an error entry after the table was fixed, and purges by retention", async () => {
    const s = await startService({ table: env.table, exchangeRoot: env.root, stateDir: env.state, stableMs: 30, logger: captureLogger().logger });
    try {
      await drop(env.at("amt24/out"), "cottbus.xml", message("a1", { ags: AGS_OUT_OF_SCOPE }));
      await waitFor(() => s.stats().error === 1);
      const nothing = await run(registerReplay, ["replay", "--state", env.state, "--exchange-root", env.root, env.at("amt24/out/none.xml")]);
      expect(nothing.code).toBe(1);
      expect(nothing.out).toContain("skipped");
      await expect(run(registerReplay, ["replay", "--state", env.state, "--exchange-root", env.root])).rejects.toThrow(/--all/);
      const r = await run(registerReplay, ["replay", "--state", env.state, "--exchange-root", env.root, "--all", "--format", "json"]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ items: [{ status: "replayed", reason: "unknown-region" }] });
      // still out of scope: back in the error folder under a new claim
      await waitFor(() => s.stats().error === 2);
      expect(await ls(env.at("amt24/out.error"))).toEqual(["cottbus.xml", "cottbus.xml.reason.json"]);
    } finally {
      await s.stop();
    }
    const dry = await run(registerPurge, ["purge", "--state", env.state, "--exchange-root", env.root, "--older-than", "1h", "--format", "json"]);
    expect(JSON.parse(dry.out)).toMatchObject({ intake: 0, errorEntries: 0 });
    await expect(run(registerPurge, ["purge", "--state", env.state, "--exchange-root", env.root, "--older-than", "soon"])).rejects.toThrow(/invalid duration/);
    const p = await run(registerPurge, ["purge", "--state", env.state, "--exchange-root", env.root, "--older-than", "1ms", "--table", env.table]);
    expect(p.code).toBe(0);
    expect(p.out).toMatch(/^removed \(older than .*\): 2 intake/);
    expect(await ls(env.at("amt24/out.error"))).toEqual([]);
  });
});
