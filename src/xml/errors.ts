/**
 * Errors and limits of the typed XML view. Error details name element paths,
 * field paths and XML names only: never text or attribute content.
 */

/** Stable error codes of {@link parseXml} and {@link buildXml}. */
export type XmlErrorCode =
  /** The message type is not an XML message type, or its type cannot be used (e.g. a field named `__proto__`). */
  | "xml-bad-type"
  /** The text is longer than `limits.maxLength`. */
  | "xml-too-large"
  /** The text contains a DOCTYPE declaration (refused: entity expansion, external entities). */
  | "xml-doctype"
  /** The text is not well-formed XML (unclosed or mismatched tags, bad entity or character reference...). */
  | "xml-not-well-formed"
  /** Elements are nested deeper than `limits.maxDepth`. */
  | "xml-too-deep"
  /** An element or attribute name (or a field of an open record) is `__proto__`, `constructor` or `prototype`. */
  | "xml-unsafe-name"
  /** The root element is not the message type's root (name or namespace URI). */
  | "xml-wrong-root"
  /** An element the (closed) record type does not declare. */
  | "xml-unknown-element"
  /** An attribute the (closed) record type does not declare. */
  | "xml-unknown-attribute"
  /** A non-list element occurs more than once. */
  | "xml-duplicate-element"
  /** A required element, attribute or field is missing. */
  | "xml-missing"
  /** Non-whitespace text where the type allows only elements, or elements inside a simple value. */
  | "xml-unexpected-content"
  /** A value does not fit its scalar type (integer, number, boolean, date, base64...) or a JSON value has the wrong shape. */
  | "xml-invalid-value"
  /** xsi:nil (or null) on an element that is not nillable. */
  | "xml-nil-not-allowed"
  /** A string contains a character XML 1.0 does not allow. */
  | "xml-invalid-character";

/** A typed XML view error: a code and a payload-free detail (paths and names only). */
export interface XmlViewFailure {
  code: XmlErrorCode;
  detail: string;
}

/** Bounds for {@link parseXml}. */
export interface XmlLimits {
  /** Maximum element nesting depth (default 256, as the router's RouteLimits). */
  maxDepth: number;
  /** Maximum text length in UTF-16 code units (default 64 Mi). */
  maxLength: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 256, maxLength: 64 * 1024 * 1024 };

/** Thrown inside the view and turned into `{ ok: false, error }` at the API boundary. */
export class XmlViewAbort {
  constructor(
    readonly code: XmlErrorCode,
    readonly detail: string,
  ) {}
}

/** Throws an {@link XmlViewAbort}. */
export function abort(code: XmlErrorCode, detail: string): never {
  throw new XmlViewAbort(code, detail);
}
