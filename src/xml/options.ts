/**
 * The fast-xml-parser options of the typed XML view, exported so the
 * benchmarks (issue 6) compare against a bare parse + build with exactly the
 * same options.
 *
 * Parsing: order preserved (the typed walk needs document order only for
 * text, but the ordered form is the cheapest fast-xml-parser output: no
 * regrouping pass), attributes kept under ":@" with their names as written,
 * no value parsing (types decide), no trimming (xs:string keeps its spaces),
 * prefixes kept (namespaces are resolved to URIs by the walk), entities limited
 * to the XML predefined ones and character references, DOCTYPE never reaches
 * the parser (refused by the prescan).
 */
import { XMLBuilder, XMLParser, type X2jOptions, type XmlBuilderOptions } from "fast-xml-parser";
import { XML_ENTITY_DECODER } from "./entities.js";

export const XML_PARSE_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  removeNSPrefix: false,
  processEntities: true,
  htmlEntities: false,
  entityDecoder: XML_ENTITY_DECODER,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Names like "toString" stay as written (the walk never indexes plain objects by them);
  // __proto__, constructor and prototype make fast-xml-parser throw, which the view reports.
  onDangerousProperty: (name: string) => name,
} satisfies X2jOptions;

export const XML_BUILD_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  textNodeName: "#text",
  format: false,
  suppressEmptyNode: true,
  processEntities: true,
} satisfies XmlBuilderOptions;

/** Escapes written by the builder: the XML five, plus CR (a raw CR would be normalised away by any parser). */
const BUILD_ENTITIES = [
  { regex: /&/g, val: "&amp;" },
  { regex: />/g, val: "&gt;" },
  { regex: /</g, val: "&lt;" },
  { regex: /'/g, val: "&apos;" },
  { regex: /"/g, val: "&quot;" },
  { regex: /\r/g, val: "&#13;" },
];

const parsers = new Map<string, XMLParser>();

/** A parser with the view's options, the given stop-node patterns and nesting limit (cached). */
export function viewParser(stopNodes: readonly string[], maxDepth: number): XMLParser {
  const key = `${maxDepth}|${stopNodes.join(" ")}`;
  let p = parsers.get(key);
  if (!p) {
    if (parsers.size > 64) parsers.clear();
    p = new XMLParser({ ...XML_PARSE_OPTIONS, stopNodes: [...stopNodes], maxNestedTags: maxDepth + 1 });
    parsers.set(key, p);
  }
  return p;
}

const builders = new Map<string, XMLBuilder>();

/** A builder with the view's options and the given stop-node patterns (cached). */
export function viewBuilder(stopNodes: readonly string[], maxDepth: number): XMLBuilder {
  const key = `${maxDepth}|${stopNodes.join(" ")}`;
  let b = builders.get(key);
  if (!b) {
    if (builders.size > 64) builders.clear();
    const options = { ...XML_BUILD_OPTIONS, stopNodes: [...stopNodes], maxNestedTags: maxDepth + 1, entities: BUILD_ENTITIES };
    b = new XMLBuilder(options as XmlBuilderOptions);
    builders.set(key, b);
  }
  return b;
}
