/**
 * Child process of one benchmark suite that runs in a single process
 * (`route` or `service`), so suites do not share heap, JIT state or caches.
 * Logs progress on stderr and prints its results as one JSON line.
 */
import { report } from "./lib/child.js";
import { routeBench } from "./route.js";
import { serviceBench } from "./service.js";

const log = (s: string): void => void process.stderr.write(s + "\n");
const suite = process.argv[2];
if (suite === "route") report(await routeBench(log));
else if (suite === "service") report(await serviceBench({ log }));
else {
  process.stderr.write("usage: suite-child.js route|service\n");
  process.exitCode = 2;
}
// The service's timers and watchers are closed by then; exit even if a handle lingers.
process.exit(process.exitCode ?? 0);
