/**
 * `stellwerk graph --table <file> [--region KEY] [--format mermaid|dot]`:
 * a diagram of who sends what to whom: one edge per scenario from the sender
 * system to each receiving system, as resolved for one region (default: the
 * state-level entries, i.e. the generic process).
 */
import { loadTableForCli } from "../table-file.js";
import type { Command } from "commander";
import { preparedOf } from "../../runtime/load-table.js";
import { lookupEntry, normalizeRegion } from "../../runtime/region.js";
import { entryDeliveries, entrySource, type RouteEntry, type RoutingTable } from "../../table/routing-table.js";
import { EXIT_FINDINGS, EXIT_OK, UsageError } from "../output.js";

interface Edge {
  from: string;
  to: string;
  label: string;
}

function shortName(q: string): string {
  return q.split(".").pop() ?? q;
}

/** Edges of the diagram for the entries chosen per scenario. */
export function graphEdges(table: RoutingTable, entryOf: (scenarioId: string) => RouteEntry | undefined): Edge[] {
  const edges: Edge[] = [];
  for (const id of Object.keys(table.scenarios).sort()) {
    const s = table.scenarios[id]!;
    const e = entryOf(id);
    const from = (e && entrySource(table, e)?.system) ?? s.from;
    if (s.reply) {
      edges.push({ from, to: s.targets[0]?.role ?? "origin", label: `${shortName(id)} (reply)` });
      continue;
    }
    for (const d of e ? entryDeliveries(table, e) : []) {
      edges.push({ from, to: d.system, label: d.recipient !== undefined ? `${shortName(id)} ${d.recipient}` : shortName(id) });
    }
  }
  return edges;
}

function nodeId(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, "_");
}

export function toMermaid(edges: Edge[]): string {
  const lines = ["flowchart LR"];
  for (const n of [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort()) lines.push(`  ${nodeId(n)}["${shortName(n)}"]`);
  for (const e of edges) lines.push(`  ${nodeId(e.from)} -->|"${e.label.replace(/"/g, "'")}"| ${nodeId(e.to)}`);
  return lines.join("\n") + "\n";
}

export function toDot(edges: Edge[]): string {
  const lines = ["digraph stellwerk {", "  rankdir=LR;", "  node [shape=box];"];
  for (const n of [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort()) lines.push(`  ${JSON.stringify(n)} [label=${JSON.stringify(shortName(n))}];`);
  for (const e of edges) lines.push(`  ${JSON.stringify(e.from)} -> ${JSON.stringify(e.to)} [label=${JSON.stringify(e.label)}];`);
  lines.push("}");
  return lines.join("\n") + "\n";
}

export function registerGraph(program: Command, setExit: (code: number) => void): void {
  program
    .command("graph")
    .description("Draw who sends which scenario to whom (Mermaid or Graphviz DOT), as resolved for one region.")
    .requiredOption("--table <file>", "routing-table.json")
    .option("--region <key>", "AGS, ARS or prefix whose resolution to draw; default: each scenario's least specific entry")
    .option("--format <format>", "mermaid or dot", "mermaid")
    .action(async (opts: { table: string; region?: string; format: string }) => {
      if (opts.format !== "mermaid" && opts.format !== "dot") throw new UsageError(`unknown format "${opts.format}": use mermaid or dot`);
      const loaded = await loadTableForCli(opts.table);
      const table = loaded.table;
      let key: string | undefined;
      if (opts.region) {
        const n = normalizeRegion(opts.region, table, preparedOf(loaded));
        if (!n.ok) {
          process.stderr.write(`stellwerk: ${n.detail}\n`);
          setExit(EXIT_FINDINGS);
          return;
        }
        key = n.key;
      }
      const entryOf = (id: string): RouteEntry | undefined => {
        const s = table.scenarios[id]!;
        if (key) return lookupEntry(s, key).entry;
        const keys = Object.keys(s.routes).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
        return keys[0] ? lookupEntry(s, keys[0]).entry : undefined;
      };
      const edges = graphEdges(table, entryOf);
      process.stdout.write(opts.format === "dot" ? toDot(edges) : toMermaid(edges));
      setExit(EXIT_OK);
    });
}
