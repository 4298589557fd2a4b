/**
 * Check: packages do not import each other in a cycle (SW2003), and imports
 * name existing packages (SW2004). Reported once per cycle, at the import that
 * closes it in the alphabetically first package.
 */
import { diag } from "../../diagnostics/messages.js";
import type * as A from "../../syntax/ast.js";
import { didYouMean } from "../suggest.js";
import type { Check } from "./check.js";

export const importCycles: Check = (model, report) => {
  const edges = new Map<string, Map<string, { file: string; imp: A.ImportDecl }>>();
  for (const f of model.files) {
    const out = edges.get(f.pkg) ?? new Map();
    edges.set(f.pkg, out);
    for (const imp of f.ast.imports) {
      const target = imp.name.text;
      if (!model.symbols.packages.has(target) && !model.files.some((g) => g.pkg === target)) {
        const g = didYouMean(target, model.symbols.packages.keys());
        report(diag("unknown-package", { file: f.ast.file, start: imp.name.start, end: imp.name.end }, { name: target }, g ? { suggestion: `did you mean \`${g}\`?` } : {}));
        continue;
      }
      if (!out.has(target)) out.set(target, { file: f.ast.file, imp });
    }
  }
  const reported = new Set<string>();
  const stack: string[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (pkg: string): void => {
    state.set(pkg, 1);
    stack.push(pkg);
    for (const [next, where] of [...(edges.get(pkg) ?? new Map()).entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (state.get(next) === 1) {
        const cycle = stack.slice(stack.indexOf(next));
        const id = [...cycle].sort().join(",");
        if (!reported.has(id)) {
          reported.add(id);
          report(diag("import-cycle", { file: where.file, start: where.imp.start, end: where.imp.end }, { cycle: [...cycle, next].join(" -> ") }));
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(pkg, 2);
  };
  for (const pkg of [...edges.keys()].sort()) if (!state.has(pkg)) visit(pkg);
};
