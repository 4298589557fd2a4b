/**
 * Declared types and messages -> the type model (src/types/model.ts).
 *
 * Record types are expanded at each use so that elements without a declared
 * namespace inherit the namespace of the element containing them (the
 * elementFormDefault="qualified" convention of XÖV). A type that contains
 * itself is referenced by name instead (RefType) with its own namespace.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/messages.js";
import type * as A from "../syntax/ast.js";
import type { Field, MessageType, RecordType, Type, TypeRegistry } from "../types/model.js";
import { SCALAR_NAMES, type BoundFile, type SymbolTable, type Sym } from "./symbols.js";

/** Hook for `message X from xsd`: provided by the XSD importer. */
export type XsdMessageLoader = (
  decl: A.MessageDecl,
  file: string,
  out: Diagnostic[],
) => { message: Omit<MessageType, "name">; types: TypeRegistry } | undefined;

interface Ctx {
  symbols: SymbolTable;
  fileOf: Map<string, BoundFile>;
  out: Diagnostic[];
  registry: TypeRegistry;
  expanding: Set<string>;
  /** Every record declaration expanded so far (types no message uses are built afterwards, for their diagnostics). */
  built: Set<string>;
  xml: boolean;
}

function fieldName(f: A.FieldDecl): string {
  const base = f.name.text;
  return f.node === "attribute" ? `@${base}` : base;
}

/** The namespace a record declaration gives its elements, else the inherited one. */
function ownNamespace(sym: Sym<A.TypeDecl> | Sym<A.MessageDecl>, inherited: string | undefined): string | undefined {
  const d = sym.decl;
  if (d.kind === "message") return d.encoding === "xml" ? d.namespaceOrFile?.value || undefined : inherited;
  return d.unqualified ? undefined : (d.namespace?.value ?? inherited);
}

/**
 * Expands a record declaration at one use, so its elements take the namespace
 * of that use. Recursion (through lists or optionals; direct recursion is SW2091)
 * refers to a named entry of the registry instead. The routing table shares
 * identical expansions again (lowering/intern-types.ts).
 */
function expandRecord(sym: Sym<A.TypeDecl> | Sym<A.MessageDecl>, inheritedNs: string | undefined, ctx: Ctx): Type {
  ctx.built.add(sym.qname);
  if (ctx.expanding.has(sym.qname)) {
    if (!ctx.registry[sym.qname]) {
      ctx.registry[sym.qname] = { kind: "any" };
      ctx.registry[sym.qname] = recordOf(sym, ownNamespace(sym, undefined), new Set([sym.qname]), ctx);
    }
    return { kind: "ref", name: sym.qname };
  }
  ctx.expanding.add(sym.qname);
  const rec = recordOf(sym, ownNamespace(sym, inheritedNs), ctx.expanding, ctx);
  ctx.expanding.delete(sym.qname);
  return rec;
}

function recordOf(sym: Sym<A.TypeDecl> | Sym<A.MessageDecl>, ns: string | undefined, expanding: Set<string>, ctx: Ctx): RecordType {
  const saved = ctx.expanding;
  ctx.expanding = expanding;
  const fields = fieldsOf(sym.decl.fields, sym, ns, ctx);
  ctx.expanding = saved;
  const rec: RecordType = { kind: "record", name: sym.qname, fields };
  return rec;
}

function fieldsOf(decls: A.FieldDecl[], owner: Sym, ns: string | undefined, ctx: Ctx): Field[] {
  const seen = new Set<string>();
  const fields: Field[] = [];
  const f0 = ctx.fileOf.get(owner.file)!;
  for (const fd of decls) {
    const name = fd.node === "text" ? "#text" : fieldName(fd);
    if (seen.has(name)) {
      ctx.out.push(diag("duplicate-field", { file: owner.file, start: fd.name.start, end: fd.name.end }, { name, type: owner.name }));
      continue;
    }
    seen.add(name);
    if (!fd.type) continue;
    const fieldNs = fd.unqualified ? undefined : (fd.namespace?.value ?? (fd.node === "element" ? ns : undefined));
    let optional = fd.optional;
    let te: A.TypeExpr = fd.type;
    if (te.kind === "optional") {
      optional = true;
      te = te.element;
    }
    const type = typeOf(te, f0, owner, fieldNs, ctx);
    const field: Field = { name, type, optional };
    if (ctx.xml) {
      const localName = fd.xmlName?.value ?? fd.name.text;
      field.xml = { node: fd.node, localName };
      if (fieldNs !== undefined && fd.node !== "text") field.xml.ns = fieldNs;
      if (fd.nillable) field.xml.nillable = true;
      if (type.kind === "scalar" && type.scalar === "base64") field.xml.opaque = true;
    }
    fields.push(field);
  }
  return fields;
}

function typeOf(te: A.TypeExpr, from: BoundFile, owner: Sym, ns: string | undefined, ctx: Ctx): Type {
  switch (te.kind) {
    case "list":
      return { kind: "list", element: typeOf(te.element, from, owner, ns, ctx) };
    case "optional":
      return typeOf(te.element, from, owner, ns, ctx);
    case "named": {
      if (te.name.parts.length === 1 && SCALAR_NAMES.has(te.name.text)) {
        return { kind: "scalar", scalar: te.name.text as "string" };
      }
      const sym = ctx.symbols.resolve(te.name, from, ["type", "codelist", "message"], ctx.out);
      if (!sym) return { kind: "any" };
      if (sym.kind === "codelist") {
        const d = sym.decl as A.CodeListDecl;
        const cl: Type = { kind: "codelist", name: sym.qname, codes: d.codes.map((c) => c.code.value) };
        if (d.uri) cl.listUri = d.uri.value;
        if (d.assumed) cl.assumed = true;
        return cl;
      }
      return expandRecord(sym as Sym<A.TypeDecl> | Sym<A.MessageDecl>, ns, ctx);
    }
  }
}

