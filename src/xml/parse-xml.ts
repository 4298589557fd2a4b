/**
 * parseXml: XML text -> the JSON view of a message, driven by its type.
 *
 * Pipeline: prescan (DOCTYPE refused, tags balanced, depth bounded, namespace
 * declarations for stop nodes) -> fast-xml-parser (ordered output, stop nodes
 * for opaque/base64 elements) -> one linear typed walk.
 *
 * JSON view rules:
 * - an element field with maxOccurs > 1 is always an array ([] when none occurs);
 * - text stays text unless the type says integer/number (JSON number) or boolean;
 *   decimal, date, datetime and time stay strings;
 * - xsi:nil="true" -> null, empty element -> "" (string kinds), absent -> key missing;
 * - attributes are "@name", elements "name", simple content "#text";
 * - namespaces are matched by URI whatever the prefix;
 * - unknown elements/attributes of a closed record are errors; those of an
 *   open record are kept untyped under their local name (see {@link readAny});
 * - error details name element paths ("/root/satz[2]/abmeldung"), never content.
 */
import type { MessageType, TypeRegistry } from "../types/model.js";
import { DEFAULT_XML_LIMITS, XmlViewAbort, abort, type XmlLimits, type XmlViewFailure } from "./errors.js";
import { viewParser } from "./options.js";
import { UNSAFE, opaqueElements, planMessage, pick, type FieldPlan, type RecordPlan, type RootPlan } from "./plan.js";
import { prescanXml, type NamespaceBindings, type Prescanned } from "./prescan.js";
import { INVALID, readScalar, type CheckedBase64 } from "./scalars.js";

export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
export const XML_NS = "http://www.w3.org/XML/1998/namespace";

/** Options of {@link parseXml}. */
export interface ParseXmlOptions {
  /** Receives the base64 values found valid, so that building them unchanged with the same set does not check them again. */
  checked?: CheckedBase64;
  /**
   * The result of prescan.ts `prescan` over this very text with this call's
   * depth limit (the router's intake ran it): the scan is not repeated. Ignored
   * when its text or limit differs.
   */
  prescanned?: Prescanned;
}

/** Result of {@link parseXml}. */
export type ParseXmlResult = { ok: true; value: unknown } | { ok: false; error: XmlViewFailure };

type ONode = Record<string, unknown>;
type Attrs = Record<string, string>;

interface Scope {
  readonly prefix: string;
  readonly uri: string;
  readonly parent: Scope | undefined;
}

