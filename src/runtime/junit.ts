/**
 * JUnit XML for CI from a test report (test-runner.ts): one <testsuite> per
 * package, one <testcase> per test (classname = package, file and line of
 * the test block), <failure> per failed case with one line per failing
 * expectation and its diff, <error> for cases that could not run.
 * Text is escaped for XML 1.0; characters XML 1.0 forbids are written as
 * "\uXXXX". Contains only what the report contains (payload values only when
 * the report was made with showValues).
 */
import type { DiffEntry } from "./diff.js";
import type { ExpectationResult, TestCaseResult, TestReport } from "./test-runner.js";

const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for element content and attribute values. */
export function xmlEscape(s: string): string {
  return s
    .replace(INVALID_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** One line per diff entry: "  at <path>: expected <e>, actual <a>". */
export function formatDiff(diff: readonly DiffEntry[]): string[] {
  return diff.map((d) => {
    const where = d.path === "" ? "(root)" : d.path;
    const e = d.expected === undefined ? "(absent)" : JSON.stringify(d.expected);
    const a = d.actual === undefined ? "(absent)" : JSON.stringify(d.actual);
    return `  at ${where}: expected ${e}, actual ${a}`;
  });
}

/** The failure text of one expectation: message, expected/actual, diff. */
export function formatExpectation(x: ExpectationResult): string[] {
  const lines = [`line ${x.line}: ${x.message}`];
  if (x.expected !== undefined) lines.push(`  expected: ${JSON.stringify(x.expected)}`);
  if (x.actual !== undefined) lines.push(`  actual:   ${JSON.stringify(x.actual)}`);
  if (x.diff && x.diff.length > 0) lines.push(...formatDiff(x.diff));
  return lines;
}

function testcase(c: TestCaseResult): string {
  const attrs = `name="${xmlEscape(c.name)}" classname="${xmlEscape(c.package)}" file="${xmlEscape(c.file)}" line="${c.line}" time="${seconds(c.durationMs)}"`;
  if (c.status === "passed") return `    <testcase ${attrs}/>`;
  if (c.status === "error") {
    return `    <testcase ${attrs}>\n      <error message="${xmlEscape(c.error ?? "error")}" type="error"/>\n    </testcase>`;
  }
  const failing = c.expectations.filter((x) => !x.ok);
  const body = failing.flatMap(formatExpectation).join("\n");
  const message = failing.length === 1 ? failing[0]!.message : `${failing.length} expectations failed`;
  return `    <testcase ${attrs}>\n      <failure message="${xmlEscape(message)}" type="expectation">${xmlEscape(body)}</failure>\n    </testcase>`;
}

/** Renders a test report as JUnit XML (UTF-8 text with declaration). */
export function toJUnitXml(report: TestReport, suiteName = "stellwerk"): string {
  const byPackage = new Map<string, TestCaseResult[]>();
  for (const c of report.cases) byPackage.set(c.package, [...(byPackage.get(c.package) ?? []), c]);
  const suites = [...byPackage].map(([pkg, cases]) => {
    const failures = cases.filter((c) => c.status === "failed").length;
    const errors = cases.filter((c) => c.status === "error").length;
    const time = cases.reduce((t, c) => t + c.durationMs, 0);
    return [`  <testsuite name="${xmlEscape(pkg)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(time)}">`, ...cases.map(testcase), "  </testsuite>"].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(suiteName)}" tests="${report.total}" failures="${report.failed}" errors="${report.errors}" time="${seconds(report.durationMs)}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
