/**
 * Lowering: checked model + stage -> routing table (format v1), test plan and
 * pilot configuration bundles. Pure; byte-for-byte deterministic output comes
 * from deterministic iteration here plus canonical JSON in emit.ts.
 *
 * Stage rule: the table of stage S contains the entries whose stage ranks at
 * least S (test < pilot < production): the test infrastructure routes every
 * municipality, production only production regions. An entry below S that sits
 * under an included one is kept as a stub without deliveries, so its
 * municipalities are refused instead of silently inheriting the parent.
 */
import { posix } from "node:path";
import type { Adapter, Delivery, Endpoint, Provenance, RouteEntry, RoutingTable, Scenario, SourceBinding, Stage, SystemEntry } from "../table/routing-table.js";
import { STAGES, TABLE_FORMAT, TABLE_FORMAT_VERSION } from "../table/routing-table.js";
import type { Expectation, TestCase, TestPlan, TestStep, DeliverySelector, RejectReason } from "../table/test-plan.js";
import { canonicalJson } from "../table/canonical-json.js";
import { serializeWithContentHash } from "../table/content-hash.js";
import { bindingsFor, chooseTransform } from "../semantics/applicable.js";
import type { CheckedModel, ExprInfo, MergedEntry, ResolvedAdapter, ResolvedBinding, SetBy } from "../semantics/model.js";
import { resolveTestPath } from "../semantics/test-paths.js";
import { lineOf } from "../diagnostics/source.js";
import { functionInliner } from "./functions.js";
import { internTypes } from "./intern-types.js";
import { normalizeRegionKey } from "../directory/keys.js";
import type * as A from "../syntax/ast.js";

import { toolVersions } from "./versions.js";

export { toolVersions };

const rank = (s: Stage): number => STAGES.indexOf(s);

class Interner<T> {
  readonly items: T[] = [];
  private readonly index = new Map<string, number>();
  /** Objects are built by this module in a fixed key order, so plain JSON is a sound identity key. */
  add(item: T, key = JSON.stringify(item)): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(item);
      this.index.set(key, i);
    }
    return i;
  }
}

export interface PilotBundle {
  format: "stellwerk.pilot-bundle";
  formatVersion: 1;
  stage: Stage;
  municipality: { ags: string; ars: string; name: string };
  processes: Array<{
    package: string;
    stage: Stage;
    region: string;
    systems: Array<{ role: string; recipient?: string; system: string; certified: boolean; adapter: Adapter; setBy: Provenance }>;
  }>;
  tests: TestCase[];
}

export interface LoweredOutput {
  table: RoutingTable;
  /** The table's canonical JSON (what `build` writes), serialized once with the hash. */
  tableText: string;
  plan: TestPlan;
  bundles: PilotBundle[];
}

