/**
 * Small rule sets for the per-check tests: a complete, clean base (one
 * scenario, Bremen with its two municipalities) and helpers to edit it and to
 * name expected spans by the text they cover.
 */
import { lineIndex } from "../../src/diagnostics/source.js";
import { brief, checkSources, findings, type CheckOptions, type Sources } from "./compile.js";

/** A clean rule set: JSON message M, roles Sender/Empfaenger, systems S/E, scenario A1, state Bremen ("04"). */
export const BASE = `package p

message M json { ags: string }
role Sender
role Empfaenger
system S implements Sender
system E implements Empfaenger

scenario A1 "Test" {
  from Sender
  to Empfaenger
  message M
  region \`ags\`
}

region "04" "Bremen" {
  Sender = S via filesystem { outbox "s/out" }
  Empfaenger = E via filesystem { inbox "e/in" }
}
`;

/** Replaces the first occurrence of `old` (which must occur) with `replacement`. */
export function edit(text: string, old: string, replacement: string): string {
  const i = text.indexOf(old);
  if (i < 0) throw new Error(`edit: ${JSON.stringify(old)} not found`);
  return text.slice(0, i) + replacement + text.slice(i + old.length);
}

/**
 * The expected brief "file:l:c-l:c CODE" of a diagnostic covering exactly the
 * `nth` (1-based; -1 = the last) occurrence of `needle` in `text`.
 */
export function at(file: string, text: string, needle: string, code: string, nth = 1): string {
  let i = nth === -1 ? text.lastIndexOf(needle) : -1;
  for (let k = 0; k < nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) break;
  }
  if (i < 0) throw new Error(`at: occurrence ${nth} of ${JSON.stringify(needle)} not found`);
  const idx = lineIndex(text);
  const s = idx.position(i);
  const e = idx.position(i + needle.length);
  return `${file}:${s.line}:${s.column}-${e.line}:${e.column} ${code}`;
}

/** Errors and warnings of a rule set as briefs (infos left out). */
export function problems(sources: Sources, opts: CheckOptions = {}): string[] {
  return findings(checkSources(sources, opts)).map(brief);
}

/** Errors and warnings of a single file "a.stw" as briefs. */
export function problemsOf(text: string, opts: CheckOptions = {}): string[] {
  return problems({ "a.stw": text }, opts);
}
