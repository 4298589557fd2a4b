/** Test helpers: fixture tables and messages (test/fixtures), loaded through the public API. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RoutingTable } from "../../src/table/routing-table.js";
import { withContentHash } from "../../src/table/content-hash.js";
import { loadTable } from "../../src/runtime/load-table.js";
import type { LoadedTable } from "../../src/runtime/api.js";

const root = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** Raw bytes of a fixture file, path relative to test/fixtures. */
export function fixtureBytes(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(root + rel));
}

/** Text of a fixture file (UTF-8). */
export function fixtureText(rel: string): string {
  return readFileSync(root + rel, "utf8");
}

/** A fresh parsed copy of a fixture table (mutable). */
export function tableJson(name = "gewerbe"): RoutingTable {
  return JSON.parse(fixtureText(`tables/${name}.json`)) as RoutingTable;
}

/** Loads a fixture table, optionally after a mutation (the content hash is recomputed). */
export function loadFixture(name = "gewerbe", mutate?: (t: RoutingTable) => void): LoadedTable {
  const t = tableJson(name);
  if (mutate === undefined) return loadTable(t);
  mutate(t);
  return loadTable(withContentHash(t));
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

export const FREIBERG_ABMELDUNG = "messages/xgewerbeanzeige/sta-abmeldung-freiberg.xml";
export const FREIBERG_ANMELDUNG = "messages/xgewerbeanzeige/sta-anmeldung-freiberg.xml";
export const LUE_MITTWEIDA = "messages/xgewerbeanzeige/lue-meldungen-mittweida.xml";
export const A1_FREIBERG = "messages/json/a1-antrag-freiberg.json";
export const A2_FREIBERG = "messages/json/a2-nachricht-freiberg.json";
export const A6_FREIBERG = "messages/json/a6-abschluss-freiberg.json";
export const KFZ_FREIBERG = "messages/json/kfz-antrag-freiberg.json";

/** The Freiberg Abmeldung with its AGS replaced (all occurrences): the same message from another municipality. */
export function abmeldungFrom(ags: string): Uint8Array {
  return enc(fixtureText(FREIBERG_ABMELDUNG).replaceAll("14522180", ags));
}
