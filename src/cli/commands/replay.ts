/**
 * `stellwerk replay --state <dir> --exchange-root <dir> <error-entry...> | --all`:
 * puts messages from error folders back into their outboxes after a fix
 * (journal semantics in docs/service.md, "Replay"). Exit 1 when an entry was skipped.
 */
import type { Command } from "commander";
import { replayErrors } from "../../service/replay.js";
import { EXIT_FINDINGS, EXIT_OK, UsageError } from "../output.js";

export function registerReplay(program: Command, setExit: (code: number) => void = () => undefined): void {
  program
    .command("replay")
    .description("Put messages from an error folder back into their outbox after the cause was fixed.")
    .requiredOption("--state <dir>", "state folder of the service (journal)")
    .requiredOption("--exchange-root <dir>", "root of the exchange directories")
    .argument("[entries...]", "error-folder entries (the message file or folder, or its .reason.json)")
    .option("--all", "replay every message the journal records in an error folder")
    .option("--format <format>", "pretty or json", "pretty")
    .action(async (entries: string[], opts: { state: string; exchangeRoot: string; all?: boolean; format: string }) => {
      if (opts.format !== "pretty" && opts.format !== "json") throw new UsageError(`unknown format "${opts.format}": use pretty or json`);
      if (!opts.all && entries.length === 0) throw new UsageError("name error-folder entries to replay, or give --all");
      const items = await replayErrors({
        stateDir: opts.state,
        exchangeRoot: opts.exchangeRoot,
        files: entries,
        ...(opts.all ? { all: true } : {}),
      });
      if (opts.format === "json") {
        process.stdout.write(`${JSON.stringify({ items }, null, 2)}\n`);
      } else {
        for (const i of items) {
          process.stdout.write(
            i.status === "replayed" ? `replayed ${i.entry} -> ${i.restoredAs}\n` : `skipped  ${i.entry}: ${i.why}\n`,
          );
        }
        process.stdout.write(`${items.filter((i) => i.status === "replayed").length} of ${items.length} replayed\n`);
      }
      setExit(items.some((i) => i.status === "skipped") ? EXIT_FINDINGS : EXIT_OK);
    });
}
