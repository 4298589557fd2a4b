/**
 * Region blocks -> normalized {@link RegionInfo}s, then the specialization
 * merge along the key hierarchy (state > Regierungsbezirk > district >
 * Gemeindeverband > municipality) into one {@link MergedEntry} per declared key.
 */
import { LEVEL_LABEL, municipalitiesUnder, normalizeRegionKey, officialName } from "../directory/keys.js";
import type { Directory } from "../directory/types.js";
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/messages.js";
import type * as A from "../syntax/ast.js";
import { STAGES, type RegionLevel, type Stage } from "../table/routing-table.js";
import { resolveAdapter } from "./checks/adapter-settings.js";
import { exprInfo } from "./declarations.js";
import type { MergedEntry, RegionInfo, ResolvedAdapter, ResolvedBinding, SetBy, VarValue } from "./model.js";
import type { BoundFile, SymbolTable } from "./symbols.js";
import { lineOf } from "../diagnostics/source.js";

const ANCESTOR_LENGTHS = [2, 3, 5, 9];

function literalValue(l: A.Literal | undefined): unknown {
  if (!l) return null;
  switch (l.kind) {
    case "string":
    case "name":
      return l.value;
    case "number":
      return l.value;
    case "boolean":
      return l.value;
    case "null":
      return null;
  }
}

