/**
 * Reason classes of messages the service moves to an error folder, and the
 * shape of the reason file written beside each of them. Documented in
 * docs/service.md; stable (operators and replay tooling read them).
 */
import type { RejectReason } from "../table/test-plan.js";
import type { TraceStep } from "../runtime/api.js";

/**
 * The router's reject reasons (src/table/test-plan.ts), plus the service's own:
 * - delivery-failed: at least one delivery target failed after bounded retries;
 * - source-mismatch: the message arrived in an outbox that is not the source
 *   endpoint of its scenario at its region;
 * - claim-lost: the claimed copy vanished before delivery finished (someone
 *   removed it from the state folder); journal only, there is nothing to move.
 */
export type ServiceReason = RejectReason | "delivery-failed" | "source-mismatch" | "claim-lost";

/** Current reason-file format identifier. */
export const REASON_FORMAT = "stellwerk.reason";

/** One delivery target's state, as recorded in a reason file. */
export interface ReasonTarget {
  role: string;
  recipient?: string;
  system: string;
  state: "pending" | "delivered" | "failed" | "superseded";
  attempts: number;
  /** Payload-free error class of the last failed attempt. */
  lastError?: string;
}

/**
 * The content of `<name>.reason.json` beside a message in an error folder.
 * Never holds message content: ids, hashes, reason class, payload-free detail, timestamps.
 */
export interface ReasonFile {
  format: typeof REASON_FORMAT;
  formatVersion: 1;
  reason: ServiceReason;
  /** Payload-free explanation. */
  detail: string;
  /** Journal key of the claim this message came from. */
  claimId: string;
  /** Outbox (relative to the exchange root) the message was picked up from; replay puts it back there. */
  outbox: string;
  /** Name the producer gave the file or folder in the outbox. */
  originalName: string;
  /** Name of the entry in the error folder (equal to originalName unless that was taken). */
  errorName: string;
  kind: "file" | "folder";
  /** "sha256:<hex>" of the message bytes. */
  messageHash?: string;
  /** Idempotency key, when routing got that far. */
  messageId?: string;
  scenario?: string;
  region?: string;
  /** contentHash of the routing table in use. */
  tableHash?: string;
  receivedAt: string;
  failedAt: string;
  deliveries?: ReasonTarget[];
  /** The router's payload-free trace. */
  trace?: TraceStep[];
}
