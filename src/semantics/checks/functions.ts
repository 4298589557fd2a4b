/**
 * Check: shared functions (`function Kopf(typ: string): T ```body``` `).
 *
 * - the function and its parameters can be written as JSONata variables
 *   (`$Kopf`): no `-` in the name, and no name of a JSONata built-in (SW2101);
 * - no parameter is declared twice (SW2102);
 * - no function calls itself, directly or through others (SW2100): the lowering
 *   inlines definitions, and a recursion depth is nothing a rule should decide;
 * - the body type-checks with the parameters as its only inputs and fits the
 *   declared result type (SW24xx; reading the input document is SW2421).
 */
import { diag } from "../../diagnostics/messages.js";
import { BUILTINS, FUNCTION_BODY_INPUT } from "../jsonata/index.js";
import { calledFunctions, functionsOfFile, type FunctionInfo } from "../functions.js";
import type { Check } from "./check.js";
import { checkEmbedded } from "./jsonata-expressions.js";

/** Why `name` cannot be written as `$name`, or undefined when it can. */
function badVariableName(name: string): string | undefined {
  if (name.includes("-")) return "JSONata reads `-` as a minus; use `_` or camelCase";
  if (BUILTINS[name]) return `it would hide the JSONata built-in \`$${name}\``;
  return undefined;
}

/** The functions each function calls directly (by qualified name). */
function callGraph(model: Parameters<Check>[0]): Map<string, FunctionInfo[]> {
  const graph = new Map<string, FunctionInfo[]>();
  for (const f of model.functions.values()) {
    const params = new Set(f.signature.params.map((p) => p.name));
    graph.set(f.qname, f.body ? calledFunctions(f.body.source, functionsOfFile(model, f.file), params) : []);
  }
  return graph;
}

/** A path of calls from `start` back to itself, or undefined. */
function cycleThrough(start: string, graph: Map<string, FunctionInfo[]>): string[] | undefined {
  const seen = new Set<string>();
  const search = (q: string, path: string[]): string[] | undefined => {
    for (const next of graph.get(q) ?? []) {
      if (next.qname === start) return [...path, next.qname];
      if (seen.has(next.qname)) continue;
      seen.add(next.qname);
      const found = search(next.qname, [...path, next.qname]);
      if (found) return found;
    }
    return undefined;
  };
  return search(start, [start]);
}

export const functionDeclarations: Check = (model, report) => {
  const graph = callGraph(model);
  for (const f of model.functions.values()) {
    const d = f.decl;
    const span = (l: { start: number; end: number }) => ({ file: f.file, start: l.start, end: l.end });
    const why = badVariableName(f.name);
    if (why) report(diag("bad-function-name", span(d.name), { name: f.name, why }));
    const seen = new Set<string>();
    for (const p of d.params) {
      const name = p.name.text;
      if (seen.has(name)) {
        report(diag("duplicate-parameter", span(p.name), { name, fn: f.name }));
        continue;
      }
      seen.add(name);
      const pwhy = name.includes("-") ? badVariableName(name) : undefined;
      if (pwhy) report(diag("bad-function-name", span(p.name), { name, why: pwhy }));
    }
    const cycle = cycleThrough(f.qname, graph);
    if (cycle) {
      const shown = cycle.map((q) => `\`${model.functions.get(q)?.name ?? q}\``).join(" → ");
      report(diag("recursive-function", span(d.name), { name: f.name, cycle: shown }));
    }
    if (!f.body) continue;
    const variables = Object.fromEntries(f.signature.params.map((p) => [p.name, p.type]));
    checkEmbedded(
      model,
      f.body,
      FUNCTION_BODY_INPUT,
      {
        variables,
        expected: f.signature.result,
        expectedOptional: f.signature.resultOptional,
        targetLabel: `the result of function \`${f.name}\``,
      },
      report,
    );
  }
};
