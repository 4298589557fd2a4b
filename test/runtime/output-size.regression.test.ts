/**
 * Regression: a transformation could build a payload of any size within its
 * time limit (only the input was bounded), e.g. by padding or repeating a
 * field. A delivery's payload now has the input's bound (RouteLimits.maxBytes).
 */
import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/runtime/load-table.js";
import { route } from "../../src/runtime/router.js";
import { buildSources } from "../helpers/compile.js";

const rules = `package gr
message M xml "urn:gr" root "m" { ags: string  text: string }
message Out json { text: string }
role S
role E
system SS implements S
system EE implements E { accepts Out }
transform Aufblasen from M to Out \`{ "text": $pad(text, 5000, "x") }\`
scenario A1 "x" {
  from S
  to E
  message M
  region \`ags\`
}
region "14522" {
  S = SS via filesystem { outbox "s/out" }
  E = EE via filesystem { inbox "e/in" }
}
`;
const message = new TextEncoder().encode(`<m xmlns="urn:gr"><ags>14522180</ags><text>kurz</text></m>`);

describe("payload size bound", () => {
  it("rejects a delivery whose payload exceeds maxBytes, naming sizes only", async () => {
    const { output, diagnostics } = buildSources({ "gr.stw": rules }, "test");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const table = loadTable(output!.table);
    const r = await route(table, message, { limits: { maxBytes: 2000 } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe("transform-failed");
      expect(r.detail).toMatch(/is 50\d\d bytes, more than the limit of 2000/);
      expect(r.detail).not.toContain("kurz");
    }
    const ok = await route(table, message, { limits: { maxBytes: 6000 } });
    expect(ok.ok).toBe(true);
  });
});
