/**
 * Reference checks a JSON Schema cannot express: indexes in range, names that
 * must exist, route keys consistent with their entries. Run once at load.
 */
import type { RoutingTable } from "../table/routing-table.js";
import { LEVEL_LENGTHS } from "../table/routing-table.js";

/** Returns one payload-free line per broken reference (empty when all hold). */
export function checkReferences(t: RoutingTable): string[] {
  const out: string[] = [];
  const expr = (ref: number | undefined, where: string): void => {
    if (ref !== undefined && ref >= t.expressions.length) out.push(`${where}: expression #${ref} does not exist`);
  };
  const endpoint = (ref: number, where: string): void => {
    if (ref >= t.endpoints.length) out.push(`${where}: endpoint #${ref} does not exist`);
  };
  const message = (name: string, where: string): void => {
    if (!Object.hasOwn(t.messages, name)) out.push(`${where}: message type ${name} is not in messages`);
  };
  for (const [id, s] of Object.entries(t.scenarios)) {
    const at = `scenarios/${id}`;
    if (s.id !== id) out.push(`${at}: id ${s.id} differs from its key`);
    message(s.message, at);
    expr(s.detect.when, `${at}/detect`);
    expr(s.region, `${at}/region`);
    expr(s.correlation, `${at}/correlation`);
    expr(s.idempotency, `${at}/idempotency`);
    if (s.unroutable.kind === "dead-letter") endpoint(s.unroutable.endpoint, `${at}/unroutable`);
    if (s.ack !== undefined && !Object.hasOwn(t.scenarios, s.ack)) out.push(`${at}: ack scenario ${s.ack} does not exist`);
    for (const [key, e] of Object.entries(s.routes)) {
      const where = `${at}/routes/${key}`;
      const level = LEVEL_LENGTHS.find(([, len]) => len === key.length)?.[0];
      if (level === undefined) out.push(`${where}: a ${key.length}-digit key is not a regional key prefix`);
      if (e.source !== undefined && !(e.source >= 0 && e.source < t.sources.length)) out.push(`${where}/source: source #${e.source} does not exist`);
      e.deliveries.forEach((ref, i) => {
        if (!(ref >= 0 && ref < t.deliveries.length)) out.push(`${where}/deliveries/${i}: delivery #${ref} does not exist`);
      });
    }
  }
  t.sources.forEach((src, i) => endpoint(src.endpoint, `/sources/${i}`));
  t.deliveries.forEach((d, i) => {
    const w = `/deliveries/${i}`;
    endpoint(d.endpoint, w);
    message(d.message, w);
    expr(d.transform, w);
    expr(d.when, w);
    if (d.bindings !== undefined && d.bindings >= t.bindings.length) out.push(`${w}: bindings #${d.bindings} do not exist`);
  });
  return out;
}
