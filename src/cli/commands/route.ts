/**
 * `stellwerk route --table <file> <message> [--scenario ID] [--region KEY] [--format pretty|json]`:
 * a dry run of the router on one message file. Prints the deliveries (target,
 * adapter, file name, rule location; payloads only with --show-payload) and
 * the trace. Nothing is delivered.
 * Exit codes: 0 routed; 1 rejected (the reason is printed); 2 usage, I/O or a
 * table that cannot be loaded.
 */
import { printable } from "../../diagnostics/printable.js";
import { loadTableForCli } from "../table-file.js";
import type { Command } from "commander";
import pc from "picocolors";
import { useColor } from "../../diagnostics/render.js";
import { sha256Hex } from "../../table/content-hash.js";
import type { RouteResult, RoutedDelivery } from "../../runtime/api.js";
import { InputFileError, readInputFile } from "../../runtime/input-file.js";
import { DEFAULT_LIMITS, route } from "../../runtime/router.js";
import { EXIT_FINDINGS, EXIT_OK, UsageError } from "../output.js";

interface RouteCliOptions {
  table: string;
  scenario?: string;
  region?: string;
  format: string;
  showPayload?: boolean;
  maxEvalMs?: string;
}

/** Registers `route` on the program; `setExit` receives the exit code (default: process.exitCode). */
export function registerRoute(program: Command, setExit: (code: number) => void = (c) => void (process.exitCode = c)): void {
  program
    .command("route")
    .description("Route one message with a routing table (dry run): print the deliveries and the trace; exit 1 with the reason when it cannot be routed.")
    .requiredOption("--table <file>", "routing-table.json written by `stellwerk build`")
    .argument("<message>", "message file (XML or JSON)")
    .option("--scenario <id>", "scenario id, qualified (gewerbe.A1) or short (A1) when unique; default: detected from the message")
    .option("--region <key>", "regional key (AGS 8 digits, ARS 12, or a 2/3/5/9-digit prefix); default: read from the message")
    .option("--format <format>", "pretty or json", "pretty")
    .option("--show-payload", "also print each delivery's payload (personal data: off by default)")
    .option("--max-eval-ms <ms>", "time limit of one JSONata evaluation in milliseconds (default 2000)")
    .action(async (message: string, opts: RouteCliOptions) => {
      if (opts.format !== "pretty" && opts.format !== "json") throw new UsageError(`unknown format "${opts.format}": use pretty or json`);
      const result = await runRoute(message, opts);
      if (opts.format === "json") process.stdout.write(JSON.stringify(toJson(result, opts.showPayload ?? false), null, 2) + "\n");
      else process.stdout.write(formatPretty(result, opts.showPayload ?? false, useColor(process.stdout)) + "\n");
      setExit(result.ok ? EXIT_OK : EXIT_FINDINGS);
    });
}

async function runRoute(message: string, opts: RouteCliOptions): Promise<RouteResult> {
  const table = await loadTableForCli(opts.table);
  let bytes: Uint8Array;
  try {
    bytes = await readInputFile(message, DEFAULT_LIMITS.maxBytes);
  } catch (e) {
    const why = e instanceof InputFileError ? (e.code === "io" ? e.errno : e.message) : "error";
    throw new UsageError(`cannot read ${message} (${why})`);
  }
  let maxEvalMs: number | undefined;
  if (opts.maxEvalMs !== undefined) {
    maxEvalMs = Number(opts.maxEvalMs);
    if (!Number.isInteger(maxEvalMs) || maxEvalMs <= 0) throw new UsageError("--max-eval-ms needs a positive integer");
  }
  return route(table, bytes, {
    ...(opts.scenario !== undefined ? { scenario: opts.scenario } : {}),
    ...(opts.region !== undefined ? { region: opts.region } : {}),
    ...(maxEvalMs !== undefined ? { limits: { maxEvalMs } } : {}),
  });
}

/** A delivery without its payload (unless asked), plus the payload's size and hash. */
function deliveryJson(d: RoutedDelivery, showPayload: boolean): object {
  const { payload, ...rest } = d;
  const summary = { mediaType: payload.mediaType, chars: payload.text.length, sha256: "sha256:" + sha256Hex(payload.text), attachments: Object.keys(payload.attachments ?? {}) };
  return { ...rest, payload: showPayload ? { ...summary, text: payload.text } : summary };
}

function toJson(r: RouteResult, showPayload: boolean): object {
  return r.ok ? { ...r, deliveries: r.deliveries.map((d) => deliveryJson(d, showPayload)) } : r;
}

function adapterLine(d: RoutedDelivery): string {
  const a = d.adapter;
  switch (a.kind) {
    case "filesystem":
      return `filesystem ${a.variant} ${a.inbox ?? "(no inbox)"} (${a.encoding})`;
    case "webservice":
      return `webservice ${a.method} ${a.url}`;
    case "osci":
      return `osci ${a.recipient} -> orders ${a.orders}`;
  }
}

function formatPretty(r: RouteResult, showPayload: boolean, color: boolean): string {
  const c = pc.createColors(color);
  // Names and traces come from the table and the message: escaped before colouring, so they cannot drive the terminal.
  const p = printable;
  const out: string[] = [];
  if (r.ok) {
    out.push(`${c.green("routed")} ${p(r.scenario)} (message ${p(r.messageId)}, region ${p(r.region)}): ${r.deliveries.length} deliver${r.deliveries.length === 1 ? "y" : "ies"}`);
    for (const d of r.deliveries) {
      out.push(p(`  -> ${d.role}${d.recipient !== undefined ? ` "${d.recipient}"` : ""}: ${d.system} via ${adapterLine(d)}`));
      out.push(c.dim(p(`     ${d.fileName}, ${d.message}, entry ${d.region} (${d.level}), set at ${d.setBy.file}:${d.setBy.line}`)));
      if (showPayload) out.push(...d.payload.text.split("\n").map((l) => `     | ${p(l.replace(/\r$/, "").replace(/\t/g, "    "))}`));
    }
    if (r.opensCase) out.push(p(`  opens case ${r.opensCase.correlationKey} (replies go to ${r.opensCase.origin.system})`));
  } else {
    out.push(`${c.red("rejected")}: ${p(r.reason)}: ${p(r.detail)}`);
  }
  out.push(c.dim("trace:"));
  for (const s of r.trace) out.push(c.dim(p(`  ${s.step.padEnd(9)} ${s.detail}`)));
  return out.join("\n");
}
