/**
 * Check: every region block and binding can apply somewhere. A region block
 * none of whose settings reaches any municipality (all have more specific
 * blocks that replace everything it sets) is unreachable (SW2051); a binding
 * that every municipality under its region overrides is shadowed (SW2050).
 */
import { municipalitiesUnder } from "../../directory/keys.js";
import { diag } from "../../diagnostics/messages.js";
import type { MergedEntry, RegionInfo } from "../model.js";
import { describeBinding } from "../regions.js";
import type { Check } from "./check.js";

function setsSomething(r: RegionInfo): boolean {
  return r.stage !== undefined || r.bindings.length > 0 || r.vars.size > 0;
}

function carriesFrom(e: MergedEntry, r: RegionInfo): boolean {
  if (e.stageSetBy?.region === r.key && r.stage) return true;
  for (const b of r.bindings) if (e.bindings.get(b.identity) === b || (b.none && e.removed?.get(b.identity) === b)) return true;
  for (const [n, v] of r.vars) if (e.vars.get(n) === v) return true;
  return false;
}

export const shadowedRoutes: Check = (model, report) => {
  for (const [pkg, list] of model.regions) {
    const scope = model.scope.get(pkg)!;
    const entries = model.merged.get(pkg)!;
    for (const r of list) {
      const effective = new Set<string>();
      for (const m of municipalitiesUnder(model.directory, r.key)) effective.add(scope.get(m.ars)!);
      const reached = [...effective].map((k) => entries.get(k)!).filter((e) => e !== undefined);
      if (effective.size === 0 || (setsSomething(r) && !reached.some((e) => carriesFrom(e, r)))) {
        const why =
          effective.size === 0
            ? "it contains no municipality of the directory"
            : "every municipality under it has a more specific block that replaces everything it sets";
        report(diag("unreachable-region", { file: r.file, start: r.decl.key.start, end: r.decl.key.end }, { region: r.decl.key.value, why }));
        continue;
      }
      for (const b of r.bindings) {
        if (b.none) continue;
        if (!reached.some((e) => e.bindings.get(b.identity) === b)) {
          report(diag("shadowed-binding", b.setBy.span, { what: describeBinding(b.role, b.recipient, b.scenarios), region: r.decl.key.value }));
        }
      }
    }
  }
};
