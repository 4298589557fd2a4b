/**
 * buildXml: the JSON view of a message -> XML text, driven by its type, written
 * in one walk (the same text fast-xml-parser's XMLBuilder wrote with the
 * view's options: no formatting, empty elements as `<a/>`, escapes of escape.ts).
 *
 * - Element order comes from the type, never from the value's key order.
 * - A list field is written as repeated elements; a single non-array value
 *   for a list field is written as one element (JSONata's singleton flattening
 *   neutralised). A non-list field given an array is an error.
 * - Namespaces: every namespace the type uses is declared on the root element.
 *   Prefixes come from `options.prefixes` (URI -> prefix), else from the
 *   message encoding's `prefixes` (declared in the rules); the others are
 *   ns1, ns2, ... in the order the namespaces first occur in the type
 *   (depth-first, field order), skipping prefixes already taken. Unqualified
 *   elements and attributes get no prefix; no default namespace is declared.
 *   "xsi" is declared only when an xsi:nil is written.
 * - null on a nillable element writes xsi:nil="true"; on a non-nillable
 *   optional field it is treated as absent; on a required one it is an error.
 * - Text and attribute values are escaped; characters XML 1.0 does not allow
 *   are refused with the field path. Opaque (base64) content is written
 *   verbatim (stop node) after checking it is base64 text.
 * - Keys of a closed record that the type does not declare are errors; those of
 *   an open record are written as untyped content (see parse-xml.ts readAny).
 * - Error details name field paths in the JSON view ("satz[0].anmeldung.uuid").
 */
import type { MessageType, TypeRegistry } from "../types/model.js";
import { XmlViewAbort, abort, type XmlViewFailure } from "./errors.js";
import { XSI_NS } from "./parse-xml.js";
import { decodeXmlReferences } from "./entities.js";
import { UNSAFE, opaqueElements, planMessage, type FieldPlan, type RecordPlan, type RootPlan } from "./plan.js";
import { escapeQuotes, escapeXml } from "./escape.js";
import { INVALID, writeScalar, type BooleanStyle, type CheckedBase64 } from "./scalars.js";

/** Options of {@link buildXml}. */
export interface BuildXmlOptions {
  /** Namespace URI -> prefix to use (NCName, not "xml"/"xmlns"). */
  prefixes?: Record<string, string>;
  /** Write `<?xml version="1.0" encoding="UTF-8"?>` first (default true). */
  declaration?: boolean;
  /** Booleans as "true"/"false" ("word", default) or "1"/"0" ("digit"). */
  booleans?: BooleanStyle;
  /** Maximum nesting depth written (default 256). */
  maxDepth?: number;
  /** Base64 values already found valid (by parseXml with the same set): written without a second check. */
  checked?: CheckedBase64;
}

/** Result of {@link buildXml}. */
export type BuildXmlResult = { ok: true; text: string } | { ok: false; error: XmlViewFailure };

type Attrs = Record<string, string>;

const NCNAME = /^[A-Za-z_][\w.-]*$/;
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
/** Any character outside XML 1.0's Char production (lone surrogates included). */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Namespaces used by a message type, in first-occurrence order, and the field names of its records (cached). */
interface TypeNamespaces {
  uris: string[];
  fieldNames: WeakMap<RecordPlan, Set<string>>;
}
const nsCache = new WeakMap<RootPlan, TypeNamespaces>();

function typeNamespaces(root: RootPlan): TypeNamespaces {
  const hit = nsCache.get(root);
  if (hit) return hit;
  const uris: string[] = [];
  const fieldNames = new WeakMap<RecordPlan, Set<string>>();
  const note = (ns: string): void => {
    if (ns !== "" && !uris.includes(ns)) uris.push(ns);
  };
  const visit = (f: FieldPlan): void => {
    note(f.ns);
    const r = f.record;
    if (!r || fieldNames.has(r)) return;
    fieldNames.set(r, new Set([...r.elements, ...r.attributes, ...(r.text ? [r.text] : [])].map((x) => x.name)));
    for (const a of r.attributes) note(a.ns);
    for (const e of r.elements) visit(e);
  };
  visit(root.field);
  const result = { uris, fieldNames };
  nsCache.set(root, result);
  return result;
}

