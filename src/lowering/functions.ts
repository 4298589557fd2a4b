/**
 * Inlines shared functions into the expressions that call them, so the routing
 * table and the router see plain JSONata (format v1 unchanged):
 *
 *   `$Kopf("0200", code)`  ->  `($Kopf := function($typ, $code) { <body> }; $Kopf("0200", code))`
 *
 * Definitions are bound in a block around the original expression, sorted by
 * name. A function that calls others gets its own block that binds them, so
 * each body sees the functions visible from its own file (lexical scoping),
 * however the packages name theirs: `$A := ($B := function(...) {...}; function(...) {...})`.
 * Recursion is rejected by the checks (SW2100), so the nesting is finite. The
 * original text is kept unchanged at the end, so the result is deterministic
 * and an expression that calls no function is returned as it is.
 */
import { calledFunctions, functionsOfFile, type FunctionInfo } from "../semantics/functions.js";
import type { CheckedModel, ExprInfo } from "../semantics/model.js";

/** Returns a function that gives the table text of an expression (memoized per source and file). */
export function functionInliner(model: CheckedModel): (e: ExprInfo) => string {
  if (model.functions.size === 0) return (e) => e.source;
  const definitions = new Map<string, string>();
  const memo = new Map<string, string>();

  const definition = (f: FunctionInfo, active: Set<string>): string => {
    const known = definitions.get(f.qname);
    if (known !== undefined) return known;
    const params = f.signature.params.map((p) => `$${p.name}`).join(", ");
    const body = f.body?.source ?? "";
    const lambda = `function(${params}) { ${body} }`;
    const deps = f.body ? calledFunctions(body, functionsOfFile(model, f.file), new Set(f.signature.params.map((p) => p.name))) : [];
    const text = deps.length === 0 || active.has(f.qname) ? lambda : `(${bindings(deps, new Set([...active, f.qname]))}; ${lambda})`;
    definitions.set(f.qname, text);
    return text;
  };
  const bindings = (fns: FunctionInfo[], active: Set<string>): string =>
    fns
      .filter((f) => !active.has(f.qname))
      .map((f) => `$${f.name} := ${definition(f, active)}`)
      .join("; ");

  const byInfo = new WeakMap<ExprInfo, string>();
  return (e) => {
    const cached = byInfo.get(e);
    if (cached !== undefined) return cached;
    const key = `${e.file}\u0000${e.source}`;
    let text = memo.get(key);
    if (text === undefined) {
      const called = calledFunctions(e.source, functionsOfFile(model, e.file));
      text = called.length === 0 ? e.source : `(${bindings(called, new Set())}; ${e.source})`;
      memo.set(key, text);
    }
    byInfo.set(e, text);
    return text;
  };
}
