/**
 * `stellwerk check` through the compiled CLI: exit codes (0 clean, 1
 * findings, 2 usage or I/O error), --format json and SARIF 2.1.0, no colour
 * without a TTY or with NO_COLOR. All invocations start together in beforeAll
 * (each CLI start costs most of a second); the tests read their results.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPretty, toSarif, useColor } from "../../src/diagnostics/render.js";
import { ANSI, stellwerkAll, tempDir, type CliRun } from "../helpers/cli.js";

const VALID = "test/fixtures/rules/valid";
const BROKEN = "test/fixtures/rules/broken/names/unknown-role-did-you-mean.stw";
const CURLY = "test/fixtures/rules/broken/lexer/curly-quotes.stw";
const tmp = tempDir();
const EMPTY = join(tmp.dir, "leer");

const WARN = "test/fixtures/rules/broken/regions/region-name-mismatch.stw";
const TIMEOUTS = "test/fixtures/rules/broken/adapter-settings/invalid-timeout-and-attempts.stw";
const SHADOWED = "test/fixtures/rules/broken/shadowed-routes/shadowed-binding.stw";

const RUNS = {
  cleanWithWarning: { args: ["check", VALID, WARN, "--format", "json"] },
  findings: { args: ["check", BROKEN, "test/fixtures/rules/broken/lexer/binary-data.stw"] },
  noColorForced: { args: ["check", BROKEN], env: { NO_COLOR: "1", FORCE_COLOR: "1" } },
  json: { args: ["check", TIMEOUTS, "--format", "json"] },
  sarif: { args: ["check", CURLY, "--format", "sarif"] },
  sarifWarning: { args: ["check", SHADOWED, "--format", "sarif"] },
  unknownOption: { args: ["check", "--bogus", VALID] },
  unknownFormat: { args: ["check", VALID, "--format", "xml"] },
  noPath: { args: ["check"] },
  help: { args: ["check", "--help"] },
  missingPath: { args: ["check", "does/not/exist", "--format", "json"] },
  emptyFolder: { args: ["check", EMPTY, "--format", "json"] },
  badDirectory: { args: ["check", VALID, "--directory", "does/not/exist.csv", "--format", "json"] },
} as const;

let run: Record<keyof typeof RUNS, CliRun>;
beforeAll(async () => {
  mkdirSync(EMPTY);
  run = await stellwerkAll(RUNS);
}, 120_000);
afterAll(() => tmp.remove());

const STACK_FRAME = /\n\s+at .+:\d+:\d+/;

describe("check: exit codes", () => {
  it("exits 0 for a clean rule set, also with warnings", () => {
    expect(run.cleanWithWarning.status).toBe(0);
    const out = JSON.parse(run.cleanWithWarning.stdout) as { diagnostics: Array<{ code: string; severity: string }> };
    expect(out.diagnostics.map((d) => [d.code, d.severity])).toEqual([["SW2023", "warning"]]);
  });

  it("exits 1 for findings, printing location, code, code frame and suggestion, and no stack trace", () => {
    const r = run.findings;
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${BROKEN}:11:6: error SW2001: Unknown role \`Empfaenegr\`.`);
    expect(r.stderr).toContain("11 |   to Empfaenegr");
    expect(r.stderr).toContain("   |      ^^^^^^^^^^");
    expect(r.stderr).toContain("help: did you mean `Empfaenger`?");
    expect(r.stderr).toContain("binary-data.stw:1:4: error SW1005");
    expect(r.stderr).toContain("2 error(s), 0 warning(s)");
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it("exits 2 for an unknown option or format, and without a path", () => {
    expect(run.unknownOption.stderr).toContain("unknown option '--bogus'");
    expect(run.unknownFormat.stderr).toContain('unknown format "xml"');
    for (const r of [run.unknownOption, run.unknownFormat, run.noPath]) {
      expect(r.status).toBe(2);
      expect(r.stderr).not.toMatch(STACK_FRAME);
    }
  });

  it("explains every option in --help", () => {
    expect(run.help.status).toBe(0);
    for (const opt of ["--directory", "--format"]) expect(run.help.stdout).toContain(opt);
  });

  // Regression: a missing path and an unreadable directory are I/O errors (exit 2), not findings (exit 1).
  it("exits 2 for a path that does not exist or an unreadable municipality directory", () => {
    expect(run.missingPath.status).toBe(2);
    expect(run.badDirectory.status).toBe(2);
  });

  it("reports a missing path (SW3003), a folder without rule files (SW3002) and an unreadable directory (SW3001)", () => {
    for (const [r, code] of [
      [run.missingPath, "SW3003"],
      [run.emptyFolder, "SW3002"],
      [run.badDirectory, "SW3001"],
    ] as const) {
      expect(r.status).not.toBe(0);
      expect((JSON.parse(r.stdout) as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code)).toEqual([code]);
    }
  });
});

describe("check --format json", () => {
  it("prints one JSON document with every diagnostic, its positions and the summary, on stdout only", () => {
    const r = run.json;
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { diagnostics: Array<Record<string, unknown>>; summary: Record<string, number> };
    expect(out.summary).toEqual({ errors: 2, warnings: 0, infos: 0 });
    expect(out.diagnostics).toEqual([
      expect.objectContaining({ code: "SW2042", severity: "error", line: 18, column: 63, endLine: 18, endColumn: 72, file: TIMEOUTS }),
      expect.objectContaining({ code: "SW2042", severity: "error", line: 18, column: 73, endLine: 18, endColumn: 84, file: TIMEOUTS }),
    ]);
    expect(r.stderr).toBe("");
  });
});

describe("check --format sarif", () => {
  type Sarif = {
    version: string;
    $schema: string;
    runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: Array<Record<string, any>> }>;
  };

  it("prints a SARIF 2.1.0 log with ruleId = code and a region per result", () => {
    expect(run.sarif.status).toBe(1);
    const log = JSON.parse(run.sarif.stdout) as Sarif;
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toContain("sarif");
    const [only] = log.runs;
    expect(only!.tool.driver.name).toBe("stellwerk");
    expect(only!.tool.driver.rules.map((x) => x.id)).toEqual(["SW1008"]);
    expect(only!.results.map((x) => [x["ruleId"], x["level"]])).toEqual([
      ["SW1008", "error"],
      ["SW1008", "error"],
    ]);
    const [first] = only!.results;
    expect(first!["ruleId"]).toBe("SW1008");
    expect(first!["level"]).toBe("error");
    expect(first!["message"].text).toContain("U+201E");
    const loc = first!["locations"][0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe(CURLY);
    expect(loc.region).toEqual({ startLine: 9, startColumn: 13, endLine: 9, endColumn: 14 });
  });

  it("maps warnings to level warning", () => {
    const log = JSON.parse(run.sarifWarning.stdout) as Sarif;
    expect(run.sarifWarning.status).toBe(0);
    expect(log.runs[0]!.results.map((x) => [x["ruleId"], x["level"]])).toEqual([["SW2050", "warning"]]);
  });
});

describe("SARIF locations", () => {
  // BUG: SARIF's artifactLocation.uri must be a URI reference (SARIF 2.1.0 §3.4.3, RFC 3986), but a file
  // path with a space or an umlaut is written as is (src/diagnostics/render.ts); GitHub code scanning
  // rejects such a log. Expected: percent-encoded, e.g. "regeln/%C3%9Cbersicht%20mit%20Leerzeichen.stw".
  it("percent-encodes file paths in artifactLocation.uri", () => {
    const file = "regeln/Übersicht mit Leerzeichen.stw";
    const d = { code: "SW2001", severity: "error" as const, message: "m", span: { file, start: 0, end: 1 } };
    const log = toSarif([d], new Map([[file, "x\n"]]), "0") as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("regeln/%C3%9Cbersicht%20mit%20Leerzeichen.stw");
  });
});

describe("colour", () => {
  it("prints no ANSI escapes when the output is not a terminal, nor with NO_COLOR (also when colour is forced)", () => {
    for (const r of [run.findings, run.noColorForced]) {
      expect(r.stderr).toContain("SW2001");
      expect(r.stderr).not.toMatch(ANSI);
      expect(r.stdout).not.toMatch(ANSI);
    }
  });

  it("uses colour only on a TTY and never with NO_COLOR", () => {
    const saved = process.env["NO_COLOR"];
    try {
      delete process.env["NO_COLOR"];
      expect(useColor({ isTTY: true })).toBe(true);
      expect(useColor({ isTTY: false })).toBe(false);
      expect(useColor({})).toBe(false);
      process.env["NO_COLOR"] = "1";
      expect(useColor({ isTTY: true })).toBe(false);
    } finally {
      if (saved === undefined) delete process.env["NO_COLOR"];
      else process.env["NO_COLOR"] = saved;
    }
    const d = { code: "SW2001", severity: "error" as const, message: "m", span: { file: "a.stw", start: 0, end: 1 } };
    expect(renderPretty(d, new Map([["a.stw", "x\n"]]), true)).toMatch(ANSI);
    expect(renderPretty(d, new Map([["a.stw", "x\n"]]), false)).not.toMatch(ANSI);
  });
});