/** Prefix assignment for one call. */
function assignPrefixes(uris: string[], given: Record<string, string> | undefined): Map<string, string> {
  const prefixOf = new Map<string, string>();
  const taken = new Set<string>();
  if (given) {
    for (const uri of Object.keys(given)) {
      const p = given[uri] ?? "";
      if (!NCNAME.test(p) || p.toLowerCase().startsWith("xml")) abort("xml-bad-type", `the prefix ${NCNAME.test(p) ? p : "?"} cannot be used`);
      if (taken.has(p)) abort("xml-bad-type", `the prefix ${p} is given for two namespaces`);
      taken.add(p);
      prefixOf.set(uri, p);
    }
  }
  let n = 1;
  for (const uri of uris) {
    if (prefixOf.has(uri)) continue;
    while (taken.has(`ns${n}`)) n++;
    prefixOf.set(uri, `ns${n}`);
    taken.add(`ns${n}`);
  }
  let xsi = "xsi";
  for (let i = 1; taken.has(xsi) && prefixOf.get(XSI_NS) !== xsi; i++) xsi = `xsi${i}`;
  if (!prefixOf.has(XSI_NS)) prefixOf.set(XSI_NS, xsi);
  return prefixOf;
}

/** A field's value in a record value; own properties only when a field name is also an Object.prototype member. */
function member(obj: Record<string, unknown>, name: string, plan: RecordPlan): unknown {
  return plan.protoNames && !Object.hasOwn(obj, name) ? undefined : obj[name];
}

class Writer {
  private readonly path: string[] = [];
  usedXsi = false;
  /** Level of the element being written (root = 1). */
  private level = 0;
  /** Set when an element lies deeper than the limit. */
  tooDeep = false;
  /** Top-level elements, completed by buildXml. */
  readonly top: TopElement[] = [];
  private readonly qnames = new Map<FieldPlan, string>();
  private readonly nilName: string;

  constructor(
    private readonly prefixOf: Map<string, string>,
    private readonly types: TypeNamespaces,
    private readonly booleans: BooleanStyle,
    /** Qualified names of opaque (base64) elements: content verbatim below the top level, as the parser's stop nodes. */
    private readonly stopNames: ReadonlySet<string>,
    private readonly checked: CheckedBase64 | undefined,
    /** Elements nested deeper than maxDepth + 1 levels are refused (the limit fast-xml-builder applied). */
    private readonly maxDepth: number,
  ) {
    this.nilName = `${prefixOf.get(XSI_NS) ?? "xsi"}:nil`;
  }

  private where(extra?: string): string {
    const p = this.path.join(".");
    if (extra === undefined || extra === "") return p || "(root)";
    return p ? `${p}.${extra}` : extra;
  }

  qname(f: FieldPlan): string {
    let q = this.qnames.get(f);
    if (q === undefined) {
      q = f.ns === "" ? f.local : `${this.prefixOf.get(f.ns) ?? ""}:${f.local}`;
      this.qnames.set(f, q);
    }
    return q;
  }

  /**
   * The XML text of a scalar value. `raw` when it is written verbatim (a stop
   * node): base64 may then keep character references; otherwise they are
   * decoded so that the builder's escaping keeps their meaning.
   */
  private text(field: FieldPlan, value: unknown, name: string, raw = false): string {
    const text = writeScalar(field.kind === "record" ? "string" : field.kind, value, this.booleans, this.checked);
    if (text === INVALID) abort("xml-invalid-value", `${this.where(name)} is not a valid ${field.kind}`);
    // base64 text (checked by writeScalar) holds only ASCII letters, digits, + / = and whitespace
    if (field.kind === "base64") return !raw && text.includes("&") ? decodeXmlReferences(text) : text;
    if (NOT_XML_CHAR.test(text)) abort("xml-invalid-character", `${this.where(name)} contains a character XML 1.0 does not allow`);
    return text;
  }

  /** Writes the element(s) of one field. */
  field(field: FieldPlan, value: unknown): string {
    if (field.list) {
      if (value === null && !field.nillable) return "";
      const items = Array.isArray(value) ? value : [value];
      let s = "";
      for (let i = 0; i < items.length; i++) {
        this.path.push(`${field.name}[${i}]`);
        s += this.one(field, items[i]);
        this.path.pop();
      }
      return s;
    }
    if (Array.isArray(value)) abort("xml-invalid-value", `${this.where(field.name)} holds one value but is given a list of ${value.length}`);
    this.path.push(field.name);
    const s = this.one(field, value);
    this.path.pop();
    return s;
  }

