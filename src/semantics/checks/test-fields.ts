/**
 * Check: the `field` paths of test blocks against the message types the
 * rules may deliver to the selector (role, recipient, system; the test's
 * scenario if it names one, else every scenario of its package). A path that
 * is wrong in every one of them is reported (SW24xx: unknown fields with
 * did-you-mean), and so is an expected value of a kind the path can never
 * have (SW2087: a number for a text field is never equal). `absent` paths
 * are checked for syntax only: a field the type lacks is absent by
 * construction, which such a test may well be asserting.
 */
import { diag } from "../../diagnostics/messages.js";
import type * as A from "../../syntax/ast.js";
import { resolveType, type Type, type TypeRegistry } from "../../types/model.js";
import { chooseTransform } from "../applicable.js";
import { checkExpression } from "../jsonata/index.js";
import { toDiagnostic } from "./jsonata-expressions.js";
import type { CheckedModel, TestInfo } from "../model.js";
import type { Check } from "./check.js";

const ANY: Type = { kind: "any" };

export const testFields: Check = (model, report) => {
  for (const t of model.tests) {
    const f = model.files.find((x) => x.ast.file === t.file)!;
    for (const e of t.decl.expects) {
      if (e.kind !== "field" && e.kind !== "absent") continue;
      // `absent` of a field the type lacks holds by construction (e.g. "the statistics office gets no amounts"): syntax only.
      const messages = e.kind === "absent" ? [] : [...deliveredMessages(model, t, f, e.to)].filter((m) => model.messages[m] !== undefined).sort();
      const inputs: Array<[string | undefined, Type]> = messages.length > 0 ? messages.map((m) => [m, model.messages[m]!.type]) : [[undefined, ANY]];
      const results = inputs.map(([m, type]) => ({ message: m, ...checkExpression(e.path.source, type, { registry: model.types }) }));
      const clean = results.filter((r) => !r.diagnostics.some((d) => d.severity === "error"));
      // A path is wrong when it is wrong in every message type the delivery may carry.
      if (clean.length === 0 || results.length === 1) {
        const at = { source: e.path.source, file: t.file, sourceStart: e.path.sourceStart };
        for (const d of results[0]!.diagnostics) report(toDiagnostic(at, d));
      }
      if (e.kind !== "field" || !e.value || messages.length === 0 || clean.length === 0) continue;
      const literal = literalKind(e.value);
      if (literal === undefined || clean.some((r) => fits(literal, r.type, model.types, 0))) continue;
      const kinds = [...new Set(clean.map((r) => describe(r.type, model.types)))];
      report(
        diag("test-value-type", { file: t.file, start: e.value.start, end: e.value.end }, {
          test: t.name,
          path: `\`${e.path.source}\``,
          literal: `a ${literal}`,
          message: clean.map((r) => `\`${r.message!.split(".").pop()}\``).join(", "),
          actual: kinds.join(" or "),
        }, { suggestion: e.value.kind === "number" && kinds.every((k) => /string|code|date|time/.test(k)) ? `write the value as a string: "${e.value.raw}"` : "write the value in the field's kind" }),
      );
    }
  }
};

/** Message types the rules may deliver to `sel` in the test's scenario(s). */
function deliveredMessages(model: CheckedModel, t: TestInfo, f: CheckedModel["files"][number], sel: A.Selector): Set<string> {
  const role = model.symbols.resolve(sel.role, f, ["role"], [])?.qname;
  const system = sel.system ? model.symbols.resolve(sel.system, f, ["system"], [])?.qname : undefined;
  const out = new Set<string>();
  if (role === undefined) return out;
  const named = t.decl.given.at(-1)?.scenario;
  const scenarioName = named ? model.symbols.resolve(named, f, ["scenario"], [])?.qname : undefined;
  const scenarios = model.scenarios.filter((s) => (scenarioName !== undefined ? s.qname === scenarioName : s.pkg === t.pkg) && s.message !== undefined);
  for (const s of scenarios) {
    for (const target of s.targets) {
      if (target.role !== role) continue;
      if (target.mode === "origin") {
        out.add(s.message!);
        continue;
      }
      for (const r of model.regions.get(s.pkg) ?? []) {
        for (const b of r.bindings) {
          if (b.role !== role || !b.system || (system !== undefined && b.system !== system)) continue;
          if (sel.recipient && b.recipient !== sel.recipient.value) continue;
          if (b.scenarios.length > 0 && !b.scenarios.includes(s.qname)) continue;
          const sys = model.systems.get(b.system);
          if (!sys) continue;
          const choice = chooseTransform(s.message!, sys, b.transform, model.transforms);
          if (choice.kind === "pass-through" || choice.kind === "transform") out.add(choice.message);
        }
      }
    }
  }
  return out;
}

type LiteralKind = "string" | "number" | "boolean";

function literalKind(l: A.Literal): LiteralKind | undefined {
  return l.kind === "string" || l.kind === "number" || l.kind === "boolean" ? l.kind : undefined;
}

/** Whether a value of the literal's kind can be what the path yields (JSONata returns a one-item list as the item). */
function fits(literal: LiteralKind, type: Type, reg: TypeRegistry, depth: number): boolean {
  if (depth > 32) return true;
  const t = resolveType(type, reg);
  switch (t.kind) {
    case "scalar":
      if (t.scalar === "decimal") return literal !== "boolean"; // exact string in XML views, a number from JSON or `allow float`
      if (t.scalar === "integer" || t.scalar === "number") return literal === "number";
      if (t.scalar === "boolean") return literal === "boolean";
      return literal === "string";
    case "codelist":
      return literal === "string";
    case "list":
      return fits(literal, t.element, reg, depth + 1);
    case "union":
      return t.types.some((m) => fits(literal, m, reg, depth + 1));
    case "record":
    case "null":
    case "function":
      return false;
    default:
      return true;
  }
}

function describe(type: Type, reg: TypeRegistry): string {
  const t = resolveType(type, reg);
  switch (t.kind) {
    case "scalar":
      return `a ${t.scalar}`;
    case "codelist":
      return "a code (string)";
    case "list":
      return `a list of ${describe(t.element, reg).replace(/^an? /, "")}`;
    case "record":
      return "a record";
    default:
      return `of kind ${t.kind}`;
  }
}
