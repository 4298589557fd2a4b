/**
 * `stellwerk diff <old-table> <new-table>`: what a change does to which
 * municipalities, grouped by change. Exit 0 (also with changes) unless
 * `--fail-on-change`; 2 when a table cannot be read.
 */
import { loadTableForCli } from "../table-file.js";
import type { Command } from "commander";
import { diffTables } from "../../analysis/table-diff.js";
import { EXIT_FINDINGS, EXIT_OK, UsageError } from "../output.js";

const MAX_LISTED = 10;

export function registerDiff(program: Command, setExit: (code: number) => void): void {
  program
    .command("diff")
    .description("Compare two routing tables: which deliveries change for which municipalities.")
    .argument("<old>", "routing-table.json before the change")
    .argument("<new>", "routing-table.json after the change")
    .option("--format <format>", "pretty or json", "pretty")
    .option("--fail-on-change", "exit 1 when anything changes (for CI gates)")
    .action(async (oldPath: string, newPath: string, opts: { format: string; failOnChange?: boolean }) => {
      if (opts.format !== "pretty" && opts.format !== "json") throw new UsageError(`unknown format "${opts.format}": use pretty or json`);
      const diff = diffTables((await loadTableForCli(oldPath)).table, (await loadTableForCli(newPath)).table);
      if (opts.format === "json") process.stdout.write(JSON.stringify(diff, null, 2) + "\n");
      else {
        const lines: string[] = [];
        for (const c of diff.changes) {
          const list = c.municipalities.slice(0, MAX_LISTED).join(", ") + (c.municipalities.length > MAX_LISTED ? ` and ${c.municipalities.length - MAX_LISTED} more` : "");
          lines.push(`${c.scenario} -> ${c.target}: ${c.change}\n    ${c.municipalities.length} municipalities: ${list}`);
        }
        if (diff.addedMunicipalities.length) lines.push(`in scope now: ${diff.addedMunicipalities.length} municipalities`);
        if (diff.removedMunicipalities.length) lines.push(`no longer in scope: ${diff.removedMunicipalities.length} municipalities`);
        for (const s of diff.scenariosAdded) lines.push(`scenario added: ${s}`);
        for (const s of diff.scenariosRemoved) lines.push(`scenario removed: ${s}`);
        process.stdout.write((lines.length ? lines.join("\n") : "no changes") + "\n");
      }
      const changed = diff.changes.length + diff.addedMunicipalities.length + diff.removedMunicipalities.length + diff.scenariosAdded.length + diff.scenariosRemoved.length > 0;
      setExit(changed && opts.failOnChange ? EXIT_FINDINGS : EXIT_OK);
    });
}