/** The element name (or "#text") of a node of fast-xml-parser's ordered output. */
export function tagOf(node: Record<string, unknown>): string {
  for (const key in node) if (key !== ":@") return key;
  return "";
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function declare(attrs: Attrs, scope: Scope | undefined): Scope | undefined {
  for (const name in attrs) {
    if (name.charCodeAt(0) !== 120 /* x */ || !name.startsWith("xmlns")) continue;
    if (name.length === 5) scope = { prefix: "", uri: attrs[name] ?? "", parent: scope };
    else if (name.charCodeAt(5) === 58 /* : */) scope = { prefix: name.slice(6), uri: attrs[name] ?? "", parent: scope };
  }
  return scope;
}

function lookup(scope: Scope | undefined, prefix: string): string {
  for (let s = scope; s; s = s.parent) if (s.prefix === prefix) return s.uri;
  if (prefix === "") return "";
  if (prefix === "xml") return XML_NS;
  return abort("xml-not-well-formed", `the namespace prefix ${/^[\w.-]{1,40}$/.test(prefix) ? prefix : "?"} is not declared`);
}

/** An element name split at its colon. */
interface QName {
  readonly prefix: string;
  readonly local: string;
}

/**
 * Element names split once per process: names come from a few schemas, and the
 * same name objects (property keys of the parser's output) recur in every message.
 */
const qnames = new Map<string, QName>();

function qualifiedName(tag: string): QName {
  let q = qnames.get(tag);
  if (q === undefined) {
    const colon = tag.indexOf(":");
    q = colon < 0 ? { prefix: "", local: tag } : { prefix: tag.slice(0, colon), local: tag.slice(colon + 1) };
    if (qnames.size >= 4096) qnames.clear(); // bounded: arbitrary names in hostile input must not grow it
    qnames.set(tag, q);
  }
  return q;
}

function isXmlnsAttr(name: string): boolean {
  return name.charCodeAt(0) === 120 && name.startsWith("xmlns") && (name.length === 5 || name.charCodeAt(5) === 58);
}

/**
 * The element names (as written, "prefix:local" or "local") that fast-xml-parser
 * treats as stop nodes: every name under which an opaque element can appear in
 * this document. A prefix bound to several namespaces may also catch another
 * element; the walk refuses such a document rather than read raw text as a value.
 */
function stopNames(names: { ns: string; local: string }[], bindings: NamespaceBindings): string[] {
  const out = new Set<string>();
  for (const { ns, local } of names) {
    if (ns === "") out.add(local);
    for (const [prefix, uris] of bindings) if (uris.has(ns)) out.add(prefix === "" ? local : `${prefix}:${local}`);
  }
  return [...out].sort();
}

/** The typed walk over fast-xml-parser's ordered output. */
class Walker {
  /**
   * @param stop element names parsed as stop nodes (raw text), undefined when none
   * @param checked receives the base64 values found valid
   */
  constructor(
    private readonly stop: ReadonlySet<string> | undefined,
    private readonly checked: CheckedBase64 | undefined,
  ) {}

  /** Element names and list positions (-1 = not a list item) of the current path, for error details. */
  private readonly names: string[] = [];
  private readonly positions: number[] = [];

  path(extra?: string): string {
    let p = "";
    for (let i = 0; i < this.names.length; i++) {
      const pos = this.positions[i] ?? -1;
      p += `/${this.names[i]}${pos >= 0 ? `[${pos + 1}]` : ""}`;
    }
    return extra === undefined ? p || "/" : `${p}/${extra}`;
  }

  root(doc: ONode[], plan: RootPlan): unknown {
    for (const node of doc) {
      const tag = tagOf(node);
      if (tag === "#text" || tag === "" || tag.charCodeAt(0) === 63 /* ? */) continue;
      const attrs = node[":@"] as Attrs | undefined;
      const scope = attrs ? declare(attrs, undefined) : undefined;
      const colon = tag.indexOf(":");
      const local = colon < 0 ? tag : tag.slice(colon + 1);
      const ns = lookup(scope, colon < 0 ? "" : tag.slice(0, colon));
      const f = plan.field;
      if (local !== f.local || ns !== f.ns) {
        abort("xml-wrong-root", `the root element is {${ns}}${local}, message type ${plan.message} expects {${f.ns}}${f.local}`);
      }
      this.names.push(local);
      this.positions.push(-1);
      return this.value(node[tag] as ONode[], attrs, f, scope);
    }
    return abort("xml-not-well-formed", "no root element");
  }

  /** The JSON value of one element for its field. */
  private value(children: ONode[], attrs: Attrs | undefined, field: FieldPlan, scope: Scope | undefined): unknown {
    if (attrs !== undefined && this.isNil(attrs, scope)) {
      if (!field.nillable) abort("xml-nil-not-allowed", `${this.path()} is xsi:nil but not nillable`);
      for (const c of children) {
        const t = c["#text"];
        if (typeof t !== "string" || !isBlank(t)) abort("xml-unexpected-content", `${this.path()} is xsi:nil but has content`);
      }
      return null;
    }
    if (field.kind === "record" && field.record) return this.record(children, attrs, field.record, scope, field.ns);
    if (field.kind === "any") return this.readAny(children, attrs, scope, field.ns, field.ns);
    if (attrs !== undefined) {
      for (const name in attrs) {
        if (isXmlnsAttr(name)) continue;
        const colon = name.indexOf(":");
        if (colon > 0 && lookup(scope, name.slice(0, colon)) === XSI_NS) continue;
        abort("xml-unknown-attribute", `${this.path()} has an attribute ${name.slice(colon + 1)} its simple type does not allow`);
      }
    }
    return this.scalar(field, this.textOf(children));
  }

  private isNil(attrs: Attrs, scope: Scope | undefined): boolean {
    for (const name in attrs) {
      if (!name.endsWith(":nil")) continue;
      if (lookup(scope, name.slice(0, name.length - 4)) !== XSI_NS) continue;
      const v = (attrs[name] ?? "").trim();
      if (v === "true" || v === "1") return true;
      if (v !== "false" && v !== "0") abort("xml-invalid-value", `${this.path()} has an xsi:nil value that is not a boolean`);
    }
    return false;
  }

  private textOf(children: ONode[]): string {
    if (children.length === 1) {
      const only = children[0] as ONode;
      const t = only["#text"];
      if (typeof t === "string") return t;
    }
    let text = "";
    for (const c of children) {
      const t = c["#text"];
      if (typeof t !== "string") abort("xml-unexpected-content", `${this.path()} has a child element ${tagOf(c).replace(/^.*:/, "")} but its type is a simple value`);
      text += t;
    }
    return text;
  }

  private scalar(field: FieldPlan, text: string, attribute?: string): unknown {
    const v = readScalar(field.kind === "record" ? "string" : field.kind, text, this.checked);
    if (v === INVALID) abort("xml-invalid-value", `${this.path(attribute)} is not a valid ${field.kind}`);
    if (field.enumeration !== undefined && !allowedValue(field.enumeration, v, text)) {
      abort("xml-invalid-value", `${this.path(attribute)} is not one of the ${field.enumeration.size} values its type allows (XSD enumeration)`);
    }
    return v;
  }

  /** A record element; `elementNs` is its own namespace (the parent namespace of untyped children). */
  private record(children: ONode[], attrs: Attrs | undefined, plan: RecordPlan, scope: Scope | undefined, elementNs: string): Record<string, unknown> {
    const obj: Record<string, unknown> = plan.protoNames ? (Object.create(null) as Record<string, unknown>) : {};
    if (attrs !== undefined) this.attributes(attrs, plan, scope, obj);
    let text = "";
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as ONode;
      const tag = tagOf(child);
      if (tag === "#text") {
        const t = child["#text"] as string;
        if (plan.text) text += t;
        else if (!isBlank(t) && !plan.open) abort("xml-unexpected-content", `${this.path()} contains text but its type allows only elements`);
        continue;
      }
      const childAttrs = child[":@"] as Attrs | undefined;
      const childScope = childAttrs !== undefined ? declare(childAttrs, scope) : scope;
      const q = qualifiedName(tag);
      const local = q.local;
      const ns = lookup(childScope, q.prefix);
      const field = pick(plan.elementsByLocal.get(local), ns);
      if (this.stop !== undefined && field !== undefined && !field.opaque && this.stop.has(tag)) {
        abort("xml-not-well-formed", `${this.path(local)} uses a namespace prefix bound to several namespaces in a way the view does not read`);
      }
      if (field === undefined) {
        if (!plan.open) abort("xml-unknown-element", `${this.path(`{${ns}}${local}`)} is not an element of ${plan.name}`);
        this.names.push(local);
        this.positions.push(-1);
        this.addAny(obj, local, this.readAny(child[tag] as ONode[], childAttrs, childScope, ns, elementNs));
        this.names.pop();
        this.positions.pop();
        continue;
      }
      const kids = child[tag] as ONode[];
      if (field.list) {
        let arr = obj[field.name] as unknown[] | undefined;
        if (arr === undefined) obj[field.name] = arr = [];
        this.names.push(local);
        this.positions.push(arr.length);
        arr.push(this.value(kids, childAttrs, field, childScope));
      } else {
        if (obj[field.name] !== undefined) abort("xml-duplicate-element", `${this.path(local)} occurs more than once`);
        this.names.push(local);
        this.positions.push(-1);
        obj[field.name] = this.value(kids, childAttrs, field, childScope);
      }
      this.names.pop();
      this.positions.pop();
    }
    if (plan.text) obj[plan.text.name] = this.scalar(plan.text, text);
    for (const f of plan.lists) if (obj[f.name] === undefined) obj[f.name] = [];
    for (const f of plan.required) {
      const v = obj[f.name];
      if (v === undefined || (f.list && (v as unknown[]).length < f.min)) {
        abort("xml-missing", `${this.path(f.node === "attribute" ? `@${f.local}` : f.local)} is required by ${plan.name} but missing`);
      }
    }
    return obj;
  }

  private attributes(attrs: Attrs, plan: RecordPlan, scope: Scope | undefined, obj: Record<string, unknown>): void {
    for (const name in attrs) {
      if (isXmlnsAttr(name)) continue;
      const colon = name.indexOf(":");
      const local = colon < 0 ? name : name.slice(colon + 1);
      const ns = colon < 0 ? "" : lookup(scope, name.slice(0, colon));
      if (ns === XSI_NS) continue;
      const field = pick(plan.attributesByLocal.get(local), ns);
      const value = attrs[name] ?? "";
      if (field === undefined) {
        if (!plan.open) abort("xml-unknown-attribute", `${this.path(`@{${ns}}${local}`)} is not an attribute of ${plan.name}`);
        if (UNSAFE.has(local)) abort("xml-unsafe-name", `${this.path()} has an attribute named ${local}`);
        obj[`@${local}`] = value;
        continue;
      }
      obj[field.name] = this.scalar(field, value, `@${local}`);
    }
  }

  private addAny(obj: Record<string, unknown>, local: string, value: unknown): void {
    if (UNSAFE.has(local)) abort("xml-unsafe-name", `${this.path()} has an element named ${local}`);
    if (!Object.hasOwn(obj, local)) obj[local] = value;
    else {
      const prev = obj[local];
      if (Array.isArray(prev)) prev.push(value);
      else obj[local] = [prev, value];
    }
  }

  /**
   * Untyped content (xs:any, xs:anyType): an element without attributes and
   * child elements in its parent's namespace is its text; otherwise an object
   * with "@attr" members, child elements by local name (arrays when repeated),
   * non-blank text as "#text", and "@xmlns" = its namespace URI when that
   * differs from its parent's.
   */
  private readAny(children: ONode[], attrs: Attrs | undefined, scope: Scope | undefined, ns: string, parentNs: string): unknown {
    let simple = ns === parentNs;
    if (simple && attrs !== undefined) for (const name in attrs) if (!isXmlnsAttr(name)) simple = false;
    if (simple) for (const c of children) if (typeof c["#text"] !== "string") simple = false;
    if (simple) return this.textOf(children);
    const obj: Record<string, unknown> = {};
    if (ns !== parentNs) obj["@xmlns"] = ns;
    if (attrs !== undefined) {
      for (const name in attrs) {
        if (isXmlnsAttr(name)) continue;
        const colon = name.indexOf(":");
        if (colon > 0 && lookup(scope, name.slice(0, colon)) === XSI_NS) continue;
        const local = colon < 0 ? name : name.slice(colon + 1);
        if (UNSAFE.has(local)) abort("xml-unsafe-name", `${this.path()} has an attribute named ${local}`);
        obj[`@${local}`] = attrs[name];
      }
    }
    let text = "";
    for (const child of children) {
      const tag = tagOf(child);
      if (tag === "#text") {
        text += child["#text"] as string;
        continue;
      }
      const childAttrs = child[":@"] as Attrs | undefined;
      const childScope = childAttrs !== undefined ? declare(childAttrs, scope) : scope;
      const colon = tag.indexOf(":");
      const local = colon < 0 ? tag : tag.slice(colon + 1);
      const childNs = lookup(childScope, colon < 0 ? "" : tag.slice(0, colon));
      this.names.push(local);
      this.positions.push(-1);
      const v = this.readAny(child[tag] as ONode[], childAttrs, childScope, childNs, ns);
      this.names.pop();
      this.positions.pop();
      this.addAny(obj, local, v);
    }
    if (!isBlank(text)) obj["#text"] = text;
    return obj;
  }
}

