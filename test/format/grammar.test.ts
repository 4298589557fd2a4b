/**
 * The grammar artefacts stay true to the parser:
 * - grammar/stellwerk.ebnf writes every parser rule exactly as the parser builds
 *   it (compared token by token with a rendering of chevrotain's grammar AST),
 *   its token regexes are those of src/syntax/tokens.ts, its keyword list is the
 *   lexer's;
 * - grammar/diagrams.html and grammar/cst.d.ts are what scripts/gen-grammar.mjs
 *   generates now (so a grammar change without regeneration fails), and the
 *   diagram page is self-contained and draws a diagram per rule.
 */
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import type { ISerializedGast } from "chevrotain";
import { describe, expect, it } from "vitest";
import { getParser } from "../../src/syntax/parser.js";
import * as T from "../../src/syntax/tokens.js";
// @ts-expect-error: plain ESM script without type declarations
import { CST_DTS_PATH, DIAGRAMS_PATH, renderCstDts, renderDiagramsHtml } from "../../scripts/gen-grammar.mjs";

const EBNF_PATH = new URL("../../grammar/stellwerk.ebnf", import.meta.url);

/** W3C EBNF tokens: quoted literals, char classes, names, operators; comments dropped. */
function ebnfTokens(text: string): string[] {
  const re = /\s+|\/\*[\s\S]*?\*\/|'[^']*'|"[^"]*"|\[(?:[^\]]|\\\])*\]|::=|#x[0-9A-Fa-f]+|[A-Za-z_][A-Za-z0-9_]*|[()|?*+-]/y;
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new Error(`EBNF: cannot read at offset ${at}: ${JSON.stringify(text.slice(at, at + 20))}`);
    at = re.lastIndex;
    const t = m[0];
    if (/^\s/.test(t) || t.startsWith("/*")) continue;
    out.push(t.startsWith('"') ? `'${t.slice(1, -1)}'` : t);
  }
  return out;
}

/** Productions of the EBNF file: name -> body tokens. */
function ebnfProductions(text: string): Map<string, string[]> {
  const toks = ebnfTokens(text);
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (let i = 0; i < toks.length; i++) {
    if (toks[i + 1] === "::=") {
      current = [];
      out.set(toks[i]!, current);
      i++;
    } else if (current) current.push(toks[i]!);
    else throw new Error(`EBNF: text before the first production: ${toks[i]}`);
  }
  return out;
}

/** Renders chevrotain's serialized grammar AST in the EBNF's notation. */
function renderGast(node: ISerializedGast, topLevel = false): string {
  const seq = (defs: ISerializedGast[]): string => defs.map((d) => renderGast(d)).join(" ");
  const suffixed = (defs: ISerializedGast[], op: string): string => {
    const only = defs.length === 1 ? defs[0]! : undefined;
    return only && ["Terminal", "NonTerminal", "Alternation"].includes(only.type) ? `${renderGast(only)}${op}` : `( ${seq(defs)} )${op}`;
  };
  const n = node as ISerializedGast & { name?: string; label?: string; definition?: ISerializedGast[] };
  switch (node.type) {
    case "Terminal":
      return n.label?.startsWith("'") ? n.label : n.name!;
    case "NonTerminal":
      return n.name!;
    case "Alternative":
      return seq(n.definition!);
    case "Alternation": {
      const alts = n.definition!.map((d) => renderGast(d)).join(" | ");
      return topLevel ? alts : `( ${alts} )`;
    }
    case "Option":
      return suffixed(n.definition!, "?");
    case "Repetition":
      return suffixed(n.definition!, "*");
    case "RepetitionMandatory":
      return suffixed(n.definition!, "+");
    default:
      throw new Error(`unexpected grammar node ${node.type}`);
  }
}

function ruleBody(rule: ISerializedGast & { definition?: ISerializedGast[] }): string {
  const defs = rule.definition ?? [];
  return defs.length === 1 && defs[0]!.type === "Alternation" ? renderGast(defs[0]!, true) : defs.map((d) => renderGast(d)).join(" ");
}

describe("grammar/stellwerk.ebnf", () => {
  const text = readFileSync(EBNF_PATH, "utf8");
  const productions = ebnfProductions(text);
  const rules = getParser().getSerializedGastProductions() as Array<ISerializedGast & { name: string }>;

  it("has a production for every parser rule and no parser-like production the parser lacks", () => {
    const ruleNames = rules.map((r) => r.name).sort();
    const lowerCase = [...productions.keys()].filter((k) => /^[a-z]/.test(k)).sort();
    expect(lowerCase).toEqual(ruleNames);
  });

  it.each(getParser().getSerializedGastProductions().map((r) => [(r as { name: string }).name, r]))(
    "writes rule %s exactly as the parser builds it",
    (name, rule) => {
      const expected = ebnfTokens(ruleBody(rule as ISerializedGast));
      expect(productions.get(name as string), `EBNF production ${String(name)}`).toEqual(expected);
    },
  );

  it("defines every token a parser rule uses", () => {
    for (const body of productions.values()) {
      for (const t of body) {
        if (/^[A-Z]/.test(t)) expect(productions.has(t), `token ${t}`).toBe(true);
      }
    }
  });

  it("gives each token the regular expression of tokens.ts", () => {
    const tokens = [T.WhiteSpace, T.LineComment, T.BlockComment, T.FencedExpr, T.InlineExpr, T.StringLit, T.NumberLit, T.Identifier];
    for (const tok of tokens) {
      const line = new RegExp(`^${tok.name} ::=[^\\n]*\\n?(?:\\s+/\\* regex: )?`, "m");
      const at = text.search(line);
      expect(at, tok.name).toBeGreaterThanOrEqual(0);
      const regexComment = /\/\* regex: (.*?)(?: \(may span lines\))? \*\//.exec(text.slice(at));
      expect(regexComment?.[1], tok.name).toBe((tok.PATTERN as RegExp).source);
    }
  });

  it("lists exactly the lexer's keywords", () => {
    const listed = (productions.get("Keyword") ?? []).filter((t) => t.startsWith("'")).map((t) => t.slice(1, -1));
    expect([...listed].sort()).toEqual([...T.KEYWORDS].sort());
  });
});

describe("generated artefacts", () => {
  it("grammar/cst.d.ts is up to date (regenerate: node scripts/gen-grammar.mjs)", () => {
    expect(readFileSync(CST_DTS_PATH, "utf8")).toBe(renderCstDts(getParser()));
  });

  it("grammar/diagrams.html is up to date (regenerate: node scripts/gen-grammar.mjs)", () => {
    expect(readFileSync(DIAGRAMS_PATH, "utf8")).toBe(renderDiagramsHtml(getParser()));
  });

  it("grammar/diagrams.html loads nothing from the network and draws every rule", () => {
    const html = readFileSync(DIAGRAMS_PATH, "utf8");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/i);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const div = { innerHTML: "" };
    const elements = { diagrams: div };
    const document = {
      getElementById: (id: string) => elements[id as keyof typeof elements],
      getElementsByClassName: () => [],
      getElementsByTagName: () => [],
    };
    const window: Record<string, unknown> = { document };
    window["window"] = window;
    for (const code of scripts) runInNewContext(code, window);
    for (const r of getParser().getSerializedGastProductions() as Array<{ name: string }>) {
      expect(div.innerHTML).toContain(`<h2 class="diagramHeader">${r.name}</h2>`);
    }
    expect(div.innerHTML).toContain("<svg");
  });
});
