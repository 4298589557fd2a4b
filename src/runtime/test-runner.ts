/**
 * Runs a compiled test plan (src/table/test-plan.ts) through the router.
 *
 * Per test case, with the table of its stage:
 * 1. every setup step is routed in order and must succeed; the cases it opens
 *    are recorded in a fresh in-memory case store, so replies find them;
 * 2. the input step is routed;
 * 3. every expectation is checked against that result.
 * A failing expectation carries expected and actual plus a structural diff.
 *
 * Payload protection: the actual value of a `field` or `absent` expectation is
 * payload content. Unless `showValues` is set (CLI: --show-values), it is
 * reported only as {@link Redacted}: "differs", its JSON type and the first
 * 12 hex digits of the SHA-256 of its canonical JSON (equal values give equal
 * hashes across runs; short values can be guessed from their hash, which is
 * why values stay hidden by default rather than pseudonymised). Expected
 * values come from the rule file and are always shown. Rejection details and
 * traces are payload-free by the router's contract.
 */
import * as path from "node:path";
import jsonata from "jsonata";
import { canonicalJson } from "../table/canonical-json.js";
import { sha256Hex } from "../table/content-hash.js";
import type { Stage } from "../table/routing-table.js";
import type { DeliverySelector, Expectation, TestCase, TestPlan, TestStep } from "../table/test-plan.js";
import type { CaseLookup, CaseOrigin, LoadedTable, RouteResult, RoutedDelivery } from "./api.js";
import { jsonType, structuralDiff, type DiffEntry } from "./diff.js";
import { InputFileError, readInputFile } from "./input-file.js";
import { DEFAULT_LIMITS, route } from "./router.js";

/** How a payload value appears in a report when values are hidden. */
export interface Redacted {
  redacted: true;
  type: string;
  /** First 12 hex digits of SHA-256 over the value's canonical JSON. */
  hash: string;
}

/** Result of one expectation. */
export interface ExpectationResult {
  kind: Expectation["kind"];
  /** Line of the expectation in its rule file. */
  line: number;
  ok: boolean;
  /** One line, payload-free. */
  message: string;
  expected?: unknown;
  /** Redacted payload values unless showValues. */
  actual?: unknown;
  /** Paths where actual differs from expected (values redacted as above unless showValues). */
  diff?: DiffEntry[];
}

export type TestStatus = "passed" | "failed" | "error";

/** Result of one test case. */
export interface TestCaseResult {
  name: string;
  package: string;
  file: string;
  line: number;
  stage: Stage;
  status: TestStatus;
  durationMs: number;
  /** Why the case could not run or its setup failed (payload-free). */
  error?: string;
  /** Summary of the input's routing: scenario and reason or delivery count. */
  routed?: { ok: boolean; scenario?: string; reason?: string; detail?: string; deliveries?: number };
  expectations: ExpectationResult[];
}

/** Result of a whole plan: for a pretty printer and for JUnit XML (junit.ts). */
export interface TestReport {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  durationMs: number;
  cases: TestCaseResult[];
}

/** Options of {@link runTestPlan}. */
export interface TestRunOptions {
  /** Tables by stage; a case whose stage has no table is an error. */
  tables: Partial<Record<Stage, LoadedTable>>;
  /** Rule-set root: `file` steps are relative to it. */
  root: string;
  /** Show actual payload values in failures (default false). */
  showValues?: boolean;
  /** Reads a step's message file (default: {@link readInputFile} of root/file: regular files up to the router's size limit). */
  readMessage?: (absolutePath: string) => Promise<Uint8Array>;
  /** Called with each case's routing result of its input (e.g. to record expected outputs). */
  onRouted?: (c: TestCase, result: RouteResult) => void | Promise<void>;
  /** Only cases whose name satisfies this filter. */
  filter?: (c: TestCase) => boolean;
}

/** Runs every case of `plan` (sequentially; cases are independent). Never throws for test failures. */
export async function runTestPlan(plan: TestPlan, options: TestRunOptions): Promise<TestReport> {
  const started = performance.now();
  const cases: TestCaseResult[] = [];
  for (const c of plan.tests) {
    if (options.filter && !options.filter(c)) continue;
    cases.push(await runTestCase(c, options));
  }
  return {
    total: cases.length,
    passed: cases.filter((c) => c.status === "passed").length,
    failed: cases.filter((c) => c.status === "failed").length,
    errors: cases.filter((c) => c.status === "error").length,
    durationMs: performance.now() - started,
    cases,
  };
}

