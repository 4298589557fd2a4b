/**
 * Lowering of shared functions: every expression that calls functions gets
 * their definitions bound in a block around its unchanged text (the routing
 * table format stays v1), transitively and with each body seeing the functions
 * of its own package; the text is deterministic and evaluates like the rules say.
 */
import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { buildSources } from "../helpers/compile.js";

const LIB = `package lib
function Name(x: string): string \`"lib:" & $x\`
function MachKopf(typ: string, stelle?: string): Kopf \`{ "typ": $typ, "stelle": $Name($stelle ?? "?") }\`
type Kopf { typ: string  stelle: string }
`;

const RULES = `package p
import lib

message M json { ags: string  art: string }
message N json { kopf: lib.Kopf  name: string }
role Sender
role Empfaenger
system S implements Sender
system E implements Empfaenger { accepts N }

function Name(x: string): string \`"p:" & $x\`
function Bremisch(ags: string): boolean \`$substring($ags, 0, 2) = "04"\`

scenario A1 "Test" {
  from Sender
  to Empfaenger
  message M
  region \`ags\`
}

transform MzuN from M to N \`{ "kopf": $MachKopf(art, ags), "name": $Name(art) }\`

region "04" "Bremen" {
  Sender = S via filesystem { outbox "s/out" }
  Empfaenger = E via filesystem { inbox "e/in" } when \`$Bremisch(ags)\`
}
`;

const KOPF_TEXT = '($MachKopf := ($Name := function($x) { "lib:" & $x }; function($typ, $stelle) { { "typ": $typ, "stelle": $Name($stelle ?? "?") } }); ';

describe("lowering of shared functions", () => {
  it("binds the called functions around the expression, each body with the functions of its own package", async () => {
    const { output, diagnostics } = buildSources({ "p.stw": RULES, "lib.stw": LIB }, "test");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const exprs = output!.table.expressions;
    const transform = `${KOPF_TEXT}$Name := function($x) { "p:" & $x }; { "kopf": $MachKopf(art, ags), "name": $Name(art) })`;
    expect(exprs).toContain(transform);
    expect(exprs).toContain('($Bremisch := function($ags) { $substring($ags, 0, 2) = "04" }; $Bremisch(ags))');
    expect(exprs).toContain("ags"); // an expression without calls stays as written
    const value = (await jsonata(transform).evaluate({ ags: "04011000", art: "0200" })) as unknown;
    expect(value).toEqual({ kopf: { typ: "0200", stelle: "lib:04011000" }, name: "p:0200" });
  });

  it("is deterministic: the same rules give the same table text", () => {
    const a = buildSources({ "p.stw": RULES, "lib.stw": LIB }, "test").output!.tableText;
    const b = buildSources({ "lib.stw": LIB, "p.stw": RULES }, "test").output!.tableText;
    expect(b).toBe(a);
  });

  it("leaves the table unchanged for rules without functions", () => {
    const plain = RULES.replace(/^function .*\n/gm, "").replace("$Bremisch(ags)", '$substring(ags, 0, 2) = "04"').replace('"name": $Name(art)', '"name": art').replace("$MachKopf(art, ags)", '{ "typ": art, "stelle": ags }');
    const { output } = buildSources({ "p.stw": plain, "lib.stw": LIB.replace(/^function .*\n/gm, "") }, "test");
    expect(output!.table.expressions.every((e) => !e.includes("function"))).toBe(true);
  });
});
