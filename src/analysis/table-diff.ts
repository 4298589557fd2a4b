/**
 * Semantic diff of two routing tables: what a change does to which
 * municipalities. For every scenario and every municipality in scope of either
 * table, the deliveries each table would make are compared target by target
 * (role + recipient); changes are grouped by their description so one change
 * affecting 400 municipalities is one line listing them.
 */
import { lookupEntry } from "../runtime/region.js";
import { entryDeliveries, type Delivery, type RouteEntry, type RoutingTable, type Scenario } from "../table/routing-table.js";

export interface TableChange {
  scenario: string;
  /** "role" or "role \"recipient\"". */
  target: string;
  /** e.g. "system gewerbe.GewerbeProX -> gewerbe.GewerbeProY", "added", "removed". */
  change: string;
  /** AGS of the affected municipalities, sorted. */
  municipalities: string[];
}

export interface TableDiff {
  changes: TableChange[];
  /** Municipalities only in the new / old table's scope. */
  addedMunicipalities: string[];
  removedMunicipalities: string[];
  scenariosAdded: string[];
  scenariosRemoved: string[];
}

/** What of a delivery matters to a receiver, rendered comparably (payload-free). */
function describe(table: RoutingTable, d: Delivery): Record<string, string> {
  const endpoint = table.endpoints[d.endpoint];
  const vars = d.bindings !== undefined ? table.bindings[d.bindings] : undefined;
  return {
    system: d.system,
    endpoint: endpoint ? JSON.stringify(endpoint.adapter) : "?",
    message: d.message,
    transform: d.transform !== undefined ? (d.transformName ?? "") + " " + (table.expressions[d.transform] ?? "") : "(none)",
    condition: d.when !== undefined ? (table.expressions[d.when] ?? "") : "(always)",
    variables: vars ? JSON.stringify(vars) : "(none)",
    notes: d.annotations ? JSON.stringify(d.annotations) : "(none)",
  };
}

function targetsOf(table: RoutingTable, entry: RouteEntry | undefined): Map<string, Record<string, string>> {
  const m = new Map<string, Record<string, string>>();
  if (!entry || (entry.deliveries.length === 0 && entry.stage !== table.stage && stageRank(entry.stage) < stageRank(table.stage))) return m;
  for (const d of entryDeliveries(table, entry)) m.set(d.recipient !== undefined ? `${d.role} "${d.recipient}"` : d.role, describe(table, d));
  return m;
}

function stageRank(s: string): number {
  return ["test", "pilot", "production"].indexOf(s);
}

function short(v: string, max = 80): string {
  return v.length > max ? v.slice(0, max - 1) + "…" : v;
}

/** Compares two tables. Pure; cost is O(scenarios x municipalities x 5 probes). */
export function diffTables(before: RoutingTable, after: RoutingTable): TableDiff {
  const groups = new Map<string, TableChange>();
  const add = (scenario: string, target: string, change: string, ags: string): void => {
    const id = `${scenario}\u0000${target}\u0000${change}`;
    let g = groups.get(id);
    if (!g) {
      g = { scenario, target, change, municipalities: [] };
      groups.set(id, g);
    }
    g.municipalities.push(ags);
  };
  const allAgs = [...new Set([...Object.keys(before.regions.agsToArs), ...Object.keys(after.regions.agsToArs)])].sort();
  const scenarioIds = [...new Set([...Object.keys(before.scenarios), ...Object.keys(after.scenarios)])].sort();
  for (const id of scenarioIds) {
    const sa: Scenario | undefined = before.scenarios[id];
    const sb: Scenario | undefined = after.scenarios[id];
    for (const ags of allAgs) {
      const arsA = before.regions.agsToArs[ags];
      const arsB = after.regions.agsToArs[ags];
      const ta = targetsOf(before, sa && arsA ? lookupEntry(sa, arsA).entry : undefined);
      const tb = targetsOf(after, sb && arsB ? lookupEntry(sb, arsB).entry : undefined);
      for (const target of new Set([...ta.keys(), ...tb.keys()])) {
        const a = ta.get(target);
        const b = tb.get(target);
        if (!a) add(id, target, `added: ${b!["system"]}`, ags);
        else if (!b) add(id, target, `removed (was ${a["system"]})`, ags);
        else
          for (const k of Object.keys(a)) {
            if (a[k] !== b[k]) add(id, target, `${k}: ${short(a[k]!)} -> ${short(b[k]!)}`, ags);
          }
      }
    }
  }
  const changes = [...groups.values()].sort((x, y) =>
    x.scenario !== y.scenario ? (x.scenario < y.scenario ? -1 : 1) : x.target !== y.target ? (x.target < y.target ? -1 : 1) : x.change < y.change ? -1 : 1,
  );
  return {
    changes,
    addedMunicipalities: allAgs.filter((a) => !before.regions.agsToArs[a] && after.regions.agsToArs[a]),
    removedMunicipalities: allAgs.filter((a) => before.regions.agsToArs[a] && !after.regions.agsToArs[a]),
    scenariosAdded: scenarioIds.filter((s) => !before.scenarios[s]),
    scenariosRemoved: scenarioIds.filter((s) => !after.scenarios[s]),
  };
}
