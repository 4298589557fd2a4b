/**
 * The formatter: fixtures (input -> expected output), idempotence and AST
 * round trip on every rule file of the repository, refusal of files with
 * errors, and a property over generated files with comments everywhere.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { format, sameTokens } from "../../src/format/format.js";
import { lex } from "../../src/syntax/lexer.js";
import { getParser, type CstNode } from "../../src/syntax/parser.js";
import { parseSource } from "../../src/syntax/parse.js";
import { astWithoutSpans, commentsOf, parsesCleanly, ruleFilesUnder, validRuleFile } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = join(ROOT, "test", "format", "fixtures");

function formatted(text: string): string {
  const r = format(text, { file: "x.stw" });
  if (!r.ok) throw new Error(`format refused: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return r.text;
}

/** The properties every formatted file must have. */
function expectWellFormatted(input: string): string {
  const out = formatted(input);
  expect(formatted(out), "idempotent").toBe(out);
  expect(astWithoutSpans(out), "same AST").toEqual(astWithoutSpans(input));
  expect(commentsOf(out), "same comments").toEqual(commentsOf(input));
  expect(out === "" || out.endsWith("\n"), "ends with a newline").toBe(true);
  expect(out, "no trailing whitespace, no tabs outside verbatim text").not.toMatch(/[ \t]+\n(?![^`]*`)/);
  return out;
}

describe("fixtures", () => {
  const cases = readdirSync(FIXTURES).sort();
  it("has fixtures", () => expect(cases.length).toBeGreaterThanOrEqual(8));
  it.each(cases)("%s", (name) => {
    const input = readFileSync(join(FIXTURES, name, "input.stw"), "utf8");
    const expected = readFileSync(join(FIXTURES, name, "output.stw"), "utf8");
    expect(formatted(input)).toBe(expected);
    expectWellFormatted(input);
    expect(formatted(expected)).toBe(expected);
  });
});

describe("house style details", () => {
  it("separates declarations by exactly one blank line and indents block items by 2", () => {
    expect(formatted("role A role B type T { a: string }")).toBe("role A\n\nrole B\n\ntype T {\n  a: string\n}\n");
  });

  it("puts each binding continuation option on its own line, indented by 4 more", () => {
    const out = formatted('region "14" { R = S via osci { recipient "r" } in production via osci { recipient "p" } transform T when `x` for A1, A2 note frist "n" }');
    expect(out).toBe(
      'region "14" {\n  R = S via osci { recipient "r" }\n      in production via osci { recipient "p" }\n      transform T\n      when `x`\n      for A1, A2\n      note frist "n"\n}\n',
    );
  });

  it("keeps adapter settings inline while they fit in 100 columns, else one per line", () => {
    const short = 'region "1" { R = S via filesystem { inbox "a" outbox "b" } }';
    expect(formatted(short)).toContain('R = S via filesystem { inbox "a" outbox "b" }\n');
    const long = `region "1" { R = S via filesystem { inbox "${"a".repeat(40)}" outbox "${"b".repeat(40)}" } }`;
    expect(formatted(long)).toBe(`region "1" {\n  R = S via filesystem {\n    inbox "${"a".repeat(40)}"\n    outbox "${"b".repeat(40)}"\n  }\n}\n`);
    // `  R = S via filesystem { inbox "` + n × c + `" x 1 }` is 39 + n columns
    const edge = (n: number): string => formatted(`region "1" { R = S via filesystem { inbox "${"c".repeat(n)}" x 1 } }`);
    expect(edge(61).split("\n")[1]).toHaveLength(100);
    expect(edge(62).split("\n")[1]).toBe("  R = S via filesystem {");
  });

  it("prints JSONata expressions, strings and numbers verbatim", () => {
    const src = 'transform T from A to B ```\n\t  weird   spacing `x`\n```\nregion "1" { set n = 1.50 set s = "a\\u{20AC}\\"" }';
    const out = formatted(src);
    expect(out).toContain("```\n\t  weird   spacing `x`\n```");
    expect(out).toContain("set n = 1.50");
    expect(out).toContain('set s = "a\\u{20AC}\\""');
  });

  it("aligns the trailing comments of consecutive lines", () => {
    expect(formatted("type T {\n  a: string // one\n  longer: string // two\n\n  c: T // three\n}")).toBe(
      "type T {\n  a: string      // one\n  longer: string // two\n\n  c: T // three\n}\n",
    );
  });

  it("leaves the example of docs/formatting.md as it is", () => {
    const doc = readFileSync(join(ROOT, "docs", "formatting.md"), "utf8");
    const example = /```stw\n([\s\S]*?\n)```\n/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(formatted(example!)).toBe(example);
  });

  it("formats an empty or blank file to nothing", () => {
    expect(formatted("")).toBe("");
    expect(formatted(" \n\t\n")).toBe("");
  });
});

describe("safety check", () => {
  const before = lex('role A "x" // c\n', "x.stw");
  it("accepts a text that differs only in whitespace", () => {
    expect(sameTokens(before, 'role   A\n"x"   // c', "x.stw")).toBeUndefined();
  });
  it.each([
    ["a changed token", 'role A "y" // c', "tokens differ"],
    ["a lost comment", 'role A "x"', "comments differ"],
    ["a comment that swallowed code", 'role A // c "x"', "tokens differ"],
    ["text that does not lex", '§ role A "x" // c', "does not lex"],
  ])("rejects %s", (_what, after, problem) => {
    expect(sameTokens(before, after, "x.stw")).toContain(problem);
  });
});

describe("refuses files with errors", () => {
  it.each([
    ["a syntax error", 'role R "x" "y"', "SW1010"],
    ["an unterminated string", 'role R "x', "SW1002"],
    ["an unterminated expression", "transform T from A to B `x", "SW1003"],
    ["an unterminated comment", "role R /* x", "SW1004"],
    ["a stray character", "role R §", "SW1001"],
    ["a typographic quote", "role R \u201Ex\u201C", "SW1008"],
    ["a bad escape", 'role R "a\\q"', "SW1007"],
  ])("%s", (_what, src, code) => {
    const r = format(src, { file: "bad.stw" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics.map((d) => d.code)).toContain(code);
      expect(r.diagnostics.every((d) => d.span === undefined || d.span.file === "bad.stw")).toBe(true);
    }
  });

  it("never throws on garbage", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        const r = format(s);
        expect(r.ok).toBe(parsesCleanly(s.charCodeAt(0) === 0xfeff ? s.slice(1) : s));
      }),
      { numRuns: 300 },
    );
  });
});