/** Normalizes keys and resolves the items of every region block (SW2020-SW2023). */
export function resolveRegions(
  files: BoundFile[],
  symbols: SymbolTable,
  dir: Directory,
  out: Diagnostic[],
  /** Receives packages with a region block or binding dropped after an error (follow-up checks stay silent). */
  incomplete: Set<string> = new Set(),
): Map<string, RegionInfo[]> {
  const byPkg = new Map<string, RegionInfo[]>();
  const seen = new Map<string, RegionInfo>();
  for (const f of files) {
    for (const decl of f.ast.declarations) {
      if (decl.kind !== "region") continue;
      const keySpan: Span = { file: f.ast.file, start: decl.key.start, end: decl.key.end };
      const written = decl.key.value;
      const n = normalizeRegionKey(dir, written);
      if (n.error === "malformed") {
        const why = /\D/.test(written) ? "a regional key has digits only" : `it has ${written.length} digits; use 2 (state), 3, 5 (district), 8 (AGS), 9 (Gemeindeverband) or 12 (ARS)`;
        out.push(diag("malformed-region-key", keySpan, { key: written, why }));
        incomplete.add(f.pkg);
        continue;
      }
      if (n.error === "not-in-directory") {
        out.push(diag("region-not-in-directory", keySpan, { key: written, source: `${dir.source}, ${dir.date}` }));
        incomplete.add(f.pkg);
        continue;
      }
      const official = officialName(dir, written);
      if (decl.title && official && !sameName(decl.title.value, official)) {
        out.push(
          diag("region-name-mismatch", { file: f.ast.file, start: decl.title.start, end: decl.title.end }, { key: written, given: decl.title.value, official }),
        );
      }
      const dupKey = `${f.pkg}\u0000${n.ars}`;
      const earlier = seen.get(dupKey);
      if (earlier) {
        out.push(
          diag("duplicate-region", keySpan, { key: written }, {
            related: [{ span: { file: earlier.file, start: earlier.decl.key.start, end: earlier.decl.key.end }, message: "first block" }],
          }),
        );
        continue;
      }
      const info: RegionInfo = { pkg: f.pkg, key: n.ars, level: n.level, file: f.ast.file, decl, bindings: [], vars: new Map() };
      if (decl.title) info.title = decl.title.value;
      resolveItems(info, f, symbols, out);
      seen.set(dupKey, info);
      const list = byPkg.get(f.pkg) ?? [];
      list.push(info);
      byPkg.set(f.pkg, list);
    }
  }
  for (const list of byPkg.values()) list.sort((a, b) => a.key.length - b.key.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return byPkg;
}

/** Official names carry suffixes (", Stadt"); accept the written name when it is the official name's start or made of its words. */
function sameName(given: string, official: string): boolean {
  const g = given.trim().toLowerCase();
  const o = official.toLowerCase();
  if (o === g || o.startsWith(g + ",") || o.startsWith(g + " ") || o.startsWith(g + "/")) return true;
  // Otherwise every word of the given name must be a word of the official one
  // ("Chemnitz" for "früher: Direktionsbezirk Chemnitz"), not just a substring.
  // Hyphenated names are one word: "Sachsen" is not "Sachsen-Anhalt".
  const words = (x: string): string[] => x.split(/[^\p{L}\p{N}-]+/u).filter(Boolean);
  const official_ = new Set(words(o));
  return words(g).every((w) => official_.has(w));
}

function resolveItems(info: RegionInfo, f: BoundFile, symbols: SymbolTable, out: Diagnostic[]): void {
  const file = f.ast.file;
  const setBy = (loc: A.Loc): SetBy => ({
    file,
    line: lineOf(f.ast.text, loc.start),
    span: { file, start: loc.start, end: loc.end },
    region: info.key,
    level: info.level,
  });
  const identities = new Map<string, A.Loc>();
  const once = (identity: string, loc: A.Loc, what: string): boolean => {
    const prev = identities.get(identity);
    if (prev) {
      out.push(
        diag("conflicting-definition", { file, start: loc.start, end: loc.end }, { what, region: info.decl.key.value }, {
          related: [{ span: { file, start: prev.start, end: prev.end }, message: "first definition" }],
        }),
      );
      return false;
    }
    identities.set(identity, loc);
    return true;
  };
  for (const item of info.decl.items) {
    switch (item.kind) {
      case "stage": {
        if (!once("stage", item, "The stage")) break;
        const s = item.stage.text;
        if (!(STAGES as readonly string[]).includes(s)) {
          out.push(diag("adapter-setting-invalid", { file, start: item.stage.start, end: item.stage.end }, { setting: "stage", why: `unknown stage \`${s}\` (test, pilot or production)` }));
          break;
        }
        info.stage = { stage: s as Stage, override: item.override, setBy: setBy(item) };
        break;
      }
      case "lookup":
      case "set": {
        const name = item.name.text;
        if (!once(`$${name}`, item, `The variable \`$${name}\``)) break;
        let value: unknown;
        if (item.kind === "lookup") {
          const table: Record<string, unknown> = {};
          for (const e of item.entries) {
            if (Object.hasOwn(table, e.key.value)) {
              out.push(diag("conflicting-definition", { file, start: e.key.start, end: e.value.end }, { what: `The key "${e.key.value}" of lookup \`${name}\``, region: info.decl.key.value }));
              continue;
            }
            table[e.key.value] = literalValue(e.value);
          }
          value = table;
        } else value = literalValue(item.value);
        const v: VarValue = { value, override: item.override, setBy: setBy(item) };
        info.vars.set(name, v);
        break;
      }
      case "binding": {
        const role = symbols.resolve(item.role, f, ["role"], out);
        if (!role) {
          info.unresolved = true;
          break;
        }
        const resolvedScenarios = item.scenarios.map((q) => symbols.resolve(q, f, ["scenario"], out)?.qname);
        if (resolvedScenarios.some((x) => x === undefined)) {
          // Without its scenario limit the binding would turn general: drop it (the unknown name is reported).
          info.unresolved = true;
          break;
        }
        const scenarios = (resolvedScenarios as string[]).sort();
        const identity = `${role.qname}|${item.recipient?.value ?? ""}|${scenarios.join(",")}`;
        const what = describeBinding(role.name, item.recipient?.value, scenarios);
        if (!once(identity, item, what)) break;
        const b: ResolvedBinding = {
          identity,
          role: role.qname,
          none: item.none,
          adapters: [],
          scenarios,
          notes: Object.fromEntries(item.notes.map((n) => [n.key.text, n.value.value])),
          override: item.override,
          setBy: setBy(item),
        };
        if (item.recipient) b.recipient = item.recipient.value;
        if (item.system) {
          const sys = symbols.resolve(item.system, f, ["system"], out);
          if (sys) b.system = sys.qname;
          else info.unresolved = true;
          b.adapters = item.adapters.map((a) => resolveAdapter(a, sys?.name ?? item.system!.text, file, out)).filter((a): a is ResolvedAdapter => !!a);
          const stages = new Set<string>();
          for (const a of b.adapters) {
            const label = a.stage ?? "default";
            if (stages.has(label)) out.push(diag("conflicting-definition", a.span, { what: `The ${label === "default" ? "default" : label} endpoint of ${what.replace(/^The /, "the ")}`, region: info.decl.key.value }));
            stages.add(label);
          }
        }
        if (item.transform) {
          const t = symbols.resolve(item.transform, f, ["transform"], out);
          if (t) b.transform = t.qname;
        }
        if (item.when) b.when = exprInfo(item.when, file);
        info.bindings.push(b);
        break;
      }
    }
  }
}

/** "role `Pflichtempfaenger` recipient \"IHK\" (for A1)", for messages. */
export function describeBinding(role: string, recipient: string | undefined, scenarios: string[]): string {
  const rec = recipient !== undefined ? ` recipient "${recipient}"` : "";
  const sc = scenarios.length > 0 ? ` for ${scenarios.map((s) => s.split(".").pop()).join(", ")}` : "";
  return `The binding of role \`${role.split(".").pop()}\`${rec}${sc}`;
}

/** The declared keys that are proper prefixes of `key`, least specific first. */
function declaredAncestors(key: string, declared: Map<string, RegionInfo>): string[] {
  return ANCESTOR_LENGTHS.filter((len) => len < key.length && declared.has(key.slice(0, len))).map((len) => key.slice(0, len));
}

/**
 * Merges each package's region blocks along the hierarchy, reporting
 * `override` misuse (SW2010, SW2011). Also computes the scope: every
 * municipality under a declared key, with the most specific key that applies.
 */
export function mergeRegions(
  regions: Map<string, RegionInfo[]>,
  dir: Directory,
  out: Diagnostic[],
): { merged: Map<string, Map<string, MergedEntry>>; scope: Map<string, Map<string, string>> } {
  const merged = new Map<string, Map<string, MergedEntry>>();
  const scope = new Map<string, Map<string, string>>();
  for (const [pkg, list] of regions) {
    const declared = new Map(list.map((r) => [r.key, r]));
    const entries = new Map<string, MergedEntry>();
    for (const r of list) {
      const ancestors = declaredAncestors(r.key, declared);
      const parentKey = ancestors[ancestors.length - 1];
      const parent = parentKey ? entries.get(parentKey) : undefined;
      const entry: MergedEntry = {
        pkg,
        key: r.key,
        level: r.level,
        stage: parent?.stage ?? "test",
        bindings: new Map(parent?.bindings ?? []),
        vars: new Map(parent?.vars ?? []),
        ancestors,
      };
      const name = officialName(dir, r.key);
      if (name) entry.name = name;
      if (parent?.stageSetBy) entry.stageSetBy = parent.stageSetBy;
      const where = `${LEVEL_LABEL[r.level]} ${r.decl.key.value}`;
      const parentInfo = (setBy: SetBy): Record<string, string> => ({
        parent: setBy.region,
        parentName: officialName(dir, setBy.region) ?? LEVEL_LABEL[setBy.level],
      });
      const checkOverride = (override: boolean, inherited: SetBy | undefined, span: Span, what: string): void => {
        if (override && !inherited) out.push(diag("override-of-nothing", span, { what: what.replace(/^The /, "the "), region: where }, { suggestion: "remove `override`" }));
        if (!override && inherited) {
          out.push(
            diag("missing-override", span, { what, region: where, ...parentInfo(inherited) }, {
              suggestion: "write `override` in front of it",
              related: [{ span: inherited.span, message: "set here" }],
            }),
          );
        }
      };
      if (r.stage) {
        checkOverride(r.stage.override, parent?.stageSetBy, r.stage.setBy.span, "The stage");
        entry.stage = r.stage.stage;
        entry.stageSetBy = r.stage.setBy;
      }
      for (const [name, v] of r.vars) {
        checkOverride(v.override, parent?.vars.get(name)?.setBy, v.setBy.span, `The variable \`$${name}\``);
        entry.vars.set(name, v);
      }
      for (const b of r.bindings) {
        const inherited = parent?.bindings.get(b.identity) ?? parent?.removed?.get(b.identity);
        checkOverride(b.override, inherited?.setBy, b.setBy.span, describeBinding(b.role, b.recipient, b.scenarios));
        if (b.none) {
          entry.bindings.delete(b.identity);
          (entry.removed ??= new Map()).set(b.identity, b);
        } else entry.bindings.set(b.identity, b);
      }
      if (parent?.removed) for (const [k, v] of parent.removed) if (!entry.bindings.has(k)) (entry.removed ??= new Map()).set(k, v);
      entries.set(r.key, entry);
    }
    merged.set(pkg, entries);
    const pkgScope = new Map<string, string>();
    for (const r of list) {
      for (const m of municipalitiesUnder(dir, r.key)) {
        const prev = pkgScope.get(m.ars);
        if (prev === undefined || prev.length < r.key.length) pkgScope.set(m.ars, r.key);
      }
    }
    scope.set(pkg, pkgScope);
  }
  return { merged, scope };
}

export type { RegionLevel };
