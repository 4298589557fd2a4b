/**
 * Check functions (shared, typed JSONata functions): names usable as `$name`
 * (SW2101), unique parameters (SW2102), no recursion (SW2100), the body typed
 * with its parameters only (reading the input is SW2421) against the declared
 * result; and calls from the package's expressions typed with the signature
 * (arity SW2409, argument types SW2411/SW2418/SW2407, unknown SW2408), visible
 * through imports like other declarations.
 */
import { describe, expect, it } from "vitest";
import { lineIndex } from "../../../src/diagnostics/source.js";
import { BASE, at, edit, problems, problemsOf } from "../../helpers/rules.js";

const WITH_N = edit(BASE, "system E implements Empfaenger\n", "message N json { kopf: Kopf }\ntype Kopf { typ: string  stelle: string }\ncodelist Art { \"A\" \"B\" }\nsystem E implements Empfaenger { accepts N }\n");
const KOPF = 'function MachKopf(typ: string, stelle: string): Kopf `{ "typ": $typ, "stelle": $stelle }`\n';
const transform = (body: string): string => `\ntransform MzuN from M to N \`${body}\`\n`;
/** The rule set with a transformation that calls no function, for declaration tests. */
const DECL = WITH_N + transform('{ "kopf": { "typ": "a", "stelle": ags } }');

/** Like `at`, for the first `needle` at or after the first `anchor`. */
function atAfter(src: string, anchor: string, needle: string, code: string): string {
  const i = src.indexOf(needle, src.indexOf(anchor));
  const idx = lineIndex(src);
  const s = idx.position(i);
  const e = idx.position(i + needle.length);
  return `a.stw:${s.line}:${s.column}-${e.line}:${e.column} ${code}`;
}

describe("functions: valid", () => {
  it("accepts a function called from a transformation, a condition and a scenario key", () => {
    let src = WITH_N + KOPF + transform('{ "kopf": $MachKopf("0200", ags) }');
    src += 'function Bremisch(ags: string): boolean `$substring($ags, 0, 2) = "04"`\n';
    src = edit(src, 'Empfaenger = E via filesystem { inbox "e/in" }', 'Empfaenger = E via filesystem { inbox "e/in" } when `$Bremisch(ags)`');
    src = edit(src, "  region `ags`\n", "  region `ags`\n  correlate `$MachKopf(\"x\", ags).stelle`\n");
    expect(problemsOf(src)).toEqual([]);
  });

  it("accepts functions calling functions, optional parameters left out and a function passed as a value", () => {
    let src = WITH_N + 'function Stelle(a: string, b?: string): string `$a & ($b ?? "")`\n';
    src += 'function K(typ: string): Kopf `{ "typ": $typ, "stelle": $Stelle("x") }`\n';
    src += 'function Einfach(a: string): string `$uppercase($a)`\n';
    src += transform('{ "kopf": { "typ": $join($map([ags], $Einfach)), "stelle": $K($Stelle("a", "b")).stelle } }');
    expect(problemsOf(src)).toEqual([]);
  });

  it("sees the functions of an imported package", () => {
    const lib = 'package lib\ntype Kopf { typ: string  stelle: string }\nfunction MachKopf(typ: string, stelle: string): Kopf `{ "typ": $typ, "stelle": $stelle }`\n';
    const src = edit(WITH_N, "package p\n", "package p\nimport lib\n") + transform('{ "kopf": $MachKopf("0200", ags) }');
    expect(problems({ "a.stw": src, "lib.stw": lib })).toEqual([]);
  });
});

describe("functions: declarations", () => {
  it("reports a name JSONata reads as a minus or a built-in (SW2101)", () => {
    const src = DECL + 'function Mach-Kopf(x: string): string `$x`\nfunction string(x: string): string `$x`\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, "Mach-Kopf", "SW2101"), atAfter(src, "function string", "string", "SW2101")]);
  });

  it("reports a parameter declared twice (SW2102) and a duplicate function (SW2002)", () => {
    const src = DECL + 'function F(zz: string, zz: string): string `$zz`\nfunction F(y: string): string `$y`\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, "zz", "SW2102", 2), atAfter(src, "function F(y", "F", "SW2002")]);
  });

  it("reports direct and mutual recursion at each function on the cycle (SW2100)", () => {
    const src = DECL + 'function A(x: string): string `$B($x)`\nfunction B(x: string): string `$A($x)`\nfunction C(x: string): string `$C($x)`\n';
    const found = problemsOf(src);
    expect(found).toEqual(["A", "B", "C"].map((n) => atAfter(src, `function ${n}(`, n, "SW2100")));
  });

  it("reports reading the input document in a body (SW2421) and a body that does not fit its result (SW2411)", () => {
    const src = DECL + 'function F(x: string): string `ags & $x`\nfunction G(x: string): integer `$x`\n';
    expect(problemsOf(src)).toEqual([atAfter(src, "function F", "ags", "SW2421"), atAfter(src, "function G", "$x", "SW2411")]);
  });

  it("reports an unknown parameter type (SW2001)", () => {
    const src = DECL + "function F(x: Kopff): string `$x.typ`\n";
    expect(problemsOf(src)).toEqual([at("a.stw", src, "Kopff", "SW2001")]);
  });
});

describe("functions: calls", () => {
  it("reports a wrong number of arguments at the call (SW2409)", () => {
    const src = WITH_N + KOPF + transform('{ "kopf": $MachKopf("0200") }');
    expect(problemsOf(src)).toEqual([at("a.stw", src, '$MachKopf("0200")', "SW2409")]);
  });

  it("reports an argument of the wrong type at the argument (SW2411) and a code not in the list (SW2418)", () => {
    let src = WITH_N + KOPF + 'function Wort(a: Art): string `$a`\n';
    src += transform('{ "kopf": $MachKopf(1, $Wort("C")) }');
    expect(problemsOf(src)).toEqual([atAfter(src, "$MachKopf(1", "1", "SW2411"), at("a.stw", src, '"C"', "SW2418")]);
  });

  it("reports a misspelled function with a suggestion (SW2408) and a result that does not fit the target (SW2411)", () => {
    const src = WITH_N + KOPF + transform('{ "kopf": $MachKopff("a", ags).typ }');
    const found = problemsOf(src);
    expect(found).toEqual([at("a.stw", src, "$MachKopff", "SW2408")]);
    const wrong = WITH_N + KOPF + transform('{ "kopf": $MachKopf("a", ags).typ }');
    expect(problemsOf(wrong)).toEqual([at("a.stw", wrong, '$MachKopf("a", ags).typ', "SW2411")]);
  });

  it("does not see a function of a package that is not imported", () => {
    const lib = 'package lib\nfunction Wort(x: string): string `$x`\n';
    const src = WITH_N + transform('{ "kopf": { "typ": $Wort(ags), "stelle": "x" } }');
    expect(problems({ "a.stw": src, "lib.stw": lib })).toEqual([at("a.stw", src, "$Wort", "SW2408")]);
  });
});
