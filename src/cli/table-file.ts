/**
 * Loading a routing-table file for a command: any failure (I/O, JSON, schema,
 * hash, references) becomes one usage-error line (exit 2), never a stack trace.
 */
import type { LoadedTable } from "../runtime/api.js";
import { readTableFile } from "../runtime/load-table.js";
import { TableError } from "../runtime/table-error.js";
import { UsageError } from "./output.js";

/** @throws UsageError naming the file and why it cannot be used. */
export async function loadTableForCli(path: string): Promise<LoadedTable> {
  try {
    return await readTableFile(path);
  } catch (e) {
    if (e instanceof TableError) throw new UsageError(`cannot load ${path}: ${e.format().replace(/\n\s*/g, "; ")}`);
    throw new UsageError(`cannot load ${path}: ${e instanceof Error ? (e.message.split("\n")[0] ?? "unreadable") : "unreadable"}`);
  }
}