/** Lowers a checked, error-free model for one stage. */
export function lower(model: CheckedModel, stage: Stage): LoweredOutput {
  // Asked once per delivery, source and bundle entry (hundreds of thousands at national scale) for a few thousand files.
  const relMemo = new Map<string, string>();
  const rel = (file: string): string => {
    let r = relMemo.get(file);
    if (r === undefined) relMemo.set(file, (r = relativeToRoot(model.root, file)));
    return r;
  };
  const exprs = new Interner<string>();
  const bindingSets = new Interner<Record<string, unknown>>();
  const endpoints = new Interner<Endpoint>();
  const usedSystems = new Set<string>();
  const inline = functionInliner(model);
  const expr = (e: ExprInfo | undefined): number | undefined => {
    if (!e) return undefined;
    const text = inline(e);
    return exprs.add(text, text);
  };
  const provenance = (s: SetBy): Provenance => ({ file: rel(s.file), line: s.line, region: s.region, level: s.level });
  const adapterFor = (adapters: ResolvedAdapter[]): Adapter | undefined =>
    (adapters.find((a) => a.stage === stage) ?? adapters.find((a) => a.stage === undefined))?.adapter;
  // The same adapter object is asked for by every delivery and source of its binding: intern it once per system.
  const endpointMemo = new Map<Adapter, Map<string, number>>();
  const endpointOf = (system: string, adapters: ResolvedAdapter[]): number | undefined => {
    const adapter = adapterFor(adapters);
    if (!adapter) return undefined;
    usedSystems.add(system);
    let bySystem = endpointMemo.get(adapter);
    if (!bySystem) endpointMemo.set(adapter, (bySystem = new Map()));
    let ref = bySystem.get(system);
    if (ref === undefined) bySystem.set(system, (ref = endpoints.add({ system, adapter })));
    return ref;
  };

  const deliveries = new Interner<Delivery>();
  const sources = new Interner<SourceBinding>();
  // Inherited bindings are the same objects in every entry below: build each delivery once.
  const deliveryMemo = new Map<ResolvedBinding, Map<string, number | undefined>>();
  const deliveryOf = (message: string, b: ResolvedBinding, varRef: number | undefined): number | undefined => {
    let byKey = deliveryMemo.get(b);
    if (!byKey) deliveryMemo.set(b, (byKey = new Map()));
    const key = `${message}|${varRef ?? ""}`;
    if (!byKey.has(key)) {
      const d = delivery(model, message, b, endpointOf, expr, provenance, varRef);
      byKey.set(key, d === undefined ? undefined : deliveries.add(d));
    }
    return byKey.get(key);
  };
  const sourceMemo = new Map<ResolvedBinding, number | undefined>();
  const sourceOf = (b: ResolvedBinding): number | undefined => {
    if (!sourceMemo.has(b)) {
      const ep = endpointOf(b.system!, b.adapters);
      sourceMemo.set(b, ep === undefined ? undefined : sources.add({ system: b.system!, endpoint: ep, setBy: provenance(b.setBy) }));
    }
    return sourceMemo.get(b);
  };
  const varsMemo = new Map<MergedEntry, number | undefined>();
  const varsRef = (e: MergedEntry): number | undefined => {
    if (!varsMemo.has(e)) {
      const vars = [...e.vars.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
      varsMemo.set(e, vars.length > 0 ? bindingSets.add(Object.fromEntries(vars.map(([k, v]) => [k, v.value]))) : undefined);
    }
    return varsMemo.get(e);
  };
  const included = (e: MergedEntry): boolean => rank(e.stage) >= rank(stage);
  const agsToArs: Record<string, string> = {};
  for (const [pkg, scope] of [...model.scope.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const entries = model.merged.get(pkg)!;
    for (const [ars, key] of scope) {
      const e = entries.get(key);
      const m = model.directory.byArs.get(ars);
      if (e && m && included(e)) agsToArs[m.ags] = ars;
    }
  }

  const scenarios: Record<string, Scenario> = {};
  for (const s of model.scenarios) {
    const msg = s.message ? model.messages[s.message] : undefined;
    if (!msg || (!s.region && !s.reply)) continue;
    const entries = model.merged.get(s.pkg) ?? new Map<string, MergedEntry>();
    const routes: Record<string, RouteEntry> = {};
    for (const e of entries.values()) {
      const inStage = included(e);
      if (!inStage && !e.ancestors.some((a) => included(entries.get(a)!))) continue;
      const route: RouteEntry = { stage: e.stage, deliveries: [] };
      if (inStage) {
        const varRef = varsRef(e);
        if (s.from) {
          const src = bindingsFor(e, s.qname, s.from).find((b) => b.system);
          const ref = src ? sourceOf(src) : undefined;
          if (ref !== undefined) route.source = ref;
        }
        for (const t of s.targets) {
          if (t.mode === "origin") continue;
          for (const b of bindingsFor(e, s.qname, t.role)) {
            const ref = deliveryOf(s.message!, b, varRef);
            if (ref !== undefined) route.deliveries.push(ref);
          }
        }
      }
      // An entry equal to the one its key would otherwise resolve to adds nothing: leave it out.
      let parent: RouteEntry | undefined;
      for (let i = e.ancestors.length - 1; i >= 0 && parent === undefined; i--) parent = routes[e.ancestors[i]!];
      if (parent !== undefined && sameRoute(parent, route)) continue;
      routes[e.key] = route;
    }
    const detectKey = msg.encoding.format === "xml" ? `xml:{${msg.encoding.ns ?? ""}}${msg.encoding.root}` : `json:${msg.name}`;
    const scenario: Scenario = {
      id: s.qname,
      title: s.title,
      from: s.from ?? "",
      targets: s.targets.map((t) => (t.mode === "origin" ? { role: originRole(model, s), mode: "origin" } : t)),
      message: msg.name,
      detect: { key: detectKey },
      region: expr(s.region) ?? exprs.add('""', '""'),
      reply: s.reply,
      unroutable: { kind: "error-folder" },
      routes,
    };
    const when = expr(s.detect);
    if (when !== undefined) scenario.detect.when = when;
    const corr = expr(s.correlate);
    if (corr !== undefined) scenario.correlation = corr;
    const idem = expr(s.idempotency);
    if (idem !== undefined) scenario.idempotency = idem;
    if (s.ack) scenario.ack = s.ack;
    if (s.deadLetter) {
      const ep = endpointOf(s.deadLetter.system, s.deadLetter.adapters);
      if (ep !== undefined) scenario.unroutable = { kind: "dead-letter", endpoint: ep };
    }
    scenarios[s.qname] = scenario;
  }

  const systems: Record<string, SystemEntry> = {};
  for (const q of [...usedSystems].sort()) {
    const sys = model.systems.get(q);
    if (sys) systems[q] = { roles: sys.roles, accepts: sys.accepts, certified: sys.certified };
  }
  const versions = toolVersions();
  const shared = internTypes(model.messages, model.types);
  const serialized = serializeWithContentHash({
    format: TABLE_FORMAT,
    formatVersion: TABLE_FORMAT_VERSION,
    compilerVersion: versions.compilerVersion,
    jsonataVersion: versions.jsonataVersion,
    stage,
    contentHash: "",
    directory: { source: model.directory.source, date: model.directory.date },
    regions: { agsToArs },
    types: shared.types,
    messages: shared.messages,
    expressions: exprs.items,
    bindings: bindingSets.items,
    systems,
    endpoints: endpoints.items,
    deliveries: deliveries.items,
    sources: sources.items,
    scenarios,
  } satisfies RoutingTable);
  const table = serialized.table as RoutingTable;
  const plan = lowerTests(model, rel);
  return { table, tableText: serialized.text, plan, bundles: lowerBundles(model, stage, plan, adapterFor, provenance) };
}

/**
 * The role a reply goes back to, for documentation in the table: the sender of
 * the scenarios of the same package that address the reply's sender and open
 * cases (the router uses the origin recorded for the case at run time).
 */
function originRole(model: CheckedModel, reply: CheckedModel["scenarios"][number]): string {
  const senders = new Set<string>();
  for (const s of model.scenarios) {
    if (s.pkg !== reply.pkg || s.reply || !s.correlate || !s.from) continue;
    if (s.targets.some((t) => t.role === reply.from)) senders.add(s.from);
  }
  return [...senders].sort()[0] ?? reply.from ?? "origin";
}

function sameRoute(a: RouteEntry, b: RouteEntry): boolean {
  return a.stage === b.stage && a.source === b.source && a.deliveries.length === b.deliveries.length && a.deliveries.every((d, i) => d === b.deliveries[i]);
}

function delivery(
  model: CheckedModel,
  message: string,
  b: ResolvedBinding,
  endpointOf: (system: string, adapters: ResolvedAdapter[]) => number | undefined,
  expr: (e: ExprInfo | undefined) => number | undefined,
  provenance: (s: SetBy) => Provenance,
  varRef: number | undefined,
): Delivery | undefined {
  const sys = b.system ? model.systems.get(b.system) : undefined;
  if (!sys) return undefined;
  const endpoint = endpointOf(sys.qname, b.adapters);
  if (endpoint === undefined) return undefined;
  const choice = chooseTransform(message, sys, b.transform, model.transforms);
  const d: Delivery = {
    role: b.role,
    system: sys.qname,
    endpoint,
    message: choice.kind === "pass-through" || choice.kind === "transform" ? choice.message : message,
    setBy: provenance(b.setBy),
  };
  if (b.recipient !== undefined) d.recipient = b.recipient;
  if (choice.kind === "transform" && choice.transform.expr) {
    d.transform = expr(choice.transform.expr)!;
    d.transformName = choice.transform.qname;
    if (choice.transform.allowFloat) d.decimalsAsNumbers = true;
  }
  const when = expr(b.when);
  if (when !== undefined) d.when = when;
  if (varRef !== undefined && (d.transform !== undefined || d.when !== undefined)) d.bindings = varRef;
  if (Object.keys(b.notes).length > 0) d.annotations = Object.fromEntries(Object.entries(b.notes).sort(([a], [c]) => (a < c ? -1 : 1)));
  return d;
}

/** Path of a rule file relative to the rule-set root, "/" separated. */
export function relativeToRoot(root: string, file: string): string {
  const f = file.replace(/\\/g, "/");
  const r = root.replace(/\\/g, "/").replace(/\/+$/, "");
  if (r === "" || r === ".") return f;
  return f.startsWith(r + "/") ? f.slice(r.length + 1) : f;
}

function selector(model: CheckedModel, file: string, sel: A.Selector): DeliverySelector {
  const f = model.files.find((x) => x.ast.file === file)!;
  const role = model.symbols.resolve(sel.role, f, ["role"], [])?.qname ?? sel.role.text;
  const out: DeliverySelector = { role };
  if (sel.recipient) out.recipient = sel.recipient.value;
  if (sel.system) out.system = model.symbols.resolve(sel.system, f, ["system"], [])?.qname ?? sel.system.text;
  if (sel.region) {
    const n = normalizeRegionKey(model.directory, sel.region.value);
    out.region = n.ars ?? sel.region.value;
  }
  return out;
}

function lowerTests(model: CheckedModel, rel: (file: string) => string): TestPlan {
  const tests: TestCase[] = [];
  for (const t of model.tests) {
    const f = model.files.find((x) => x.ast.file === t.file)!;
    const steps: TestStep[] = t.decl.given.map((g) => {
      const step: TestStep = {};
      // Relative to the rule-set root, "../" included when the file lies beside it.
      if (g.file) step.file = posix.relative(model.root === "." ? "" : model.root, resolveTestPath(t.file, g.file.value));
      if (g.inline) step.inline = g.inline.value;
      if (g.scenario) step.scenario = model.symbols.resolve(g.scenario, f, ["scenario"], [])?.qname ?? g.scenario.text;
      if (g.region) step.region = g.region.value;
      return step;
    });
    const input = steps.pop();
    if (!input) continue;
    const line = (loc: A.Loc): number => lineOf(f.ast.text, loc.start);
    const expectations: Expectation[] = t.decl.expects.map((e): Expectation => {
      switch (e.kind) {
        case "delivered":
        case "not-delivered":
          return { kind: e.kind, to: selector(model, t.file, e.to), line: line(e) };
        case "rejected":
          return { kind: "rejected", reason: e.reason.text as RejectReason, line: line(e) };
        case "field":
          return { kind: "field", to: selector(model, t.file, e.to), path: e.path.source, value: literal(e.value), line: line(e) };
        case "absent":
          return { kind: "absent", to: selector(model, t.file, e.to), path: e.path.source, line: line(e) };
      }
    });
    const stage = (t.decl.stage?.text ?? "test") as TestCase["stage"];
    tests.push({ name: t.name, package: t.pkg, source: { file: rel(t.file), line: line(t.decl) }, stage, setup: steps, input, expectations });
  }
  tests.sort((a, b) => (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : a.source.line - b.source.line));
  return { format: "stellwerk.test-plan", formatVersion: 1, tests };
}

function literal(l: A.Literal | undefined): unknown {
  if (!l) return null;
  return l.kind === "null" ? null : l.value;
}

function lowerBundles(
  model: CheckedModel,
  stage: Stage,
  plan: TestPlan,
  adapterFor: (a: ResolvedAdapter[]) => Adapter | undefined,
  provenance: (s: SetBy) => Provenance,
): PilotBundle[] {
  const byAgs = new Map<string, PilotBundle>();
  for (const [pkg, scope] of [...model.scope.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const entries = model.merged.get(pkg)!;
    for (const [ars, key] of scope) {
      const e = entries.get(key)!;
      if (e.stage === "test" || rank(e.stage) < rank(stage)) continue;
      const m = model.directory.byArs.get(ars);
      if (!m) continue;
      let bundle = byAgs.get(m.ags);
      if (!bundle) {
        bundle = { format: "stellwerk.pilot-bundle", formatVersion: 1, stage, municipality: { ags: m.ags, ars: m.ars, name: m.name }, processes: [], tests: [] };
        byAgs.set(m.ags, bundle);
      }
      const systems: PilotBundle["processes"][number]["systems"] = [];
      for (const b of [...e.bindings.values()].sort((x, y) => (x.identity < y.identity ? -1 : 1))) {
        const sys = b.system ? model.systems.get(b.system) : undefined;
        const adapter = adapterFor(b.adapters);
        if (!sys || !adapter) continue;
        const row: PilotBundle["processes"][number]["systems"][number] = { role: b.role, system: sys.qname, certified: sys.certified, adapter, setBy: provenance(b.setBy) };
        if (b.recipient !== undefined) row.recipient = b.recipient;
        systems.push(row);
      }
      bundle.processes.push({ package: pkg, stage: e.stage, region: key, systems });
      bundle.tests.push(
        ...plan.tests.filter((t) => t.package === pkg && [...t.setup, t.input].some((s) => s.region !== undefined && (normalizeRegionKey(model.directory, s.region).ars ?? s.region).startsWith(key))),
      );
    }
  }
  return [...byAgs.values()].sort((a, b) => (a.municipality.ags < b.municipality.ags ? -1 : 1));
}
