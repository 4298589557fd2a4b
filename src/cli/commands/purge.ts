/**
 * `stellwerk purge --state <dir> --exchange-root <dir> --older-than <duration>`:
 * applies the retention of docs/data-protection.md to the journal, the error
 * folders and the archive.
 */
import type { Command } from "commander";
import { readInputFileSync } from "../../runtime/input-file.js";
import { MAX_TABLE_FILE_BYTES } from "../../runtime/load-table.js";
import { sourceOutboxes } from "../../service/outboxes.js";
import { parseDuration, purgeState } from "../../service/purge.js";
import type { RoutingTable } from "../../table/routing-table.js";
import { EXIT_OK, UsageError } from "../output.js";

/** Outboxes a table file names (relative paths), for finding error folders. @throws UsageError */
function tableOutboxes(file: string, exchangeRoot: string): string[] {
  let table: RoutingTable;
  try {
    table = JSON.parse(readInputFileSync(file, MAX_TABLE_FILE_BYTES).toString("utf8")) as RoutingTable;
    return sourceOutboxes(table, exchangeRoot).outboxes.map((o) => o.rel);
  } catch {
    throw new UsageError(`cannot read the outboxes of ${file}`);
  }
}

export function registerPurge(program: Command, setExit: (code: number) => void = () => undefined): void {
  program
    .command("purge")
    .description("Remove journal rows, error-folder entries and archived messages older than a retention period.")
    .requiredOption("--state <dir>", "state folder of the service (journal)")
    .requiredOption("--exchange-root <dir>", "root of the exchange directories")
    .requiredOption("--older-than <duration>", "retention, e.g. 90d, 12h, 30m")
    .option("--table <file>", "also check the error folders of this table's outboxes")
    .option("--dry-run", "report what would be removed, remove nothing")
    .option("--format <format>", "pretty or json", "pretty")
    .action(
      async (opts: { state: string; exchangeRoot: string; olderThan: string; table?: string; dryRun?: boolean; format: string }) => {
        if (opts.format !== "pretty" && opts.format !== "json") throw new UsageError(`unknown format "${opts.format}": use pretty or json`);
        let olderThanMs: number;
        try {
          olderThanMs = parseDuration(opts.olderThan);
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        const report = await purgeState({
          stateDir: opts.state,
          exchangeRoot: opts.exchangeRoot,
          olderThanMs,
          ...(opts.table !== undefined ? { outboxes: tableOutboxes(opts.table, opts.exchangeRoot) } : {}),
          ...(opts.dryRun ? { dryRun: true } : {}),
        });
        if (opts.format === "json") {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else {
          const verb = report.dryRun ? "would remove" : "removed";
          process.stdout.write(
            `${verb} (older than ${report.cutoff}): ${report.intake} intake, ${report.messages} message, ` +
              `${report.deliveries} delivery and ${report.cases} case rows; ${report.errorEntries} error-folder entries ` +
              `(+${report.strayFiles} stray files); ${report.archiveDays} archive days\n`,
          );
        }
        setExit(EXIT_OK);
      },
    );
}
