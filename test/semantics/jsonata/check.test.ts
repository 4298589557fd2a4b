import { describe, expect, test } from "vitest";
import { checkExpression, JSONATA_CODES, parseJsonata } from "../../../src/semantics/jsonata/index.js";
import { ANORDNUNG, GEWERBE_INFO, GEWERBEMELDUNG, KONTEN, REGISTRY, SATZ, ZAHLUNG } from "../../fixtures/jsonata/types.js";
import { cpuTimed } from "../../helpers/cpu-time.js";

const ctx = { registry: REGISTRY, variables: { $konten: KONTEN } };
const codes = (expr: string, input = GEWERBEMELDUNG, extra = {}) =>
  checkExpression(expr, input, { ...ctx, ...extra }).diagnostics.map((d) => `${d.code}:${d.severity}:${expr.slice(d.start, d.end)}`);

describe("inferred types", () => {
  test("a path through a list is a list; through records it is the field type", () => {
    expect(checkExpression("satz.betrieb.eingetragenerName", GEWERBEMELDUNG, ctx)).toMatchObject({
      type: { kind: "list", element: { kind: "scalar", scalar: "string" } },
      optional: false,
    });
    expect(checkExpression("nachrichtenkopf.autor.behoerdenname", GEWERBEMELDUNG, ctx).type).toEqual({ kind: "scalar", scalar: "string" });
  });

  test("optional fields, filters and missing else branches make the value optional; defaults remove it", () => {
    const opt = (e: string, input = SATZ) => checkExpression(e, input, ctx).optional;
    expect(opt("betrieb.anschrift.plz")).toBe(true);
    expect(opt("betrieb.anschrift.ort")).toBe(false);
    expect(opt("taetigkeit[hauptTaetigkeit].beschreibung")).toBe(true);
    expect(opt("betrieb.anschrift.plz ?? '0'")).toBe(false);
    expect(opt("$exists(betrieb.anschrift.plz) and $exists(beginn) ? betrieb.anschrift.plz & beginn : '-'")).toBe(false);
    expect(opt("beginn ? beginn")).toBe(true);
  });

  test("object constructors give records; array constructors flatten", () => {
    const r = checkExpression('{"n": betrieb.eingetragenerName, "p": betrieb.anschrift.plz, "l": [taetigkeit.beschreibung, "x"]}', SATZ, ctx);
    expect(r.type).toEqual({
      kind: "record",
      fields: [
        { name: "n", type: { kind: "scalar", scalar: "string" }, optional: false },
        { name: "p", type: { kind: "scalar", scalar: "string" }, optional: true },
        { name: "l", type: { kind: "list", element: { kind: "scalar", scalar: "string" } }, optional: false },
      ],
    });
  });

  test("bound variables: lookup tables and lambdas typed per call", () => {
    expect(checkExpression("$konten.GA02", ANORDNUNG, ctx).type).toEqual({ kind: "scalar", scalar: "string" });
    const r = checkExpression("($name := function($s) { $s.betrieb.eingetragenerName }; $name(satz[0]))", GEWERBEMELDUNG, ctx);
    expect(r.type).toEqual({ kind: "scalar", scalar: "string" });
    expect(r.diagnostics).toEqual([]);
  });

  test("untyped input: paths are any and never flagged", () => {
    const r = checkExpression("a.b[c = 1].d.$uppercase(e)", { kind: "any" }, { registry: {} });
    expect(r.diagnostics).toEqual([]);
    expect(r.type).toEqual({ kind: "scalar", scalar: "string" }); // whatever the input, $uppercase gives a string
    expect(checkExpression("a.b[c = 1].d", { kind: "any" }, { registry: {} }).type).toEqual({ kind: "any" });
  });
});

describe("suggestions", () => {
  test("did-you-mean from the record's fields, written as a JSONata name", () => {
    const sug = (e: string) => checkExpression(e, GEWERBEMELDUNG, ctx).diagnostics.map((d) => d.suggestion);
    expect(sug("satz.betrieb.anschift")).toEqual(["anschrift"]);
    expect(sug("satz.betrieb.`@idd`")).toEqual(["`@id`"]);
    expect(sug("nachrichtenkopf.identifikation.nachricht")).toEqual(["`identifikation.nachricht`"]);
    expect(sug("$kontn")).toEqual(["$konten"]);
    expect(sug("$uppercse(satz[0].gemeindeSchluessel)")).toEqual(["$uppercase"]);
    expect(sug("satz.betrieb.xyz")).toEqual([undefined]);
  });
});

describe("root causes are reported once", () => {
  test("a wrong step makes the rest of the path untyped", () => {
    expect(codes("satz.betrieb.anschift.plz.x.y")).toEqual(["SW2401:error:anschift"]);
    expect(codes("$uppercase(satz.betrieb.anschift.plz) & satz.betriebb")).toEqual(["SW2401:error:anschift", "SW2401:error:betriebb"]);
  });

  test("arithmetic on a decimal is reported at the decimal, not again where the result is written", () => {
    const expr = '{"kassenzeichen": kassenzeichen, "betrag": betrag * 2, "faellig": faelligkeit, "positionen": []}';
    expect(codes(expr, ANORDNUNG, { expected: ZAHLUNG })).toEqual(["SW2406:error:betrag"]);
  });

  test("a float written into a decimal field is the decimal rule", () => {
    const expr = '{"kassenzeichen": kassenzeichen, "betrag": positionen[0].menge / 3, "faellig": faelligkeit, "positionen": []}';
    expect(codes(expr, ANORDNUNG, { expected: ZAHLUNG })).toEqual(["SW2406:error:positionen[0].menge / 3"]);
  });
});

