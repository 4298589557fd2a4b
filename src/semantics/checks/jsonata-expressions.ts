/**
 * Check: every embedded JSONata expression parses and type-checks against its
 * input type (SW24xx, see src/semantics/jsonata and docs/jsonata-typing.md),
 * reported at its exact line and column in the .stw file.
 *
 * Inputs and expectations:
 * - scenario `region`, `correlate`, `idempotency`: the scenario's message -> a string (may be absent);
 * - scenario `detect` and binding `when`: the message -> a boolean;
 * - transformations: their `from` message -> their `to` message, with the
 *   package's region variables (`lookup`, `set`) bound and `allow` honoured;
 * - test `field`/`absent` paths are checked by test-fields.ts against the
 *   message the selected delivery carries.
 *
 * Every expression sees the shared functions visible from its file
 * (semantics/functions.ts); a call is typed with the declared signature.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { checkExpression, parseJsonata } from "../jsonata/index.js";
import type { JsonataCheckContext } from "../jsonata/index.js";
import { functionsOfFile } from "../functions.js";
import type { DeclaredFunction } from "../jsonata/index.js";
import type { CheckedModel, ExprInfo } from "../model.js";
import type { Type, TypeRegistry } from "../../types/model.js";
import type { Check } from "./check.js";

const STRING: Type = { kind: "scalar", scalar: "string" };
const BOOLEAN: Type = { kind: "scalar", scalar: "boolean" };
const ANY: Type = { kind: "any" };

/** Parsed ASTs by source: each distinct expression is parsed once per process. */
const astCache = new Map<string, unknown>();

