/**
 * Shared functions (`function Kopf(typ: string, ...): T ```body``` `): their
 * signatures as stellwerk types, which functions an expression can call (by
 * the name it is written with, `$Kopf`), and which it does call.
 *
 * Visibility follows the other declarations: a file sees the functions of its
 * own package and of the packages it imports; its own package wins, and a name
 * declared by several imported packages (and not by its own) is not visible
 * (JSONata variable names cannot be qualified). Calls are found in the JSONata
 * syntax tree, so a `$Kopf` inside a string literal is no call.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type * as A from "../syntax/ast.js";
import type { TypeRegistry } from "../types/model.js";
import { exprInfo } from "./declarations.js";
import { parseJsonata, type DeclaredFunction } from "./jsonata/index.js";
import type { CheckedModel, ExprInfo } from "./model.js";
import type { BoundFile, SymbolTable } from "./symbols.js";
import { typeOfExpression } from "./types.js";

/** A resolved shared function. */
export interface FunctionInfo {
  qname: string;
  pkg: string;
  /** The name it is called with (`$name`). */
  name: string;
  signature: DeclaredFunction;
  body?: ExprInfo;
  file: string;
  decl: A.FunctionDecl;
}

/** Resolves the signature of every function; unknown type names are reported (SW2001). */
export function resolveFunctions(
  symbols: SymbolTable,
  fileOf: Map<string, BoundFile>,
  registry: TypeRegistry,
  out: Diagnostic[],
): Map<string, FunctionInfo> {
  const result = new Map<string, FunctionInfo>();
  for (const sym of symbols.all<A.FunctionDecl>("function")) {
    const d = sym.decl;
    const typeOf = (te: A.TypeExpr | undefined) => (te ? typeOfExpression(te, sym, symbols, fileOf, registry, out) : { kind: "any" as const });
    const signature: DeclaredFunction = {
      name: sym.name,
      params: d.params.map((p) => ({ name: p.name.text, type: typeOf(p.type), optional: p.optional || p.type?.kind === "optional" })),
      result: typeOf(d.result),
      resultOptional: d.result?.kind === "optional",
    };
    const info: FunctionInfo = { qname: sym.qname, pkg: sym.pkg, name: sym.name, signature, file: sym.file, decl: d };
    if (d.expr) info.body = exprInfo(d.expr, sym.file);
    result.set(sym.qname, info);
  }
  return result;
}

/** The functions a file can call, by name (see the module comment for the rules). */
export function visibleFunctions(functions: ReadonlyMap<string, FunctionInfo>, file: BoundFile): Map<string, FunctionInfo> {
  const byName = new Map<string, FunctionInfo>();
  const ambiguous = new Set<string>();
  for (const pkg of new Set(file.visible)) {
    if (pkg === file.pkg) continue;
    for (const f of functions.values()) {
      if (f.pkg !== pkg) continue;
      if (byName.has(f.name) && byName.get(f.name) !== f) ambiguous.add(f.name);
      else byName.set(f.name, f);
    }
  }
  for (const name of ambiguous) byName.delete(name);
  for (const f of functions.values()) if (f.pkg === file.pkg) byName.set(f.name, f);
  return byName;
}

/** Names of every `$variable` in a JSONata expression (without `$`); empty on a syntax error. */
export function variableNames(source: string): Set<string> {
  const names = new Set<string>();
  if (!source.includes("$")) return names;
  const ast = parseJsonata(source).ast;
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const n = node as { type?: unknown; value?: unknown };
    if (n.type === "variable" && typeof n.value === "string" && n.value !== "" && n.value !== "$") names.add(n.value);
    for (const v of Object.values(node)) walk(v);
  };
  walk(ast);
  return names;
}

/** The functions an expression calls directly (sorted by name); `exclude` names (a body's parameters) are not calls. */
export function calledFunctions(source: string, visible: ReadonlyMap<string, FunctionInfo>, exclude: ReadonlySet<string> = new Set()): FunctionInfo[] {
  return [...variableNames(source)]
    .filter((n) => visible.has(n) && !exclude.has(n))
    .sort()
    .map((n) => visible.get(n)!);
}

/** The functions visible from a rule file of the model (empty for an unknown file). */
export function functionsOfFile(model: CheckedModel, file: string): Map<string, FunctionInfo> {
  if (model.functions.size === 0) return new Map();
  const bound = model.files.find((f) => f.ast.file === file);
  return bound ? visibleFunctions(model.functions, bound) : new Map();
}
