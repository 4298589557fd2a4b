import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/runtime/load-table.js";
import { route } from "../../src/runtime/router.js";
import { buildSources } from "../helpers/compile.js";

const RULES = `package st
message M xml "urn:st" root "m" { ags: string }
role S
role E
system SS implements S { certified }
system EE implements E { certified }
system Beta implements E
scenario A1 "x" { from S to E message M region \`ags\` }
region "14" {
  stage test
  S = SS via filesystem { outbox "s/out" }
  E = Beta via filesystem { inbox "beta/in" }
}
region "14522" {
  override stage pilot
  override E = EE via filesystem { inbox "test/in" } in production via filesystem { inbox "prod/in" }
}
region "14522180" { override stage production }
region "14522150" { override stage test }
`;

const message = (ags: string): Uint8Array => new TextEncoder().encode(`<m xmlns="urn:st"><ags>${ags}</ags></m>`);

describe("stages in lowering", () => {
  it("a pilot table holds the pilot and production regions, not the test ones", async () => {
    const { output } = buildSources({ "st.stw": RULES }, "pilot");
    const table = output!.table;
    expect(table.regions.agsToArs["14522180"]).toBe("145220180180"); // production >= pilot
    expect(table.regions.agsToArs["14522150"]).toBeUndefined(); // back at test under a pilot district
    expect(table.regions.agsToArs["14511000"]).toBeUndefined(); // Chemnitz: state default test
    const loaded = loadTable(table);
    const out = await route(loaded, message("14522150"), {});
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reason).toBe("unknown-region");
  });

  it("a production table contains only production regions and production endpoints", () => {
    const { output } = buildSources({ "st.stw": RULES }, "production");
    const table = output!.table;
    expect(Object.keys(table.regions.agsToArs)).toEqual(["14522180"]);
    const inboxes = table.endpoints.map((e) => (e.adapter.kind === "filesystem" ? e.adapter.inbox : undefined)).filter(Boolean);
    expect(inboxes).toEqual(["prod/in"]);
    expect(JSON.stringify(table)).not.toContain("test/in");
    expect(JSON.stringify(table)).not.toContain("beta/in");
    expect(Object.keys(table.systems).sort()).toEqual(["st.EE", "st.SS"]);
  });

  it("the test table routes every municipality, the pilot district with its own system", async () => {
    const { output } = buildSources({ "st.stw": RULES }, "test");
    const loaded = loadTable(output!.table);
    expect(Object.keys(output!.table.regions.agsToArs)).toHaveLength(419);
    const freiberg = await route(loaded, message("14522180"), {});
    expect(freiberg.ok && freiberg.deliveries.map((d) => d.system)).toEqual(["st.EE"]);
    const chemnitz = await route(loaded, message("14511000"), {});
    expect(chemnitz.ok && chemnitz.deliveries.map((d) => d.system)).toEqual(["st.Beta"]);
  });

  it("is byte-for-byte deterministic", () => {
    const a = buildSources({ "st.stw": RULES }, "test").output!.table;
    const b = buildSources({ "st.stw": RULES }, "test").output!.table;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
