/**
 * Collects the trace of one routing decision. Details name ids, keys, rule
 * locations and expression numbers only, never values read from the message.
 */
import type { Provenance } from "../table/routing-table.js";
import type { TraceStep } from "./api.js";

export class Trace {
  readonly steps: TraceStep[] = [];

  add(step: TraceStep["step"], detail: string): void {
    this.steps.push({ step, detail });
  }
}

/** "rules/gewerbe.stw:12" */
export function where(p: Pick<Provenance, "file" | "line">): string {
  return `${p.file}:${p.line}`;
}
