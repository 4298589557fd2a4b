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

/** A small cache of parsers/builders keyed by their stop nodes and depth limit (a handful per process). */
function cachedBy<T>(cache: Map<string, T>, stopNodes: readonly string[], maxDepth: number, make: () => T): T {
  const key = `${maxDepth}|${stopNodes.join(" ")}`;
  let made = cache.get(key);
  if (made === undefined) {
    if (cache.size > 64) cache.clear();
    made = make();
    cache.set(key, made);
  }
  return made;
}

const parsers = new Map<string, XMLParser>();
const builders = new Map<string, XMLBuilder>();

/** A parser with the view's options, the given stop-node patterns and nesting limit (cached). */
export function viewParser(stopNodes: readonly string[], maxDepth: number): XMLParser {
  return cachedBy(parsers, stopNodes, maxDepth, () => new XMLParser({ ...XML_PARSE_OPTIONS, stopNodes: [...stopNodes], maxNestedTags: maxDepth + 1 }));
}

/** A builder with the view's options and the given stop-node patterns (cached). */
export function viewBuilder(stopNodes: readonly string[], maxDepth: number): XMLBuilder {
  const options = { ...XML_BUILD_OPTIONS, stopNodes: [...stopNodes], maxNestedTags: maxDepth + 1, entities: BUILD_ENTITIES };
  return cachedBy(builders, stopNodes, maxDepth, () => new XMLBuilder(options as XmlBuilderOptions));
}
