/**
 * `stellwerk check <paths...>`: parse and check rule files; print diagnostics.
 */
import type { Command } from "commander";
import { compile } from "../../compiler/compile.js";
import { toolVersions } from "../../lowering/lower.js";
import { EXIT_OK, exitCodeFor, parseFormat, printDiagnostics } from "../output.js";

export function registerCheck(program: Command, setExit: (code: number) => void): void {
  program
    .command("check")
    .description("Check rule files (*.stw) for errors: syntax, names, regions, adapters, transformations, tests.")
    .argument("<paths...>", "rule files or folders (searched recursively for *.stw)")
    .option("--directory <file>", "municipality directory (Destatis GV-ISys extract or derived CSV); default: the shipped 2020-12-31 extract")
    .option("--format <format>", "output format: pretty (people), json, sarif (CI code scanning)", "pretty")
    .action((paths: string[], opts: { directory?: string; format: string }) => {
      const format = parseFormat(opts.format);
      const result = compile({ paths, ...(opts.directory ? { directoryPath: opts.directory } : {}) });
      const errors = printDiagnostics(result.diagnostics, result.sources, format, toolVersions().compilerVersion);
      setExit(errors ? exitCodeFor(result.diagnostics) : EXIT_OK);
    });
}