  private one(field: FieldPlan, value: unknown): string {
    const qname = this.qname(field);
    if (field.kind === "any" && value !== null) return this.any(qname, value, "", field.ns, true);
    this.enter();
    let s: string;
    if (value === null) {
      if (!field.nillable) abort("xml-nil-not-allowed", `${this.where()} is null but not nillable`);
      this.usedXsi = true;
      s = this.element(qname, { [this.nilName]: "true" }, "");
    } else if (field.kind === "record" && field.record) {
      if (typeof value !== "object" || Array.isArray(value)) abort("xml-invalid-value", `${this.where()} must be a record`);
      s = this.record(qname, field.record, value as Record<string, unknown>, field.ns);
    } else {
      const stop = this.stopNames.has(qname);
      const text = this.text(field, value, "", field.opaque && stop);
      s = this.element(qname, undefined, stop && this.level > 1 ? text : escapeXml(text));
    }
    this.level--;
    return s;
  }

  /** One element of a record type (its level already entered). */
  record(qname: string, plan: RecordPlan, obj: Record<string, unknown>, ns: string, extraAttrs?: Attrs): string {
    let content = "";
    const attrs: Attrs = extraAttrs ?? {};
    let hasAttrs = extraAttrs !== undefined;
    for (const f of plan.attributes) {
      const v = member(obj, f.name, plan);
      if (v === undefined || v === null) {
        if (!f.optional) abort("xml-missing", `${this.where(f.name)} is required but missing`);
        continue;
      }
      attrs[this.qname(f)] = this.text(f, v, f.name);
      hasAttrs = true;
    }
    if (plan.text) {
      const v = member(obj, plan.text.name, plan);
      if (v !== undefined && v !== null) content += escapeXml(this.text(plan.text, v, plan.text.name));
    }
    for (const f of plan.elements) {
      const v = member(obj, f.name, plan);
      if (v === undefined || (v === null && !f.nillable && !f.list)) {
        if (!f.optional && !(f.list && f.min === 0)) abort("xml-missing", `${this.where(f.name)} is required but missing`);
        continue;
      }
      content += this.field(f, v);
    }
    const names = this.types.fieldNames.get(plan);
    for (const key in obj) {
      if (names?.has(key) || obj[key] === undefined) continue;
      if (!plan.open) abort("xml-unknown-element", `${this.where(key)} is not a field of ${plan.name}`);
      if (key === "@xmlns") continue;
      if (key.startsWith("@")) {
        const local = key.slice(1);
        if (!NCNAME.test(local) || UNSAFE.has(local)) abort("xml-unsafe-name", `${this.where(key)} cannot be an attribute name`);
        const t = this.anyText(obj[key], key);
        attrs[local] = t;
        hasAttrs = true;
      } else {
        content += this.any(key, obj[key], "", ns, false);
      }
    }
    return this.element(qname, hasAttrs ? attrs : undefined, content);
  }

  private anyText(value: unknown, name: string): string {
    const t = writeScalar("any", value, this.booleans);
    if (t === INVALID) abort("xml-invalid-value", `${this.where(name)} is not a simple value`);
    if (NOT_XML_CHAR.test(t)) abort("xml-invalid-character", `${this.where(name)} contains a character XML 1.0 does not allow`);
    return t;
  }

  /**
   * Untyped content, the inverse of parse-xml.ts readAny: elements are written
   * unprefixed, with xmlns="..." where their namespace differs from the default
   * namespace in scope. `typedName` is true when `name` is already a qualified
   * name chosen by the type (an xs:anyType field).
   */
  private any(name: string, value: unknown, defaultNs: string, ns: string, typedName: boolean): string {
    if (!typedName && (!NCNAME.test(name) || UNSAFE.has(name))) abort("xml-unsafe-name", `${this.where(name)} cannot be an element name`);
    if (Array.isArray(value)) {
      let s = "";
      for (let i = 0; i < value.length; i++) {
        this.path.push(`${name}[${i}]`);
        s += this.anyOne(name, value[i], defaultNs, ns, typedName);
        this.path.pop();
      }
      return s;
    }
    this.path.push(name);
    const s = this.anyOne(name, value, defaultNs, ns, typedName);
    this.path.pop();
    return s;
  }

  private anyOne(name: string, value: unknown, defaultNs: string, inherited: string, typedName: boolean): string {
    this.enter();
    const attrs: Attrs = {};
    let hasAttrs = false;
    const ns = value !== null && typeof value === "object" && typeof (value as Record<string, unknown>)["@xmlns"] === "string" ? ((value as Record<string, unknown>)["@xmlns"] as string) : inherited;
    let childDefault = defaultNs;
    if (!typedName && ns !== defaultNs) {
      attrs["xmlns"] = ns;
      hasAttrs = true;
      childDefault = ns;
    }
    let content = "";
    if (value === null) {
      // an empty element
    } else if (typeof value !== "object") {
      content = escapeXml(this.anyText(value, ""));
    } else {
      const obj = value as Record<string, unknown>;
      for (const key in obj) {
        const v = obj[key];
        if (v === undefined || key === "@xmlns") continue;
        if (key === "#text") {
          content += escapeXml(this.anyText(v, key));
        } else if (key.startsWith("@")) {
          const local = key.slice(1);
          if (!NCNAME.test(local) || UNSAFE.has(local)) abort("xml-unsafe-name", `${this.where(key)} cannot be an attribute name`);
          attrs[local] = this.anyText(v, key);
          hasAttrs = true;
        } else {
          content += this.any(key, v, typedName ? "" : childDefault, ns, false);
        }
      }
    }
    const s = this.element(name, hasAttrs ? attrs : undefined, content);
    this.level--;
    return s;
  }

