/**
 * The test-plan format: the language's `test` blocks (Testregeln /
 * Abnahmeszenario) as the compiler hands them to the runtime's test runner and
 * writes them into pilot configuration bundles.
 *
 * Semantics of one test case:
 * 1. Route every `setup` step in order with the table of the case's stage; each
 *    must succeed, and the cases it opens are recorded (so replies can find
 *    their origin).
 * 2. Route the `input` step.
 * 3. Every expectation must hold for that last routing result; each failing
 *    expectation is reported with expected and actual.
 */
import type { Provenance } from "./routing-table.js";

/** Reason classes of a rejected message. Stable: tests and reason files use them. */
export type RejectReason =
  /** The bytes are not a well-formed message of a known type (encoding, XML, size, DOCTYPE). */
  | "invalid"
  /** No scenario matches the message, or the given scenario id is unknown. */
  | "unknown-scenario"
  /** Several scenarios match and none was given. */
  | "ambiguous-scenario"
  /** The regional key is missing, malformed or not in scope. */
  | "unknown-region"
  /** The region is in scope but no route entry covers the scenario there. */
  | "unroutable"
  /** A reply whose case has no recorded origin. */
  | "unknown-case"
  /** A transformation or condition failed or produced output that does not fit the target type. */
  | "transform-failed"
  /** Same idempotency key, different content. */
  | "conflict";

export const REJECT_REASONS: readonly RejectReason[] = [
  "invalid",
  "unknown-scenario",
  "ambiguous-scenario",
  "unknown-region",
  "unroutable",
  "unknown-case",
  "transform-failed",
  "conflict",
];

/** One message fed to the router. */
export interface TestStep {
  /** Message file path relative to the rule-set root ("/" separated), or... */
  file?: string;
  /** ...the message text written inline in the rule file. */
  inline?: string;
  /** Qualified scenario id, if the test fixes it; otherwise detected. */
  scenario?: string;
  /** Regional key override, if the test fixes it; otherwise read from the message. */
  region?: string;
}

/** Selects deliveries of a routing result. Absent fields match anything. */
export interface DeliverySelector {
  role: string;
  recipient?: string;
  system?: string;
  /** Regional key whose entry produced the delivery (exact match). */
  region?: string;
}

export type Expectation =
  | { kind: "delivered"; to: DeliverySelector; line: number }
  | { kind: "not-delivered"; to: DeliverySelector; line: number }
  | { kind: "rejected"; reason: RejectReason; line: number }
  /** The JSONata `path` evaluated on the selected delivery's payload (JSON view) equals `value`. */
  | { kind: "field"; to: DeliverySelector; path: string; value: unknown; line: number }
  /** The path yields nothing on the selected delivery's payload (a field withheld, e.g. by GewAnzV § 3). */
  | { kind: "absent"; to: DeliverySelector; path: string; line: number };

export interface TestCase {
  /** Test name, unique within the rule set. */
  name: string;
  /** Qualified package name of the declaring file. */
  package: string;
  source: Pick<Provenance, "file" | "line">;
  /** The stage whose table runs the test (default "test"). */
  stage: "test" | "pilot" | "production";
  setup: TestStep[];
  input: TestStep;
  expectations: Expectation[];
}

export interface TestPlan {
  format: "stellwerk.test-plan";
  formatVersion: 1;
  tests: TestCase[];
}
