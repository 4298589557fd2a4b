/**
 * Check: a code list lists each code once (SW2099). A second entry of the
 * same code would either repeat the first or contradict its label; XÖV
 * code lists (XRepository) define each code exactly once.
 */
import { diag } from "../../diagnostics/messages.js";
import type { Check } from "./check.js";

export const codelistCodes: Check = (model, report) => {
  for (const f of model.files) {
    for (const d of f.ast.declarations) {
      if (d.kind !== "codelist") continue;
      const first = new Map<string, number>();
      for (const c of d.codes) {
        const at = first.get(c.code.value);
        if (at === undefined) {
          first.set(c.code.value, c.code.start);
          continue;
        }
        report(
          diag("duplicate-code", { file: f.ast.file, start: c.code.start, end: c.code.end }, { code: c.code.value, list: d.name.text }, {
            suggestion: "remove this entry or merge its label into the first one",
            related: [{ span: { file: f.ast.file, start: at, end: at + c.code.end - c.code.start }, message: "first listed here" }],
          }),
        );
      }
    }
  }
};
