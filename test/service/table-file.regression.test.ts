/**
 * Regression: the service read its table with fs.readFile, so `serve --table`
 * naming a FIFO hung at start-up (and a SIGHUP reload would have hung the
 * same way after the table file was replaced by one), and `purge --table
 * /dev/zero` read until memory ran out. Now a table is read only when it is a
 * regular file; start-up fails at once with the reason, a reload keeps the
 * last good table.
 */
import { execFileSync } from "node:child_process";
import { renameSync } from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerPurge } from "../../src/cli/commands/purge.js";
import { UsageError } from "../../src/cli/output.js";
import { startService } from "../../src/service/index.js";
import { captureLogger, makeEnv, type Env } from "./helpers/env.js";

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.cleanup());

describe("the service's table file", () => {
  it("a FIFO as the table: start-up fails at once, naming the kind", async () => {
    const fifo = path.join(env.dir, "table.json");
    execFileSync("mkfifo", [fifo]);
    const started = performance.now();
    await expect(startService({ table: fifo, exchangeRoot: env.root, stateDir: env.state, logger: captureLogger().logger })).rejects.toThrow(
      `routing table ${fifo} is a FIFO (named pipe), not a regular file`,
    );
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("a reload after the table was replaced by a FIFO is rejected at once; the last good table stays", async () => {
    const s = await startService({ table: env.table, exchangeRoot: env.root, stateDir: env.state, logger: captureLogger().logger });
    try {
      const hash = s.tableHash();
      renameSync(env.table, env.table + ".old");
      execFileSync("mkfifo", [env.table]);
      const r = await s.reload();
      expect(r).toEqual({ ok: false, error: `routing table ${env.table} is a FIFO (named pipe), not a regular file` });
      expect(s.tableHash()).toBe(hash);
    } finally {
      await s.stop();
    }
  });

  it("purge --table naming /dev/zero or a FIFO is a usage error at once", async () => {
    const fifo = path.join(env.dir, "table.json");
    execFileSync("mkfifo", [fifo]);
    const started = performance.now();
    for (const table of ["/dev/zero", fifo]) {
      const program = new Command().exitOverride();
      registerPurge(program);
      const args = ["node", "stellwerk", "purge", "--state", env.state, "--exchange-root", env.root, "--older-than", "1d", "--table", table, "--dry-run"];
      await expect(program.parseAsync(args)).rejects.toThrow(new UsageError(`cannot read the outboxes of ${table}`));
    }
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
