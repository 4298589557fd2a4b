// Runs `stellwerk serve ...` through the compiled command (dist/src/cli/commands/serve.js)
// with commander, as the CLI's main does. argv after the script: the serve arguments.
import { fileURLToPath } from "node:url";
import { Command } from "commander";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const { registerServe } = await import(`${repo}dist/src/cli/commands/serve.js`);
const program = new Command().name("stellwerk").exitOverride();
let code = 0;
registerServe(program, (c) => (code = c));
try {
  await program.parseAsync(["node", "stellwerk", "serve", ...process.argv.slice(2)]);
} catch (e) {
  process.stderr.write(`stellwerk: ${e instanceof Error ? e.message : String(e)}\n`);
  code = 2;
}
process.exitCode = code;
