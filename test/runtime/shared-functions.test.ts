/**
 * The router on a table built from rules with shared functions: a function
 * called in a transformation, in a binding's `when` condition and in the
 * scenario's region key runs as the rules say (the runtime sees plain JSONata).
 */
import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/runtime/load-table.js";
import { route } from "../../src/runtime/router.js";
import { buildSources } from "../helpers/compile.js";

const RULES = `package p

message M json { gemeinde: string  art: string }
message N json { kopf: Kopf }
type Kopf { typ: string  stelle: string }
role Sender
role Empfaenger
system S implements Sender
system E implements Empfaenger { accepts N }

function Ags(text: string): string \`$substring($text, 0, 8)\`
function Stadt(ags: string): boolean \`$ags = "04011000"\`
function MachKopf(typ: string, ags: string): Kopf \`{ "typ": $typ, "stelle": "Gemeinde " & $Ags($ags) }\`

scenario A1 "Test" {
  from Sender
  to Empfaenger
  message M
  region \`$Ags(gemeinde)\`
}

transform MzuN from M to N \`{ "kopf": $MachKopf(art, gemeinde) }\`

region "04" "Bremen" {
  Sender = S via filesystem { outbox "s/out" }
  Empfaenger = E via filesystem { inbox "e/in" } when \`$Stadt($Ags(gemeinde))\`
}
`;

const message = (gemeinde: string): Uint8Array => new TextEncoder().encode(JSON.stringify({ gemeinde, art: "0200" }));

describe("routing with shared functions", () => {
  const { output, diagnostics } = buildSources({ "p.stw": RULES }, "test");

  it("builds without errors", () => {
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("uses functions in the region key, the condition and the transformation", async () => {
    const table = loadTable(output!.table);
    const r = await route(table, message("04011000-Ortsteil"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.region).toBe("040110000000");
    expect(r.deliveries.map((d) => d.payload.value)).toEqual([{ kopf: { typ: "0200", stelle: "Gemeinde 04011000" } }]);
  });

  it("does not deliver where the function in `when` says no", async () => {
    const table = loadTable(output!.table);
    const r = await route(table, message("04012000"));
    expect(r.ok && r.deliveries.length > 0).toBe(false);
  });
});
