/**
 * The typed XML view: the one module that reads and writes XML messages
 * through their stellwerk type, shared by the compiler's tests, the runtime
 * and the benchmarks.
 *
 * - {@link parseXml}: XML text -> JSON view (rules in parse-xml.ts)
 * - {@link buildXml}: JSON view -> XML text (rules in build-xml.ts)
 * - {@link canonicalXml}: canonical form for comparisons (canonical-xml.ts)
 * - {@link XML_PARSE_OPTIONS} / {@link XML_BUILD_OPTIONS}: the fast-xml-parser
 *   options in use, for baselines that must use the same ones.
 */
export { parseXml, type ParseXmlOptions, type ParseXmlResult } from "./parse-xml.js";
export { prescan, type Prescanned } from "./prescan.js";
export { buildXml, type BuildXmlOptions, type BuildXmlResult } from "./build-xml.js";
export { canonicalXml, type CanonicalXmlOptions } from "./canonical-xml.js";
export { DEFAULT_XML_LIMITS, type XmlErrorCode, type XmlLimits, type XmlViewFailure } from "./errors.js";
export { XML_BUILD_OPTIONS, XML_PARSE_OPTIONS } from "./options.js";
export type { BooleanStyle, CheckedBase64 } from "./scalars.js";
