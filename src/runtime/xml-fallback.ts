/**
 * A small typed XML view used by the runtime until the project's typed XML
 * view (src/xml, "Typed messages and transformations") is present. Same
 * rules, reduced scope:
 * - parse: namespace-aware (URIs, not prefixes), driven by the message type:
 *   list fields are always arrays, text stays text unless the type says
 *   integer/number/boolean, xsi:nil -> null, attributes "@name", simple
 *   content "#text"; children a closed record does not declare are ignored,
 *   those of an open record are kept untyped under their local name.
 * - build: element order and namespaces from the type (prefixes p0, p1, ...
 *   declared on the root), text and attributes escaped, characters XML 1.0
 *   forbids refused; untyped members of open records are not written.
 * Never call it directly: go through xml-view.ts.
 */
import { XMLParser } from "fast-xml-parser";
import { resolveType, type Field, type MessageType, type Type, type TypeRegistry } from "../types/model.js";
import { decodeXmlEntities } from "./intake/xml-scan.js";
import { XmlViewError } from "./xml-view-error.js";

const XSI = "http://www.w3.org/2001/XMLSchema-instance";

type Node = Record<string, unknown>;
interface Element {
  ns: string;
  local: string;
  attrs: Map<string, string>; // key "{ns}local"
  children: Element[];
  text: string;
  nil: boolean;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: "#cdata",
  maxNestedTags: 100_000,
});

/** Parses well-formed XML into an element tree with resolved namespace URIs. @throws XmlViewError */
function parseTree(text: string): Element {
  let raw: Node[];
  try {
    raw = parser.parse(text, true) as Node[];
  } catch {
    throw new XmlViewError("not well-formed XML");
  }
  const roots = raw.filter((n) => elementName(n) !== undefined);
  if (roots.length !== 1) throw new XmlViewError("not exactly one root element");
  return toElement(roots[0]!, new Map([["xml", "http://www.w3.org/XML/1998/namespace"]]));
}

function elementName(n: Node): string | undefined {
  return Object.keys(n).find((k) => k !== ":@" && k !== "#text" && k !== "#cdata" && k !== "#comment");
}

function toElement(n: Node, scope: ReadonlyMap<string, string>): Element {
  const name = elementName(n)!;
  const rawAttrs = (n[":@"] ?? {}) as Record<string, string>;
  let inner = scope;
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === "xmlns" || k.startsWith("xmlns:")) {
      if (inner === scope) inner = new Map(scope);
      (inner as Map<string, string>).set(k === "xmlns" ? "" : k.slice(6), decodeXmlEntities(v));
    }
  }
  const [ns, local] = resolveName(name, inner, true);
  const attrs = new Map<string, string>();
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === "xmlns" || k.startsWith("xmlns:")) continue;
    const [ans, alocal] = resolveName(k, inner, false);
    attrs.set(`{${ans}}${alocal}`, decodeXmlEntities(v));
  }
  const children: Element[] = [];
  let text = "";
  for (const c of (n[name] ?? []) as Node[]) {
    if (typeof c["#text"] === "string") text += decodeXmlEntities(c["#text"]);
    else if (Array.isArray(c["#cdata"])) {
      for (const t of c["#cdata"] as Node[]) if (typeof t["#text"] === "string") text += t["#text"];
    } else if (elementName(c) !== undefined) children.push(toElement(c, inner));
  }
  return { ns, local, attrs, children, text, nil: attrs.get(`{${XSI}}nil`) === "true" };
}

function resolveName(qname: string, scope: ReadonlyMap<string, string>, isElement: boolean): [string, string] {
  const colon = qname.indexOf(":");
  if (colon < 0) return [isElement ? (scope.get("") ?? "") : "", qname];
  const uri = scope.get(qname.slice(0, colon));
  if (uri === undefined) throw new XmlViewError("undeclared namespace prefix");
  return [uri, qname.slice(colon + 1)];
}

interface Binding {
  node: "element" | "attribute" | "text";
  local: string;
  /** undefined: any namespace (a field without XML binding). */
  ns: string | undefined;
}

