import { describe, expect, test } from "vitest";
import { isNode, type JNode } from "../../../src/semantics/jsonata/ast.js";
import { parseJsonata, SpanIndex } from "../../../src/semantics/jsonata/index.js";
import { tokenize } from "../../../src/semantics/jsonata/lexer.js";

/** All nodes of an AST (depth first). */
function nodes(ast: unknown): JNode[] {
  const out: JNode[] = [];
  const seen = new Set<unknown>();
  const walk = (x: unknown): void => {
    if (typeof x !== "object" || x === null || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) return x.forEach(walk);
    if (isNode(x)) out.push(x);
    for (const v of Object.values(x)) walk(v);
  };
  walk(ast);
  return out;
}

/** The source text of the first node matching `pick`. */
function spanText(src: string, pick: (n: JNode) => boolean): string | undefined {
  const { ast } = parseJsonata(src);
  expect(ast, `parses: ${src}`).toBeDefined();
  const index = new SpanIndex(src, ast);
  const node = nodes(ast).find(pick);
  expect(node, `node found in ${src}`).toBeDefined();
  const r = index.spanOf(node);
  return r && src.slice(r.start, r.end);
}

const is = (type: string, value?: unknown) => (n: JNode) => n.type === type && (value === undefined || n.value === value);

describe("span recovery for jsonata AST nodes", () => {
  test.each([
    ["names in a path", "nachrichtenkopf.autor.behoerdenname", is("name", "autor"), "autor"],
    ["a whole path", "  satz.betrieb.anschrift.plz  ", is("path"), "satz.betrieb.anschrift.plz"],
    ["backtick names", "`identifikation.nachricht`.nachrichtenUUID", is("name", "identifikation.nachricht"), "`identifikation.nachricht`"],
    ["string with escapes", '"a\\"b\\u0041" & x', is("string"), '"a\\"b\\u0041"'],
    ["single-quoted string", "x = 'say \"hi\"'", is("string"), "'say \"hi\"'"],
    ["folded negative number", "x + -1.5e3", is("number"), "-1.5e3"],
    ["variables", "$konten.GA01", is("variable", "konten"), "$konten"],
    ["context variable", "$.a", is("variable", ""), "$"],
    ["function call with its arguments", 'a & $substring(b, 1, 2) & c', is("function"), "$substring(b, 1, 2)"],
    ["lambda", "$map(x, function($v, $i) { $v + $i })", is("lambda"), "function($v, $i) { $v + $i }"],
    ["lambda with signature", "λ($v)<n:n>{ $v * 2 }(4)", is("lambda"), "λ($v)<n:n>{ $v * 2 }"],
    ["block", "x.( $a := 1; $a + 1 ).y", is("block"), "( $a := 1; $a + 1 )"],
    ["array constructor", "[1, [2, 3], x]", (n: JNode) => n.type === "unary" && n.value === "[" && n.expressions?.length === 3, "[1, [2, 3], x]"],
    ["object constructor", 'a.{"k": v, "l": [w]}', is("unary", "{"), '{"k": v, "l": [w]}'],
    ["step with predicate", "satz[meldungsart = '01'].betrieb", is("name", "satz"), "satz[meldungsart = '01']"],
    ["step with focus and index", "satz@$s#$i.betrieb", is("name", "satz"), "satz@$s#$i"],
    ["condition", "x ? y : z", is("condition"), "x ? y : z"],
    ["coalescing", "plz ?? '00000'", is("condition"), "plz ?? '00000'"],
    ["elvis", "plz ?: '00000'", is("condition"), "plz ?: '00000'"],
    ["comparison", "a.b = 'x' and c", is("binary", "="), "a.b = 'x'"],
    ["transform", "$ ~> | a.b | {'x': 1}, ['y'] |", is("transform"), "| a.b | {'x': 1}, ['y'] |"],
    ["regex literal", "$contains(x, /ab+c/i)", is("regex"), "/ab+c/i"],
    ["regex next to division", "$contains(x, /a[/]b/) ? 4 / 2 : 1", is("regex"), "/a[/]b/"],
    ["division is not a regex", "a / b / c", is("name", "c"), "c"],
    ["comments are skipped", "/* kopf */ nachrichtenkopf /* autor */.autor", is("name", "autor"), "autor"],
    ["sort step", "satz^(>satzErstellung, <x).y", is("sort"), "^(>satzErstellung, <x)"],
    ["group-by", "satz{gemeinde: $count(betrieb)}", is("path"), "satz{gemeinde: $count(betrieb)}"],
    ["partial application", "$map(x, $substring(?, 0, 5))", is("partial"), "$substring(?, 0, 5)"],
    ["function application", "name ~> $uppercase()", is("apply"), "name ~> $uppercase()"],
    ["UTF-16 offsets after umlauts", "\"Straße\" & straßenName", is("name", "straßenName"), "straßenName"],
    ["keywords used as names", "and.or", is("name", "or"), "or"],
    ["multi-line", "(\n  $x := a;\n  $x.b\n)", is("name", "b"), "b"],
  ])("%s", (_what, src, pick, text) => {
    expect(spanText(src, pick)).toBe(text);
  });

  test("a node without a position (the $exists test of ??) has no span of its own", () => {
    const src = "plz ?? 'x'";
    const { ast } = parseJsonata(src);
    const index = new SpanIndex(src, ast);
    const exists = nodes(ast).find((n) => n.type === "function");
    expect(index.spanOf(exists)).toEqual({ start: 0, end: 3 }); // falls back to its argument
  });

  test("lexer tokens end where jsonata's tokens end, including regexes and comments", () => {
    const src = '$replace(a /* x */, /[/]+/, "\\"") / 2 ~> $f';
    const { ast } = parseJsonata(src);
    const positions = nodes(ast)
      .filter((n) => typeof n.position === "number")
      .map((n) => n.position!);
    const ends = new Set(new SpanIndex(src, ast).tokens.map((t) => t.end));
    expect(positions.filter((p) => !ends.has(p))).toEqual([]);
  });

  test("tokenizing never throws on unterminated input", () => {
    for (const src of ['"open', "`open", "/* open", "/open", "a.(b", "$f(1,"]) {
      expect(() => tokenize(src)).not.toThrow();
    }
    expect(tokenize('x & "open').at(-1)).toMatchObject({ kind: "string", start: 4, end: 9, unterminated: true });
  });
});

describe("syntax errors are diagnostics at the offending token", () => {
  test.each([
    ["unclosed bracket", "satz[0.betrieb", "S0203", 14, 14],
    ["unterminated string", 'a = "01067', "S0101", 4, 10],
    ["unknown operator", "[1!2]", "S0204", 2, 3],
    ["bad escape", '"\\y"', "S0103", 1, 3],
    ["unclosed comment", "a /* b", "S0106", 2, 6],
    ["non-variable lambda parameter", "function(x){x}", "S0208", 9, 10],
    ["parent at the top", "%", "S0217", 0, 1],
    ["number out of range", "1e999", "S0102", 0, 5],
    ["unexpected token after an expression", "a b", "S0201", 2, 3],
  ])("%s", (_what, src, jsonataCode, start, end) => {
    const parsed = parseJsonata(src);
    expect(parsed.ast).toBeUndefined();
    expect(parsed.diagnostics).toHaveLength(1);
    const d = parsed.diagnostics[0]!;
    expect([d.code, d.start, d.end]).toEqual(["SW2400", start, end]);
    expect(d.message).toContain(`(${jsonataCode})`);
  });
});
