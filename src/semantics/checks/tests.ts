/**
 * Check: test blocks name only what exists (SW2080: scenarios, roles, systems,
 * recipients bound somewhere), read existing message files (SW2081), expect
 * something (SW2082), have unique names (SW2083) and known rejection reasons (SW2084),
 * name regional keys that are well formed and in the directory (SW2020, SW2021)
 * and a known stage (SW2042).
 */
import { normalizeRegionKey } from "../../directory/keys.js";
import { diag } from "../../diagnostics/messages.js";
import { STAGES } from "../../table/routing-table.js";
import { REJECT_REASONS } from "../../table/test-plan.js";
import type * as A from "../../syntax/ast.js";
import { didYouMean } from "../suggest.js";
import type { Check } from "./check.js";
import { resolveTestPath } from "../test-paths.js";

export const testBlocks: Check = (model, report) => {
  const names = new Map<string, A.TestDecl>();
  const recipients = new Map<string, Set<string>>();
  for (const list of model.regions.values()) {
    for (const r of list) for (const b of r.bindings) if (b.recipient !== undefined) recipients.set(b.role, (recipients.get(b.role) ?? new Set()).add(b.recipient));
  }
  for (const t of model.tests) {
    const f = model.files.find((x) => x.ast.file === t.file)!;
    const d = t.decl;
    const span = (loc: A.Loc) => ({ file: t.file, start: loc.start, end: loc.end });
    const regionKey = (key: A.StringNode | undefined): void => {
      if (!key) return;
      const n = normalizeRegionKey(model.directory, key.value);
      if (n.error === "malformed") report(diag("malformed-region-key", span(key), { key: key.value, why: /\D/.test(key.value) ? "a regional key has digits only" : `it has ${key.value.length} digits; use 2, 3, 5, 8 (AGS), 9 or 12 (ARS)` }));
      else if (n.error === "not-in-directory") report(diag("region-not-in-directory", span(key), { key: key.value, source: `${model.directory.source}, ${model.directory.date}` }));
    };
    if (d.stage && !(STAGES as readonly string[]).includes(d.stage.text)) {
      report(diag("adapter-setting-invalid", span(d.stage), { setting: "stage", why: `unknown stage \`${d.stage.text}\` (test, pilot or production)` }));
    }
    for (const g of d.given) regionKey(g.region);
    for (const e of d.expects) if (e.kind !== "rejected") regionKey(e.to.region);
    const prev = names.get(t.name);
    if (prev) report(diag("duplicate-test", span(d.name), { test: t.name }));
    else names.set(t.name, d);
    if (d.expects.length === 0) report(diag("test-without-expectation", span(d.name), { test: t.name }));
    if (d.given.length === 0) report(diag("test-without-given", span(d.name), { test: t.name }));
    for (const g of d.given) {
      if (g.scenario) {
        const out: import("../../diagnostics/diagnostic.js").Diagnostic[] = [];
        if (!model.symbols.resolve(g.scenario, f, ["scenario"], out)) for (const x of out) report(x);
      }
      if (g.file) {
        const p = resolveTestPath(t.file, g.file.value);
        if (model.readFile(p) === undefined) report(diag("test-file-missing", span(g.file), { test: t.name, file: g.file.value }));
      }
    }
    for (const e of d.expects) {
      if (e.kind === "rejected") {
        if (!(REJECT_REASONS as readonly string[]).includes(e.reason.text)) {
          const g = didYouMean(e.reason.text, REJECT_REASONS);
          report(diag("unknown-reject-reason", span(e.reason), { reason: e.reason.text }, { suggestion: g ? `did you mean \`${g}\`?` : `use one of ${REJECT_REASONS.join(", ")}` }));
        }
        continue;
      }
      const out: import("../../diagnostics/diagnostic.js").Diagnostic[] = [];
      const role = model.symbols.resolve(e.to.role, f, ["role"], out);
      for (const x of out) report(x);
      if (e.to.system) {
        const o2: import("../../diagnostics/diagnostic.js").Diagnostic[] = [];
        model.symbols.resolve(e.to.system, f, ["system"], o2);
        for (const x of o2) report(x);
      }
      if (role && e.to.recipient) {
        const known = recipients.get(role.qname) ?? new Set<string>();
        if (!known.has(e.to.recipient.value)) {
          const g = didYouMean(e.to.recipient.value, known);
          report(diag("test-unknown-target", span(e.to.recipient), { test: t.name, kind: "recipient", name: e.to.recipient.value }, g ? { suggestion: `did you mean "${g}"?` } : {}));
        }
      }
    }
  }
};
