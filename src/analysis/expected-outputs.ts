/**
 * The expected outputs of the shipped examples: every acceptance test of the
 * rules routes its message, and each delivery's payload is the expected output
 * for that test and target. `scripts/gen-expected.mjs` writes them to
 * examples/expected/; a test routes again and compares byte for byte, so any
 * change of what a receiver gets shows up as a reviewable diff.
 */
import type { LoadedTable } from "../runtime/api.js";
import { runTestPlan } from "../runtime/test-runner.js";
import type { Stage } from "../table/routing-table.js";
import type { TestPlan } from "../table/test-plan.js";

/** A file-name-safe form of a test name (ASCII, lower case). */
export function slugOf(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return ascii.slice(0, 80) || "test";
}

/**
 * Routes every test case of the plan and returns the delivered payloads by
 * relative path `<package>/<test-slug>/<delivery file name>`. Rejected inputs
 * (negative tests) deliver nothing and produce no file.
 */
export async function expectedOutputs(plan: TestPlan, tables: Partial<Record<Stage, LoadedTable>>, root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  await runTestPlan(plan, {
    tables,
    root,
    onRouted: (c, result) => {
      if (!result.ok) return;
      for (const d of result.deliveries) files.set(`${c.package}/${slugOf(c.name)}/${d.fileName}`, d.payload.text);
    },
  });
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
