/**
 * Serialises the ordered node list the build walk produces (fast-xml-parser's
 * `preserveOrder` shape: `{ [name]: children, ":@"?: attributes }` and
 * `{ "#text": text }`) into XML text, in one pass and byte for byte as
 * fast-xml-builder does with the view's options (`viewBuilder` in
 * options.ts: no formatting, empty elements as `<a/>`, the escapes below),
 * without its per-node path matching and per-escape regular-expression
 * passes.
 *
 * Escapes in text and attribute values: & < > ' " and CR (a raw CR would be
 * normalised away by any parser). Stop nodes (opaque base64 elements, named
 * in `raw`, below the top level as the parser's "..name" stop-node patterns)
 * keep their text verbatim and escape only quotes in attributes.
 */
import { abort } from "./errors.js";

type ONode = Record<string, unknown>;

const SPECIAL = /[&<>'"\r]/;
const SPECIAL_ALL = /[&<>'"\r]/g;
const QUOTES = /["']/g;
const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;", '"': "&quot;", "\r": "&#13;" };

const escapeOne = (c: string): string => ESCAPES[c] ?? c;

/** Text or an attribute value with the six escapes applied. */
export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, escapeOne) : text;
}

function attributes(attrs: unknown, raw: boolean): string {
  let s = "";
  const map = attrs as Record<string, unknown>;
  for (const name in map) {
    if (!Object.hasOwn(map, name)) continue;
    const value = String(map[name]);
    s += ` ${name}="${raw ? value.replace(QUOTES, escapeOne) : escapeXml(value)}"`;
  }
  return s;
}

/** The element name of a node (its first own key other than ":@"), undefined for an empty object. */
function nameOf(node: ONode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ":@") return key;
  return undefined;
}

/** Limits of one {@link serializeNodes} call. */
export interface SerializeOptions {
  /** Element names whose content is written verbatim. */
  raw: ReadonlySet<string>;
  /** Nesting limit: elements deeper than maxDepth + 1 levels are refused (as the builder's maxNestedTags). */
  maxDepth: number;
}

/**
 * XML text of an ordered node list (see the module comment).
 * @throws XmlViewAbort xml-too-deep when nested deeper than the limit
 */
export function serializeNodes(nodes: readonly ONode[], options: SerializeOptions): string {
  return list(nodes, options, 0);
}

function list(nodes: readonly ONode[], o: SerializeOptions, depth: number): string {
  if (depth > o.maxDepth + 1) abort("xml-too-deep", "the value is nested deeper than the limit");
  let s = "";
  for (const node of nodes) {
    const name = nameOf(node);
    if (name === undefined) continue;
    if (name === "#text") {
      s += escapeXml(String(node[name]));
      continue;
    }
    const raw = depth > 0 && o.raw.has(name); // as the builder's "..name" patterns: never the top level
    const attrs = node[":@"];
    const start = attrs === undefined ? `<${name}` : `<${name}${attributes(attrs, raw)}`;
    if (name.charCodeAt(0) === 63 /* ? */) {
      s += `${start}?>`;
      continue;
    }
    const children = node[name] as ONode[];
    const content = raw ? rawContent(children, o, depth + 1) : list(children, o, depth + 1);
    s += content === "" ? `${start}/>` : `${start}>${content}</${name}>`;
  }
  return s;
}

/** Content of a stop node: text verbatim (the build walk puts only text there). */
function rawContent(nodes: readonly ONode[], o: SerializeOptions, depth: number): string {
  if (depth > o.maxDepth + 1) abort("xml-too-deep", "the value is nested deeper than the limit");
  let s = "";
  for (const node of nodes) {
    const name = nameOf(node);
    if (name === "#text") s += String(node[name]);
    else if (name !== undefined && name.charCodeAt(0) !== 63) {
      const children = node[name] as ONode[];
      const content = rawContent(children, o, depth + 1);
      const start = `<${name}${node[":@"] === undefined ? "" : attributes(node[":@"], true)}`;
      s += content === "" ? `${start}/>` : `${start}>${content}</${name}>`;
    }
  }
  return s;
}
