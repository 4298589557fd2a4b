/**
 * `stellwerk test <paths...> [--reporter pretty|junit|json] [--output <file>]`:
 * compiles the rules, builds the table of every stage the tests name (in
 * memory), and runs the test blocks (Testregeln, Abnahmeszenario) through the
 * reference router. A failure shows expected against actual as a structural
 * diff; payload values only with --show-values.
 * Exit codes: 0 all passed; 1 rule errors or a failing test; 2 usage or I/O.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import pc from "picocolors";
import { build } from "../../compiler/compile.js";
import { useColor } from "../../diagnostics/render.js";
import { lower, toolVersions } from "../../lowering/lower.js";
import { loadTable } from "../../runtime/load-table.js";
import { toJUnitXml } from "../../runtime/junit.js";
import { formatTestReport } from "../../runtime/test-report.js";
import { runTestPlan } from "../../runtime/test-runner.js";
import type { LoadedTable } from "../../runtime/api.js";
import type { Stage } from "../../table/routing-table.js";
import { EXIT_FINDINGS, EXIT_OK, UsageError, exitCodeFor, printDiagnostics } from "../output.js";

interface TestCliOptions {
  reporter: string;
  output?: string;
  directory?: string;
  filter?: string;
  showValues?: boolean;
}

export function registerTest(program: Command, setExit: (code: number) => void): void {
  program
    .command("test")
    .description("Run the test blocks of the rules through the reference router (acceptance tests).")
    .argument("<paths...>", "rule files or folders (searched recursively for *.stw)")
    .option("--reporter <reporter>", "pretty (people), junit (CI), json", "pretty")
    .option("--output <file>", "write the report to this file instead of standard output (junit/json)")
    .option("--filter <text>", "only tests whose name contains this text")
    .option("--directory <file>", "municipality directory file; default: the shipped 2020-12-31 extract")
    .option("--show-values", "show actual payload values in failures (personal data: off by default)")
    .action(async (paths: string[], opts: TestCliOptions) => {
      if (!["pretty", "junit", "json"].includes(opts.reporter)) throw new UsageError(`unknown reporter "${opts.reporter}": use pretty, junit or json`);
      const result = build({ paths, stage: "test", ...(opts.directory ? { directoryPath: opts.directory } : {}) });
      if (!result.output || !result.model) {
        printDiagnostics(result.diagnostics, result.sources, "pretty", toolVersions().compilerVersion);
        setExit(exitCodeFor(result.diagnostics) || EXIT_FINDINGS);
        return;
      }
      const plan = result.output.plan;
      const tables: Partial<Record<Stage, LoadedTable>> = { test: loadTable(result.output.table) };
      for (const stage of new Set(plan.tests.map((t) => t.stage))) {
        if (!tables[stage]) tables[stage] = loadTable(lower(result.model, stage).table);
      }
      const filter = opts.filter;
      const report = await runTestPlan(plan, {
        tables,
        root: result.model.root,
        ...(opts.showValues ? { showValues: true } : {}),
        ...(filter ? { filter: (c: { name: string }) => c.name.includes(filter) } : {}),
      });
      let text: string;
      if (opts.reporter === "junit") text = toJUnitXml(report);
      else if (opts.reporter === "json") text = JSON.stringify(report, null, 2) + "\n";
      else {
        const color = useColor(process.stdout) && !opts.output;
        text = formatTestReport(report, color ? { pass: pc.green, fail: pc.red, dim: pc.dim } : undefined) + "\n";
      }
      if (opts.output) writeFileSync(opts.output, text, { mode: 0o600 });
      else process.stdout.write(text);
      if (opts.output || opts.reporter !== "pretty") {
        process.stderr.write(`${report.passed} passed, ${report.failed + report.errors} failed\n`);
      }
      setExit(report.failed + report.errors === 0 && report.total > 0 ? EXIT_OK : EXIT_FINDINGS);
    });
}
