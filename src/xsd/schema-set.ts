/**
 * Loads a set of XSD files (the entry file plus everything it includes and
 * imports, transitively) and indexes their global components by qualified name.
 *
 * - `schemaLocation` is resolved relative to the including file ("/"-separated paths).
 * - An included schema without targetNamespace takes the includer's ("chameleon include").
 * - A file is read once per effective target namespace.
 */
import { posix } from "node:path";
import { XsdDiagnostic, XsdLocation, xsdDiag } from "./diagnostics.js";
import { XS_NS, XsdNode, lookupPrefix, readXsdDocument } from "./xsd-document.js";

/** One loaded schema document with its effective settings. */
export interface Schema {
  readonly file: string;
  readonly root: XsdNode;
  /** Effective target namespace (the includer's for a chameleon include). */
  readonly targetNs: string | undefined;
  /** True when the file has no targetNamespace of its own but was included into one. */
  readonly chameleon: boolean;
  readonly elementFormQualified: boolean;
  readonly attributeFormQualified: boolean;
}

/** A global component: where it is declared. */
export interface Component {
  readonly node: XsdNode;
  readonly schema: Schema;
  readonly ns: string | undefined;
  readonly local: string;
}

export type ComponentKind = "complexType" | "simpleType" | "element" | "attribute" | "group" | "attributeGroup";

export interface SchemaSet {
  readonly schemas: Schema[];
  /** Global components by kind, then by qualified name ({@link qualifiedName}). */
  readonly components: Record<ComponentKind, Map<string, Component>>;
  readonly diagnostics: XsdDiagnostic[];
}

/** "{ns}local", or just "local" for no namespace (Clark notation). */
export function qualifiedName(ns: string | undefined, local: string): string {
  return ns === undefined ? local : `{${ns}}${local}`;
}

/** Diagnostic location of an XSD node. */
export function locationOf(node: XsdNode): XsdLocation {
  return { file: node.doc.file, offset: node.offset, line: node.doc.lineOf(node.offset) };
}

const COMPONENT_KINDS: readonly ComponentKind[] = ["complexType", "simpleType", "element", "attribute", "group", "attributeGroup"];

/** Resolves a schemaLocation against the including file's path. */
export function resolveLocation(fromFile: string, location: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) return location;
  return posix.normalize(posix.join(posix.dirname(fromFile), location));
}

/** Resolves a QName attribute value of `node`; chameleon schemas map no-namespace names to their target. */
export function resolveQName(
  node: XsdNode,
  schema: Schema,
  value: string,
): { ns: string | undefined; local: string } | undefined {
  const trimmed = value.trim();
  const colon = trimmed.indexOf(":");
  const prefix = colon < 0 ? "" : trimmed.slice(0, colon);
  const local = colon < 0 ? trimmed : trimmed.slice(colon + 1);
  const uri = lookupPrefix(node.scope, prefix);
  if (uri === undefined || local === "") return undefined;
  if (uri === "") return { ns: schema.chameleon ? schema.targetNs : undefined, local };
  return { ns: uri, local };
}

/**
 * Reads the entry XSD and everything reachable from it.
 * @param readFile returns the file text, or undefined when it does not exist
 */
