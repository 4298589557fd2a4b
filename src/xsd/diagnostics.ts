/**
 * Diagnostics of the XSD importer (codes SW3101..SW3199).
 *
 * An {@link XsdDiagnostic} is a regular {@link Diagnostic} (span = offset range of
 * the offending XSD element's start tag in the XSD file) plus the 1-based line,
 * so callers without the file text can still point at it.
 */
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";

interface XsdCodeDef {
  readonly code: string;
  readonly severity: Severity;
  /** What the code means (for the central diagnostics table and docs). */
  readonly meaning: string;
}

/** The importer's codes. Stable: a retired code is never reused. */
export const XSD_CODES = {
  "file-missing": { code: "SW3101", severity: "error", meaning: "An XSD file (entry, include or import) cannot be read." },
  "not-well-formed": { code: "SW3102", severity: "error", meaning: "An XSD file is not well-formed XML (or contains a DOCTYPE)." },
  "not-a-schema": { code: "SW3103", severity: "error", meaning: "The root element of a file is not xs:schema." },
  unsupported: { code: "SW3104", severity: "error", meaning: "An XSD construct the importer does not support (named in the message)." },
  "unresolved-reference": { code: "SW3105", severity: "error", meaning: "A type, element, attribute, group or attributeGroup reference names no known component." },
  "unknown-builtin": { code: "SW3106", severity: "warning", meaning: "A name in the XML Schema namespace is not a known built-in type; it is read as string." },
  "namespace-mismatch": { code: "SW3107", severity: "error", meaning: "An included schema declares another targetNamespace than the including one, or an import names the wrong one." },
  "import-unresolved": { code: "SW3108", severity: "warning", meaning: "xs:import without schemaLocation of a namespace no loaded schema defines." },
  "field-collision": { code: "SW3109", severity: "warning", meaning: "Two particles or attributes map to the same field name in one record; the later one is merged into a list or dropped." },
  "order-lost": { code: "SW3110", severity: "info", meaning: "A repeated sequence/choice with several members is flattened into one list per member: the interleaving of members is not kept." },
  "substitution-group": { code: "SW3111", severity: "warning", meaning: "A substitution group member is not expanded where its head is referenced." },
  "duplicate-component": { code: "SW3112", severity: "error", meaning: "A global component (type, element, group, ...) is defined twice; the first definition wins." },
  "circular-derivation": { code: "SW3113", severity: "error", meaning: "A type derives from itself (directly or through others)." },
  "invalid-attribute": { code: "SW3114", severity: "error", meaning: "An XSD attribute value is invalid (e.g. maxOccurs=\"many\", a QName with an undeclared prefix)." },
  "unsafe-name": { code: "SW3115", severity: "error", meaning: "An element or attribute name that cannot be a JSON field name safely (__proto__, constructor, prototype)." },
  "unknown-element": { code: "SW3116", severity: "error", meaning: "The element asked for is not a global element of the imported schema set." },
  internal: { code: "SW3199", severity: "error", meaning: "The importer failed unexpectedly (a bug); reported instead of crashing." },
} as const satisfies Record<string, XsdCodeDef>;

export type XsdCodeId = keyof typeof XSD_CODES;

/** A diagnostic of the XSD importer: file, 1-based line and the construct concerned. */
export interface XsdDiagnostic extends Diagnostic {
  /** 1-based line in `span.file` (0 when the problem has no location, e.g. a missing entry file). */
  line: number;
  /** The XSD construct concerned, e.g. "xs:redefine", when there is one. */
  construct?: string;
}

/** Where a diagnostic points. */
export interface XsdLocation {
  file: string;
  /** UTF-16 offset of the element's start tag ("<"), -1 when unknown. */
  offset: number;
  line: number;
}

/** Builds an importer diagnostic. */
export function xsdDiag(id: XsdCodeId, at: XsdLocation, message: string, construct?: string): XsdDiagnostic {
  const def = XSD_CODES[id];
  const d: XsdDiagnostic = { code: def.code, severity: def.severity, message, line: at.line };
  if (at.offset >= 0) d.span = { file: at.file, start: at.offset, end: at.offset + 1 };
  else d.span = { file: at.file, start: 0, end: 0 };
  if (construct !== undefined) d.construct = construct;
  return d;
}
