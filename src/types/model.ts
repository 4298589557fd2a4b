/**
 * The stellwerk type model: the one description of message shapes shared by the
 * language (declared types), the XSD importer, the JSONata type checker, the
 * typed XML view and the routing table (which embeds the types the runtime needs).
 *
 * It is plain JSON (no classes, no cycles): recursive and shared types are
 * referenced by name through {@link RefType} and resolved in a {@link TypeRegistry}.
 * That keeps it serialisable into the routing table unchanged.
 */

/** Scalar kinds. `decimal` is exact (money) and is carried as a string at run time. */
export type ScalarKind =
  | "string"
  | "integer"
  | "number"
  | "decimal"
  | "boolean"
  | "date"
  | "datetime"
  | "time"
  /** base64 content (attachments): carried through as text, never parsed into the model. */
  | "base64";

/** A scalar value with optional facets (from XSD restrictions or the language). */
export interface ScalarType {
  kind: "scalar";
  scalar: ScalarKind;
  /** XSD pattern facet, XSD regex syntax (kept for documentation and checks). */
  pattern?: string;
  /** Allowed literal values (XSD enumeration). */
  enumeration?: string[];
}

/** A code list (XÖV Codeliste): a string restricted to known codes. */
export interface CodeListType {
  kind: "codelist";
  /** Name of the code list declaration. */
  name: string;
  /** The list URI (e.g. "urn:xoev-de:xgewerbeanzeige:codeliste:..."), if known. */
  listUri?: string;
  /** Known codes; empty when the list is open (not enumerated in the rules). */
  codes: string[];
  /** True when the codes are assumed by us, not taken from a published list. */
  assumed?: boolean;
}

/** How a record field maps to XML. Absent for JSON messages. */
export interface XmlBinding {
  /** Element, attribute, or the simple text content of the parent element. */
  node: "element" | "attribute" | "text";
  /** XML local name (equal to the field name unless the language renamed it). */
  localName: string;
  /** Namespace URI; undefined = no namespace (unqualified). */
  ns?: string;
  /** xsi:nil allowed on this element. */
  nillable?: boolean;
  /** Large content not parsed into the model (fast-xml-parser stop node). */
  opaque?: boolean;
}

/** One field of a record. */
export interface Field {
  /** Name in the JSON view: the local name for elements, "@name" for attributes, "#text" for simple content. */
  name: string;
  type: Type;
  /** True when the field may be absent (minOccurs=0 or declared optional). */
  optional: boolean;
  /** XML mapping (XML messages only). */
  xml?: XmlBinding;
}

/** A record: ordered fields (order = XML element order). */
export interface RecordType {
  kind: "record";
  /** Name of the declaration this record came from, for messages and did-you-mean. */
  name?: string;
  fields: Field[];
  /** True when unknown children are allowed (xs:any / xs:anyAttribute): paths below are untyped. */
  open?: boolean;
  /** The fields form an xs:choice: at most one of them is present. */
  choice?: boolean;
}

/** A list (maxOccurs > 1): always an array in the JSON view, with zero, one or many items. */
export interface ListType {
  kind: "list";
  element: Type;
  /** Bounds from minOccurs/maxOccurs; max undefined = unbounded. */
  min?: number;
  max?: number;
}

/** A reference to a named type in the {@link TypeRegistry} (enables recursion and sharing). */
export interface RefType {
  kind: "ref";
  name: string;
}

/** Unknown shape: anything goes, nothing is checked below (JSONata's untyped input, xs:anyType). */
export interface AnyType {
  kind: "any";
}

/** The JSON null / xsi:nil value. Used in unions for nillable fields. */
export interface NullType {
  kind: "null";
}

/** One of several types (inferred by the JSONata checker; choice fields). */
export interface UnionType {
  kind: "union";
  types: Type[];
}

/** A JSONata function value (lambda or built-in). */
export interface FunctionType {
  kind: "function";
  params: Type[];
  result: Type;
}

/** Every stellwerk type. */
export type Type =
  | ScalarType
  | CodeListType
  | RecordType
  | ListType
  | RefType
  | AnyType
  | NullType
  | UnionType
  | FunctionType;

/** Named types by name (qualified "package.Name" or an XSD-derived name). */
export type TypeRegistry = Record<string, Type>;

/** How a message is carried on the wire. */
export type MessageEncoding =
  | {
      format: "xml";
      /** Namespace URI of the root element; undefined = no namespace. */
      ns?: string;
      /** Local name of the root element. */
      root: string;
      /**
       * Namespace prefixes to write (namespace URI -> prefix), e.g. the one a
       * standard requires ("xdomea"); namespaces not listed get generated
       * prefixes ns1, ns2, ... (see src/xml/build-xml.ts). Reading ignores it.
       */
      prefixes?: Record<string, string>;
    }
  | { format: "json" };

/** A message type: a root record plus its wire binding. */
export interface MessageType {
  /** Qualified name, e.g. "gewerbe.Gewerbemeldung". */
  name: string;
  encoding: MessageEncoding;
  /** The root record (its fields are the root element's attributes and children). */
  type: Type;
  /** Version label the systems' `accepts` clauses refer to (e.g. "2.1"), if any. */
  version?: string;
}

export const scalar = (s: ScalarKind): ScalarType => ({ kind: "scalar", scalar: s });
export const ANY: AnyType = { kind: "any" };

/**
 * Follows {@link RefType} links until a non-reference type is reached.
 * @throws never; an unknown or cyclic-only reference resolves to {@link ANY}.
 */
export function resolveType(t: Type, registry: TypeRegistry): Type {
  let cur = t;
  for (let hops = 0; cur.kind === "ref"; hops++) {
    const next = registry[cur.name];
    if (next === undefined || hops > 64) return ANY;
    cur = next;
  }
  return cur;
}
