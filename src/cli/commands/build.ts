/**
 * `stellwerk build <paths...> --stage <stage> --out <dir>`: check, then write
 * routing-table.json, test-plan.json and one pilot bundle per municipality in
 * stage pilot or production. Any error: nothing is written.
 */
import type { Command } from "commander";
import { build } from "../../compiler/compile.js";
import { toolVersions } from "../../lowering/lower.js";
import { STAGES, type Stage } from "../../table/routing-table.js";
import { writeBuildOutput } from "../../lowering/emit.js";
import { EXIT_OK, exitCodeFor, UsageError, parseFormat, printDiagnostics } from "../output.js";

export function registerBuild(program: Command, setExit: (code: number) => void): void {
  program
    .command("build")
    .description("Check rule files and write the routing table, test plan and pilot configuration bundles for one stage.")
    .argument("<paths...>", "rule files or folders (searched recursively for *.stw)")
    .option("--stage <stage>", "test | pilot | production: which regions and endpoints the table contains", "test")
    .option("--out <dir>", "output folder (created owner-only; files are replaced atomically)", "dist")
    .option("--directory <file>", "municipality directory file; default: the shipped 2020-12-31 extract")
    .option("--format <format>", "diagnostics format: pretty, json, sarif", "pretty")
    .action((paths: string[], opts: { stage: string; out: string; directory?: string; format: string }) => {
      const format = parseFormat(opts.format);
      if (!(STAGES as readonly string[]).includes(opts.stage)) throw new UsageError(`unknown stage "${opts.stage}": use test, pilot or production`);
      const result = build({ paths, stage: opts.stage as Stage, ...(opts.directory ? { directoryPath: opts.directory } : {}) });
      let written: string[] = [];
      if (result.output) written = writeBuildOutput(opts.out, result.output);
      const errors = printDiagnostics(result.diagnostics, result.sources, format, toolVersions().compilerVersion, { written });
      if (!errors && format === "pretty") {
        const t = result.output!.table;
        process.stderr.write(
          `wrote ${written.length} file(s) to ${opts.out}: stage ${t.stage}, ${Object.keys(t.scenarios).length} scenarios, ${Object.keys(t.regions.agsToArs).length} municipalities, ${t.contentHash}\n`,
        );
      }
      setExit(errors ? exitCodeFor(result.diagnostics) : EXIT_OK);
    });
}
