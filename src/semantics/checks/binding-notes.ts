/**
 * Check: a binding gives each `note` key once (SW2013). Notes become the
 * delivery's annotations, a map from key to one value, so a second value for
 * the same key would silently replace the first.
 */
import { diag } from "../../diagnostics/messages.js";
import type { Check } from "./check.js";

export const bindingNotes: Check = (model, report) => {
  for (const f of model.files) {
    for (const d of f.ast.declarations) {
      if (d.kind !== "region") continue;
      for (const item of d.items) {
        if (item.kind !== "binding") continue;
        const seen = new Map<string, { start: number; end: number }>();
        for (const n of item.notes) {
          const first = seen.get(n.key.text);
          if (first === undefined) {
            seen.set(n.key.text, { start: n.key.start, end: n.key.end });
            continue;
          }
          const who = item.recipient ? `\`${item.role.text}\` "${item.recipient.value}"` : `\`${item.role.text}\``;
          report(
            diag("duplicate-note", { file: f.ast.file, start: n.key.start, end: n.value.end }, { key: n.key.text, what: `the binding of ${who}` }, {
              suggestion: "keep one `note " + n.key.text + "` with the value that applies",
              related: [{ span: { file: f.ast.file, ...first }, message: "first given here" }],
            }),
          );
        }
      }
    }
  }
};
