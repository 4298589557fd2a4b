/**
 * Collects {@link DirectoryError}s for one file, up to a cap, so a garbage file
 * yields a bounded report instead of one error per byte.
 */
import type { DirectoryError, DirectoryErrorCode } from "./types.js";

/** At most this many errors are reported per file; then one "too-many-errors". */
export const MAX_ERRORS = 100;

/** Error collector bound to one file name. */
export class ErrorSink {
  readonly errors: DirectoryError[] = [];
  private truncated = false;

  constructor(readonly file: string) {}

  /** Record one error. Returns false once the cap is reached (callers may stop early). */
  add(code: DirectoryErrorCode, message: string, line?: number, column?: string): boolean {
    if (this.errors.length >= MAX_ERRORS) {
      this.truncate();
      return false;
    }
    const error: { -readonly [K in keyof DirectoryError]: DirectoryError[K] } = { code, file: this.file, message };
    if (line !== undefined) error.line = line;
    if (column !== undefined) error.column = column;
    this.errors.push(error);
    return true;
  }

  /** Mark the report as cut short (once): adds the final "too-many-errors". */
  truncate(): void {
    if (this.truncated) return;
    this.truncated = true;
    this.errors.push({ code: "too-many-errors", file: this.file, message: `more than ${MAX_ERRORS} errors; stopped reporting` });
  }

  /** True when no more errors are accepted. */
  get full(): boolean {
    return this.truncated || this.errors.length >= MAX_ERRORS;
  }
}

/** Thrown by {@link loadDirectory} when the file cannot be read or is not a valid directory. */
export class DirectoryLoadError extends Error {
  constructor(readonly errors: readonly DirectoryError[]) {
    const first = errors[0];
    const where = first ? `${first.file}${first.line !== undefined ? `:${first.line}` : ""}` : "directory";
    super(`${where}: ${first?.message ?? "invalid directory"}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`);
    this.name = "DirectoryLoadError";
  }
}
