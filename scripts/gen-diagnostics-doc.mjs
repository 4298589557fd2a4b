// Regenerates docs/diagnostics.md from the code tables (run `npx tsc -p tsconfig.json` first).
import { writeFileSync } from "node:fs";
import { diagnosticsMarkdown } from "../dist/src/diagnostics/catalog.js";

writeFileSync(new URL("../docs/diagnostics.md", import.meta.url), diagnosticsMarkdown());
process.stdout.write("wrote docs/diagnostics.md\n");
