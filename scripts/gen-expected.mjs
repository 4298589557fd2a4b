// Regenerates examples/expected/ from the rules' acceptance tests (run `npx tsc -p tsconfig.json` first).
// Review the git diff before committing: it shows what every receiver gets.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "../dist/src/compiler/compile.js";
import { lower } from "../dist/src/lowering/lower.js";
import { loadTable } from "../dist/src/runtime/load-table.js";
import { expectedOutputs } from "../dist/src/analysis/expected-outputs.js";

const root = new URL("..", import.meta.url).pathname;
process.chdir(root);
const result = build({ paths: ["rules"], stage: "test" });
if (!result.output) {
  process.stderr.write("the rules have errors: run `stellwerk check rules`\n");
  process.exit(1);
}
const tables = { test: loadTable(result.output.table), pilot: loadTable(lower(result.model, "pilot").table) };
const files = await expectedOutputs(result.output.plan, tables, result.model.root);
const out = join(root, "examples", "expected");
rmSync(out, { recursive: true, force: true });
for (const [rel, text] of files) {
  mkdirSync(dirname(join(out, rel)), { recursive: true });
  writeFileSync(join(out, rel), text);
}
process.stdout.write(`wrote ${files.size} expected outputs to examples/expected/\n`);