export function loadSchemaSet(entryFile: string, readFile: (path: string) => string | undefined): SchemaSet {
  const set: SchemaSet = {
    schemas: [],
    components: {
      complexType: new Map(),
      simpleType: new Map(),
      element: new Map(),
      attribute: new Map(),
      group: new Map(),
      attributeGroup: new Map(),
    },
    diagnostics: [],
  };
  const loaded = new Map<string, Schema | null>();
  const importsWithoutLocation: { node: XsdNode; ns: string | undefined }[] = [];
  const noLocation: XsdLocation = { file: entryFile, offset: -1, line: 0 };

  const load = (file: string, from: XsdNode | undefined, includerNs: string | undefined, expectNs: string | undefined, mode: "entry" | "include" | "import"): void => {
    const key = `${file}\n${mode === "include" ? (includerNs ?? "") : "*"}`;
    if (loaded.has(key)) return;
    loaded.set(key, null);
    const at = from ? locationOf(from) : noLocation;
    let text: string | undefined;
    try {
      text = readFile(file);
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      set.diagnostics.push(xsdDiag("file-missing", at, `Cannot read the XSD file "${file}".`, from ? `xs:${from.local}` : undefined));
      return;
    }
    const read = readXsdDocument(file, text);
    if (!read.ok) {
      set.diagnostics.push(xsdDiag("not-well-formed", { file, offset: read.offset, line: read.line }, `"${file}" cannot be read as XSD: ${read.message}.`));
      return;
    }
    const root = read.doc.root;
    if (!root || root.ns !== XS_NS || root.local !== "schema") {
      set.diagnostics.push(xsdDiag("not-a-schema", root ? locationOf(root) : { file, offset: 0, line: 1 }, `"${file}" is not an XML Schema: its root element is not xs:schema.`));
      return;
    }
    const ownNs = root.attrs.get("targetNamespace");
    let targetNs = ownNs === undefined || ownNs === "" ? undefined : ownNs;
    let chameleon = false;
    if (mode === "include") {
      if (targetNs === undefined && includerNs !== undefined) {
        targetNs = includerNs;
        chameleon = true;
      } else if (targetNs !== includerNs) {
        set.diagnostics.push(
          xsdDiag("namespace-mismatch", at, `The included file "${file}" has targetNamespace "${targetNs ?? ""}", but the including schema has "${includerNs ?? ""}".`, "xs:include"),
        );
      }
    } else if (mode === "import" && expectNs !== targetNs) {
      set.diagnostics.push(
        xsdDiag("namespace-mismatch", at, `xs:import names namespace "${expectNs ?? ""}", but "${file}" has targetNamespace "${targetNs ?? ""}".`, "xs:import"),
      );
    }
    const schema: Schema = {
      file,
      root,
      targetNs,
      chameleon,
      elementFormQualified: root.attrs.get("elementFormDefault") === "qualified",
      attributeFormQualified: root.attrs.get("attributeFormDefault") === "qualified",
    };
    loaded.set(key, schema);
    set.schemas.push(schema);
    for (const child of root.children) {
      if (child.ns !== XS_NS) continue;
      const location = child.attrs.get("schemaLocation");
      switch (child.local) {
        case "include":
          if (location !== undefined) load(resolveLocation(file, location), child, targetNs, undefined, "include");
          break;
        case "import": {
          const ns = child.attrs.get("namespace");
          if (location !== undefined) load(resolveLocation(file, location), child, undefined, ns, "import");
          else importsWithoutLocation.push({ node: child, ns });
          break;
        }
        case "redefine":
        case "override":
          set.diagnostics.push(xsdDiag("unsupported", locationOf(child), `xs:${child.local} is not supported; use a plain xs:include of a changed copy.`, `xs:${child.local}`));
          break;
        case "annotation":
        case "notation":
          break;
        case "defaultOpenContent":
          set.diagnostics.push(xsdDiag("unsupported", locationOf(child), "xs:defaultOpenContent (XSD 1.1) is not supported.", "xs:defaultOpenContent"));
          break;
        default:
          if ((COMPONENT_KINDS as readonly string[]).includes(child.local)) register(child.local as ComponentKind, child, schema);
          else set.diagnostics.push(xsdDiag("unsupported", locationOf(child), `xs:${child.local} at the top level of a schema is not supported.`, `xs:${child.local}`));
      }
    }
  };

  const register = (kind: ComponentKind, node: XsdNode, schema: Schema): void => {
    const local = node.attrs.get("name");
    if (local === undefined) {
      set.diagnostics.push(xsdDiag("invalid-attribute", locationOf(node), `A global xs:${kind} needs a name attribute.`, `xs:${kind}`));
      return;
    }
    const name = qualifiedName(schema.targetNs, local);
    const table = set.components[kind];
    const existing = table.get(name);
    if (existing) {
      if (existing.node === node) return;
      set.diagnostics.push(
        xsdDiag("duplicate-component", locationOf(node), `The ${kind} "${local}" is defined twice (first in "${existing.schema.file}" line ${locationOf(existing.node).line}).`, `xs:${kind}`),
      );
      return;
    }
    table.set(name, { node, schema, ns: schema.targetNs, local });
  };

  load(entryFile, undefined, undefined, undefined, "entry");
  const loadedNs = new Set(set.schemas.map((s) => s.targetNs));
  for (const imp of importsWithoutLocation) {
    if (imp.ns === "http://www.w3.org/XML/1998/namespace" || imp.ns === XS_NS || loadedNs.has(imp.ns)) continue;
    set.diagnostics.push(
      xsdDiag("import-unresolved", locationOf(imp.node), `xs:import of namespace "${imp.ns ?? ""}" has no schemaLocation and no loaded schema defines that namespace.`, "xs:import"),
    );
  }
  return set;
}
