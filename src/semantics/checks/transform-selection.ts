/**
 * Check: every delivery has exactly one way to turn the scenario's message into
 * one its target system accepts (SW2062 none, SW2063 several, SW2064 an explicit
 * transformation reading another message type). Reported once per binding and scenario.
 */
import { diag } from "../../diagnostics/messages.js";
import { bindingsFor, chooseTransform } from "../applicable.js";
import type { Check } from "./check.js";

export const transformSelection: Check = (model, report) => {
  const done = new Set<string>();
  for (const s of model.scenarios) {
    if (!s.message) continue;
    const entries = model.merged.get(s.pkg);
    if (!entries) continue;
    for (const entry of entries.values()) {
      for (const t of s.targets) {
        if (t.mode === "origin") continue;
        for (const b of bindingsFor(entry, s.qname, t.role)) {
          const sys = b.system ? model.systems.get(b.system) : undefined;
          if (!sys) continue;
          const id = `${b.setBy.file}:${b.setBy.span.start}|${s.qname}`;
          if (done.has(id)) continue;
          done.add(id);
          const choice = chooseTransform(s.message, sys, b.transform, model.transforms);
          const name = sys.decl.name.text;
          if (choice.kind === "none-accepted") {
            report(diag("message-not-accepted", b.setBy.span, { from: s.message.split(".").pop()!, system: name, accepts: sys.accepts.map((a) => a.split(".").pop()).join(", ") }, { suggestion: `declare \`transform X from ${s.message.split(".").pop()} to ...\` or name one with \`transform\`` }));
          } else if (choice.kind === "ambiguous") {
            report(diag("ambiguous-transform", b.setBy.span, { from: s.message.split(".").pop()!, system: name, list: choice.candidates.join(", ") }));
          } else if (choice.kind === "wrong-source") {
            report(diag("transform-type-mismatch", b.setBy.span, { name: choice.transform.decl.name.text, actual: choice.transform.from ?? "?", scenario: s.code, expected: s.message }));
          }
        }
      }
    }
  }
};
