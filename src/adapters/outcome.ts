/**
 * What an adapter reports for one delivery, and what it needs to know.
 * The shape equals the service's DeliveryResult port (src/service/ports.ts),
 * so the service can use {@link deliver} directly.
 */

/** Context of one delivery. */
export interface DeliveryContext {
  /** Exchange root; filesystem and OSCI paths of the table are relative to it. Must exist. */
  exchangeRoot: string;
  /** Folder of secret files referenced by web-service adapters (`authSecret`). */
  secretsDir?: string;
  /** Environment to read `STELLWERK_SECRET_<NAME>` from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Backoff of web-service retries (default base 500 ms, doubling, at most 10 s). */
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
  /** fetch implementation (default: Node's global fetch). */
  fetch?: typeof fetch;
}

/**
 * Error classes (stable, payload-free):
 * - "path-escape": a configured or generated path leaves its directory (also through a symlink);
 * - "unsafe-name": a file or attachment name is not one safe path component;
 * - "exists-different": the target name exists with other content (never overwritten);
 * - "unencodable": a character cannot be written in the endpoint's encoding;
 * - "unsupported-encoding": the endpoint's encoding is unknown;
 * - "attachments-unsupported": attachments would be dropped by this adapter variant;
 * - "bad-attachment": an attachment is not valid base64;
 * - "config": the endpoint lacks a setting it needs (e.g. no inbox);
 * - "no-hard-links": the filesystem cannot publish without overwrite (link() refused);
 * - "io": another filesystem error (retryable);
 * - "secret-missing": the referenced secret is not set;
 * - "secret-invalid": the secret cannot be sent as a header value;
 * - "http-<status>": the web service answered with that status;
 * - "timeout", "network": no answer in time / no connection (retryable);
 * - "bad-url": the web-service URL is not http(s);
 * - "adapter-error": an unexpected failure inside an adapter (retryable).
 */
export type DeliveryOutcome =
  | {
      ok: true;
      /** An identical copy was already published (a redelivery after a crash): counts as delivered. */
      alreadyPresent?: boolean;
      /** Where it went: path relative to the exchange root, or the request URL. */
      location?: string;
      /** HTTP attempts made (web service). */
      attempts?: number;
    }
  | {
      ok: false;
      /** True when a later attempt may succeed without an operator's fix. */
      retryable: boolean;
      errorClass: string;
      /** Payload-free detail. */
      detail?: string;
      attempts?: number;
    };

/** Thrown inside adapters, turned into a failed outcome at the boundary. */
export class AdapterError extends Error {
  constructor(
    readonly errorClass: string,
    detail: string,
    readonly retryable = false,
  ) {
    super(detail);
    this.name = "AdapterError";
  }
}
