/**
 * Regression: the "start" log line is the service's ready signal (the serve
 * CLI test, and operators' scripts, wait for it and then send SIGHUP or
 * SIGTERM). It was logged before the outboxes were watched and before the
 * signal handlers were installed, so a SIGHUP sent right after it could hit
 * the process while SIGHUP still had its default action: terminate.
 */
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { startService, type ServiceHandle } from "../../src/service/index.js";
import { makeEnv, type Env } from "./helpers/env.js";

let env: Env | undefined;
let svc: ServiceHandle | undefined;
afterEach(async () => {
  await svc?.stop();
  svc = undefined;
  env?.cleanup();
});

describe("service start", () => {
  it("logs start only once the signal handlers are installed", async () => {
    env = makeEnv();
    const before = { hup: process.listenerCount("SIGHUP"), term: process.listenerCount("SIGTERM") };
    let atStart: { hup: number; term: number } | undefined;
    const seen: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        for (const line of chunk.toString("utf8").split("\n").filter((l) => l !== "")) {
          const event = (JSON.parse(line) as { event?: string }).event ?? "";
          seen.push(event);
          if (event === "start") {
            atStart = {
              hup: process.listenerCount("SIGHUP") - before.hup,
              term: process.listenerCount("SIGTERM") - before.term,
            };
          }
        }
        cb();
      },
    });
    svc = await startService({
      table: env.table,
      exchangeRoot: env.root,
      stateDir: env.state,
      stableMs: 30,
      handleSignals: true,
      logger: pino({ level: "info" }, stream),
    });
    expect(seen).toContain("start");
    expect(atStart).toEqual({ hup: 1, term: 1 });
    await svc.stop();
    svc = undefined;
    expect(process.listenerCount("SIGHUP")).toBe(before.hup);
  });
});