/** A checker diagnostic (offsets relative to the expression) placed in the rule file, with did-you-mean wording. */
export function toDiagnostic(e: ExprInfo, d: { code: string; severity: Diagnostic["severity"]; message: string; start: number; end: number; suggestion?: string }): Diagnostic {
  const out: Diagnostic = { code: d.code, severity: d.severity, message: d.message, span: { file: e.file, start: e.sourceStart + d.start, end: e.sourceStart + Math.max(d.end, d.start + 1) } };
  if (d.suggestion) out.suggestion = /^[^\s`]+$/.test(d.suggestion) ? `did you mean \`${d.suggestion}\`?` : d.suggestion;
  return out;
}

/** Type of a region variable's value as written in a rule file. */
function valueType(v: unknown): Type {
  if (typeof v === "string") return STRING;
  if (typeof v === "number") return { kind: "scalar", scalar: Number.isInteger(v) ? "integer" : "number" };
  if (typeof v === "boolean") return BOOLEAN;
  return ANY;
}

/** Variables of a package: every `lookup`/`set` name of its regions; a name with differing types is `any`. */
function packageVariables(model: CheckedModel, pkg: string): Record<string, Type> {
  const vars: Record<string, Type> = {};
  for (const r of model.regions.get(pkg) ?? []) {
    for (const [name, v] of r.vars) {
      const t = r.decl.items.some((i) => i.kind === "lookup" && i.name.text === name) ? ANY : valueType(v.value);
      const prev = vars[name];
      vars[name] = prev === undefined || JSON.stringify(prev) === JSON.stringify(t) ? t : ANY;
    }
  }
  return vars;
}

/** Signatures of the functions an expression in `file` can call; memoized per model and file. */
const signaturesByModel = new WeakMap<CheckedModel, Map<string, Record<string, DeclaredFunction>>>();
function signaturesOf(model: CheckedModel, file: string): Record<string, DeclaredFunction> {
  let byFile = signaturesByModel.get(model);
  if (!byFile) signaturesByModel.set(model, (byFile = new Map()));
  let sigs = byFile.get(file);
  if (!sigs) {
    sigs = {};
    for (const [name, f] of functionsOfFile(model, file)) sigs[name] = f.signature;
    byFile.set(file, sigs);
  }
  return sigs;
}

const registries = new WeakMap<CheckedModel, TypeRegistry>();
/** The model's types plus those only function signatures use. */
function registryOf(model: CheckedModel): TypeRegistry {
  if (Object.keys(model.functionTypes).length === 0) return model.types;
  let r = registries.get(model);
  if (!r) registries.set(model, (r = { ...model.types, ...model.functionTypes }));
  return r;
}

/**
 * Checks one embedded expression and reports its diagnostics at their place in the .stw file.
 * The functions visible from the expression's file are bound; `ctx.functions` overrides them.
 */
export function checkEmbedded(model: CheckedModel, e: ExprInfo, input: Type, ctx: Omit<JsonataCheckContext, "registry">, report: (d: Diagnostic) => void): void {
  run(model, e, input, ctx, report);
}

function run(model: CheckedModel, e: ExprInfo, input: Type, ctx: Omit<JsonataCheckContext, "registry">, report: (d: Diagnostic) => void): void {
  let ast = astCache.get(e.source);
  if (ast === undefined) {
    const parsed = parseJsonata(e.source) as { ast?: unknown };
    ast = parsed.ast ?? null;
    if (astCache.size > 50_000) astCache.clear();
    astCache.set(e.source, ast);
  }
  const registry = registryOf(model);
  const functions = model.functions.size > 0 ? signaturesOf(model, e.file) : undefined;
  const result = checkExpression(e.source, input, { registry, ...(functions ? { functions } : {}), ...ctx, ...(ast ? { ast } : {}) });
  for (const d of result.diagnostics) report(toDiagnostic(e, d));
}

export const jsonataExpressions: Check = (model, report) => {
  const messageType = (q: string | undefined): Type => (q && model.messages[q] ? model.messages[q]!.type : ANY);
  const varsByPkg = new Map<string, Record<string, Type>>();
  const varsOf = (pkg: string): Record<string, Type> => {
    let v = varsByPkg.get(pkg);
    if (!v) varsByPkg.set(pkg, (v = packageVariables(model, pkg)));
    return v;
  };
  for (const s of model.scenarios) {
    const input = messageType(s.message);
    // Keys may be absent: the router then rejects the message with a typed reason
    // (unknown-region, unknown-case) instead of inventing a default that would misroute it.
    const key = { expected: STRING, expectedOptional: true };
    if (s.region) run(model, s.region, input, { ...key, targetLabel: "the regional key" }, report);
    if (s.correlate) run(model, s.correlate, input, { ...key, targetLabel: "the case key" }, report);
    if (s.idempotency) run(model, s.idempotency, input, { ...key, targetLabel: "the idempotency key" }, report);
    if (s.detect) run(model, s.detect, input, { expected: BOOLEAN, expectedOptional: true, targetLabel: "the detection condition" }, report);
  }
  for (const t of model.transforms.values()) {
    if (!t.expr) continue;
    const pkg = t.qname.slice(0, t.qname.lastIndexOf("."));
    const ctx: Omit<JsonataCheckContext, "registry"> = {
      variables: varsOf(pkg),
      allowFloatOnDecimal: t.allowFloat,
      untypedAllowed: t.allowUntyped,
      targetLabel: `message ${t.to?.split(".").pop() ?? "?"}`,
    };
    if (t.to && model.messages[t.to]) ctx.expected = model.messages[t.to]!.type;
    run(model, t.expr, messageType(t.from), ctx, report);
  }
  const seenWhen = new Set<ExprInfo>();
  for (const [pkg, list] of model.regions) {
    for (const r of list) {
      for (const b of r.bindings) {
        if (!b.when || seenWhen.has(b.when)) continue;
        seenWhen.add(b.when);
        const scenarios = model.scenarios.filter((s) => s.pkg === pkg && (b.scenarios.length === 0 || b.scenarios.includes(s.qname)) && s.targets.some((t) => t.role === b.role));
        const messages = new Set(scenarios.map((s) => s.message));
        const input = messages.size === 1 ? messageType([...messages][0]) : ANY;
        run(model, b.when, input, { expected: BOOLEAN, expectedOptional: true, variables: varsOf(pkg), targetLabel: "the delivery condition" }, report);
      }
    }
  }
};
