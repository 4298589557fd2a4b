import { readFileSync, rmSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { compile } from "../../src/compiler/compile.js";
import { lower } from "../../src/lowering/lower.js";
import { parseXml, buildXml } from "../../src/xml/index.js";
import { evaluate, compileExpressions } from "../../src/runtime/expressions.js";
import { BENCH_RULES, CORPUS_SIZES, benchDirectory, generateCorpus, municipalitiesOf, type CorpusInfo } from "../../bench/corpus.js";
import { toStaLA } from "../../bench/hand-written.js";
import { benchMessages } from "../../bench/messages.js";

const made: CorpusInfo[] = [];
afterAll(() => {
  for (const c of made) rmSync(c.dir, { recursive: true, force: true });
});

function corpus(i: number): CorpusInfo {
  const c = generateCorpus(CORPUS_SIZES[i]!, BENCH_RULES);
  made.push(c);
  return c;
}

const regionKeys = (c: CorpusInfo): string[] =>
  c.paths.flatMap((p) => [...readFileSync(p, "utf8").matchAll(/^region "(\d+)"/gm)].map((m) => m[1]!));

describe("bench corpus", () => {
  test("Sachsen: one block per municipality, district and the state; compiles clean; scope is exactly Sachsen", () => {
    const c = corpus(0);
    const keys = regionKeys(c);
    const muns = municipalitiesOf(benchDirectory(), ["14"]);
    expect(c.municipalities).toBe(419);
    expect(keys.filter((k) => k.length === 8).sort()).toEqual(muns.map((m) => m.ags).sort());
    expect(keys.filter((k) => k.length === 5)).toHaveLength(new Set(muns.map((m) => m.districtKey)).size);
    expect(keys.filter((k) => k.length === 2)).toEqual(["14"]);
    expect(new Set(keys).size).toBe(keys.length);
    const r = compile({ paths: [c.dir], directory: benchDirectory() });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const out = lower(r.model!, "test");
    expect(Object.keys(out.table.regions.agsToArs)).toHaveLength(419);
  });

  test("2,000 (whole states): municipalities without a Kreis record keep the district's bindings and the corpus compiles clean", () => {
    const c = corpus(1);
    expect(c.municipalities).toBe(2000);
    // 13000999 (Küstengewässer, Mecklenburg-Vorpommern) has no Kreis record: the LRA recipient moves into its own block.
    const mv = readFileSync(c.paths.find((p) => p.endsWith("/regionen/13.stw"))!, "utf8");
    const block = mv.slice(mv.indexOf('region "13000999"'));
    expect(block.slice(0, block.indexOf("}\n"))).toContain('Pflichtempfaenger "LRA"');
    const r = compile({ paths: [c.dir], directory: benchDirectory() });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  }, 60_000);
});

describe("bench messages and the hand-written transformation", () => {
  const m = benchMessages();

  test("sizes: the KoSIT message, at least 100 KB, about 5 MB with the attachment", () => {
    expect(m.sta10k.length).toBeGreaterThan(10_000);
    expect(m.sta10k.length).toBeLessThan(12_000);
    expect(m.sta100k.length).toBeGreaterThanOrEqual(100 * 1024);
    expect(m.sta5m.length).toBeGreaterThan(5_000_000);
    expect(m.sta10k.toString()).toContain("<code>14522180</code>");
    expect(m.alg10k.toString()).toContain("alg.gewerbemeldung.0300");
  });

  test("ToStaLA by hand serialises to the same XML as the JSONata transformation", async () => {
    const c = made[0] ?? corpus(0);
    const r = compile({ paths: [c.dir], directory: benchDirectory() });
    const table = lower(r.model!, "test").table;
    const source = table.messages["gewerbe.Statistikmeldung"]!;
    const target = table.messages["gewerbe.StaLAMeldung"]!;
    const expr = table.expressions.find((e) => e.includes('"familienname": "-"') && e.includes("ereigniszeitpunkt"))!;
    const compiled = compileExpressions([expr]);
    if (!compiled.ok) throw new Error("ToStaLA does not compile");
    for (const msg of [m.sta10k, m.sta100k]) {
      const view = parseXml(msg.toString("utf8"), source, table.types);
      if (!view.ok) throw new Error(view.error.code);
      const viaJsonata = buildXml(await evaluate(compiled.compiled[0]!, view.value, undefined, 2000), target, table.types);
      const viaJs = buildXml(toStaLA(view.value as Record<string, unknown>), target, table.types);
      expect(viaJs.ok && viaJsonata.ok).toBe(true);
      expect(viaJs.ok && viaJs.text).toBe(viaJsonata.ok && viaJsonata.text);
      expect(viaJs.ok && viaJs.text).not.toContain("Wolfgang");
    }
  });
});
