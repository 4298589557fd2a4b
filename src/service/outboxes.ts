/**
 * The source outboxes a routing table names: for every scenario route entry
 * whose `source` endpoint is a filesystem adapter with an `outbox`, that
 * outbox (relative to the exchange root). Also where each outbox's error
 * folder is: `<outbox>.error`, a sibling of the outbox.
 */
import * as path from "node:path";
import type { RoutingTable } from "../table/routing-table.js";
import { lookupEntry } from "../runtime/region.js";
import { isInside } from "./secure-fs.js";

/** One watched outbox. */
export interface OutboxSpec {
  /** Normalised relative path ("/" separated, no leading "./", no trailing "/"). */
  rel: string;
  /** Absolute path of the outbox. */
  dir: string;
  /** Absolute path of its error folder (`<outbox>.error`). */
  errorDir: string;
  /** Endpoint indexes (into table.endpoints) whose outbox this is. */
  endpoints: number[];
}

/** A configured outbox that was refused (outside the exchange root, empty). */
export interface RefusedOutbox {
  outbox: string;
  why: string;
}

/** Normalises a relative outbox path: "/" separators, no "." segments, no trailing "/". */
export function normalizeRel(rel: string): string {
  return path.posix.normalize(rel.replace(/\\/g, "/")).replace(/^\.\/+/, "").replace(/\/+$/, "");
}

/** Absolute error folder of an outbox. */
export function errorDirOf(exchangeRoot: string, outboxRel: string): string {
  return path.resolve(exchangeRoot, `${normalizeRel(outboxRel)}.error`);
}

/**
 * Lists the distinct source outboxes of `table` under `exchangeRoot`, sorted by path.
 * Outboxes that would leave the exchange root (or are the root itself) are refused.
 */
export function sourceOutboxes(
  table: RoutingTable,
  exchangeRoot: string,
): { outboxes: OutboxSpec[]; refused: RefusedOutbox[] } {
  const byRel = new Map<string, OutboxSpec>();
  const refused: RefusedOutbox[] = [];
  const root = path.resolve(exchangeRoot);
  for (const scenario of Object.values(table.scenarios)) {
    for (const entry of Object.values(scenario.routes)) {
      const ref = entry.source === undefined ? undefined : table.sources[entry.source]?.endpoint;
      if (ref === undefined) continue;
      const adapter = table.endpoints[ref]?.adapter;
      if (adapter?.kind !== "filesystem" || adapter.outbox === undefined) continue;
      const rel = normalizeRel(adapter.outbox);
      const dir = path.resolve(root, rel);
      if (rel === "" || rel === "." || path.isAbsolute(rel) || !isInside(root, dir) || dir === root) {
        if (!refused.some((r) => r.outbox === adapter.outbox)) {
          refused.push({ outbox: adapter.outbox, why: "outbox must be a folder below the exchange root" });
        }
        continue;
      }
      const spec = byRel.get(rel) ?? { rel, dir, errorDir: errorDirOf(root, rel), endpoints: [] };
      if (!spec.endpoints.includes(ref)) spec.endpoints.push(ref);
      byRel.set(rel, spec);
    }
  }
  const outboxes = [...byRel.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { outboxes, refused };
}

/**
 * The outbox (relative, normalised) of the source endpoint of `scenario` at
 * `region` (the message's regional key; longest-prefix match as the router does),
 * or undefined when the entry has no filesystem source.
 */
export function expectedSourceOutbox(table: RoutingTable, scenario: string, region: string): string | undefined {
  const s = Object.hasOwn(table.scenarios, scenario) ? table.scenarios[scenario] : undefined;
  if (s === undefined) return undefined;
  const entry = lookupEntry(s, region).entry;
  const ref = entry?.source === undefined ? undefined : table.sources[entry.source]?.endpoint;
  if (ref === undefined) return undefined;
  const adapter = table.endpoints[ref]?.adapter;
  if (adapter?.kind !== "filesystem" || adapter.outbox === undefined) return undefined;
  return normalizeRel(adapter.outbox);
}
