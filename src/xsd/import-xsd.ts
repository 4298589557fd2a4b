/**
 * The XSD importer: reads a set of XSD files into stellwerk types.
 *
 * Naming: every named XSD type is registered as "{namespace}LocalName" (Clark
 * notation; just "LocalName" for a schema without targetNamespace). The
 * anonymous complex type of a global element is registered as
 * "{namespace}ElementName#element". Global elements are listed by the same
 * qualified name ("{namespace}ElementName").
 *
 * See convert-types.ts for the mapping rules, diagnostics.ts for the codes.
 */
import type { MessageType, TypeRegistry } from "../types/model.js";
import { TypeConverter, type XsdElement } from "./convert-types.js";
import { type XsdDiagnostic, xsdDiag } from "./diagnostics.js";
import { loadSchemaSet, qualifiedName } from "./schema-set.js";

export type { XsdElement } from "./convert-types.js";
export type { XsdDiagnostic } from "./diagnostics.js";
export { XSD_CODES } from "./diagnostics.js";
export { ELEMENT_TYPE_SUFFIX } from "./convert-types.js";

/** Result of {@link importXsd}. */
export interface XsdImport {
  /** Every named type of the set (and the anonymous types of global elements). */
  types: TypeRegistry;
  /** Every global element, by "{namespace}LocalName". */
  elements: Record<string, XsdElement>;
  /** Problems found; the import is usable when none has severity "error". */
  diagnostics: XsdDiagnostic[];
  /** The files read, in load order (paths as passed to readFile). */
  files: string[];
}

/**
 * Imports the XSD file `entryFile` and every file it includes or imports.
 *
 * @param entryFile path of the entry schema ("/"-separated; relative paths in
 *   schemaLocation are resolved against the including file's directory)
 * @param readFile returns a file's text, or undefined when it does not exist
 *   (exceptions it throws are treated like undefined)
 * @returns types, elements and diagnostics; never throws for bad input
 */
export function importXsd(entryFile: string, readFile: (path: string) => string | undefined): XsdImport {
  const set = loadSchemaSet(entryFile, readFile);
  const converter = new TypeConverter(set);
  try {
    converter.convertAll();
  } catch (e) {
    // A bug in the converter must not crash the compiler: report it as a diagnostic.
    const detail = e instanceof Error ? e.name : "exception";
    converter.diagnostics.push(xsdDiag("internal", { file: entryFile, offset: -1, line: 0 }, `The XSD importer failed unexpectedly (${detail}); this is a bug in stellwerk.`));
  }
  return { types: converter.registry, elements: converter.elements, diagnostics: set.diagnostics, files: set.schemas.map((s) => s.file) };
}

/**
 * The message type of a global element of an import.
 *
 * @param name qualified name of the message ("package.Name"), used as MessageType.name
 * @param element local name of the root element, optionally "{ns}local"; a
 *   local name alone must be unique across namespaces
 * @returns the message type, or a diagnostic (SW3116) naming the element
 */
export function xsdMessageType(
  imported: XsdImport,
  name: string,
  element: string,
): { ok: true; message: MessageType } | { ok: false; diagnostic: XsdDiagnostic } {
  let found: XsdElement | undefined = imported.elements[element];
  if (!found && !element.startsWith("{")) {
    const matches = Object.values(imported.elements).filter((e) => e.name === element);
    if (matches.length === 1) found = matches[0];
  }
  if (!found) {
    return {
      ok: false,
      diagnostic: xsdDiag("unknown-element", { file: imported.files[0] ?? "", offset: -1, line: 0 }, `"${element}" is not a (unique) global element of the imported schemas.`),
    };
  }
  const encoding: MessageType["encoding"] = { format: "xml", root: found.name };
  if (found.ns !== undefined) encoding.ns = found.ns;
  return { ok: true, message: { name, encoding, type: found.type } };
}

/** Qualified element/type name in the importer's notation. */
export function xsdName(ns: string | undefined, local: string): string {
  return qualifiedName(ns, local);
}
