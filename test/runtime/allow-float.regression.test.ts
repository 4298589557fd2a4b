/**
 * Regression: a transformation marked `allow float` that does arithmetic on
 * decimals failed at run time (`transform-failed`: JSONata's $sum refuses
 * strings), because decimals are exact strings in the JSON view. Such
 * transformations now read decimal fields as numbers.
 */
import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/runtime/load-table.js";
import { route } from "../../src/runtime/router.js";
import { buildSources } from "../helpers/compile.js";

const rules = (permission: string): string => `package hk
type Position { betrag: decimal  text: string }
message Anordnung xml "urn:hk" root "anordnung" {
  ags: string
  positionen: list of Position
  gesamt?: decimal
}
message Buchung json { summe: decimal  anzahl: integer  texte: list of string }
role Portal
role Kasse
system Amt24 implements Portal
system Kassensystem implements Kasse { accepts Buchung }
transform Buchen from Anordnung to Buchung ${permission} \`{ "summe": $sum(positionen.betrag) ?? 0, "anzahl": $count(positionen), "texte": positionen.text }\`
scenario A1 "Anordnung" {
  from Portal
  to Kasse
  message Anordnung
  region \`ags\`
}
region "14522" {
  Portal = Amt24 via filesystem { outbox "p/out" }
  Kasse = Kassensystem via filesystem { inbox "k/in" }
}
`;
const message = (betraege: string[]): Uint8Array =>
  new TextEncoder().encode(
    `<anordnung xmlns="urn:hk"><ags>14522180</ags>${betraege.map((b, i) => `<positionen><betrag>${b}</betrag><text>P${i}</text></positionen>`).join("")}</anordnung>`,
  );

describe("allow float", () => {
  it("sums decimal fields as numbers and writes the result as a decimal", async () => {
    const { output, diagnostics } = buildSources({ "hk.stw": rules("allow float") }, "test");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const table = loadTable(output!.table);
    const r = await route(table, message(["12.50", " 7.25 ", "-0.75"]), {});
    expect(r.ok ? "" : r.detail).toBe("");
    if (!r.ok) return;
    expect(JSON.parse(r.deliveries[0]!.payload.text)).toEqual({ summe: 19, anzahl: 3, texte: ["P0", "P1", "P2"] });
  });

  it("keeps strings strings: only fields typed decimal become numbers", async () => {
    const { output } = buildSources({ "hk.stw": rules("allow float") }, "test");
    const r = await route(loadTable(output!.table), message(["1"]), {});
    expect(r.ok && JSON.parse(r.deliveries[0]!.payload.text)).toEqual({ summe: 1, anzahl: 1, texte: ["P0"] });
  });

  it("without the permission the arithmetic is refused by the checker", () => {
    const { diagnostics } = buildSources({ "hk.stw": rules("") }, "test");
    expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toContain("SW2406");
  });
});