/**
 * Parses XML text into the JSON view of `message` (see the module comment for the rules).
 *
 * @param limits maxDepth (default 256) and maxLength (UTF-16 units, default 64 Mi)
 * @returns the value, or an error with a stable code and a payload-free detail; never throws
 */
export function parseXml(text: string, message: MessageType, registry: TypeRegistry, limits?: Partial<XmlLimits>, options: ParseXmlOptions = {}): ParseXmlResult {
  try {
    const lim = limits ? { ...DEFAULT_XML_LIMITS, ...limits } : DEFAULT_XML_LIMITS;
    const plan = planMessage(message, registry);
    if (text.length > lim.maxLength) abort("xml-too-large", `the text has ${text.length} characters, more than the limit of ${lim.maxLength}`);
    const opaque = opaqueElements(plan);
    const pre = options.prescanned;
    let bindings: NamespaceBindings | undefined;
    if (pre !== undefined && pre.text === text && pre.maxDepth === lim.maxDepth) {
      bindings = opaque.length > 0 ? pre.bindings : undefined;
    } else {
      bindings = opaque.length > 0 ? new Map() : undefined;
      prescanXml(text, lim.maxDepth, bindings);
    }
    // Only names that occur as a start tag: a stop node the text does not contain changes nothing,
    // and each configured one costs fast-xml-parser a pattern match per element.
    const stop = bindings ? stopNames(opaque, bindings).filter((n) => text.includes(`<${n}`)) : [];
    const parser = viewParser(
      stop.map((n) => `..${n}`),
      lim.maxDepth,
    );
    let doc: ONode[];
    try {
      doc = parser.parse(text) as ONode[];
    } catch (e) {
      if (e instanceof XmlViewAbort) throw e;
      const msg = e instanceof Error ? e.message : "";
      if (msg.startsWith("[SECURITY]")) abort("xml-unsafe-name", "an element or attribute is named __proto__, constructor or prototype");
      abort("xml-not-well-formed", "the XML parser rejected the text");
    }
    return { ok: true, value: new Walker(stop.length > 0 ? new Set(stop) : undefined, options.checked).root(doc, plan) };
  } catch (e) {
    if (e instanceof XmlViewAbort) return { ok: false, error: { code: e.code, detail: e.detail } };
    if (e instanceof RangeError) return { ok: false, error: { code: "xml-too-deep", detail: "the message is nested too deeply to process" } };
    throw e;
  }
}

/**
 * XSD enumeration facet (XML Schema 1.0 Part 2, 4.3.5): the value, after the
 * type's whitespace processing, is one of the listed literals. Token-like
 * string types collapse whitespace, so a collapsed match is accepted too.
 */
function allowedValue(allowed: ReadonlySet<string>, v: unknown, raw: string): boolean {
  const text = typeof v === "string" ? v : String(v);
  return allowed.has(text) || allowed.has(raw.trim()) || allowed.has(raw.replace(/[\t\n\r ]+/g, " ").trim());
}
