/**
 * National scale: a rule set generated in memory for all 11,004 German
 * municipalities of the directory (Destatis GV-ISys, 2020-12-31), generic
 * bindings per state and one specialization block per municipality
 * (`region "<AGS>" { override set kennung = ...; override Empfaenger = ... }`),
 * checks without findings and lowers to a table with an entry for every
 * municipality, one shared transformation and per-region values as bindings.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { lower, type LoweredOutput } from "../../src/lowering/lower.js";
import { checkSources, findings, testDirectory, type CheckResult } from "../helpers/compile.js";

const HEAD = `package national

message M json { ags: string }
message N json { gemeinde: string }
role Sender
role Empfaenger
system S implements Sender { certified }
system E implements Empfaenger { accepts N  certified }

scenario A1 "Meldung" {
  from Sender
  to Empfaenger
  message M
  region \`ags\`
}

transform MzuN from M to N \`{ "gemeinde": $kennung }\`
`;

/** One file per state: the state's generic block, then one block per municipality. */
function generate(): Record<string, string> {
  const dir = testDirectory();
  const byState = new Map<string, string[]>();
  for (const m of dir.municipalities) byState.set(m.stateKey, [...(byState.get(m.stateKey) ?? []), m.ags]);
  const files: Record<string, string> = { "national.stw": HEAD };
  let i = 0;
  for (const [state, agsList] of byState) {
    const parts = [
      `package national\n\nregion "${state}" {\n  Sender = S via filesystem { outbox "land-${state}/out" }\n  Empfaenger = E via filesystem { inbox "land-${state}/in" }\n  set kennung = "${state}"\n}\n`,
    ];
    for (const ags of agsList) {
      // Every other municipality also has its own inbox; in a state with one municipality that would shadow the state binding.
      const own = i++ % 2 === 0 && agsList.length > 1 ? `  override Empfaenger = E via filesystem { inbox "gemeinden/${ags}/in" }\n` : "";
      parts.push(`region "${ags}" {\n  override set kennung = "${ags}"\n${own}}\n`);
    }
    files[`land-${state}.stw`] = parts.join("\n");
  }
  return files;
}

describe("a rule set for all 11,004 German municipalities", () => {
  let result: CheckResult;
  let output: LoweredOutput;
  beforeAll(() => {
    const files = generate();
    testDirectory();
    result = checkSources(files);
    output = lower(result.model, "test");
  }, 120_000);

  it("covers every municipality of the directory with its own block", () => {
    expect(testDirectory().municipalities).toHaveLength(11_004);
    expect(result.model.regions.get("national")).toHaveLength(11_004 + 16);
  });

  it("checks with no errors and no warnings", () => {
    expect(findings(result).slice(0, 5)).toEqual([]);
  });

  it("lowers to an entry for every municipality", () => {
    const t = output.table;
    expect(Object.keys(t.regions.agsToArs)).toHaveLength(11_004);
    const routes = t.scenarios["national.A1"]!.routes;
    expect(Object.keys(routes)).toHaveLength(11_004 + 16);
    // Deliveries are stored inline or (format change in progress) once, referenced by index.
    const deliveryOf = (ref: unknown): { bindings?: number } | undefined =>
      typeof ref === "number" ? (t as unknown as { deliveries: Array<{ bindings?: number }> }).deliveries[ref] : (ref as { bindings?: number } | undefined);
    const wrong = testDirectory().municipalities.filter((m) => {
      const r = routes[m.ars];
      const d = deliveryOf(r?.deliveries[0]);
      return r === undefined || r.deliveries.length !== 1 || d?.bindings === undefined || t.bindings[d.bindings]?.["kennung"] !== m.ags;
    });
    expect(wrong.map((m) => m.ags).slice(0, 5)).toEqual([]);
  });

  it("stores the transformation once and the per-municipality values as bindings", () => {
    const t = output.table;
    expect(t.expressions.filter((e) => e.includes("$kennung"))).toHaveLength(1);
    expect(t.bindings).toHaveLength(11_004 + 16);
    const inboxes = new Set(t.endpoints.map((e) => (e.adapter.kind === "filesystem" ? e.adapter.inbox : undefined)).filter(Boolean));
    expect(inboxes.size).toBe(t.endpoints.filter((e) => e.adapter.kind === "filesystem" && e.adapter.inbox).length);
  });
});
