/**
 * Resolves systems, scenarios and transformations to qualified names
 * (unknown names are reported here, SW2001/SW2005).
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/messages.js";
import type * as A from "../syntax/ast.js";
import type { Target } from "../table/routing-table.js";
import { resolveAdapter } from "./checks/adapter-settings.js";
import type { ExprInfo, ResolvedAdapter, ScenarioInfo, SystemInfo, TransformInfo } from "./model.js";
import type { BoundFile, SymbolTable, Sym } from "./symbols.js";

export function exprInfo(e: A.ExprNode, file: string): ExprInfo {
  return { source: e.source, file, sourceStart: e.sourceStart };
}

export function resolveSystems(symbols: SymbolTable, fileOf: Map<string, BoundFile>, out: Diagnostic[]): Map<string, SystemInfo> {
  const systems = new Map<string, SystemInfo>();
  for (const sym of symbols.all<A.SystemDecl>("system")) {
    const f = fileOf.get(sym.file)!;
    const d = sym.decl;
    const roles = d.implements.map((q) => symbols.resolve(q, f, ["role"], out)?.qname).filter((x): x is string => !!x);
    const accepts = d.accepts.map((q) => symbols.resolve(q, f, ["message"], out)?.qname).filter((x): x is string => !!x);
    systems.set(sym.qname, { qname: sym.qname, roles, accepts, certified: d.certified, file: sym.file, decl: d });
  }
  return systems;
}

export function resolveScenarios(symbols: SymbolTable, fileOf: Map<string, BoundFile>, out: Diagnostic[]): ScenarioInfo[] {
  const result: ScenarioInfo[] = [];
  for (const sym of symbols.all<A.ScenarioDecl>("scenario")) {
    const f = fileOf.get(sym.file)!;
    const d = sym.decl;
    const info: ScenarioInfo = {
      qname: sym.qname,
      pkg: sym.pkg,
      code: sym.name,
      title: d.title?.value ?? sym.name,
      targets: [],
      reply: false,
      file: sym.file,
      decl: d,
    };
    const seen = new Set<string>();
    for (const item of d.items) {
      const single = item.item !== "to";
      if (single && seen.has(item.item)) {
        out.push(diag("scenario-item-twice", { file: sym.file, start: item.start, end: item.end }, { scenario: sym.name, item: item.item }));
        continue;
      }
      seen.add(item.item);
      const role = (q: A.QName): string | undefined => symbols.resolve(q, f, ["role"], out)?.qname;
      switch (item.item) {
        case "from":
          if (item.names?.[0]) {
            const r = role(item.names[0]);
            if (r) info.from = r;
          }
          break;
        case "to":
          if (item.mode === "origin") {
            info.targets.push({ role: "", mode: "origin" });
            info.reply = true;
          } else
            for (const n of item.names ?? []) {
              const r = role(n);
              if (r) info.targets.push({ role: r, mode: item.mode === "each" ? "each" : "one" } satisfies Target);
            }
          break;
        case "message":
          if (item.names?.[0]) {
            const m = symbols.resolve(item.names[0], f, ["message"], out);
            if (m) info.message = m.qname;
          }
          break;
        case "detect":
        case "region":
        case "correlate":
        case "idempotency":
          if (item.expr) info[item.item] = exprInfo(item.expr, sym.file);
          break;
        case "ack":
          if (item.names?.[0]) {
            const s = symbols.resolve(item.names[0], f, ["scenario"], out);
            if (s) info.ack = s.qname;
          }
          break;
        case "reply":
          info.reply = true;
          break;
        case "unroutable":
          if (item.unroutable?.kind === "dead-letter") {
            const s: Sym | undefined = symbols.resolve(item.unroutable.system, f, ["system"], out);
            if (s) {
              const adapters = item.unroutable.adapters
                .map((a) => resolveAdapter(a, s.qname, sym.file, out))
                .filter((a): a is ResolvedAdapter => !!a);
              info.deadLetter = { system: s.qname, adapters };
            }
          } else if (item.names?.[0] && item.names[0].text !== "error-folder") {
            out.push(
              diag("syntax-error", { file: sym.file, start: item.names[0].start, end: item.names[0].end }, {
                detail: `Expected \`error-folder\` or \`dead-letter System via ...\` after \`unroutable\`, found \`${item.names[0].text}\`.`,
              }),
            );
          }
          break;
      }
    }
    result.push(info);
  }
  return result;
}

export function resolveTransforms(symbols: SymbolTable, fileOf: Map<string, BoundFile>, out: Diagnostic[]): Map<string, TransformInfo> {
  const transforms = new Map<string, TransformInfo>();
  for (const sym of symbols.all<A.TransformDecl>("transform")) {
    const f = fileOf.get(sym.file)!;
    const d = sym.decl;
    const info: TransformInfo = {
      qname: sym.qname,
      allowFloat: false,
      allowUntyped: false,
      file: sym.file,
      decl: d,
    };
    if (d.from) {
      const m = symbols.resolve(d.from, f, ["message"], out);
      if (m) info.from = m.qname;
    }
    if (d.to) {
      const m = symbols.resolve(d.to, f, ["message"], out);
      if (m) info.to = m.qname;
    }
    for (const a of d.allow) {
      if (a.text === "float") info.allowFloat = true;
      else if (a.text === "untyped") info.allowUntyped = true;
      else
        out.push(
          diag("syntax-error", { file: sym.file, start: a.start, end: a.end }, { detail: `Unknown permission \`${a.text}\`; use \`allow float\` or \`allow untyped\`.` }),
        );
    }
    if (d.expr) info.expr = exprInfo(d.expr, sym.file);
    transforms.set(sym.qname, info);
  }
  return transforms;
}
