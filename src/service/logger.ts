/**
 * JSON-lines logging for the service (pino). Log records carry ids, hashes,
 * scenario, region, target and reason only; the redact list below is defense
 * in depth against a field holding content slipping into a record.
 */
import pino, { type DestinationStream, type Logger } from "pino";

/** Keys that could hold message content; censored wherever they appear (up to two levels deep). */
export const REDACT_PATHS: string[] = [
  "payload",
  "text",
  "value",
  "bytes",
  "content",
  "body",
  "xml",
  "attachments",
  "correlationKey",
  "*.payload",
  "*.text",
  "*.value",
  "*.bytes",
  "*.content",
  "*.body",
  "*.xml",
  "*.attachments",
  "*.correlationKey",
  "*.*.payload",
  "*.*.text",
  "*.*.value",
  "*.*.attachments",
];

export const REDACT_CENSOR = "[redacted]";

/**
 * Creates the service's pino logger writing JSON lines to `dest` (default stdout).
 * @param level pino level name (default "info")
 */
export function createServiceLogger(opts: { level?: string; dest?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? "info",
      base: { svc: "stellwerk" },
      redact: { paths: REDACT_PATHS, censor: REDACT_CENSOR },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    opts.dest ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** A child of a caller-supplied logger with the service's redaction applied. */
export function serviceChild(logger: Logger): Logger {
  return logger.child({ component: "service" }, { redact: { paths: REDACT_PATHS, censor: REDACT_CENSOR } });
}

/**
 * Payload-free description of a thrown value for logs: its code and class,
 * never its message (a message may quote content, e.g. a parser error).
 */
export function errorFields(err: unknown): { errorCode?: string; errorName?: string } {
  if (typeof err !== "object" || err === null) return { errorName: typeof err };
  const e = err as { code?: unknown; name?: unknown };
  return {
    ...(typeof e.code === "string" ? { errorCode: e.code } : {}),
    ...(typeof e.name === "string" ? { errorName: e.name } : {}),
  };
}