class StepError extends Error {}

/** Runs one test case (see the module comment). */
export async function runTestCase(c: TestCase, options: TestRunOptions): Promise<TestCaseResult> {
  const started = performance.now();
  const base: Omit<TestCaseResult, "status" | "durationMs" | "expectations"> = { name: c.name, package: c.package, file: c.source.file, line: c.source.line, stage: c.stage };
  const finish = (status: TestStatus, rest: Partial<TestCaseResult>): TestCaseResult => ({ ...base, status, durationMs: performance.now() - started, expectations: [], ...rest });
  const table = options.tables[c.stage];
  if (table === undefined) return finish("error", { error: `no routing table for stage ${c.stage}` });
  const opened = new Map<string, CaseOrigin>();
  const cases: CaseLookup = { origin: (pkg, key) => opened.get(`${pkg}\u0000${key}`) };
  try {
    for (const [i, step] of c.setup.entries()) {
      const r = await routeStep(step, table, cases, options);
      if (!r.ok) return finish("error", { error: `setup step ${i + 1} was rejected: ${r.reason} (${r.detail})` });
      if (r.opensCase) opened.set(`${r.opensCase.pkg}\u0000${r.opensCase.correlationKey}`, r.opensCase.origin);
    }
    const result = await routeStep(c.input, table, cases, options);
    if (options.onRouted) await options.onRouted(c, result);
    const expectations: ExpectationResult[] = [];
    for (const e of c.expectations) expectations.push(await check(e, result, options.showValues ?? false));
    const routed = result.ok
      ? { ok: true, scenario: result.scenario, deliveries: result.deliveries.length }
      : { ok: false, ...(result.scenario ? { scenario: result.scenario } : {}), reason: result.reason, detail: result.detail };
    return finish(expectations.every((e) => e.ok) ? "passed" : "failed", { routed, expectations });
  } catch (e) {
    if (e instanceof StepError) return finish("error", { error: e.message });
    throw e;
  }
}

/** The default reader of a step's message file: never waits on a FIFO, never reads a device or more than the router accepts. */
const readMessageFile = (abs: string): Promise<Uint8Array> => readInputFile(abs, DEFAULT_LIMITS.maxBytes);

async function routeStep(step: TestStep, table: LoadedTable, cases: CaseLookup, options: TestRunOptions): Promise<RouteResult> {
  let bytes: Uint8Array;
  if (step.inline !== undefined) bytes = new TextEncoder().encode(step.inline);
  else if (step.file !== undefined) {
    const abs = path.resolve(options.root, step.file);
    try {
      bytes = await (options.readMessage ?? readMessageFile)(abs);
    } catch (e) {
      const why = e instanceof InputFileError && e.code !== "io" ? ` (it ${e.message})` : "";
      throw new StepError(`cannot read message file ${step.file}${why}`);
    }
  } else throw new StepError("a test step names neither a file nor an inline message");
  return route(table, bytes, {
    cases,
    ...(step.scenario !== undefined ? { scenario: step.scenario } : {}),
    ...(step.region !== undefined ? { region: step.region } : {}),
  });
}

// ---------------------------------------------------------------- expectations

const selectorOf = (d: RoutedDelivery): DeliverySelector => ({ role: d.role, ...(d.recipient !== undefined ? { recipient: d.recipient } : {}), system: d.system, region: d.region });

function matches(sel: DeliverySelector, d: RoutedDelivery): boolean {
  return d.role === sel.role && (sel.recipient === undefined || d.recipient === sel.recipient) && (sel.system === undefined || d.system === sel.system) && (sel.region === undefined || d.region === sel.region);
}

function describeSelector(sel: DeliverySelector): string {
  return [sel.role, sel.recipient !== undefined ? `"${sel.recipient}"` : "", sel.system !== undefined ? `system ${sel.system}` : "", sel.region !== undefined ? `region ${sel.region}` : ""].filter(Boolean).join(" ");
}

const rejectedActual = (r: Extract<RouteResult, { ok: false }>): unknown => ({ rejected: r.reason, detail: r.detail });

/** The delivery most similar to `sel` (fewest differing selector fields), for a helpful diff. */
function closest(sel: DeliverySelector, deliveries: RoutedDelivery[]): DeliverySelector | undefined {
  let best: DeliverySelector | undefined;
  let bestScore = Infinity;
  for (const d of deliveries) {
    const s = selectorOf(d);
    const score = structuralDiff(sel, pick(s, sel)).length + (d.role === sel.role ? 0 : 10);
    if (score < bestScore) [best, bestScore] = [s, score];
  }
  return best;
}