describe("target types", () => {
  test("a single value where the target declares a list is fine (the writer writes a list)", () => {
    const expr = '{"kassenzeichen": kassenzeichen, "betrag": betrag, "faellig": faelligkeit, "positionen": {"text": "x", "betrag": betrag}}';
    expect(codes(expr, ANORDNUNG, { expected: ZAHLUNG })).toEqual([]);
  });

  test("a string where a record is expected is an error", () => {
    expect(codes("kassenzeichen", ANORDNUNG, { expected: ZAHLUNG })).toEqual(["SW2411:error:kassenzeichen"]);
  });

  test("nested structural checks point at the inner key or value", () => {
    const expr = '{"kassenzeichen": kassenzeichen, "betrag": betrag, "faellig": faelligkeit, "positionen": positionen.{"txt": text, "betrag": betrag}}';
    expect(codes(expr, ANORDNUNG, { expected: ZAHLUNG })).toEqual(['SW2412:error:{"txt": text, "betrag": betrag}', 'SW2413:error:"txt"']);
  });

  test("expectedOptional accepts an absent result; the label names the target", () => {
    expect(codes("betrieb.anschrift.plz", SATZ, { expected: { kind: "scalar", scalar: "string" }, expectedOptional: true })).toEqual([]);
    const r = checkExpression("betrieb.anschrift.plz", SATZ, { ...ctx, expected: { kind: "scalar", scalar: "string" }, targetLabel: "the correlation key" });
    expect(r.diagnostics[0]?.message).toMatch(/^The correlation key is required/);
  });

  test("record fields written from a whole record are compared field by field", () => {
    const ds = checkExpression("betrieb.anschrift", SATZ, { ...ctx, expected: GEWERBE_INFO }).diagnostics;
    expect(ds.map((d) => [d.code, d.start, d.end, d.message])).toEqual([
      ["SW2407", 0, 17, expect.stringMatching(/^Field `plz` of record GewerbeInfo is required, but this value may be absent \(it is optional/)],
      ["SW2412", 0, 17, "The target requires `gemeinde`, `name`, `meldungsart`, which the expression does not write."],
      ["SW2413", 0, 17, "Record GewerbeInfo has no field `hausNr`."],
      ["SW2413", 0, 17, "Record GewerbeInfo has no field `ort`."],
      ["SW2413", 0, 17, "Record GewerbeInfo has no field `strasse`."],
    ]);
  });
});

describe("annotations", () => {
  test("`allow float` turns the decimal rule into an info", () => {
    const ds = checkExpression("betrag * 1.19", ANORDNUNG, { ...ctx, allowFloatOnDecimal: true }).diagnostics;
    expect(ds.map((d) => [d.code, d.severity])).toEqual([["SW2406", "info"]]);
    expect(ds[0]!.message).toContain("allowed by `allow float`");
  });

  test("`allow untyped` turns untypable constructs into infos", () => {
    expect(codes('$eval("1 + 1")', ANORDNUNG, { untypedAllowed: true })).toEqual(['SW2415:info:$eval("1 + 1")']);
    expect(codes('$eval("1 + 1")', ANORDNUNG)).toEqual(['SW2415:error:$eval("1 + 1")']);
  });
});

describe("parsing", () => {
  test("a pre-parsed AST is used as given", () => {
    const parsed = parseJsonata("satz.betrieb.anschift");
    const r = checkExpression("satz.betrieb.anschift", GEWERBEMELDUNG, { ...ctx, ast: parsed.ast });
    expect(r.ast).toBe(parsed.ast);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["SW2401"]);
  });

  test("a syntax error is a diagnostic, never an exception", () => {
    const r = checkExpression("satz[", GEWERBEMELDUNG, ctx);
    expect(r.ast).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([["SW2400", 5, 5]]);
  });
});

describe("code table", () => {
  test("codes are unique SW24xx codes with a severity and a template", () => {
    const defs = Object.values(JSONATA_CODES);
    expect(new Set(defs.map((d) => d.code)).size).toBe(defs.length);
    for (const d of defs) {
      expect(d.code).toMatch(/^SW24\d\d$/);
      expect(["error", "warning", "info"]).toContain(d.severity);
      expect(d.template.length).toBeGreaterThan(10);
    }
  });
});

describe("speed", () => {
  test("thousands of typed expressions check in well under a second each", () => {
    const exprs = [
      '{"plz": betrieb.anschrift.plz ?? "-", "gemeinde": gemeindeSchluessel, "name": betrieb.eingetragenerName, "meldungsart": meldungsart}',
      "$substring(satz[0].gemeindeSchluessel, 0, 5)",
      'satz[meldungsart = "03"].betrieb.anschrift.plz',
    ];
    const { ms } = cpuTimed(() => {
      for (let i = 0; i < 3000; i++) {
        const e = exprs[i % exprs.length]!;
        checkExpression(e, i % 3 === 0 ? SATZ : GEWERBEMELDUNG, { ...ctx, expected: i % 3 === 0 ? GEWERBE_INFO : undefined });
      }
    });
    expect(ms).toBeLessThan(10_000);
  });
});
