/**
 * The runtime's door to the typed XML view. It uses the project's typed XML
 * view module (src/xml/index.ts, exports `parseXml` and `buildXml`) when that
 * module is present, and the runtime's reduced fallback (xml-fallback.ts)
 * otherwise. Resolved once per process.
 */
import type { MessageType, TypeRegistry } from "../types/model.js";
import { fallbackBuild, fallbackParse } from "./xml-fallback.js";
import { XmlViewError } from "./xml-view-error.js";

export { XmlViewError };

/** Reads and writes XML messages through their type. Both functions throw XmlViewError (payload-free). */
export interface XmlView {
  /** Which implementation is in use: "src/xml" or "fallback". */
  readonly source: string;
  /** Parses XML text (already decoded, DOCTYPE-free) into the JSON view of `message`. */
  parse(text: string, message: MessageType, types: TypeRegistry): unknown;
  /** Serialises the JSON view `value` as XML text of `message`. */
  build(value: unknown, message: MessageType, types: TypeRegistry): string;
}

const FALLBACK: XmlView = { source: "fallback", parse: fallbackParse, build: fallbackBuild };

let resolved: Promise<XmlView> | undefined;

/** The XML view in use (see the module comment). Never rejects. */
export function xmlView(): Promise<XmlView> {
  resolved ??= loadProjectView();
  return resolved;
}

async function loadProjectView(): Promise<XmlView> {
  const specifier = "../xml/index.js";
  try {
    const mod = (await import(specifier)) as { parseXml?: unknown; buildXml?: unknown };
    if (typeof mod.parseXml === "function" && typeof mod.buildXml === "function") {
      const parseXml = mod.parseXml as (text: string, message: MessageType, types: TypeRegistry) => unknown;
      const buildXml = mod.buildXml as (value: unknown, message: MessageType, types: TypeRegistry) => string;
      return {
        source: "src/xml",
        parse: (text, message, types) => wrap(() => parseXml(text, message, types)),
        build: (value, message, types) => wrap(() => buildXml(value, message, types)),
      };
    }
  } catch {
    // not present (yet): use the fallback
  }
  return FALLBACK;
}

/** Maps whatever the project view throws to a payload-free XmlViewError. */
function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof XmlViewError) throw e;
    const code = (e as { code?: unknown }).code;
    throw new XmlViewError(typeof code === "string" ? `typed XML view error ${code}` : "typed XML view error");
  }
}
