// Runs the compiled service (dist/) in a child process for the crash and
// two-instance tests. argv[2]: JSON of the ServiceOptions (table, exchangeRoot,
// stateDir, ...) plus "logFile". Prints "ready" on stdout once started; stops
// gracefully on SIGTERM (the service's own signal handlers) and exits 0.
import { fileURLToPath } from "node:url";
import pino from "pino";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const { startService } = await import(`${repo}dist/src/service/index.js`);
const opts = JSON.parse(process.argv[2]);
const logger = pino({ level: "info" }, pino.destination({ dest: opts.logFile, sync: true, mkdir: true }));
delete opts.logFile;
try {
  const handle = await startService({ ...opts, logger, handleSignals: true });
  process.stdout.write("ready\n");
  await handle.closed;
  process.exit(0);
} catch (e) {
  process.stderr.write(`start failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(3);
}
