/**
 * Check: every scenario is complete (SW2070: from, to, message, region), can be
 * told apart from the others sharing its root element (SW2072), its
 * acknowledgement is a reply (SW2073), and replies can find their case (SW2074).
 */
import { diag } from "../../diagnostics/messages.js";
import type { Check } from "./check.js";

export const scenarioStructure: Check = (model, report) => {
  const byRoot = new Map<string, string[]>();
  for (const s of model.scenarios) {
    const span = { file: s.file, start: s.decl.name.start, end: s.decl.name.end };
    const missing: string[] = [];
    if (!s.from && !s.decl.items.some((i) => i.item === "from")) missing.push("from");
    if (s.targets.length === 0 && !s.decl.items.some((i) => i.item === "to")) missing.push("to");
    if (!s.message && !s.decl.items.some((i) => i.item === "message")) missing.push("message");
    if (!s.region && !s.reply && !s.decl.items.some((i) => i.item === "region")) missing.push("region");
    for (const item of missing) report(diag("scenario-incomplete", span, { scenario: s.code, item }));
    if (s.reply && !s.correlate && !s.decl.items.some((i) => i.item === "correlate")) report(diag("reply-without-correlation", span, { scenario: s.code }));
    for (const a of s.deadLetter?.adapters ?? []) {
      if (a.adapter.kind === "filesystem" && a.adapter.inbox === undefined) {
        report(diag("adapter-setting-missing", a.span, { adapter: "filesystem", system: s.deadLetter!.system.split(".").pop()!, setting: "inbox", because: `because it receives the unroutable messages of scenario ${s.code}` }));
      }
    }
    if (s.ack) {
      const ack = model.scenarios.find((x) => x.qname === s.ack);
      if (ack && !ack.reply) report(diag("ack-not-reply", span, { scenario: s.code, ack: ack.code }));
    }
    const msg = s.message ? model.messages[s.message] : undefined;
    if (msg) {
      const key = msg.encoding.format === "xml" ? `xml:{${msg.encoding.ns ?? ""}}${msg.encoding.root}` : `json:${msg.name}`;
      byRoot.set(key, [...(byRoot.get(key) ?? []), s.qname]);
    }
  }
  for (const list of byRoot.values()) {
    const undetected = list.map((q) => model.scenarios.find((s) => s.qname === q)!).filter((s) => !s.detect);
    if (list.length > 1 && undetected.length > 0) {
      const [a, b] = [undetected[0]!, model.scenarios.find((s) => list.includes(s.qname) && s !== undetected[0])!];
      report(diag("scenario-detection-clash", { file: a.file, start: a.decl.name.start, end: a.decl.name.end }, { a: a.code, b: b.code }, { suggestion: "add a `detect` condition to each of them" }));
    }
  }
};
