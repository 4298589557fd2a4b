/**
 * `stellwerk serve --table <file> --exchange-root <dir> --state <dir> [--poll <ms>] [--stable-ms <ms>]`:
 * runs the file-exchange service (docs/service.md) until SIGTERM/SIGINT;
 * SIGHUP reloads the table. Logs JSON lines on stdout.
 */
import type { Command } from "commander";
import { createServiceLogger } from "../../service/logger.js";
import { startService } from "../../service/service.js";
import { EXIT_OK, UsageError } from "../output.js";

/** Parses a non-negative integer option. @throws UsageError */
export function intOption(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, not "${value}"`);
  return n;
}

interface ServeOpts {
  table: string;
  exchangeRoot: string;
  state: string;
  poll?: string;
  stableMs?: string;
  concurrency?: string;
  instance?: string;
  archive?: boolean;
  maxAttempts?: string;
  secrets?: string;
  logLevel: string;
}

export function registerServe(program: Command, setExit: (code: number) => void = () => undefined): void {
  program
    .command("serve")
    .description("Run the file-exchange service: watch the outboxes a routing table names, route and deliver, journal everything.")
    .requiredOption("--table <file>", "routing-table.json (reloaded on SIGHUP)")
    .requiredOption("--exchange-root <dir>", "root of the exchange directories (inbox/outbox paths are relative to it)")
    .requiredOption("--state <dir>", "state folder: journal, claim area, archive (local filesystem)")
    .option("--poll <ms>", "poll the outboxes every <ms> instead of native events (network shares)")
    .option("--stable-ms <ms>", "stability window for files not renamed from *.part (default 500)")
    .option("--concurrency <n>", "messages processed at the same time (default 4)")
    .option("--instance <name>", "instance name when several share a state folder (default \"default\")")
    .option("--archive", "keep finished messages in <state>/archive/ instead of deleting them")
    .option("--max-attempts <n>", "delivery attempts per target before it fails (default 5)")
    .option("--secrets <dir>", "folder of secret files for web-service adapters")
    .option("--log-level <level>", "pino level: debug, info, warn, error", "info")
    .action(async (opts: ServeOpts) => {
      process.umask(0o077);
      const poll = intOption("poll", opts.poll, 10);
      const stableMs = intOption("stable-ms", opts.stableMs, 0);
      const concurrency = intOption("concurrency", opts.concurrency, 1);
      const maxAttempts = intOption("max-attempts", opts.maxAttempts, 1);
      const logger = createServiceLogger({ level: opts.logLevel });
      let handle;
      try {
        handle = await startService({
          table: opts.table,
          exchangeRoot: opts.exchangeRoot,
          stateDir: opts.state,
          logger,
          handleSignals: true,
          ...(poll !== undefined ? { poll } : {}),
          ...(stableMs !== undefined ? { stableMs } : {}),
          ...(concurrency !== undefined ? { concurrency } : {}),
          ...(maxAttempts !== undefined ? { maxAttempts } : {}),
          ...(opts.instance !== undefined ? { instance: opts.instance } : {}),
          ...(opts.archive ? { archive: true } : {}),
          ...(opts.secrets !== undefined ? { secretsDir: opts.secrets } : {}),
        });
      } catch (e) {
        throw new UsageError(`cannot start the service: ${e instanceof Error ? (e.message.split("\n")[0] ?? "error") : "error"}`);
      }
      await handle.closed;
      logger.flush();
      setExit(EXIT_OK);
    });
}