function bindingOf(f: Field): Binding {
  if (f.xml) return { node: f.xml.node, local: f.xml.localName, ns: f.xml.ns ?? "" };
  if (f.name === "#text") return { node: "text", local: "", ns: "" };
  if (f.name.startsWith("@")) return { node: "attribute", local: f.name.slice(1), ns: "" };
  return { node: "element", local: f.name, ns: undefined };
}

const matches = (b: Binding, ns: string, local: string): boolean => b.local === local && (b.ns === undefined || b.ns === ns);

/** Parses `text` into the JSON view of `message`. @throws XmlViewError */
export function fallbackParse(text: string, message: MessageType, types: TypeRegistry): unknown {
  if (message.encoding.format !== "xml") throw new XmlViewError(`${message.name} is not an XML message type`);
  const root = parseTree(text);
  if (root.local !== message.encoding.root || root.ns !== (message.encoding.ns ?? "")) {
    throw new XmlViewError(`the root element is not the one of ${message.name}`);
  }
  return readElement(root, message.type, types, "");
}

function readElement(el: Element, type: Type, types: TypeRegistry, path: string): unknown {
  if (el.nil) return null;
  const t = nonNull(resolveType(type, types), types);
  switch (t.kind) {
    case "record":
      return readRecord(el, t.fields, t.open === true, types, path);
    case "list":
      return [readElement(el, t.element, types, path)];
    case "any":
      return untyped(el);
    default:
      return readScalar(el.text, t, path);
  }
}

function nonNull(t: Type, types: TypeRegistry): Type {
  if (t.kind !== "union") return t;
  const first = t.types.map((m) => resolveType(m, types)).find((m) => m.kind !== "null");
  return first ?? t;
}

function readScalar(text: string, t: Type, path: string): unknown {
  if (t.kind !== "scalar") return text.trim();
  const v = text.trim();
  switch (t.scalar) {
    case "integer":
    case "number": {
      const n = Number(v);
      if (v === "" || !Number.isFinite(n) || (t.scalar === "integer" && !Number.isSafeInteger(n))) {
        throw new XmlViewError(`not a valid ${t.scalar}`, path);
      }
      return n;
    }
    case "boolean":
      if (v === "true" || v === "1") return true;
      if (v === "false" || v === "0") return false;
      throw new XmlViewError("not a valid boolean", path);
    case "string":
    case "base64":
      return text;
    default:
      return v;
  }
}

function readRecord(el: Element, fields: Field[], open: boolean, types: TypeRegistry, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const used = new Set<Element>();
  for (const f of fields) {
    const b = bindingOf(f);
    const fpath = path === "" ? f.name : `${path}.${f.name}`;
    const ft = resolveType(f.type, types);
    if (b.node === "attribute") {
      const v = b.ns === undefined ? findAttr(el, b.local) : el.attrs.get(`{${b.ns}}${b.local}`);
      if (v !== undefined) out[f.name] = readScalar(v, ft, fpath);
    } else if (b.node === "text") {
      out[f.name] = readScalar(el.text, ft, fpath);
    } else {
      const hits = el.children.filter((c) => matches(b, c.ns, c.local));
      hits.forEach((h) => used.add(h));
      if (ft.kind === "list") {
        out[f.name] = hits.map((h, i) => readElement(h, ft.element, types, `${fpath}[${i}]`));
      } else if (hits.length > 1) {
        throw new XmlViewError("a repeated element where the type allows one", fpath);
      } else if (hits.length === 1) {
        out[f.name] = readElement(hits[0]!, f.type, types, fpath);
      }
    }
  }
  if (open) {
    for (const c of el.children) {
      if (used.has(c) || Object.hasOwn(out, c.local)) continue;
      const same = el.children.filter((d) => d.local === c.local && !used.has(d));
      same.forEach((d) => used.add(d));
      out[c.local] = same.length === 1 ? untyped(c) : same.map(untyped);
    }
  }
  return out;
}

function findAttr(el: Element, local: string): string | undefined {
  for (const [k, v] of el.attrs) if (k.endsWith(`}${local}`)) return v;
  return undefined;
}

