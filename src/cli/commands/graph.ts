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

/** Mermaid node ids: the name's letters and digits, numbered when two names would clash ("a.b" and "a_b"). */
function nodeIds(names: string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const n of names) {
    const base = n.replace(/[^A-Za-z0-9_]/g, "_") || "_";
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
    taken.add(id);
    ids.set(n, id);
  }
  return ids;
}

/** Text inside a quoted Mermaid label: quotes as the entity #quot;, controls and line separators as spaces. */
function mermaidText(s: string): string {
  return s.replace(/"/g, "#quot;").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
}

/** The diagram in Mermaid flowchart syntax; names from the table are escaped, never interpreted. */
export function toMermaid(edges: Edge[]): string {
  const lines = ["flowchart LR"];
  const names = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  const id = nodeIds(names);
  for (const n of names) lines.push(`  ${id.get(n)!}["${mermaidText(shortName(n))}"]`);
  for (const e of edges) lines.push(`  ${id.get(e.from)!} -->|"${mermaidText(e.label)}"| ${id.get(e.to)!}`);
  return lines.join("\n") + "\n";
}

/** The diagram in Graphviz DOT; names are quoted DOT strings (JSON escaping is valid there). */
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
