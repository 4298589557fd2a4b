/**
 * The one table of compiler diagnostics: stable code, severity and message
 * template. Codes are grouped by phase: SW1xxx syntax, SW2xxx semantics
 * (SW24xx JSONata typing, owned by src/semantics/jsonata/codes.ts),
 * SW3xxx lowering and imports (SW31xx XSD), SW5xxx command line.
 * A retired code is never reused. Templates use {name} placeholders.
 */
import type { Diagnostic, RelatedInfo, Severity, Span } from "./diagnostic.js";

interface MessageDef {
  readonly code: string;
  readonly severity: Severity;
  readonly template: string;
}

export const MESSAGES = {
  // --- SW1xxx: lexing and parsing ---
  "invalid-character": { code: "SW1001", severity: "error", template: "Unexpected character {char} in rule source." },
  "unterminated-string": { code: "SW1002", severity: "error", template: "This string is not closed: add a `\"` before the end of the line." },
  "unterminated-expression": { code: "SW1003", severity: "error", template: "This JSONata expression is not closed: add the closing {delimiter}." },
  "unterminated-comment": { code: "SW1004", severity: "error", template: "This block comment is not closed: add `*/`." },
  "syntax-error": { code: "SW1010", severity: "error", template: "{detail}" },
  "nul-or-binary": { code: "SW1005", severity: "error", template: "The file contains binary data (a NUL byte or invalid UTF-8) and is not a rule file." },
  "too-deeply-nested": { code: "SW1006", severity: "error", template: "Nesting is deeper than {max} levels; the parser stops here." },
  "bad-escape": { code: "SW1007", severity: "error", template: "Unknown escape sequence {escape} in a string; use \\\", \\\\, \\n, \\t or \\u{XXXX}." },
  "look-alike-character": { code: "SW1008", severity: "error", template: "The character {char} looks like {intended} but is not; replace it with {intended}." },
  "file-too-large": { code: "SW1009", severity: "error", template: "The file is {size} bytes, more than the limit of {max} bytes for one rule file." },

  // --- SW2xxx: names and structure ---
  "unknown-name": { code: "SW2001", severity: "error", template: "Unknown {kind} `{name}`." },
  "duplicate-name": { code: "SW2002", severity: "error", template: "The {kind} `{name}` is declared twice in package `{pkg}`." },
  "import-cycle": { code: "SW2003", severity: "error", template: "Packages import each other in a cycle: {cycle}." },
  "unknown-package": { code: "SW2004", severity: "error", template: "Unknown package `{name}` in import." },
  "wrong-kind": { code: "SW2005", severity: "error", template: "Name `{name}` is a {actual}, but a {expected} is required here." },
  "ambiguous-name": { code: "SW2007", severity: "error", template: "`{name}` is declared in several imported packages ({list}); which one is meant is ambiguous." },
  "missing-package": { code: "SW2006", severity: "error", template: "The file {file} has no `package` line; every rule file belongs to a package." },
  "override-of-nothing": { code: "SW2010", severity: "error", template: "`override` of {what} at {region}, but no enclosing region sets it; remove `override`." },
  "missing-override": { code: "SW2011", severity: "error", template: "{what} is already set by region {parent} ({parentName}); write `override` to replace it at {region}." },
  "conflicting-definition": { code: "SW2012", severity: "error", template: "{what} is defined twice at region {region}." },
  "malformed-region-key": { code: "SW2020", severity: "error", template: "Regional key \"{key}\" is malformed: {why}." },
  "region-not-in-directory": { code: "SW2021", severity: "error", template: "Regional key \"{key}\" is not in the municipality directory ({source})." },
  "duplicate-region": { code: "SW2022", severity: "error", template: "Region \"{key}\" is declared in two blocks; merge them into one." },
  "region-name-mismatch": { code: "SW2023", severity: "warning", template: "Region \"{key}\" is named \"{given}\" here but \"{official}\" in the directory." },
  "cannot-receive": { code: "SW2030", severity: "error", template: "{count} in scope cannot {action} scenario {scenario}: no binding of role `{role}` covers {list}." },
  "adapter-setting-missing": { code: "SW2040", severity: "error", template: "The {adapter} adapter of `{system}` needs the setting `{setting}` {because}." },
  "adapter-setting-unknown": { code: "SW2041", severity: "error", template: "Unknown setting `{setting}` for a {adapter} adapter." },
  "adapter-setting-invalid": { code: "SW2042", severity: "error", template: "Setting `{setting}` has an invalid value: {why}." },
  "literal-secret": { code: "SW2043", severity: "error", template: "A secret is written literally in `{setting}`; rule files may only name secrets: write `auth secret \"NAME\"`." },
  "shadowed-binding": { code: "SW2050", severity: "warning", template: "{what} at region {region} never applies: every municipality under it overrides it." },
  "unreachable-region": { code: "SW2051", severity: "warning", template: "Region {region} never applies: {why}." },
  "uncertified-in-production": { code: "SW2060", severity: "error", template: "System `{system}` is not certified but is reachable in stage production at region {region}." },
  "role-not-implemented": { code: "SW2061", severity: "error", template: "System `{system}` does not implement role `{role}`." },
  "message-not-accepted": { code: "SW2062", severity: "error", template: "No transformation turns `{from}` into a message `{system}` accepts ({accepts})." },
  "ambiguous-transform": { code: "SW2063", severity: "error", template: "Several transformations turn `{from}` into a message `{system}` accepts: {list}; name one with `transform`." },
  "transform-type-mismatch": { code: "SW2064", severity: "error", template: "Transformation `{name}` reads `{actual}`, but scenario {scenario} carries `{expected}`." },
  "scenario-incomplete": { code: "SW2070", severity: "error", template: "Scenario {scenario} has no `{item}`." },
  "scenario-item-twice": { code: "SW2071", severity: "error", template: "Scenario {scenario} sets `{item}` twice." },
  "scenario-detection-clash": { code: "SW2072", severity: "error", template: "Scenarios {a} and {b} are recognised by the same root element, and {a} has no `detect` condition to tell them apart." },
  "ack-not-reply": { code: "SW2073", severity: "error", template: "Acknowledgement scenario {ack} of {scenario} must be a `reply` (routed back to the origin of its case)." },
  "reply-without-correlation": { code: "SW2074", severity: "error", template: "Scenario {scenario} is a reply but has no `correlate` expression to find its case." },
  "test-unknown-target": { code: "SW2080", severity: "error", template: "Test \"{test}\" names {kind} `{name}`, which does not exist." },
  "test-file-missing": { code: "SW2081", severity: "error", template: "Test \"{test}\" reads message file \"{file}\", which does not exist or is not a regular file of at most 64 MiB." },
  "test-without-expectation": { code: "SW2082", severity: "error", template: "Test \"{test}\" has no `expect`; a test that asserts nothing cannot fail." },
  "test-without-given": { code: "SW2085", severity: "error", template: "Test \"{test}\" has no `given`: a test needs a message to route." },
  "test-item-twice": { code: "SW2086", severity: "error", template: "Test \"{test}\" sets `{item}` twice." },
  "duplicate-test": { code: "SW2083", severity: "error", template: "Two tests are named \"{test}\"." },
  "test-value-type": { code: "SW2087", severity: "error", template: "Test \"{test}\" expects {path} to be {literal}, but in {message} it is {actual}, so the expectation can never hold." },
  "unknown-reject-reason": { code: "SW2084", severity: "error", template: "Unknown rejection reason `{reason}`." },
  "unknown-type": { code: "SW2090", severity: "error", template: "Unknown type `{name}`." },
  "recursive-type": { code: "SW2091", severity: "error", template: "Type `{name}` contains itself without a list or optional in between, so no finite message fits it." },
  "duplicate-field": { code: "SW2092", severity: "error", template: "Field `{name}` is declared twice in `{type}`." },
  "duplicate-code": { code: "SW2099", severity: "error", template: "Code \"{code}\" is listed twice in code list `{list}`." },
  "duplicate-note": { code: "SW2013", severity: "error", template: "The note `{key}` is given twice for {what}; only one value can be recorded." },
  "unknown-xsd-element": { code: "SW2093", severity: "error", template: "Element `{element}` is not declared in \"{file}\"." },
  "xsd-file-missing": { code: "SW2094", severity: "error", template: "XSD file \"{file}\" does not exist." },
  "message-body-and-type": { code: "SW2097", severity: "error", template: "Message `{name}` has both `of {type}` and a body; write the fields in `{type}` or in the body, not both." },
  "message-type-not-record": { code: "SW2098", severity: "error", template: "`of {type}` of message `{name}` must name a record type declared with `type`." },
  "unused-declaration": { code: "SW2095", severity: "info", template: "{kind} `{name}` is declared but never used." },
  "recursive-function": { code: "SW2100", severity: "error", template: "Function `{name}` calls itself ({cycle}); shared functions may not be recursive." },
  "bad-function-name": { code: "SW2101", severity: "error", template: "`{name}` cannot be called as `${name}` in JSONata: {why}." },
  "duplicate-parameter": { code: "SW2102", severity: "error", template: "Parameter `{name}` is declared twice in function `{fn}`." },
  "untyped-annotation": { code: "SW2096", severity: "info", template: "Transformation `{name}` is marked `{annotation}`: {why}" },

  // --- SW3xxx: lowering and inputs ---
  "directory-error": { code: "SW3001", severity: "error", template: "Cannot read the municipality directory: {detail}." },
  "no-rules": { code: "SW3002", severity: "error", template: "No rule files (*.stw) found in {paths}." },
  "read-error": { code: "SW3003", severity: "error", template: "Cannot read \"{file}\": {detail}." },
  "too-many-errors": { code: "SW3004", severity: "info", template: "{count} more diagnostics were not shown (limit {max})." },
} as const satisfies Record<string, MessageDef>;

export type MessageId = keyof typeof MESSAGES;

/**
 * Builds a diagnostic from the table.
 * @param id    key of {@link MESSAGES}
 * @param args  values for the template placeholders (missing ones stay as `{name}`)
 */
export function diag(
  id: MessageId,
  span: Span | undefined,
  args: Record<string, string | number> = {},
  extra: { suggestion?: string; related?: RelatedInfo[]; severity?: Severity } = {},
): Diagnostic {
  const def: MessageDef = MESSAGES[id];
  const message = def.template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
  const d: Diagnostic = { code: def.code, severity: extra.severity ?? def.severity, message };
  if (span) d.span = span;
  if (extra.suggestion) d.suggestion = extra.suggestion;
  if (extra.related && extra.related.length > 0) d.related = extra.related;
  return d;
}