/**
 * The type of a type expression written outside a record (a parameter or result
 * of a shared function), in the JSON view (no XML bindings). Unknown names are
 * reported (SW2001) and become `any`; recursive types go into `registry`.
 */
export function typeOfExpression(
  te: A.TypeExpr,
  owner: Sym,
  symbols: SymbolTable,
  fileOf: Map<string, BoundFile>,
  registry: TypeRegistry,
  out: Diagnostic[],
): Type {
  const ctx: Ctx = { symbols, fileOf, out, registry, expanding: new Set(), built: new Set(), xml: false };
  return typeOf(te, fileOf.get(owner.file)!, owner, undefined, ctx);
}

/**
 * Builds the type registry and message table.
 * @returns registry (named recursive types) and messages by qualified name.
 */
export function buildTypes(
  symbols: SymbolTable,
  fileOf: Map<string, BoundFile>,
  out: Diagnostic[],
  xsd?: XsdMessageLoader,
): { registry: TypeRegistry; messages: Record<string, MessageType> } {
  const registry: TypeRegistry = {};
  const messages: Record<string, MessageType> = {};
  const built = new Set<string>();
  checkDirectRecursion(symbols, fileOf, out);
  for (const sym of symbols.all<A.MessageDecl>("message")) {
    const d = sym.decl;
    if (d.encoding === "xsd") {
      if (!xsd) continue;
      const loaded = xsd(d, sym.file, out);
      if (!loaded) continue;
      Object.assign(registry, loaded.types);
      messages[sym.qname] = { name: sym.qname, ...loaded.message, ...(d.version ? { version: d.version.value } : {}) };
      continue;
    }
    const xml = d.encoding === "xml";
    const ctx: Ctx = { symbols, fileOf, out, registry, expanding: new Set([sym.qname]), built, xml };
    const ns = xml ? d.namespaceOrFile?.value || undefined : undefined;
    const type = d.typeRef ? messageBodyFromType(sym, d.typeRef, ns, ctx) : recordOf(sym, ns, ctx.expanding, ctx);
    const msg: MessageType = {
      name: sym.qname,
      encoding: xml
        ? { format: "xml", root: d.root?.value ?? d.name.text, ...(ns ? { ns } : {}), ...(ns && d.prefix ? { prefixes: { [ns]: d.prefix.text } } : {}) }
        : { format: "json" },
      type,
    };
    if (d.version) msg.version = d.version.value;
    messages[sym.qname] = msg;
  }
  // Types no message uses still get checked (unknown field types, duplicate fields).
  for (const sym of symbols.all<A.TypeDecl>("type")) {
    if (built.has(sym.qname)) continue;
    const ctx: Ctx = { symbols, fileOf, out, registry: {}, expanding: new Set(), built, xml: true };
    expandRecord(sym, undefined, ctx);
  }
  return { registry, messages };
}

/** `message X ... of T`: the root record is T's fields, in the message's namespace, named after the message. */
function messageBodyFromType(sym: Sym<A.MessageDecl>, ref: A.QName, ns: string | undefined, ctx: Ctx): Type {
  const d = sym.decl;
  const span = { file: sym.file, start: ref.start, end: ref.end };
  if (d.fields.length > 0) ctx.out.push(diag("message-body-and-type", span, { name: sym.name, type: ref.text }));
  const target = ctx.symbols.resolve(ref, ctx.fileOf.get(sym.file)!, ["type", "codelist"], ctx.out);
  if (!target) return { kind: "any" };
  if (target.kind !== "type") {
    ctx.out.push(diag("message-type-not-record", span, { name: sym.name, type: ref.text }));
    return { kind: "any" };
  }
  const body = expandRecord(target as Sym<A.TypeDecl>, ns, ctx);
  return body.kind === "record" ? { ...body, name: sym.qname } : body;
}

/** SW2091: a record that contains itself through required, non-list fields only. */
function checkDirectRecursion(symbols: SymbolTable, fileOf: Map<string, BoundFile>, out: Diagnostic[]): void {
  const types = [...symbols.all<A.TypeDecl>("type"), ...symbols.all<A.MessageDecl>("message")] as Array<Sym<A.TypeDecl>>;
  const requiredRefs = new Map<string, string[]>();
  for (const sym of types) {
    const f = fileOf.get(sym.file)!;
    const refs: string[] = [];
    for (const fd of sym.decl.fields) {
      if (fd.optional || !fd.type || fd.type.kind !== "named") continue;
      if (SCALAR_NAMES.has(fd.type.name.text)) continue;
      const target = symbols.resolve(fd.type.name, f, ["type", "codelist", "message"], []);
      if (target?.kind === "type" || target?.kind === "message") refs.push(target.qname);
    }
    requiredRefs.set(sym.qname, refs);
  }
  const state = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  const visit = (q: string): boolean => {
    if (state.get(q) === 2) return false;
    if (state.get(q) === 1) return true;
    state.set(q, 1);
    for (const r of requiredRefs.get(q) ?? []) {
      if (visit(r) && !reported.has(q)) {
        reported.add(q);
        const sym = symbols.byQName.get(q)!;
        out.push(diag("recursive-type", { file: sym.file, start: (sym.decl as A.TypeDecl).name.start, end: (sym.decl as A.TypeDecl).name.end }, { name: sym.name }));
      }
    }
    state.set(q, 2);
    return false;
  };
  for (const sym of types) visit(sym.qname);
}
