import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/runtime/load-table.js";
import { route } from "../../src/runtime/router.js";
import { buildSources } from "../helpers/compile.js";

const rules = (policy: string): string => `package dl
message M xml "urn:dl" root "m" { ags: string  inhalt?: string }
role S
role E
system SS implements S
system EE implements E
system Ablage implements E
scenario A1 "x" {
  from S
  to E
  message M
  region \`ags\`
  ${policy}
}
region "14522" {
  S = SS via filesystem { outbox "s/out" }
  E = EE via filesystem { inbox "e/in" }
}
`;
const message = (ags: string): Uint8Array => new TextEncoder().encode(`<m xmlns="urn:dl"><ags>${ags}</ags><inhalt>Ä</inhalt></m>`);

describe("unroutable policy", () => {
  it("hands an unroutable message unchanged to the declared dead-letter endpoint", async () => {
    const { output, diagnostics } = buildSources({ "dl.stw": rules('unroutable dead-letter Ablage via filesystem { inbox "tot/in" }') }, "test");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const table = loadTable(output!.table);
    // Chemnitz (14511000) is out of scope: region 14522 only covers the district Mittelsachsen.
    const r = await route(table, message("14511000"), { scenario: "dl.A1" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.deliveries).toHaveLength(1);
    const d = r.deliveries[0]!;
    expect([d.role, d.system, d.adapter.kind === "filesystem" && d.adapter.inbox]).toEqual(["dead-letter", "dl.Ablage", "tot/in"]);
    expect(d.payload.text).toBe(new TextDecoder().decode(message("14511000")));
    expect(d.annotations).toEqual({ unroutable: "unknown-region" });
    expect(r.trace.at(-1)!.detail).toMatch(/dead-letter endpoint/);
    // A routable message is not affected.
    const ok = await route(table, message("14522180"), {});
    expect(ok.ok && ok.deliveries.map((x) => x.system)).toEqual(["dl.EE"]);
  });

  it("rejects it by default (error folder)", async () => {
    const { output } = buildSources({ "dl.stw": rules("") }, "test");
    const r = await route(loadTable(output!.table), message("14511000"), { scenario: "dl.A1" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe("unknown-region");
  });

  it("does not cover invalid messages", async () => {
    const { output } = buildSources({ "dl.stw": rules('unroutable dead-letter Ablage via filesystem { inbox "tot/in" }') }, "test");
    const r = await route(loadTable(output!.table), new TextEncoder().encode("<m xmlns='urn:dl'><unbekannt/></m>"), { scenario: "dl.A1" });
    expect(r.ok).toBe(false);
  });
});

describe("dead-letter endpoint settings", () => {
  it("a filesystem dead-letter endpoint needs an inbox", () => {
    const { diagnostics } = buildSources({ "dl.stw": rules('unroutable dead-letter Ablage via filesystem { outbox "tot/out" }') }, "test");
    expect(diagnostics.map((d) => d.code)).toContain("SW2040");
  });
});
