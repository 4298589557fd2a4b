/**
 * A canonical text form of an XML document for comparisons in tests: two
 * documents are "equal under the canonical comparison" when their canonical
 * forms are equal strings.
 *
 * Kept: elements in order, by {namespace URI}local name; attributes by
 * {URI}name, sorted (order-insensitive); text. Ignored: prefixes and namespace
 * declarations, the XML declaration, comments, processing instructions,
 * whitespace-only text between elements (and, with a type, in element-only
 * content), xsi:schemaLocation and
 * xsi:noNamespaceSchemaLocation (hints, not content); xsi:nil="1" equals
 * xsi:nil="true", xsi:nil="false" equals no xsi:nil.
 *
 * With a message type (options.message + options.registry), leaf text is
 * compared in the value space of its type: booleans ("1" = "true"), integers
 * and numbers ("007" = "7"), and trimmed decimals/dates; strings stay exact.
 */
import { XMLParser } from "fast-xml-parser";
import type { MessageType, TypeRegistry } from "../types/model.js";
import { XmlViewAbort } from "./errors.js";
import { XML_PARSE_OPTIONS } from "./options.js";
import { XML_NS, XSI_NS, tagOf } from "./parse-xml.js";
import { planMessage, pick, type FieldPlan } from "./plan.js";
import { prescanXml } from "./prescan.js";
import { canonicalScalar } from "./scalars.js";

/** Options of {@link canonicalXml}. */
export interface CanonicalXmlOptions {
  /** Compare leaf values in the value space of this message type. */
  message?: MessageType;
  registry?: TypeRegistry;
}

type ONode = Record<string, unknown>;
type Attrs = Record<string, string>;

const parser = new XMLParser({ ...XML_PARSE_OPTIONS, maxNestedTags: 10_000 });

/** The scope after the namespace declarations among `attrs` (a copy only when there are any). */
function declare(attrs: Attrs, scope: Map<string, string>): Map<string, string> {
  let out = scope;
  for (const name in attrs) {
    if (name === "xmlns" || name.startsWith("xmlns:")) {
      if (out === scope) out = new Map(scope);
      out.set(name === "xmlns" ? "" : name.slice(6), attrs[name] ?? "");
    }
  }
  return out;
}

function resolve(scope: Map<string, string>, qname: string, isAttribute: boolean): { ns: string; local: string } {
  const colon = qname.indexOf(":");
  if (colon < 0) return { ns: isAttribute ? "" : (scope.get("") ?? ""), local: qname };
  const prefix = qname.slice(0, colon);
  const ns = prefix === "xml" ? XML_NS : scope.get(prefix);
  if (ns === undefined) throw new Error(`canonicalXml: undeclared namespace prefix ${prefix}`);
  return { ns, local: qname.slice(colon + 1) };
}

/**
 * The canonical form of `text` (one line per element, attribute and text node).
 * @throws Error when the text is not well-formed XML (this is a test helper)
 */
export function canonicalXml(text: string, options: CanonicalXmlOptions = {}): string {
  let doc: ONode[];
  try {
    prescanXml(text, 10_000);
    doc = parser.parse(text) as ONode[];
  } catch (e) {
    throw new Error(`canonicalXml: not well-formed XML (${e instanceof XmlViewAbort ? e.detail : "parser error"})`);
  }
  const root = options.message && options.registry ? planMessage(options.message, options.registry).field : undefined;
  const lines: string[] = [];
  const walk = (node: ONode, tag: string, parentScope: Map<string, string>, field: FieldPlan | undefined, depth: number): void => {
    const attrs = (node[":@"] as Attrs | undefined) ?? {};
    const scope = declare(attrs, parentScope);
    const indent = "  ".repeat(depth);
    const el = resolve(scope, tag, false);
    lines.push(`${indent}<{${el.ns}}${el.local}>`);
    const attrLines: string[] = [];
    for (const name in attrs) {
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      const a = resolve(scope, name, true);
      let value = attrs[name] ?? "";
      if (a.ns === XSI_NS) {
        if (a.local === "schemaLocation" || a.local === "noNamespaceSchemaLocation") continue;
        if (a.local === "nil") {
          value = value.trim() === "1" ? "true" : value.trim() === "0" ? "false" : value.trim();
          if (value === "false") continue;
        }
      }
      const af = field?.record ? pick(field.record.attributesByLocal.get(a.local), a.ns) : undefined;
      if (af) value = canonicalScalar(af.kind === "record" ? "string" : af.kind, value);
      attrLines.push(`${indent}  @{${a.ns}}${a.local}=${JSON.stringify(value)}`);
    }
    lines.push(...attrLines.sort());
    const kids = node[tag] as ONode[];
    // Whitespace-only text is insignificant between elements and, under a type, in element-only content.
    const elementOnly = kids.some((k) => tagOf(k) !== "#text") || (field?.record !== undefined && field.record.text === undefined);
    let text = "";
    const flush = (): void => {
      if (text === "" || (elementOnly && text.trim() === "")) {
        text = "";
        return;
      }
      const kind = field?.record ? field.record.text?.kind : field?.kind;
      const value = kind !== undefined && kind !== "record" ? canonicalScalar(kind, text) : text;
      lines.push(`${indent}  ${JSON.stringify(value)}`);
      text = "";
    };
    for (const kid of kids) {
      const kidTag = tagOf(kid);
      if (kidTag === "#text") {
        text += kid["#text"] as string;
        continue;
      }
      flush();
      let kidField: FieldPlan | undefined;
      if (field?.record) {
        const k = resolve(declare((kid[":@"] as Attrs | undefined) ?? {}, scope), kidTag, false);
        kidField = pick(field.record.elementsByLocal.get(k.local), k.ns);
      }
      walk(kid, kidTag, scope, kidField, depth + 1);
    }
    flush();
  };
  for (const node of doc) {
    const tag = tagOf(node);
    if (tag === "" || tag === "#text" || tag.startsWith("?")) continue;
    walk(node, tag, new Map(), root, 0);
  }
  return lines.join("\n");
}
