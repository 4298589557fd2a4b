/**
 * One cheap linear pass over XML text before fast-xml-parser reads it:
 * - refuses a DOCTYPE (and any other markup declaration),
 * - checks that end tags match start tags (fast-xml-parser does not),
 * - enforces the nesting depth limit,
 * - refuses an attribute given twice in one tag (XML 1.0 § 3.1 "Unique Att
 *   Spec"; which of the two a reader takes differs between parsers, e.g. for
 *   a namespace declaration) and "]]>" in text content (§ 2.4: it may only end
 *   a CDATA section): receivers with a conforming parser would refuse both,
 * - optionally collects namespace declarations (prefix -> URIs), which the
 *   parser's stop-node patterns need because they match prefixed names.
 * Text between tags is skipped with indexOf, so large text (base64) costs little.
 */
import { abort } from "./errors.js";

/** Namespace declarations seen: prefix ("" = default) -> every URI bound to it somewhere. */
export type NamespaceBindings = Map<string, Set<string>>;

function findTagEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 62 /* > */) return i;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      i = text.indexOf(c === 34 ? '"' : "'", i + 1);
      if (i < 0) return -1;
    } else if (c === 60 /* < */) return -1;
  }
  return -1;
}

/** A tag name for an error detail: only when it looks like an XML name (never arbitrary text). */
function shown(name: string): string {
  return /^[A-Za-z_][\w.:-]{0,99}$/.test(name) ? name : "?";
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

/**
 * Namespace declarations Namespaces in XML 1.0 forbids (§ 3, "Reserved
 * Prefixes and Namespace Names"; § 5: a prefix cannot be undeclared): readers
 * disagree on what such a document means, so it is refused.
 */
function checkDeclaration(prefix: string, uri: string): void {
  if (prefix === "xmlns") abort("xml-not-well-formed", "the prefix xmlns is declared");
  if (prefix === "xml" ? uri !== XML_NS : uri === XML_NS) abort("xml-not-well-formed", "the prefix xml and its namespace are bound to others");
  if (uri === XMLNS_NS) abort("xml-not-well-formed", "a prefix is bound to the xmlns namespace");
  if (prefix !== "" && uri === "") abort("xml-not-well-formed", `the prefix ${shown(prefix)} is undeclared (empty namespace name), which XML 1.0 namespaces do not allow`);
}

function collectDeclarations(tag: string, out: NamespaceBindings): void {
  const re = /\sxmlns(?::([^\s=]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) {
    const prefix = m[1] ?? "";
    const uri = m[2] ?? m[3] ?? "";
    checkDeclaration(prefix, uri);
    let set = out.get(prefix);
    if (!set) out.set(prefix, (set = new Set()));
    set.add(uri);
  }
}

/** An attribute (name = quoted value) of a start tag; the names of one tag must differ. */
const ATTRIBUTE = /([^\s=/]+)\s*=\s*(?:"[^"]*"|'[^']*')/g;

/** Aborts when a start tag's attribute text (after the element name) names one attribute twice. */
function checkUniqueAttributes(attributes: string): void {
  const names = new Set<string>();
  for (let m = ATTRIBUTE.exec(attributes); m; m = ATTRIBUTE.exec(attributes)) {
    const name = m[1]!;
    if (names.has(name)) {
      ATTRIBUTE.lastIndex = 0;
      abort("xml-not-well-formed", `the attribute ${shown(name)} is given twice in one start tag`);
    }
    names.add(name);
  }
}

/** What {@link prescanXml} saw besides accepting the text. */
export interface PrescanInfo {
  /** The root element's start tag between "<" and ">" (name, attributes, a final "/" when empty). */
  rootTag: string;
  /** Deepest element nesting seen (root = 1). */
  maxDepthSeen: number;
}

/**
 * A text accepted by {@link prescan}, with the namespace declarations found:
 * handed to parseXml (ParseXmlOptions.prescanned), it spares the same scan a
 * second time when the caller already ran it (the router's intake).
 */
export interface Prescanned extends PrescanInfo {
  readonly text: string;
  readonly maxDepth: number;
  readonly bindings: NamespaceBindings;
}

/** {@link prescanXml} with the namespace declarations collected; aborts as prescanXml. */
export function prescan(text: string, maxDepth: number): Prescanned {
  const bindings: NamespaceBindings = new Map();
  return { text, maxDepth, bindings, ...prescanXml(text, maxDepth, bindings) };
}

/**
 * Scans `text`; aborts with xml-doctype, xml-not-well-formed or xml-too-deep.
 * @param bindings when given, receives the namespace declarations
 */
export function prescanXml(text: string, maxDepth: number, bindings?: NamespaceBindings): PrescanInfo {
  const stack: string[] = [];
  let roots = 0;
  let rootTag = "";
  let maxDepthSeen = 0;
  let i = text.indexOf("<");
  let next = 0;
  // The next "]]>" at or after `next`: found once per occurrence, so the check stays linear.
  let cdataEnd = text.indexOf("]]>");
  if (text.slice(0, i < 0 ? text.length : i).trim() !== "") abort("xml-not-well-formed", "text before the root element");
  while (i >= 0) {
    const c = text.charCodeAt(i + 1);
    if (c === 47 /* / */) {
      const end = text.indexOf(">", i);
      if (end < 0) abort("xml-not-well-formed", "an end tag is not closed");
      const name = text.slice(i + 2, end).trim();
      const open = stack.pop();
      if (open !== name) {
        abort("xml-not-well-formed", open === undefined ? `end tag </${shown(name)}> without a start tag` : `end tag </${shown(name)}> does not match <${shown(open)}>`);
      }
      next = end + 1;
    } else if (c === 63 /* ? */) {
      const end = text.indexOf("?>", i + 2);
      if (end < 0) abort("xml-not-well-formed", "a processing instruction is not closed");
      next = end + 2;
    } else if (c === 33 /* ! */) {
      if (text.startsWith("<!--", i)) {
        const end = text.indexOf("-->", i + 4);
        if (end < 0) abort("xml-not-well-formed", "a comment is not closed");
        next = end + 3;
      } else if (text.startsWith("<![CDATA[", i)) {
        if (stack.length === 0) abort("xml-not-well-formed", "CDATA outside the root element");
        const end = text.indexOf("]]>", i + 9);
        if (end < 0) abort("xml-not-well-formed", "a CDATA section is not closed");
        next = end + 3;
      } else if (text.startsWith("<!DOCTYPE", i) || text.startsWith("<!doctype", i)) {
        abort("xml-doctype", "a DOCTYPE declaration is not allowed");
      } else {
        abort("xml-not-well-formed", "a markup declaration outside a DTD");
      }
    } else {
      const end = findTagEnd(text, i + 1);
      if (end < 0) abort("xml-not-well-formed", "a start tag is not closed");
      let nameEnd = i + 1;
      while (nameEnd < end) {
        const d = text.charCodeAt(nameEnd);
        if (d === 32 || d === 9 || d === 10 || d === 13 || d === 47) break;
        nameEnd++;
      }
      if (nameEnd === i + 1) abort("xml-not-well-formed", "a start tag without a name");
      const isRoot = stack.length === 0;
      if (isRoot) {
        if (roots++ > 0) abort("xml-not-well-formed", "more than one root element");
        rootTag = text.slice(i + 1, end);
      }
      if (stack.length + 1 > maxDepth) abort("xml-too-deep", `elements are nested deeper than ${maxDepth} levels`);
      if (stack.length + 1 > maxDepthSeen) maxDepthSeen = stack.length + 1;
      if (text.charCodeAt(end - 1) !== 47 /* / */) stack.push(text.slice(i + 1, nameEnd));
      if (end - nameEnd > 3) {
        const attributes = text.slice(nameEnd, end);
        // one "=" at most: one attribute at most, nothing to compare
        if (attributes.indexOf("=") !== attributes.lastIndexOf("=")) checkUniqueAttributes(attributes);
        if (bindings && attributes.includes("xmlns")) collectDeclarations(attributes, bindings);
      }
      next = end + 1;
    }
    i = text.indexOf("<", next);
    while (cdataEnd >= 0 && cdataEnd < next) cdataEnd = text.indexOf("]]>", next);
    if (cdataEnd >= 0 && (i < 0 || cdataEnd < i) && stack.length > 0) abort("xml-not-well-formed", '"]]>" in text content outside a CDATA section');
    if (stack.length === 0 && roots > 0 && i >= 0) {
      // After the root element only comments, PIs and whitespace may follow.
      if (text.slice(next, i).trim() !== "") abort("xml-not-well-formed", "text after the root element");
    } else if (stack.length === 0 && i >= 0 && text.slice(next, i).trim() !== "") {
      abort("xml-not-well-formed", "text outside the root element");
    }
  }
  if (text.slice(next).trim() !== "") abort("xml-not-well-formed", "text after the root element");
  if (stack.length > 0) abort("xml-not-well-formed", `<${shown(stack[stack.length - 1] ?? "")}> is not closed`);
  if (roots === 0) abort("xml-not-well-formed", "no root element");
  return { rootTag, maxDepthSeen };
}
