/**
 * Typed error for routing tables that cannot be loaded. Carries a stable
 * `code` and payload-free details; user-facing code prints
 * `error[<code>]: <message>` and never the stack.
 */

/** Why a table was refused. Stable: the CLI and the service report these codes. */
export type TableErrorCode =
  /** The table file cannot be read. */
  | "io"
  /** The file is not JSON. */
  | "json"
  /** `format` is not "stellwerk.routing-table" (or the value is not an object). */
  | "format"
  /** `formatVersion` is a major version this runtime does not implement. */
  | "format-version"
  /** The table does not match schema/routing-table.schema.json. */
  | "schema"
  /** `contentHash` does not match the content. */
  | "content-hash"
  /** An index or name inside the table points at nothing (ExprRef out of range, unknown message type...). */
  | "reference"
  /** A JSONata expression of the table does not compile. */
  | "expression";

export class TableError extends Error {
  constructor(
    readonly code: TableErrorCode,
    message: string,
    /** Further payload-free lines (schema paths, indexes). At most a few dozen. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = "TableError";
  }

  /** One line per detail, prefixed with the code; what a CLI prints. */
  format(): string {
    return [`error[${this.code}]: ${this.message}`, ...this.details.map((d) => `  ${d}`)].join("\n");
  }
}
