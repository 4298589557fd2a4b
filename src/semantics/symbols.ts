/**
 * The symbol table: every top-level declaration of every package, and name
 * resolution with imports and did-you-mean.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/messages.js";
import type * as A from "../syntax/ast.js";
import { didYouMean } from "./suggest.js";

export type SymbolKind = "type" | "message" | "codelist" | "role" | "system" | "scenario" | "transform" | "function";

/** A named declaration. `qname` is "package.Name". */
export interface Sym<D extends A.Declaration = A.Declaration> {
  kind: SymbolKind;
  pkg: string;
  name: string;
  qname: string;
  decl: D;
  file: string;
}

/** One parsed file with its package. */
export interface BoundFile {
  ast: A.SourceFileAst;
  pkg: string;
  /** Packages whose names are visible unqualified (own package first). */
  visible: string[];
}

const NAMED_KINDS = new Set<string>(["type", "message", "codelist", "role", "system", "scenario", "transform", "function"]);

const KIND_LABEL: Record<SymbolKind, string> = {
  type: "type",
  message: "message type",
  codelist: "code list",
  role: "role",
  system: "system",
  scenario: "scenario",
  transform: "transformation",
  function: "function",
};

/** Built-in scalar type names; they shadow nothing and cannot be redeclared. */
export const SCALAR_NAMES = new Set(["string", "integer", "number", "decimal", "boolean", "date", "datetime", "time", "base64"]);

export class SymbolTable {
  readonly byQName = new Map<string, Sym>();
  readonly packages = new Map<string, Map<string, Sym>>();
  readonly diagnostics: Diagnostic[] = [];

  /** Registers every named declaration; duplicates become SW2002 (the first one wins). */
  add(file: BoundFile): void {
    let scope = this.packages.get(file.pkg);
    if (!scope) {
      scope = new Map();
      this.packages.set(file.pkg, scope);
    }
    for (const decl of file.ast.declarations) {
      if (!NAMED_KINDS.has(decl.kind)) continue;
      const d = decl as Exclude<A.Declaration, A.RegionDecl | A.TestDecl>;
      const name = d.name.text;
      const existing = scope.get(name);
      const span = { file: file.ast.file, start: d.name.start, end: d.name.end };
      if (existing) {
        this.diagnostics.push(
          diag("duplicate-name", span, { kind: KIND_LABEL[d.kind as SymbolKind], name, pkg: file.pkg }, {
            related: [{ span: { file: existing.file, start: existing.decl.start, end: existing.decl.start + 1 }, message: "first declared here" }],
          }),
        );
        continue;
      }
      const sym: Sym = { kind: d.kind as SymbolKind, pkg: file.pkg, name, qname: `${file.pkg}.${name}`, decl: d, file: file.ast.file };
      scope.set(name, sym);
      this.byQName.set(sym.qname, sym);
    }
  }

  /**
   * Resolves a written name from a file, looking for one of `kinds`.
   * Unqualified: the file's package, then imported packages (must be unique: SW2007 otherwise).
   * Qualified `p.Name`: package p must be the file's own or imported.
   * Reports SW2001 with a suggestion, or SW2005 when the name is of another kind.
   */
  resolve(name: A.QName, from: BoundFile, kinds: readonly SymbolKind[], out: Diagnostic[]): Sym | undefined {
    const span = { file: from.ast.file, start: name.start, end: name.end };
    const wanted = kinds.map((k) => KIND_LABEL[k]).join(" or ");
    let found: Sym | undefined;
    if (name.parts.length === 1) {
      // The own package wins; among imported packages the name must be unique.
      const own = this.packages.get(from.pkg)?.get(name.text);
      if (own && kinds.includes(own.kind)) return own;
      const matches = from.visible
        .filter((pkg) => pkg !== from.pkg)
        .map((pkg) => this.packages.get(pkg)?.get(name.text))
        .filter((s): s is Sym => s !== undefined);
      const ofKind = [...new Map(matches.filter((s) => kinds.includes(s.kind)).map((s) => [s.qname, s])).values()];
      if (ofKind.length > 1) {
        out.push(
          diag("ambiguous-name", span, { name: name.text, list: ofKind.map((s) => `\`${s.qname}\``).join(", ") }, {
            suggestion: `write the qualified name, e.g. \`${ofKind[0]!.qname}\``,
          }),
        );
        return undefined;
      }
      found = ofKind[0] ?? own ?? matches[0];
    } else {
      const pkg = name.parts.slice(0, -1).join(".");
      if (from.visible.includes(pkg)) found = this.packages.get(pkg)?.get(name.parts[name.parts.length - 1]!);
    }
    if (found && kinds.includes(found.kind)) return found;
    if (found) {
      out.push(diag("wrong-kind", span, { name: name.text, actual: KIND_LABEL[found.kind], expected: wanted }));
      return undefined;
    }
    const candidates: string[] = [];
    for (const pkg of from.visible) {
      for (const s of this.packages.get(pkg)?.values() ?? []) {
        if (kinds.includes(s.kind)) candidates.push(pkg === from.pkg ? s.name : s.qname, s.name);
      }
    }
    if (kinds.includes("type")) candidates.push(...SCALAR_NAMES);
    const guess = didYouMean(name.text, candidates);
    const notImported = name.parts.length > 1 && !from.visible.includes(name.parts.slice(0, -1).join("."));
    out.push(
      diag("unknown-name", span, { kind: wanted, name: name.text }, {
        suggestion: guess ? `did you mean \`${guess}\`?` : notImported ? `add \`import ${name.parts.slice(0, -1).join(".")}\`` : undefined,
      } as { suggestion?: string }),
    );
    return undefined;
  }

  /** All symbols of a kind, in deterministic (qualified-name) order. */
  all<D extends A.Declaration>(kind: SymbolKind): Array<Sym<D>> {
    return [...this.byQName.values()].filter((s) => s.kind === kind).sort((a, b) => (a.qname < b.qname ? -1 : 1)) as Array<Sym<D>>;
  }
}
