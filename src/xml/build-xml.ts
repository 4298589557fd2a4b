/**
 * buildXml: the JSON view of a message -> XML text, driven by its type, written
 * with fast-xml-parser's XMLBuilder.
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
import { viewBuilder } from "./options.js";
import { XSI_NS } from "./parse-xml.js";
import { decodeXmlReferences } from "./entities.js";
import { UNSAFE, opaqueElements, planMessage, type FieldPlan, type RecordPlan, type RootPlan } from "./plan.js";
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

type ONode = Record<string, unknown>;
type Attrs = Record<string, string>;

const NCNAME = /^[A-Za-z_][\w.-]*$/;
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
  private readonly qnames = new Map<FieldPlan, string>();
  private readonly nilName: string;

  constructor(
    private readonly prefixOf: Map<string, string>,
    private readonly types: TypeNamespaces,
    private readonly booleans: BooleanStyle,
    /** Qualified names written as builder stop nodes (content verbatim, unescaped). */
    private readonly stopNames: ReadonlySet<string>,
    private readonly checked: CheckedBase64 | undefined,
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
  field(field: FieldPlan, value: unknown, out: ONode[]): void {
    if (field.list) {
      if (value === null && !field.nillable) return;
      const items = Array.isArray(value) ? value : [value];
      for (let i = 0; i < items.length; i++) {
        this.path.push(`${field.name}[${i}]`);
        this.one(field, items[i], out);
        this.path.pop();
      }
      return;
    }
    if (Array.isArray(value)) abort("xml-invalid-value", `${this.where(field.name)} holds one value but is given a list of ${value.length}`);
    this.path.push(field.name);
    this.one(field, value, out);
    this.path.pop();
  }

  private one(field: FieldPlan, value: unknown, out: ONode[]): void {
    const qname = this.qname(field);
    if (value === null) {
      if (!field.nillable) abort("xml-nil-not-allowed", `${this.where()} is null but not nillable`);
      this.usedXsi = true;
      out.push({ [qname]: [], ":@": { [this.nilName]: "true" } });
      return;
    }
    if (field.kind === "record" && field.record) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) abort("xml-invalid-value", `${this.where()} must be a record`);
      out.push(this.record(qname, field.record, value as Record<string, unknown>, field.ns));
      return;
    }
    if (field.kind === "any") {
      this.any(qname, value, out, "", field.ns, true);
      return;
    }
    const text = this.text(field, value, "", field.opaque && this.stopNames.has(qname));
    out.push({ [qname]: text === "" ? [] : [{ "#text": text }] });
  }

  /** One element of a record type. */
  record(qname: string, plan: RecordPlan, obj: Record<string, unknown>, ns: string, extraAttrs?: Attrs): ONode {
    const children: ONode[] = [];
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
      if (v !== undefined && v !== null) {
        const t = this.text(plan.text, v, plan.text.name);
        if (t !== "") children.push({ "#text": t });
      }
    }
    for (const f of plan.elements) {
      const v = member(obj, f.name, plan);
      if (v === undefined || (v === null && !f.nillable && !f.list)) {
        if (!f.optional && !(f.list && f.min === 0)) abort("xml-missing", `${this.where(f.name)} is required but missing`);
        continue;
      }
      this.field(f, v, children);
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
        this.any(key, obj[key], children, "", ns, false);
      }
    }
    const node: ONode = { [qname]: children };
    if (hasAttrs) node[":@"] = attrs;
    return node;
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
  private any(name: string, value: unknown, out: ONode[], defaultNs: string, ns: string, typedName: boolean): void {
    if (!typedName && (!NCNAME.test(name) || UNSAFE.has(name))) abort("xml-unsafe-name", `${this.where(name)} cannot be an element name`);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        this.path.push(`${name}[${i}]`);
        this.anyOne(name, value[i], out, defaultNs, ns, typedName);
        this.path.pop();
      }
      return;
    }
    this.path.push(name);
    this.anyOne(name, value, out, defaultNs, ns, typedName);
    this.path.pop();
  }

  private anyOne(name: string, value: unknown, out: ONode[], defaultNs: string, inherited: string, typedName: boolean): void {
    const attrs: Attrs = {};
    let hasAttrs = false;
    const ns = value !== null && typeof value === "object" && typeof (value as Record<string, unknown>)["@xmlns"] === "string" ? ((value as Record<string, unknown>)["@xmlns"] as string) : inherited;
    let childDefault = defaultNs;
    if (!typedName && ns !== defaultNs) {
      attrs["xmlns"] = ns;
      hasAttrs = true;
      childDefault = ns;
    }
    const children: ONode[] = [];
    if (value === null) {
      // an empty element
    } else if (typeof value !== "object") {
      const t = this.anyText(value, "");
      if (t !== "") children.push({ "#text": t });
    } else {
      const obj = value as Record<string, unknown>;
      for (const key in obj) {
        const v = obj[key];
        if (v === undefined || key === "@xmlns") continue;
        if (key === "#text") {
          const t = this.anyText(v, key);
          if (t !== "") children.push({ "#text": t });
        } else if (key.startsWith("@")) {
          const local = key.slice(1);
          if (!NCNAME.test(local) || UNSAFE.has(local)) abort("xml-unsafe-name", `${this.where(key)} cannot be an attribute name`);
          attrs[local] = this.anyText(v, key);
          hasAttrs = true;
        } else {
          this.any(key, v, children, typedName ? "" : childDefault, ns, false);
        }
      }
    }
    const node: ONode = { [name]: children };
    if (hasAttrs) node[":@"] = attrs;
    out.push(node);
  }
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
    const writer = new Writer(prefixOf, types, options.booleans ?? "word", stopNames, options.checked);
    const rootAttrs: Attrs = {};
    for (const uri of types.uris) rootAttrs[`xmlns:${prefixOf.get(uri) ?? ""}`] = uri;
    const root = plan.field;
    const body: ONode[] = [];
    if (root.kind === "record" && root.record) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) abort("xml-invalid-value", "the message value must be a record");
      body.push(writer.record(writer.qname(root), root.record, value as Record<string, unknown>, root.ns, rootAttrs));
    } else {
      writer.field(root, value, body);
      const first = body[0];
      if (first) first[":@"] = { ...rootAttrs, ...((first[":@"] as Attrs | undefined) ?? {}) };
    }
    if (writer.usedXsi) {
      const first = body[0];
      if (first) (first[":@"] as Attrs)[`xmlns:${prefixOf.get(XSI_NS) ?? "xsi"}`] = XSI_NS;
    }
    const builder = viewBuilder([...stopNames].sort().map((q) => `..${q}`), options.maxDepth ?? 256);
    const doc: ONode[] = options.declaration === false ? body : [{ "?xml": [{ "#text": "" }], ":@": { version: "1.0", encoding: "UTF-8" } }, ...body];
    return { ok: true, text: builder.build(doc) as string };
  } catch (e) {
    if (e instanceof XmlViewAbort) return { ok: false, error: { code: e.code, detail: e.detail } };
    if (e instanceof RangeError) return { ok: false, error: { code: "xml-too-deep", detail: "the value is nested too deeply to write" } };
    if (e instanceof Error && e.message.includes("nested tags")) return { ok: false, error: { code: "xml-too-deep", detail: "the value is nested deeper than the limit" } };
    throw e;
  }
}
