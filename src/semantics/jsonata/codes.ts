/**
 * The SW24xx codes of the JSONata type checker: one stable code per kind of
 * problem, with its severity and message template ({name} placeholders).
 * A retired code is never reused. docs/jsonata-typing.md explains each with an example.
 *
 * Two codes depend on an annotation of the rule (`allow float`, `allow untyped`):
 * with the annotation they are reported with `annotatedSeverity` and
 * `annotatedTemplate` instead, so the construct still shows in `check` output.
 */
import type { JsonataDiagnostic, JsonataSeverity } from "./diagnostics.js";
import type { Range } from "./spans.js";

export interface JsonataCodeDef {
  readonly code: string;
  readonly severity: JsonataSeverity;
  readonly template: string;
  /** Severity when the rule carries the matching annotation. */
  readonly annotatedSeverity?: JsonataSeverity;
  readonly annotatedTemplate?: string;
}

export const JSONATA_CODES = {
  syntax: { code: "SW2400", severity: "error", template: "JSONata syntax error ({jsonataCode}): {detail}" },
  "unknown-field": { code: "SW2401", severity: "error", template: "`{name}` is not a field of {type}." },
  "field-of-scalar": {
    code: "SW2402",
    severity: "error",
    template: "`{name}` cannot be read from {type}: a {kind} value has no fields, so this path is always empty.",
  },
  "unknown-variable": { code: "SW2403", severity: "error", template: "Variable `${name}` is not bound here, so it is always empty." },
  "incompatible-comparison": { code: "SW2404", severity: "error", template: "`{op}` compares {left} with {right}: {why}." },
  "arithmetic-operand": { code: "SW2405", severity: "error", template: "`{op}` needs numbers, but its {side} operand is {type}." },
  "decimal-float": {
    code: "SW2406",
    severity: "error",
    template: "{what}, which can change amounts; add `allow float` to the rule if that is intended.",
    annotatedSeverity: "info",
    annotatedTemplate: "{what} (allowed by `allow float`).",
  },
  "optional-into-required": {
    code: "SW2407",
    severity: "error",
    template: "{target} is required, but this value may be absent ({why}); give a default, e.g. `x ?? \"...\"` or `$exists(x) ? x : ...`.",
  },
  "unknown-function": { code: "SW2408", severity: "error", template: "Unknown function `${name}`." },
  "function-arity": { code: "SW2409", severity: "error", template: "`${name}` takes {expected}, but is called with {actual}." },
  "function-argument": { code: "SW2410", severity: "error", template: "{which} of `${name}` must be {expected}, but is {actual}." },
  "output-type": { code: "SW2411", severity: "error", template: "{target} expects {expected}, but the expression produces {actual}." },
  "output-missing-field": { code: "SW2412", severity: "error", template: "{target} requires {fields}, which the expression does not write." },
  "output-unknown-field": { code: "SW2413", severity: "error", template: "{target} has no field `{name}`." },
  "output-cardinality": {
    code: "SW2414",
    severity: "error",
    template: "{target} holds a single value, but the expression may produce several ({actual}).",
  },
  "untyped-construct": {
    code: "SW2415",
    severity: "error",
    template: "{construct} cannot be type-checked; add `allow untyped` to the rule to accept it unchecked.",
    annotatedSeverity: "info",
    annotatedTemplate: "{construct} is not type-checked (accepted by `allow untyped`).",
  },
  "not-a-function": { code: "SW2416", severity: "error", template: "{what} is called as a function, but is {type}." },
  "sequence-arithmetic": {
    code: "SW2417",
    severity: "warning",
    template: "`{op}` needs single values, but its {side} operand may hold several ({type}); JSONata fails at run time when it does.",
  },
  "unknown-code": { code: "SW2418", severity: "error", template: "\"{value}\" is not a value of {list} ({known})." },
  "decimal-ordering": {
    code: "SW2419",
    severity: "warning",
    template: "`{op}` orders decimal values as text (\"9.50\" > \"10.00\"); compare amounts with numeric care or as integers of cents.",
  },
  "too-complex": {
    code: "SW2420",
    severity: "warning",
    template: "The expression is too complex to check completely ({why}); the rest is treated as untyped.",
  },
  "function-reads-input": {
    code: "SW2421",
    severity: "error",
    template: "`{name}` reads the input document, but the body of a shared function sees only its parameters; pass the value as an argument.",
  },
  "regex-backtracking": {
    code: "SW2422",
    severity: "error",
    template:
      "This regular expression repeats a group that holds a repetition without a delimiter, so one message that almost matches can stop the router (exponential backtracking); start or end each repetition with a character the inner one cannot take (`\\w+(\\s\\w+)*` instead of `(\\w+\\s?)*`) or bound the inner repetition (`{1,20}`).",
  },
  internal: {
    code: "SW2499",
    severity: "warning",
    template: "Internal error of the JSONata checker ({detail}); the expression was not fully checked.",
  },
} as const satisfies Record<string, JsonataCodeDef>;

export type JsonataCodeId = keyof typeof JSONATA_CODES;

/**
 * Builds a diagnostic from the table.
 * @param annotated true when the rule carries the annotation that downgrades this code
 */
export function jsonataDiagnostic(
  id: JsonataCodeId,
  range: Range,
  args: Record<string, string | number> = {},
  extra: { suggestion?: string; annotated?: boolean } = {},
): JsonataDiagnostic {
  const def: JsonataCodeDef = JSONATA_CODES[id];
  const useAnnotated = extra.annotated === true && def.annotatedSeverity !== undefined;
  const template = useAnnotated ? (def.annotatedTemplate ?? def.template) : def.template;
  const filled = template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
  const message = filled.charAt(0).toUpperCase() + filled.slice(1); // targets like "field `x` of ..." open sentences
  const d: JsonataDiagnostic = {
    code: def.code,
    severity: useAnnotated ? def.annotatedSeverity! : def.severity,
    message,
    start: range.start,
    end: range.end,
  };
  if (extra.suggestion !== undefined) d.suggestion = extra.suggestion;
  return d;
}
