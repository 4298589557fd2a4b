/**
 * `npm run bench`: every benchmark suite of issue 6, then a summary against
 * the targets. Options: `--only compile,route,service` runs some suites;
 * `--sizes 419,2000` limits the compile corpus sizes; `--json <file>` writes
 * the raw results (default: a file in the temp folder, path printed).
 */
import { writeFileSync, mkdtempSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { PINNED_TO_ONE_CORE, runChild } from "./lib/child.js";
import { compileBench, type CompileResults } from "./compile.js";
import { CORPUS_SIZES } from "./corpus.js";
import { chooseTemplate } from "./template.js";
import type { RouteResults } from "./route.js";
import type { ServiceResults } from "./service.js";
import { summarize } from "./summary.js";

export interface BenchResults {
  machine: { nproc: number; cpu: string; node: string; pinnedToOneCore: boolean; date: string };
  template?: { root: string; kind: string; reason?: string };
  compile?: CompileResults;
  route?: RouteResults;
  service?: ServiceResults;
  errors?: Record<string, string>;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const only = new Set((arg("--only") ?? "compile,route,service").split(","));
  const sizeFilter = arg("--sizes")?.split(",").map(Number);
  const log = (s: string): void => void process.stderr.write(s + "\n");
  const results: BenchResults = {
    machine: { nproc: cpus().length, cpu: cpus()[0]?.model ?? "unknown", node: process.version, pinnedToOneCore: PINNED_TO_ONE_CORE, date: new Date().toISOString() },
  };
  const t0 = performance.now();
  if (only.has("compile")) {
    const template = chooseTemplate();
    results.template = template;
    log(`template: ${template.kind} (${template.root})${template.reason ? `; ${template.reason}` : ""}`);
    const sizes = sizeFilter ? CORPUS_SIZES.filter((s) => sizeFilter.includes(s.municipalities)) : CORPUS_SIZES;
    results.compile = compileBench(template.root, { sizes, log });
  }
  for (const suite of ["route", "service"] as const) {
    if (!only.has(suite)) continue;
    try {
      if (suite === "route") results.route = runChild<RouteResults>("suite-child.js", ["route"]);
      else results.service = runChild<ServiceResults>("suite-child.js", ["service"]);
    } catch (e) {
      (results.errors ??= {})[suite] = e instanceof Error ? e.message : String(e);
      log(`${suite} benchmark failed: ${results.errors[suite]}`);
    }
  }
  const out = arg("--json") ?? join(mkdtempSync(join(tmpdir(), "stellwerk-bench-")), "results.json");
  writeFileSync(out, JSON.stringify(results, null, 2) + "\n", { mode: 0o600 });
  process.stdout.write(summarize(results) + "\n");
  log(`raw results: ${out}; total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

await main();
