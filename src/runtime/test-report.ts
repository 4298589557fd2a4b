/**
 * Plain-text rendering of a test report for people (the CLI adds colour).
 * A failing case shows each failing expectation with expected, actual and the
 * structural diff; payload values appear only if the report was made with
 * showValues.
 */
import { formatExpectation } from "./junit.js";
import type { TestReport } from "./test-runner.js";

/** Colouring hooks (identity by default); pass picocolors' functions on a TTY. */
export interface ReportColors {
  pass: (s: string) => string;
  fail: (s: string) => string;
  dim: (s: string) => string;
}

const PLAIN: ReportColors = { pass: (s) => s, fail: (s) => s, dim: (s) => s };

/** One block per case, then a summary line. */
export function formatTestReport(report: TestReport, colors: ReportColors = PLAIN): string {
  const lines: string[] = [];
  for (const c of report.cases) {
    const where = colors.dim(`${c.file}:${c.line}`);
    if (c.status === "passed") {
      lines.push(`${colors.pass("✓")} ${c.name} ${where}`);
      continue;
    }
    lines.push(`${colors.fail("✗")} ${c.name} ${where}`);
    if (c.status === "error") lines.push(`    ${c.error ?? "error"}`);
    else for (const x of c.expectations.filter((e) => !e.ok)) lines.push(...formatExpectation(x).map((l) => `    ${l}`));
    if (c.routed && !c.routed.ok) lines.push(colors.dim(`    (input rejected: ${c.routed.reason}: ${c.routed.detail})`));
  }
  const summary = `${report.total} tests: ${report.passed} passed, ${report.failed} failed, ${report.errors} errors (${(report.durationMs / 1000).toFixed(2)} s)`;
  lines.push("", report.failed + report.errors > 0 ? colors.fail(summary) : colors.pass(summary));
  return lines.join("\n");
}
