/**
 * Check: no uncertified system is reachable in stage production (SW2060).
 * Certification (Abnahme) is what clears a system for production use.
 * Reported once per system and `stage production` item (the root cause), at
 * that item, not once per region block that inherits it.
 */
import { diag } from "../../diagnostics/messages.js";
import type { Check } from "./check.js";

export const productionCertification: Check = (model, report) => {
  const done = new Set<string>();
  for (const entries of model.merged.values()) {
    for (const entry of entries.values()) {
      if (entry.stage !== "production") continue;
      for (const b of entry.bindings.values()) {
        const sys = b.system ? model.systems.get(b.system) : undefined;
        if (!sys || sys.certified) continue;
        const setBy = entry.stageSetBy;
        const id = `${sys.qname}|${setBy ? `${setBy.span.file}:${setBy.span.start}` : entry.key}`;
        if (done.has(id)) continue;
        done.add(id);
        report(diag("uncertified-in-production", setBy?.span ?? b.setBy.span, { system: sys.decl.name.text, region: setBy?.region ?? entry.key }, { suggestion: `mark \`${sys.decl.name.text}\` \`certified\` once it passed acceptance, or keep the region at stage pilot` }));
      }
    }
  }
};
