/**
 * The runtime's door to the project's typed XML view (src/xml: `parseXml`,
 * `buildXml`), whose result objects it turns into values or
 * {@link XmlViewError}s. Details of that module's errors are payload-free by
 * its contract (codes, field paths and XML names only) and are passed on.
 */
import type { MessageType, TypeRegistry } from "../types/model.js";
import { buildXml, parseXml, type CheckedBase64, type ParseXmlOptions } from "../xml/index.js";
import { XmlViewError } from "./xml-view-error.js";

export { XmlViewError, type CheckedBase64, type ParseXmlOptions };

/** Bounds passed to the view's parser: nesting depth and text length (UTF-16 code units). */
export interface XmlViewLimits {
  maxDepth: number;
  maxLength: number;
}

/** Reads and writes XML messages through their type. Both functions throw XmlViewError (payload-free). */
export interface XmlView {
  /**
   * Parses XML text (already decoded, DOCTYPE-free) into the JSON view of `message`.
   * `options.checked` receives the base64 values found valid (one set per route call);
   * `options.prescanned` is the intake's scan of this text.
   */
  parse(text: string, message: MessageType, types: TypeRegistry, limits?: Partial<XmlViewLimits>, options?: ParseXmlOptions): unknown;
  /** Serialises the JSON view `value` as XML text of `message`; base64 values in `checked` are not checked again. */
  build(value: unknown, message: MessageType, types: TypeRegistry, checked?: CheckedBase64): string;
}

const failure = (e: { code: string; detail: string }): XmlViewError => new XmlViewError(`${e.code}: ${e.detail}`);

/** The typed XML view the router uses. */
export const XML_VIEW: XmlView = {
  parse(text, message, types, limits, options) {
    const r = parseXml(text, message, types, limits, options);
    if (!r.ok) throw failure(r.error);
    return r.value;
  },
  build(value, message, types, checked) {
    const r = buildXml(value, message, types, checked === undefined ? {} : { checked });
    if (!r.ok) throw failure(r.error);
    return r.text;
  },
};