function untyped(el: Element): unknown {
  if (el.children.length === 0 && el.attrs.size === 0) return el.text.trim();
  const out: Record<string, unknown> = {};
  for (const [k, v] of el.attrs) out[`@${k.slice(k.indexOf("}") + 1)}`] = v;
  for (const c of el.children) {
    const prev = out[c.local];
    const v = untyped(c);
    out[c.local] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  if (el.text.trim() !== "") out["#text"] = el.text.trim();
  return out;
}

// ---------------------------------------------------------------- build

const BAD_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

class Writer {
  readonly prefixes = new Map<string, string>();
  prefix(ns: string): string {
    let p = this.prefixes.get(ns);
    if (p === undefined) {
      p = `p${this.prefixes.size}`;
      this.prefixes.set(ns, p);
    }
    return p;
  }
  qname(ns: string | undefined, local: string): string {
    return ns === undefined || ns === "" ? local : `${this.prefix(ns)}:${local}`;
  }
}

function escapeText(s: string, path: string): string {
  if (BAD_XML_CHAR.test(s)) throw new XmlViewError("a character not allowed in XML 1.0", path);
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttr(s: string, path: string): string {
  return escapeText(s, path).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

function scalarText(v: unknown, path: string): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  throw new XmlViewError("a value that does not fit a simple type", path);
}

/** Writes the JSON view `value` as XML of `message` (with an UTF-8 XML declaration). @throws XmlViewError */
export function fallbackBuild(value: unknown, message: MessageType, types: TypeRegistry): string {
  if (message.encoding.format !== "xml") throw new XmlViewError(`${message.name} is not an XML message type`);
  const w = new Writer();
  const rootNs = message.encoding.ns ?? "";
  const rootName = w.qname(rootNs, message.encoding.root);
  const body = writeContent(w, value, message.type, types, "");
  const decls = [...w.prefixes].map(([ns, p]) => ` xmlns:${p}="${escapeAttr(ns, "")}"`).join("");
  const [attrs, inner, nil] = body;
  const open = `<${rootName}${decls}${nil ? ` xmlns:xsi="${XSI}" xsi:nil="true"` : ""}${attrs}`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${inner === "" ? `${open}/>` : `${open}>${inner}</${rootName}>`}\n`;
}

/** Returns [attributes, content, nil] of one element holding `value` of `type`. */
function writeContent(w: Writer, value: unknown, type: Type, types: TypeRegistry, path: string): [string, string, boolean] {
  if (value === null) return ["", "", true];
  const t = nonNull(resolveType(type, types), types);
  if (t.kind !== "record") {
    if (t.kind === "any" && typeof value === "object") throw new XmlViewError("untyped structured content cannot be written", path);
    return ["", escapeText(scalarText(value, path), path), false];
  }
  if (typeof value !== "object" || Array.isArray(value)) throw new XmlViewError("a value that does not fit a record", path);
  const rec = value as Record<string, unknown>;
  let attrs = "";
  let inner = "";
  for (const f of t.fields) {
    const v = rec[f.name];
    const fpath = path === "" ? f.name : `${path}.${f.name}`;
    const ft = resolveType(f.type, types);
    if (v === undefined || (Array.isArray(v) && v.length === 0 && ft.kind !== "list")) {
      if (!f.optional && !(ft.kind === "list" && (ft.min ?? 0) === 0)) throw new XmlViewError("a required field is missing", fpath);
      continue;
    }
    const b = bindingOf(f);
    if (b.node === "attribute") {
      attrs += ` ${w.qname(b.ns, b.local)}="${escapeAttr(scalarText(v, fpath), fpath)}"`;
    } else if (b.node === "text") {
      inner += escapeText(scalarText(v, fpath), fpath);
    } else {
      const items = ft.kind === "list" ? (Array.isArray(v) ? v : [v]) : [v];
      const itemType = ft.kind === "list" ? ft.element : f.type;
      items.forEach((item, i) => {
        const ipath = ft.kind === "list" ? `${fpath}[${i}]` : fpath;
        const name = w.qname(b.ns, b.local);
        const [a, c, nil] = writeContent(w, item, itemType, types, ipath);
        const nilAttr = nil ? ` ${w.qname(XSI, "nil")}="true"` : "";
        inner += c === "" ? `<${name}${a}${nilAttr}/>` : `<${name}${a}${nilAttr}>${c}</${name}>`;
      });
    }
  }
  return [attrs, inner, false];
}