describe("every rule file in the repository", () => {
  const files = ruleFilesUnder(join(ROOT, "rules"), join(ROOT, "test", "fixtures"), join(ROOT, "examples"));
  it("finds rule files", () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => [f.slice(ROOT.length)]))("%s", (rel) => {
    const text = readFileSync(join(ROOT, rel), "utf8").replace(/^\uFEFF/, "");
    const { diagnostics } = parseSource(text, rel);
    if (diagnostics.some((d) => d.severity === "error")) {
      const r = format(text, { file: rel });
      expect(r.ok, "a file with errors is refused").toBe(false);
      return;
    }
    expectWellFormatted(text);
  });
});

describe("generated files", () => {
  it("cover every rule of the grammar (extend test/format/helpers.ts when the grammar grows)", () => {
    const seen = new Set<string>();
    const visit = (node: CstNode): void => {
      seen.add(node.name);
      for (const list of Object.values(node.children)) for (const c of list) if ("children" in c) visit(c);
    };
    const parser = getParser();
    for (const src of fc.sample(validRuleFile, { numRuns: 400, seed: 42 })) {
      parser.input = lex(src, "x.stw").tokens;
      visit(parser.file());
    }
    const rules = parser.getGAstProductions();
    expect([...seen].sort()).toEqual(Object.keys(rules).sort());
  });

  it("formats every valid file idempotently, keeping its AST and comments", () => {
    fc.assert(
      fc.property(validRuleFile, (src) => {
        expect(parsesCleanly(src), src).toBe(true);
        expectWellFormatted(src);
      }),
      { numRuns: 400 },
    );
  });
});
