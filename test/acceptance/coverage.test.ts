/**
 * Issue "Saxon rule sets", done-when: the test-stage table resolves every
 * scenario for each of the 419 Saxon municipalities, the pilot-stage table for
 * the three pilots (Chemnitz, Freiberg, the Verwaltungsgemeinschaft Mittweida
 * with Mittweida and Altmittweida), and every scenario has a positive and a
 * negative acceptance test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/compiler/compile.js";
import { lower } from "../../src/lowering/lower.js";
import { lookupEntry } from "../../src/runtime/region.js";
import { STAGES, entryDeliveries, entrySource, type RoutingTable } from "../../src/table/routing-table.js";
import type { TestPlan } from "../../src/table/test-plan.js";

const REPO = new URL("../../", import.meta.url).pathname;
const PILOTS = { "14511000": "Chemnitz", "14522180": "Freiberg", "14522360": "Mittweida", "14522010": "Altmittweida" };

/** Problems resolving every scenario at one municipality (empty when it resolves). */
function unresolved(table: RoutingTable, ars: string): string[] {
  const out: string[] = [];
  for (const [id, s] of Object.entries(table.scenarios)) {
    const { entry } = lookupEntry(s, ars);
    if (!entry) out.push(`${id}: no entry`);
    else if (STAGES.indexOf(entry.stage) < STAGES.indexOf(table.stage)) out.push(`${id}: below the table's stage`);
    else if (!s.reply && entrySource(table, entry) === undefined) out.push(`${id}: no sender binding`);
    else if (!s.reply && entryDeliveries(table, entry).length === 0) out.push(`${id}: no delivery`);
  }
  return out;
}

describe("the Saxon rule sets", () => {
  let test: RoutingTable;
  let pilot: RoutingTable;
  let plan: TestPlan;
  beforeAll(() => {
    const cwd = process.cwd();
    process.chdir(REPO);
    try {
      const result = build({ paths: ["rules"], stage: "test" });
      expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
      test = result.output!.table;
      plan = result.output!.plan;
      pilot = lower(result.model!, "pilot").table;
    } finally {
      process.chdir(cwd);
    }
  }, 120_000);

  it("the test-stage table resolves every scenario for each of the 419 Saxon municipalities", () => {
    const municipalities = Object.entries(test.regions.agsToArs);
    expect(municipalities).toHaveLength(419);
    const problems = municipalities.flatMap(([ags, ars]) => unresolved(test, ars).map((p) => `${ags} ${p}`));
    expect(problems).toEqual([]);
  });

  it("the pilot-stage table holds exactly the three pilots and resolves every scenario there", () => {
    expect(Object.keys(pilot.regions.agsToArs).sort()).toEqual(Object.keys(PILOTS).sort());
    for (const ars of Object.values(pilot.regions.agsToArs)) expect(unresolved(pilot, ars)).toEqual([]);
  });

  it("every scenario has a positive and a negative acceptance test", () => {
    const scenarioOf = (t: TestPlan["tests"][number]): string | undefined => t.input.scenario;
    const missing: string[] = [];
    for (const id of Object.keys(test.scenarios)) {
      const tests = plan.tests.filter((t) => scenarioOf(t) === id);
      const positive = tests.some((t) => t.expectations.some((e) => e.kind === "delivered" || e.kind === "field"));
      const negative = tests.some((t) => t.expectations.some((e) => e.kind === "rejected" || e.kind === "not-delivered" || e.kind === "absent"));
      if (!positive) missing.push(`${id}: no positive test`);
      if (!negative) missing.push(`${id}: no negative test`);
    }
    expect(missing).toEqual([]);
  });
});
