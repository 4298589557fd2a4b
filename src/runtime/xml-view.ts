/**
 * The runtime's door to the typed XML view. It uses the project's typed XML
 * view (src/xml: `parseXml` and `buildXml`, from src/xml/index.ts or its
 * parse-xml.ts / build-xml.ts) when both are present, and the runtime's
 * reduced fallback (xml-fallback.ts) otherwise. Resolved once per process.
 * Details of its errors are payload-free by that module's contract (paths and
 * names only) and are passed on.
 */
import type { MessageType, TypeRegistry } from "../types/model.js";
import { fallbackBuild, fallbackParse } from "./xml-fallback.js";
import { XmlViewError } from "./xml-view-error.js";

export { XmlViewError };

/** Bounds passed to the view's parser: nesting depth and text length (UTF-16 code units). */
export interface XmlViewLimits {
  maxDepth: number;
  maxLength: number;
}

/** Reads and writes XML messages through their type. Both functions throw XmlViewError (payload-free). */
export interface XmlView {
  /** Which implementation is in use: "src/xml" or "fallback". */
  readonly source: string;
  /** Parses XML text (already decoded, DOCTYPE-free) into the JSON view of `message`. */
  parse(text: string, message: MessageType, types: TypeRegistry, limits?: Partial<XmlViewLimits>): unknown;
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

/** Module specifiers tried, in order, for the project view's `parseXml` and `buildXml`. */
const PROJECT_MODULES = ["../xml/index.js", "../xml/parse-xml.js", "../xml/build-xml.js"];

type ProjectParse = (text: string, message: MessageType, types: TypeRegistry, limits?: Partial<XmlViewLimits>) => unknown;
type ProjectBuild = (value: unknown, message: MessageType, types: TypeRegistry) => unknown;

async function loadProjectView(): Promise<XmlView> {
  let parseXml: ProjectParse | undefined;
  let buildXml: ProjectBuild | undefined;
  for (const specifier of PROJECT_MODULES) {
    try {
      const mod = (await import(specifier)) as { parseXml?: unknown; buildXml?: unknown };
      if (parseXml === undefined && typeof mod.parseXml === "function") parseXml = mod.parseXml as ProjectParse;
      if (buildXml === undefined && typeof mod.buildXml === "function") buildXml = mod.buildXml as ProjectBuild;
    } catch {
      // not present (yet)
    }
  }
  if (parseXml === undefined || buildXml === undefined) return FALLBACK;
  const p = parseXml;
  const b = buildXml;
  return {
    source: "src/xml",
    parse: (text, message, types, limits) => unwrap(() => p(text, message, types, limits), "value"),
    build: (value, message, types) => {
      const out = unwrap(() => b(value, message, types), "text");
      if (typeof out !== "string") throw new XmlViewError("the typed XML view returned no text");
      return out;
    },
  };
}

/**
 * Calls the project view and maps its result to a value or an XmlViewError.
 * Accepts both styles: a `{ ok, value | text | error: { code, detail } }`
 * result object, or a plain return value with thrown errors.
 */
function unwrap(f: () => unknown, field: "value" | "text"): unknown {
  let r: unknown;
  try {
    r = f();
  } catch (e) {
    if (e instanceof XmlViewError) throw e;
    const code = (e as { code?: unknown }).code;
    throw new XmlViewError(typeof code === "string" ? `typed XML view error ${code}` : "typed XML view error");
  }
  if (r !== null && typeof r === "object" && typeof (r as { ok?: unknown }).ok === "boolean") {
    const res = r as { ok: boolean; error?: { code?: unknown; detail?: unknown } } & Record<string, unknown>;
    if (res.ok) return res[field] ?? res.xml ?? res.value;
    const code = typeof res.error?.code === "string" ? res.error.code : "error";
    const detail = typeof res.error?.detail === "string" ? `: ${res.error.detail}` : "";
    throw new XmlViewError(`${code}${detail}`);
  }
  return r;
}
