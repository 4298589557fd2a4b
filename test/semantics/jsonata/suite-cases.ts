/**
 * Loads the JSONata conformance suite copied into test/fixtures/jsonata-test-suite
 * (groups/<group>/*.json: one case or an array of cases, each with `expr` or
 * `expr-file`, optional `bindings`, and `code` when the case expects an error).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const SUITE_DIR = new URL("../../fixtures/jsonata-test-suite/", import.meta.url).pathname;

export interface SuiteCase {
  /** "group/file#index" */
  id: string;
  expr: string;
  bindings: string[];
  /** Error code the suite expects (syntax or run time), if any. */
  code?: string;
  /** The suite expects no result (`undefined`). */
  undefinedResult?: boolean;
}

interface RawCase {
  expr?: string;
  "expr-file"?: string;
  bindings?: Record<string, unknown>;
  code?: string;
  undefinedResult?: boolean;
}

/** Every case of the suite, in a stable order. */
export function loadSuite(): SuiteCase[] {
  const groupsDir = join(SUITE_DIR, "groups");
  const out: SuiteCase[] = [];
  for (const group of readdirSync(groupsDir).sort()) {
    const dir = join(groupsDir, group);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
      const parsed = JSON.parse(readFileSync(join(dir, file), "utf8")) as RawCase | RawCase[];
      const cases = Array.isArray(parsed) ? parsed : [parsed];
      cases.forEach((c, i) => {
        const expr = c.expr ?? (c["expr-file"] ? readFileSync(join(dir, c["expr-file"]), "utf8") : undefined);
        if (expr === undefined) return;
        const sc: SuiteCase = { id: `${group}/${file}#${i}`, expr, bindings: Object.keys(c.bindings ?? {}) };
        if (c.code) sc.code = c.code;
        if (c.undefinedResult) sc.undefinedResult = true;
        out.push(sc);
      });
    }
  }
  return out;
}
