/**
 * Check: every municipality in scope can send and receive every scenario of
 * its package (SW2030): the sender role and every target role are bound at the
 * entry that applies to it. One finding per scenario and role, listing the
 * municipalities (not one per municipality). Also: a receiver's filesystem
 * adapter has an inbox, a sender's an outbox (SW2040).
 */
import { diag } from "../../diagnostics/messages.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { bindingsFor } from "../applicable.js";
import type { Check } from "./check.js";

const MAX_LISTED = 8;

export const receivability: Check = (model, report) => {
  const adapterFindings = new Set<string>();
  for (const s of model.scenarios) {
    const entries = model.merged.get(s.pkg);
    const scope = model.scope.get(s.pkg);
    if (!entries || !scope) continue;
    // An unknown role or system in a binding is the root cause; do not repeat it as "cannot receive".
    if (model.incompletePackages.has(s.pkg)) continue;
    const missing = new Map<string, { action: string; role: string; keys: Set<string> }>();
    const verdictByKey = new Map<string, Array<{ action: string; role: string }>>();
    const verdict = (key: string): Array<{ action: string; role: string }> => {
      const cached = verdictByKey.get(key);
      if (cached) return cached;
      const entry = entries.get(key)!;
      const problems: Array<{ action: string; role: string }> = [];
      const roles: Array<{ role: string; action: string; box: "inbox" | "outbox" }> = [];
      if (s.from) roles.push({ role: s.from, action: "send", box: "outbox" });
      for (const t of s.targets) if (t.mode !== "origin") roles.push({ role: t.role, action: "receive", box: "inbox" });
      for (const r of roles) {
        // A binding whose system is unknown still binds the role: the unknown name is the root cause, reported once.
        const bound = bindingsFor(entry, s.qname, r.role);
        if (bound.length === 0) problems.push({ action: r.action, role: r.role });
        for (const b of bound.filter((x) => x.system)) {
          for (const a of b.adapters) {
            if (a.adapter.kind !== "filesystem" || a.adapter[r.box] !== undefined) continue;
            const id = `${b.setBy.span.file}:${b.setBy.span.start}:${r.box}`;
            if (adapterFindings.has(id)) continue;
            adapterFindings.add(id);
            report(diag("adapter-setting-missing", a.span, { adapter: "filesystem", system: b.system!.split(".").pop()!, setting: r.box, because: `because it ${r.action}s scenario ${s.code}` }));
          }
        }
      }
      verdictByKey.set(key, problems);
      return problems;
    };
    for (const [ars, key] of scope) {
      for (const p of verdict(key)) {
        const id = `${p.action}|${p.role}`;
        const m = missing.get(id) ?? { ...p, keys: new Set<string>() };
        m.keys.add(ars);
        missing.set(id, m);
      }
    }
    for (const m of [...missing.values()].sort((a, b) => (a.role < b.role ? -1 : 1))) {
      const names = [...m.keys].sort().map((ars) => {
        const mun = model.directory.byArs.get(ars);
        return mun ? `${mun.name} (${mun.ags})` : ars;
      });
      const list = names.length > MAX_LISTED ? `${names.slice(0, MAX_LISTED).join(", ")} and ${names.length - MAX_LISTED} more` : names.join(", ");
      const d: Diagnostic = diag("cannot-receive", { file: s.file, start: s.decl.name.start, end: s.decl.name.end }, {
        count: names.length === 1 ? "1 municipality" : `${names.length} municipalities`,
        action: m.action,
        scenario: s.code,
        role: m.role.split(".").pop()!,
        list,
      }, { suggestion: `bind \`${m.role.split(".").pop()}\` in a region that covers them (e.g. the state)` });
      report(d);
    }
  }
};
