/**
 * Check jsonata-expressions, the syntax part (SW2400): every embedded
 * expression parses, and a syntax error is reported at its exact line and
 * column in the .stw file, inline and fenced, in every place an expression
 * can stand. (Typing, SW2401-SW24xx, is tested in test/semantics/jsonata/.)
 */
import { describe, expect, it } from "vitest";
import { BASE, at, edit, problemsOf } from "../../helpers/rules.js";

const BINDING = 'Empfaenger = E via filesystem { inbox "e/in" }';

describe("jsonata-expressions: valid", () => {
  it("accepts expressions in every place", () => {
    let src = edit(BASE, "  region `ags`\n", "  region `$substring(ags, 0, 8)`\n  correlate `ags & \"-\" & $string(1)`\n  idempotency ```ags```\n  detect `$exists(ags)`\n");
    src = edit(src, BINDING, `${BINDING} when \`ags != "04012000"\``);
    src += '\ntest "x" {\n  given A1 inline "{}"\n  expect field Empfaenger `ags` = "04011000"\n  expect absent Empfaenger `$.gemeinde`\n}\n';
    expect(problemsOf(src)).toEqual([]);
  });

  it("accepts a fenced transformation spanning lines and containing single backticks (quoted names)", () => {
    let src = edit(BASE, "system E implements Empfaenger\n", "message N json { gemeinde: string }\nsystem E implements Empfaenger { accepts N }\n");
    src += "\ntransform MzuN from M to N ```\n  (\n    $g := `ags`;\n    { \"gemeinde\": $g }\n  )\n```\n";
    expect(problemsOf(src)).toEqual([]);
  });
});

describe("jsonata-expressions: syntax errors at their .stw position", () => {
  it("reports an error in a `detect` condition at the offending token", () => {
    const src = edit(BASE, "  region `ags`\n", '  region `ags`\n  detect `ags = = "1"`\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, "=", "SW2400", 2)]);
  });

  it("reports an error in an `idempotency` expression", () => {
    const src = edit(BASE, "  region `ags`\n", "  region `ags`\n  idempotency `ags)`\n");
    expect(problemsOf(src)).toEqual([at("a.stw", src, ")", "SW2400", -1)]);
  });

  it("reports an error on the third line of a fenced expression at that line", () => {
    let src = edit(BASE, "system E implements Empfaenger\n", "message N json { gemeinde: string }\nsystem E implements Empfaenger { accepts N }\n");
    src += '\ntransform MzuN from M to N ```\n  {\n    "gemeinde": ags ]\n  }\n```\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, "]", "SW2400", -1)]);
  });

  it("reports an error in a fenced expression that starts on the fence line", () => {
    let src = edit(BASE, "system E implements Empfaenger\n", "message N json { gemeinde: string }\nsystem E implements Empfaenger { accepts N }\n");
    src += '\ntransform MzuN from M to N ```{ "gemeinde": ags,, }```\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, ",", "SW2400", -1)]);
  });

  it("reports columns in UTF-16 units after umlauts and astral characters on the same line", () => {
    const src = edit(BASE, "  region `ags`\n", '  region `ags`\n  correlate `"Größe 😀" & ags ~ "x"`\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, "~", "SW2400")]);
  });

  it("reports each broken expression once, also when inherited by more specific blocks", () => {
    const src = edit(BASE, BINDING, `${BINDING} when \`ags ~ 1\``) + '\nregion "04011" {\n  set x = 1\n}\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, "~", "SW2400")]);
  });
});
