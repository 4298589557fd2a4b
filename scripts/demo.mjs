// The README's main job: build the compiler, check and build the shipped rules
// for the test and pilot stages, then route a real example message (dry run, with trace).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const DEMO_MESSAGE = "examples/gewerbe/a10-freiberg-anmeldung.xml";

function run(title, cmd, args) {
  process.stdout.write(`\n== ${title}\n$ ${[cmd, ...args].join(" ")}\n`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    process.stderr.write(`demo: step "${title}" failed with exit code ${r.status}\n`);
    process.exit(r.status ?? 2);
  }
}

run("compile stellwerk", "npx", ["tsc", "-p", "tsconfig.json"]);
run("check the rules", "node", ["bin/stellwerk.js", "check", "rules"]);
run("build the test-stage table", "node", ["bin/stellwerk.js", "build", "rules", "--stage", "test", "--out", "out/test"]);
run("build the pilot-stage table", "node", ["bin/stellwerk.js", "build", "rules", "--stage", "pilot", "--out", "out/pilot"]);
if (existsSync(DEMO_MESSAGE)) {
  run("route a real message (dry run)", "node", ["bin/stellwerk.js", "route", "--table", "out/test/routing-table.json", DEMO_MESSAGE]);
}
