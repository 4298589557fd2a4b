/**
 * Reads one XSD file into a small element tree with namespace scopes and source
 * positions (fast-xml-parser with `captureMetaData` gives each element's start
 * offset; lines are computed from a line-start index of the raw text).
 */
import { XMLParser } from "fast-xml-parser";

export const XS_NS = "http://www.w3.org/2001/XMLSchema";
export const XML_NS = "http://www.w3.org/XML/1998/namespace";

/** One in-scope namespace declaration; scopes form a chain towards the document root. */
export interface NsScope {
  readonly prefix: string;
  /** "" for an undeclaration (xmlns=""). */
  readonly uri: string;
  readonly parent: NsScope | undefined;
}

/** An element of an XSD file. */
export interface XsdNode {
  /** Namespace URI of the element, undefined when it has none. */
  readonly ns: string | undefined;
  readonly local: string;
  /** Attributes by their name as written (XSD attributes are unqualified). */
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly XsdNode[];
  /** UTF-16 offset of the start tag's "<" in the file text. */
  readonly offset: number;
  readonly scope: NsScope | undefined;
  readonly doc: XsdDocument;
}

/** A parsed XSD file. */
export interface XsdDocument {
  /** Path as resolved by the importer (the key readFile was called with). */
  readonly file: string;
  root: XsdNode | undefined;
  /** 1-based line of a UTF-16 offset in the file text. */
  lineOf(offset: number): number;
}

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  removeNSPrefix: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  onDangerousProperty: (name: string) => name,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, unknown> };

/** Result of {@link readXsdDocument}: the document, or why it could not be read. */
export type ReadXsdResult = { ok: true; doc: XsdDocument } | { ok: false; message: string; offset: number; line: number };

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function makeLineOf(text: string): (offset: number) => number {
  let starts: number[] | undefined;
  return (offset: number) => {
    starts ??= lineStarts(text);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function tagOf(node: OrderedNode): string | undefined {
  for (const key in node) if (key !== ":@") return key;
  return undefined;
}

/** Resolves the prefix of a QName in a scope; undefined when the prefix is not declared. */
export function lookupPrefix(scope: NsScope | undefined, prefix: string): string | undefined {
  for (let s = scope; s; s = s.parent) if (s.prefix === prefix) return s.uri;
  if (prefix === "xml") return XML_NS;
  return prefix === "" ? "" : undefined;
}

/**
 * Parses XSD text. Never throws: malformed XML (or a DOCTYPE, which XSD files
 * never need and which could expand entities) gives `ok: false`.
 */
export function readXsdDocument(file: string, text: string): ReadXsdResult {
  const lineOf = makeLineOf(text);
  const doctype = text.search(/<!DOCTYPE/i);
  if (doctype >= 0) return { ok: false, message: "a DOCTYPE declaration is not allowed in an XSD file", offset: doctype, line: lineOf(doctype) };
  let ordered: OrderedNode[];
  try {
    ordered = parser.parse(text) as OrderedNode[];
  } catch {
    return { ok: false, message: "the file is not well-formed XML", offset: 0, line: 1 };
  }
  const doc: XsdDocument = { file, root: undefined, lineOf };
  const convert = (node: OrderedNode, tag: string, parentScope: NsScope | undefined): XsdNode => {
    const rawAttrs = node[":@"];
    const attrs = new Map<string, string>();
    let scope = parentScope;
    if (rawAttrs) {
      for (const name in rawAttrs) {
        const value = String(rawAttrs[name]);
        if (name === "xmlns") scope = { prefix: "", uri: value, parent: scope };
        else if (name.startsWith("xmlns:")) scope = { prefix: name.slice(6), uri: value, parent: scope };
        else attrs.set(name, value);
      }
    }
    const colon = tag.indexOf(":");
    const prefix = colon < 0 ? "" : tag.slice(0, colon);
    const uri = lookupPrefix(scope, prefix);
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
    const children: XsdNode[] = [];
    const result: XsdNode = {
      ns: uri === "" || uri === undefined ? undefined : uri,
      local: colon < 0 ? tag : tag.slice(colon + 1),
      attrs,
      children,
      offset: meta?.startIndex ?? 0,
      scope,
      doc,
    };
    const kids = node[tag];
    if (Array.isArray(kids)) {
      for (const kid of kids as OrderedNode[]) {
        const kidTag = tagOf(kid);
        if (kidTag === undefined || kidTag === "#text" || kidTag.startsWith("?")) continue;
        children.push(convert(kid, kidTag, scope));
      }
    }
    return result;
  };
  for (const top of ordered) {
    const tag = tagOf(top);
    if (tag === undefined || tag === "#text" || tag.startsWith("?")) continue;
    doc.root = convert(top, tag, undefined);
    break;
  }
  if (!doc.root) return { ok: false, message: "the file contains no element", offset: 0, line: 1 };
  return { ok: true, doc };
}
