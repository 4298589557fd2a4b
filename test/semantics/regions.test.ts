/**
 * Regions and specialization (src/semantics/regions.ts): key normalization
 * against the directory (SW2020-SW2023), the merge along state >
 * Regierungsbezirk > district > Gemeindeverband > municipality, and
 * `override` (SW2010 of nothing, SW2011 missing, SW2012 twice at one level).
 */
import { describe, expect, it } from "vitest";
import { BASE, at, edit, problemsOf } from "../helpers/rules.js";
import { checkSources } from "../helpers/compile.js";

const SAXONY = BASE.replace('region "04" "Bremen"', 'region "14" "Sachsen"').replace("implements Sender\n", "implements Sender { certified }\n").replace("implements Empfaenger\n", "implements Empfaenger { certified }\n");
const block = (key: string, body: string, title = ""): string => `\nregion "${key}"${title ? ` "${title}"` : ""} {\n${body}}\n`;

describe("regions: valid", () => {
  it("merges every level of the hierarchy, each overriding its parent", () => {
    const src = edit(SAXONY, 'region "14" "Sachsen" {\n', 'region "14" "Sachsen" {\n  stage test\n  set mandant = "SN"\n')
      + block("145", '  override set mandant = "C"\n', "Chemnitz")
      + block("14522", '  override stage pilot\n', "Mittelsachsen")
      + block("145225119", '  override Empfaenger = E via filesystem { inbox "vg-mittweida/in" }\n', "Mittweida")
      + block("14522360", '  override stage production\n  override set mandant = "MW"\n', "Mittweida");
    const r = checkSources({ "a.stw": src });
    expect(r.diagnostics).toEqual([]);
    const entry = r.model.merged.get("p")!.get("145225119360")!;
    expect(entry.stage).toBe("production");
    expect(entry.vars.get("mandant")!.value).toBe("MW");
    expect(entry.ancestors).toEqual(["14", "145", "14522", "145225119"]);
    expect(entry.bindings.get("p.Empfaenger||")!.setBy.region).toBe("145225119");
    expect(r.model.scope.get("p")!.get("145225119010")).toBe("145225119"); // Altmittweida, served by the VG
  });

  it("maps an 8-digit AGS to the municipality's 12-digit ARS", () => {
    const r = checkSources({ "a.stw": SAXONY + block("14522180", '  set x = "1"\n', "Freiberg") });
    expect(r.diagnostics).toEqual([]);
    expect(r.model.regions.get("p")!.map((x) => x.key)).toEqual(["14", "145220180180"]);
  });

  it("accepts a title that is the start of the official name", () => {
    expect(problemsOf(SAXONY + block("14522180", '  set x = "1"\n', "Freiberg"))).toEqual([]);
    expect(problemsOf(SAXONY + block("14612000", '  set x = "1"\n', "Dresden"))).toEqual([]);
  });

  it("accepts bindings of one role for different recipients and scenarios side by side", () => {
    let src = edit(BASE, "  to Empfaenger\n", "  to each Empfaenger\n");
    src = edit(src, '  Empfaenger = E via filesystem { inbox "e/in" }\n', '  Empfaenger "IHK" = E via filesystem { inbox "ihk/in" }\n  Empfaenger "HWK" = E via filesystem { inbox "hwk/in" }\n  Empfaenger "IHK" = E via filesystem { inbox "ihk/a1" } for A1\n');
    expect(problemsOf(src)).toEqual([]);
  });

  it("needs `override` only against what an enclosing level sets", () => {
    const src = edit(BASE, '  Empfaenger = E via filesystem { inbox "e/in" }\n', "") + block("04011", '  Empfaenger = E via filesystem { inbox "hb/in" }\n') + block("04012", '  Empfaenger = E via filesystem { inbox "bhv/in" }\n');
    expect(problemsOf(src)).toEqual([]);
  });

  it("keeps region blocks of different packages apart", () => {
    const q = BASE.replace("package p", "package q");
    expect(checkSources({ "p.stw": BASE, "q.stw": q }).diagnostics).toEqual([]);
  });
});

describe("regions: invalid keys", () => {
  it.each(["1", "1452", "145225", "1452218", "1452251193", "14522511936", "1452251193600"])("reports a key of %s digits' length as malformed", (key) => {
    const src = BASE + block(key, '  set x = "1"\n');
    const r = checkSources({ "a.stw": src });
    expect(r.diagnostics.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.code}`)).toEqual([`21:8-21:${10 + key.length} SW2020`]);
    expect(r.diagnostics[0]!.message).toContain(`it has ${key.length} digits`);
  });

  it.each(["", " 04", "04 ", "0x4", "\u0660\u0664", "\uff10\uff14"])("reports a key with non-digits (%j) as malformed", (key) => {
    const src = BASE + block(key, '  set x = "1"\n');
    const r = checkSources({ "a.stw": src });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["SW2020"]);
  });

  it.each([
    ["a Regierungsbezirk that does not exist", "149"],
    ["a district that does not exist", "14999"],
    ["a Gemeindeverband that does not exist", "145229999"],
    ["an ARS that does not exist", "145229999999"],
  ])("reports %s", (_what, key) => {
    const src = BASE + block(key, '  set x = "1"\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, `"${key}"`, "SW2021")]);
  });

  it("reports a duplicate block of the same key in another file of the package", () => {
    const other = `package p\n${block("04", '  set x = "1"\n')}`;
    expect(problemsOf(BASE)).toEqual([]);
    const r = checkSources({ "a.stw": BASE, "b.stw": other });
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual(["b.stw:3:8 SW2022"]);
  });
});

describe("regions: override", () => {
  it("reports a missing `override` against a grandparent, naming it", () => {
    const src = BASE + block("04011", '  set y = "1"\n') + block("04011000", '  Empfaenger = E via filesystem { inbox "hb/in" }\n');
    const r = checkSources({ "a.stw": src });
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(["26:3 SW2011"]);
    expect(r.diagnostics[0]!.message).toContain("region 04 (Bremen)");
  });

  it("accepts `override` of something only a grandparent sets", () => {
    const src = BASE + block("04011", '  set y = "1"\n') + block("04011000", '  override Empfaenger = E via filesystem { inbox "hb/in" }\n');
    expect(problemsOf(src)).toEqual([]);
  });

  it("reports `override` of a recipient the parent does not bind", () => {
    const src = BASE + block("04011", '  override Empfaenger "IHK" = none\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, 'override Empfaenger "IHK" = none', "SW2010")]);
  });

  it("reports a conflict of `for`-limited bindings only for the same scenarios", () => {
    const src = edit(BASE, '  Empfaenger = E via filesystem { inbox "e/in" }\n', '  Empfaenger = E via filesystem { inbox "e/in" }\n  Empfaenger = E via filesystem { inbox "a/in" } for A1\n  Empfaenger = E via filesystem { inbox "b/in" } for A1\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, 'Empfaenger = E via filesystem { inbox "b/in" } for A1', "SW2012")]);
  });

  it("reports each misuse once, in source order", () => {
    const src = BASE + block("04011", '  override set a = "1"\n  override set b = "2"\n  stage pilot\n  stage test\n');
    const r = checkSources({ "a.stw": src });
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(["22:3 SW2010", "23:3 SW2010", "25:3 SW2012"]);
  });
});
