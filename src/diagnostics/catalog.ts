/**
 * Every diagnostic code of the compiler in one list: the central table plus
 * the tables of the JSONata checker (SW24xx) and the XSD importer (SW31xx).
 * Used by docs/diagnostics.md (generated) and the meta tests (unique codes).
 */
import { FORMAT_CODES } from "../format/codes.js";
import { JSONATA_CODES } from "../semantics/jsonata/codes.js";
import { XSD_CODES } from "../xsd/diagnostics.js";
import { MESSAGES } from "./messages.js";

export interface CatalogEntry {
  code: string;
  id: string;
  severity: string;
  /** Message template or meaning. */
  text: string;
  /** Which table defines it. */
  owner: "compiler" | "jsonata" | "xsd" | "format";
}

export function diagnosticCatalog(): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const [id, m] of Object.entries(MESSAGES)) out.push({ code: m.code, id, severity: m.severity, text: m.template, owner: "compiler" });
  for (const [id, m] of Object.entries(JSONATA_CODES)) out.push({ code: m.code, id, severity: m.severity, text: m.template, owner: "jsonata" });
  for (const [id, m] of Object.entries(FORMAT_CODES)) out.push({ code: m.code, id, severity: m.severity, text: m.template, owner: "format" });
  for (const [id, m] of Object.entries(XSD_CODES)) out.push({ code: m.code, id, severity: m.severity, text: m.meaning, owner: "xsd" });
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** docs/diagnostics.md, generated. */
export function diagnosticsMarkdown(): string {
  const lines = [
    "# Diagnostic codes",
    "",
    "Generated from the code tables (`node scripts/gen-diagnostics-doc.mjs`); a test keeps it current.",
    "Codes are stable: a retired code is never reused. Ranges: SW1xxx syntax, SW2xxx semantics",
    "(SW24xx JSONata typing), SW3xxx inputs and lowering (SW31xx XSD import).",
    "",
    "| code | severity | name | message |",
    "|---|---|---|---|",
  ];
  for (const e of diagnosticCatalog()) lines.push(`| ${e.code} | ${e.severity} | ${e.id} | ${e.text.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`);
  return lines.join("\n") + "\n";
}
