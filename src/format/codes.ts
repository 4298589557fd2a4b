/**
 * The formatter's diagnostic code (SW109x, syntax range): reported only when
 * the formatter's own verification fails (a bug), never for a user's mistake.
 * A retired code is never reused. Merge into src/diagnostics/catalog.ts so
 * docs/diagnostics.md lists it.
 */
export const FORMAT_CODES = {
  "format-invariant": {
    code: "SW1090",
    severity: "error",
    template: "The formatter could not format this file safely ({detail}); the file was left unchanged. Please report this as a bug.",
  },
} as const;