/** `s` restricted to the keys `like` has. */
function pick(s: DeliverySelector, like: DeliverySelector): DeliverySelector {
  return Object.fromEntries(Object.entries(s).filter(([k]) => k in like)) as unknown as DeliverySelector;
}

async function check(e: Expectation, r: RouteResult, showValues: boolean): Promise<ExpectationResult> {
  const head = { kind: e.kind, line: e.line };
  switch (e.kind) {
    case "rejected": {
      if (!r.ok && r.reason === e.reason) return { ...head, ok: true, message: `rejected as ${e.reason}` };
      const actual = r.ok ? { delivered: r.deliveries.map(selectorOf) } : rejectedActual(r);
      return { ...head, ok: false, message: r.ok ? `expected rejection ${e.reason}, but it was delivered` : `expected rejection ${e.reason}, got ${r.reason}`, expected: { rejected: e.reason }, actual, diff: structuralDiff({ rejected: e.reason }, r.ok ? { rejected: undefined } : { rejected: r.reason }) };
    }
    case "delivered": {
      if (!r.ok) return { ...head, ok: false, message: `expected delivery to ${describeSelector(e.to)}, but the message was rejected (${r.reason})`, expected: e.to, actual: rejectedActual(r) };
      if (r.deliveries.some((d) => matches(e.to, d))) return { ...head, ok: true, message: `delivered to ${describeSelector(e.to)}` };
      const near = closest(e.to, r.deliveries);
      return { ...head, ok: false, message: `no delivery to ${describeSelector(e.to)}`, expected: e.to, actual: r.deliveries.map(selectorOf), ...(near ? { diff: structuralDiff(e.to, pick(near, e.to)) } : {}) };
    }
    case "not-delivered": {
      const hits = r.ok ? r.deliveries.filter((d) => matches(e.to, d)) : [];
      if (hits.length === 0) return { ...head, ok: true, message: `not delivered to ${describeSelector(e.to)}` };
      return { ...head, ok: false, message: `delivered to ${describeSelector(e.to)} (${hits.length}x), expected not`, expected: { notDelivered: e.to }, actual: hits.map(selectorOf) };
    }
    case "field":
    case "absent":
      return checkField(e, r, showValues);
  }
}

/** The JSON form of a JSONata result (sequences become plain arrays, functions vanish). */
function plain(v: unknown): unknown {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown);
}

/** Hides a payload value (see the module comment). */
export function redact(v: unknown): Redacted {
  return { redacted: true, type: jsonType(v), hash: v === undefined ? "" : sha256Hex(canonicalJson(v)).slice(0, 12) };
}

async function checkField(e: Extract<Expectation, { kind: "field" | "absent" }>, r: RouteResult, showValues: boolean): Promise<ExpectationResult> {
  const head = { kind: e.kind, line: e.line };
  if (!r.ok) return { ...head, ok: false, message: `expected a delivery to ${describeSelector(e.to)} to check ${e.path}, but the message was rejected (${r.reason})`, actual: rejectedActual(r) };
  const target = r.deliveries.find((d) => matches(e.to, d));
  if (target === undefined) return { ...head, ok: false, message: `no delivery to ${describeSelector(e.to)} to check ${e.path}`, actual: r.deliveries.map(selectorOf) };
  let actual: unknown;
  try {
    actual = plain(await jsonata(e.path).evaluate(target.payload.value));
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return { ...head, ok: false, message: `path ${e.path} cannot be evaluated (jsonata ${typeof code === "string" ? code : "error"})` };
  }
  if (e.kind === "absent") {
    if (actual === undefined) return { ...head, ok: true, message: `${e.path} is absent` };
    return { ...head, ok: false, message: `${e.path} is present, expected absent`, expected: undefined, actual: showValues ? actual : redact(actual) };
  }
  const diff = structuralDiff(e.value, actual);
  if (diff.length === 0) return { ...head, ok: true, message: `${e.path} = ${JSON.stringify(e.value)}` };
  return {
    ...head,
    ok: false,
    message: `${e.path} differs from the expected value`,
    expected: e.value,
    actual: showValues ? actual : redact(actual),
    diff: showValues ? diff : diff.map((d) => ({ ...d, ...(d.actual !== undefined ? { actual: redact(d.actual) } : {}) })),
  };
}
