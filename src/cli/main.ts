/**
 * The `stellwerk` command line (commander). Each command lives in
 * cli/commands/<name>.ts. No stack trace ever reaches the user: usage and I/O
 * problems print one line and exit 2.
 */
import { Command, CommanderError } from "commander";
import { toolVersions } from "../lowering/lower.js";
import { registerBuild } from "./commands/build.js";
import { registerCheck } from "./commands/check.js";
import { registerDiff } from "./commands/diff.js";
import { registerExplain } from "./commands/explain.js";
import { registerFmt } from "./commands/fmt.js";
import { registerGraph } from "./commands/graph.js";
import { registerInit } from "./commands/init.js";
import { registerPurge } from "./commands/purge.js";
import { registerReplay } from "./commands/replay.js";
import { registerRoute } from "./commands/route.js";
import { registerServe } from "./commands/serve.js";
import { registerTest } from "./commands/test.js";
import { EXIT_USAGE, UsageError } from "./output.js";

/** Runs the CLI; resolves to the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  const program = new Command();
  program
    .name("stellwerk")
    .description("Compile integration rules (*.stw) into routing tables, and route messages with them.")
    .version(toolVersions().compilerVersion)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerCheck(program, setExit);
  registerBuild(program, setExit);
  registerDiff(program, setExit);
  registerExplain(program, setExit);
  registerGraph(program, setExit);
  registerFmt(program, setExit);
  registerInit(program, setExit);
  registerTest(program, setExit);
  registerRoute(program, setExit);
  registerServe(program, setExit);
  registerReplay(program, setExit);
  registerPurge(program, setExit);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    const msg = e instanceof UsageError ? e.message : describeError(e);
    process.stderr.write(`stellwerk: ${msg}\n`);
    return EXIT_USAGE;
  }
}

/** Messages of I/O errors without stack traces or payload. */
function describeError(e: unknown): string {
  if (e && typeof e === "object" && "code" in e && "path" in e) return `${String((e as { code: unknown }).code)} on ${String((e as { path: unknown }).path)}`;
  if (e instanceof Error) return e.message.split("\n")[0] ?? "error";
  return "unexpected error";
}
