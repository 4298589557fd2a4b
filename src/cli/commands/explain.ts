/**
 * `stellwerk explain --table <file> <region> [--scenario ID]`: how a
 * municipality (AGS/ARS) or prefix resolves, scenario by scenario: the probes
 * of the longest-prefix lookup, the entry that applies with its stage, the
 * sender binding and every delivery with the rule file and line that set it.
 */
import { printable } from "../../diagnostics/printable.js";
import { loadTableForCli } from "../table-file.js";
import type { Command } from "commander";
import { defaultDirectoryPath } from "../../compiler/compile.js";
import { loadDirectory, officialName } from "../../directory/index.js";
import type { Directory } from "../../directory/types.js";
import { preparedOf } from "../../runtime/load-table.js";
import { lookupEntry, normalizeRegion } from "../../runtime/region.js";
import { entryDeliveries, entrySource, type RoutingTable } from "../../table/routing-table.js";
import { EXIT_FINDINGS, EXIT_OK, UsageError } from "../output.js";

/** Official names come from the shipped directory (the table carries keys only); none if it cannot be read. */
function officialNames(): (key: string) => string | undefined {
  let dir: Directory | undefined;
  try {
    dir = loadDirectory(defaultDirectoryPath());
  } catch {
    dir = undefined;
  }
  return (key) => (dir ? officialName(dir, key) : undefined);
}

export function registerExplain(program: Command, setExit: (code: number) => void): void {
  program
    .command("explain")
    .description("Explain how a municipality or region resolves in a routing table: entries, levels, deliveries and where each was set.")
    .requiredOption("--table <file>", "routing-table.json")
    .argument("<region>", "AGS (8 digits), ARS (12) or a prefix (2, 3, 5, 9 digits)")
    .option("--scenario <id>", "only this scenario (qualified like gewerbe.A10, or short when unique)")
    .option("--format <format>", "pretty or json", "pretty")
    .action(async (region: string, opts: { table: string; scenario?: string; format: string }) => {
      const loaded = await loadTableForCli(opts.table);
      const table: RoutingTable = loaded.table;
      const key = normalizeRegion(region, table, preparedOf(loaded));
      if (!key.ok) {
        process.stderr.write(`stellwerk: ${key.detail}\n`);
        setExit(EXIT_FINDINGS);
        return;
      }
      const officialNameOf = officialNames();
      const ids = Object.keys(table.scenarios).filter((id) => !opts.scenario || id === opts.scenario || id.endsWith(`.${opts.scenario}`)).sort();
      if (ids.length === 0) throw new UsageError(`no scenario ${opts.scenario} in the table`);
      const report = ids.map((id) => {
        const s = table.scenarios[id]!;
        const { entry, probes } = lookupEntry(s, key.key);
        const source = entry && entrySource(table, entry);
        return {
          scenario: id,
          title: s.title,
          probes,
          entry: entry && {
            region: entry.region,
            level: entry.level,
            name: officialNameOf(entry.region),
            stage: entry.stage,
            source: source && { system: source.system, setBy: source.setBy, adapter: table.endpoints[source.endpoint]?.adapter },
            deliveries: entryDeliveries(table, entry).map((d) => ({
              role: d.role,
              recipient: d.recipient,
              system: d.system,
              message: d.message,
              transform: d.transformName,
              condition: d.when !== undefined ? table.expressions[d.when] : undefined,
              adapter: table.endpoints[d.endpoint]?.adapter,
              annotations: d.annotations,
              setBy: d.setBy,
            })),
          },
        };
      });
      if (opts.format === "json") process.stdout.write(JSON.stringify({ region, key: key.key, scenarios: report }, null, 2) + "\n");
      else {
        const out: string[] = [`${region} -> ${key.key} (table stage ${table.stage}, directory ${table.directory.date})`];
        for (const r of report) {
          out.push(`\n${r.scenario} "${r.title}"`);
          out.push(`  lookup: ${r.probes.map((p) => `${p.prefix} (${p.level}) ${p.hit ? "hit" : "miss"}`).join(", ")}`);
          if (!r.entry) {
            out.push("  no entry: the message would be rejected as unroutable");
            continue;
          }
          const e = r.entry;
          out.push(`  entry ${e.region} (${e.level}${e.name ? `, ${e.name}` : ""}), stage ${e.stage}`);
          if (e.source) out.push(`  sender ${e.source.system} via ${e.source.adapter?.kind}, set at ${e.source.setBy.file}:${e.source.setBy.line} (${e.source.setBy.level} ${e.source.setBy.region})`);
          for (const d of e.deliveries) {
            const who = d.recipient !== undefined ? `${d.role} "${d.recipient}"` : d.role;
            out.push(`  -> ${who}: ${d.system} via ${d.adapter?.kind}${d.transform ? `, transform ${d.transform}` : ""}${d.condition ? `, when ${d.condition.length > 60 ? d.condition.slice(0, 59) + "…" : d.condition}` : ""}`);
            out.push(`     set at ${d.setBy.file}:${d.setBy.line} (${d.setBy.level} ${d.setBy.region})`);
          }
        }
        // Names, conditions and titles come from the table: escaped so they cannot drive the terminal.
        process.stdout.write(out.map((l) => (l.startsWith("\n") ? "\n" + printable(l.slice(1)) : printable(l))).join("\n") + "\n");
      }
      setExit(EXIT_OK);
    });
}
