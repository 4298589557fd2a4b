/**
 * Per-test service harness: a fresh environment before each test, the
 * service started on it with test-friendly defaults, stopped and cleaned up
 * after each test.
 */
import { afterEach, beforeEach } from "vitest";
import { startService, type ServiceHandle, type ServiceOptions } from "../../../src/service/index.js";
import { captureLogger, makeEnv, type Env } from "./env.js";

export interface Harness {
  /** The current test's environment. */
  readonly env: Env;
  /** The current test's log capture. */
  readonly logs: ReturnType<typeof captureLogger>;
  /** Starts the service on the environment (defaults, then `defaults` of the harness, then `extra`). */
  start(extra?: Partial<ServiceOptions>): Promise<ServiceHandle>;
}

/** Registers beforeEach/afterEach hooks and returns the harness. */
export function serviceHarness(defaults: Partial<ServiceOptions> = {}): Harness {
  let env: Env | undefined;
  let logs = captureLogger();
  let svc: ServiceHandle | undefined;
  beforeEach(() => {
    env = makeEnv();
    logs = captureLogger();
  });
  afterEach(async () => {
    await svc?.stop();
    svc = undefined;
    env?.cleanup();
  });
  return {
    get env() {
      return env!;
    },
    get logs() {
      return logs;
    },
    start: async (extra = {}) => {
      svc = await startService({
        table: env!.table,
        exchangeRoot: env!.root,
        stateDir: env!.state,
        stableMs: 30,
        logger: logs.logger,
        ...defaults,
        ...extra,
      });
      return svc;
    },
  };
}
