/**
 * Check: a binding's system implements the bound role (SW2061). A system with
 * an unknown name in `implements` (already SW2001) is not reported again.
 */
import { diag } from "../../diagnostics/messages.js";
import type { Check } from "./check.js";

export const systemRoles: Check = (model, report) => {
  for (const list of model.regions.values()) {
    for (const r of list) {
      for (const b of r.bindings) {
        if (!b.system) continue;
        const sys = model.systems.get(b.system);
        if (sys && sys.roles.length === sys.decl.implements.length && !sys.roles.includes(b.role)) {
          report(diag("role-not-implemented", b.setBy.span, { system: sys.decl.name.text, role: b.role.split(".").pop()! }));
        }
      }
    }
  }
};
