/**
 * The `stellwerk` command line (commander). Each command lives in
 * cli/commands/<name>.ts. No stack trace ever reaches the user: usage and I/O
 * problems print one line and exit 2.
 */
import { printable } from "../diagnostics/printable.js";
import { Command, CommanderError } from "commander";
import { toolVersions } from "../lowering/versions.js";
import { EXIT_USAGE, UsageError } from "./output.js";

type Register = (program: Command, setExit: (code: number) => void) => void;

/**
 * Commands by name, loaded on demand: an invocation loads only its own
 * command's modules (the compiler, the router or the service), which keeps
 * start-up short; help and unknown commands load all of them.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  check: async () => (await import("./commands/check.js")).registerCheck,
  build: async () => (await import("./commands/build.js")).registerBuild,
  diff: async () => (await import("./commands/diff.js")).registerDiff,
  explain: async () => (await import("./commands/explain.js")).registerExplain,
  graph: async () => (await import("./commands/graph.js")).registerGraph,
  fmt: async () => (await import("./commands/fmt.js")).registerFmt,
  init: async () => (await import("./commands/init.js")).registerInit,
  test: async () => (await import("./commands/test.js")).registerTest,
  route: async () => (await import("./commands/route.js")).registerRoute,
  serve: async () => (await import("./commands/serve.js")).registerServe,
  replay: async () => (await import("./commands/replay.js")).registerReplay,
  purge: async () => (await import("./commands/purge.js")).registerPurge,
};

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
  const name = argv[2];
  const wanted = name !== undefined && Object.hasOwn(COMMANDS, name) ? [name] : name === "--version" || name === "-V" ? [] : Object.keys(COMMANDS);
  for (const n of wanted) (await COMMANDS[n]!())(program, setExit);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    const msg = e instanceof UsageError ? e.message : describeError(e);
    // One printable line: a newline or escape sequence in a path the user gave cannot split it or drive the terminal.
    process.stderr.write(`stellwerk: ${printable(msg)}\n`);
    return EXIT_USAGE;
  }
}


/** Plain words for the file-system errors a user can cause with a path. */
const IO_ERRORS: Record<string, string> = {
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is not a folder",
  EEXIST: "already exists (and is not a folder that can be used)",
  EISDIR: "is a folder, not a file",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
};

/** Messages of I/O errors without stack traces or payload: "<path>: <what> (<code>)". */
export function describeError(e: unknown): string {
  if (e && typeof e === "object" && "code" in e && "path" in e) {
    const code = String((e as { code: unknown }).code);
    return `${String((e as { path: unknown }).path)}: ${IO_ERRORS[code] ?? "input/output error"} (${code})`;
  }
  if (e instanceof Error) return e.message.split("\n")[0] ?? "error";
  return "unexpected error";
}