  /** Enters the level of a new element; a level beyond the limit is refused after the walk (value errors first). */
  enter(): void {
    if (++this.level > this.maxDepth + 1) this.tooDeep = true;
  }

  /**
   * The XML text of an element at the current level whose content is written.
   * Top-level elements are kept in {@link top} (their start tag gets the root's
   * namespace declarations once the walk is done) and yield "".
   */
  element(qname: string, attrs: Attrs | undefined, content: string): string {
    if (this.level === 1) {
      this.top.push({ qname, attrs, content });
      return "";
    }
    return elementText(qname, attrs, content, this.stopNames.has(qname));
  }
}

/** One element written at the top level, completed after the walk. */
interface TopElement {
  qname: string;
  attrs: Attrs | undefined;
  content: string;
}

/**
 * `<name attrs>content</name>`, or `<name attrs/>` when the content is empty.
 * Attribute values are escaped (only their quotes in a stop node, as fast-xml-builder
 * did: base64 elements carry no other attributes than xsi:nil).
 */
function elementText(qname: string, attrs: Attrs | undefined, content: string, stop: boolean): string {
  let start = `<${qname}`;
  if (attrs !== undefined) {
    for (const name in attrs) {
      const v = attrs[name] as string;
      start += ` ${name}="${stop ? escapeQuotes(v) : escapeXml(v)}"`;
    }
  }
  return content === "" ? `${start}/>` : `${start}>${content}</${qname}>`;
}

/**
 * Writes the JSON view `value` of `message` as XML text (see the module comment for the rules).
 * @returns the text, or an error with a stable code and a payload-free detail (field paths); never throws
 */
export function buildXml(value: unknown, message: MessageType, registry: TypeRegistry, options: BuildXmlOptions = {}): BuildXmlResult {
  try {
    const plan = planMessage(message, registry);
    const types = typeNamespaces(plan);
    const declared = message.encoding.format === "xml" ? message.encoding.prefixes : undefined;
    const prefixOf = assignPrefixes(types.uris, declared && options.prefixes ? { ...declared, ...options.prefixes } : (options.prefixes ?? declared));
    const stopNames = new Set<string>();
    for (const o of opaqueElements(plan)) if (o.ns !== "") stopNames.add(`${prefixOf.get(o.ns) ?? ""}:${o.local}`);
    const writer = new Writer(prefixOf, types, options.booleans ?? "word", stopNames, options.checked, options.maxDepth ?? 256);
    const rootAttrs: Attrs = {};
    for (const uri of types.uris) rootAttrs[`xmlns:${prefixOf.get(uri) ?? ""}`] = uri;
    const root = plan.field;
    const recordRoot = root.kind === "record" && root.record !== undefined;
    if (recordRoot) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) abort("xml-invalid-value", "the message value must be a record");
      writer.enter();
      writer.record(writer.qname(root), root.record!, value as Record<string, unknown>, root.ns, rootAttrs);
    } else {
      writer.field(root, value);
    }
    if (writer.tooDeep) abort("xml-too-deep", "the value is nested deeper than the limit");
    const first = writer.top[0];
    if (first) {
      const attrs: Attrs = recordRoot ? first.attrs! : { ...rootAttrs, ...first.attrs };
      if (writer.usedXsi) attrs[`xmlns:${prefixOf.get(XSI_NS) ?? "xsi"}`] = XSI_NS;
      first.attrs = attrs;
    }
    let xml = "";
    for (const t of writer.top) xml += elementText(t.qname, t.attrs, t.content, false);
    return { ok: true, text: options.declaration === false ? xml : XML_DECLARATION + xml };
  } catch (e) {
    if (e instanceof XmlViewAbort) return { ok: false, error: { code: e.code, detail: e.detail } };
    if (e instanceof RangeError) return { ok: false, error: { code: "xml-too-deep", detail: "the value is nested too deeply to write" } };
    throw e;
  }
}
