/**
 * Entry point for instruction counts under valgrind (bench/cachegrind.sh).
 * Every mode imports the same modules, so subtracting the `baseline` run
 * removes node's startup and module loading.
 *
 *   baseline                      nothing more
 *   directory                     load the municipality directory
 *   compile <corpusDir>           directory + parse + check + lower (stage test)
 *   route <tableFile> <n>         load the table, route the KoSIT 10 KB message n times
 */
import { readFileSync } from "node:fs";
import { loadTable } from "../src/runtime/load-table.js";
import { route } from "../src/runtime/router.js";
import { compileCorpus, loadBenchDirectory } from "./lib/compile-steps.js";
import { benchMessages } from "./messages.js";

const [mode, a, b] = process.argv.slice(2);
if (mode === "baseline") {
  // imports only
} else if (mode === "directory") {
  loadBenchDirectory();
} else if (mode === "compile") {
  compileCorpus(a!, loadBenchDirectory());
} else if (mode === "route") {
  const loaded = loadTable(JSON.parse(readFileSync(a!, "utf8")) as unknown);
  const msg = benchMessages().sta10k;
  for (let i = 0; i < Number(b ?? "1"); i++) {
    const r = await route(loaded, msg);
    if (!r.ok) throw new Error(`route failed: ${r.reason}`);
  }
} else {
  process.stderr.write("usage: cachegrind-entry.js baseline|directory|compile <dir>|route <table> <n>\n");
  process.exitCode = 2;
}
