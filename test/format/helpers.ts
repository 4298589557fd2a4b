/**
 * Helpers for the formatter tests: AST comparison without offsets, rule-file
 * discovery, and a fast-check generator of valid rule files written with
 * arbitrary whitespace and comments between their tokens.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { lex } from "../../src/syntax/lexer.js";
import { parseSource } from "../../src/syntax/parse.js";

const OFFSET_KEYS = new Set(["start", "end", "sourceStart"]);

/** The AST of a text with every offset removed (and the file path and text). */
export function astWithoutSpans(text: string): unknown {
  const { ast } = parseSource(text, "x.stw");
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).filter(([k]) => !OFFSET_KEYS.has(k)).map(([k, x]) => [k, strip(x)]));
    }
    return v;
  };
  const { file: _file, text: _text, ...rest } = ast;
  return strip(rest);
}

/** Comment texts of a file, in order. */
export function commentsOf(text: string): string[] {
  return lex(text, "x.stw").comments.map((c) => c.image);
}

/** True when the text parses without errors. */
export function parsesCleanly(text: string): boolean {
  return !parseSource(text, "x.stw").diagnostics.some((d) => d.severity === "error");
}

/** Every *.stw file under the given folders (missing folders are skipped). */
export function ruleFilesUnder(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".stw")) out.push(p);
    }
  };
  for (const d of dirs) walk(d);
  return out;
}

// ---------------------------------------------------------------- generator

type Toks = fc.Arbitrary<string[]>;

const one = (s: string): Toks => fc.constant([s]);
const seq = (...parts: Toks[]): Toks => fc.tuple(...parts).map((xs) => xs.flat());
const opt = (a: Toks): Toks => fc.option(a, { nil: undefined }).map((x) => x ?? []);
const many = (a: Toks, max = 3): Toks => fc.array(a, { maxLength: max }).map((xs) => xs.flat());
const oneOf = (...as: Toks[]): Toks => fc.oneof(...as);

const ident = fc.constantFrom("Gewerbe", "A1", "xml-file", "Pflichtempfaenger", "Straße", "a_b", "Amt24", "dead-letter", "error-folder").map((s) => [s]);
const keywordName = fc.constantFrom("version", "type", "text", "nillable", "as", "namespace", "unqualified", "test", "in").map((s) => [s]);
const str = fc.constantFrom('"x"', '"14522180"', '"a \\" b"', '""', '"Pflichtempfänger"', '"// no comment"').map((s) => [s]);
const num = fc.constantFrom("0", "5000", "-1.5", "3").map((s) => [s]);
const expr = fc
  .constantFrom("`a.b`", '`$count(x[y = "z"]) > 0`', '```\n  { "a": `b` }\n```', "`a\n   and b`", "```x```")
  .map((s) => [s]);
const qname = seq(ident, many(seq(one("."), ident), 2));
const qnameList = seq(qname, many(seq(one(","), qname), 2));
const literal = oneOf(str, num, fc.constantFrom("true", "false", "null").map((s) => [s]));

const xmlNamespace = oneOf(seq(one("namespace"), str), one("unqualified"));
const typeExpr: Toks = fc.letrec<{ t: string[] }>((tie) => ({
  t: fc.oneof({ depthSize: "small", withCrossShrink: true }, qname, seq(one("list"), one("of"), tie("t")), seq(one("optional"), tie("t"))),
})).t;
const fieldOption = oneOf(seq(one("as"), str), xmlNamespace, one("nillable"));
const fieldDecl = seq(opt(one("@")), oneOf(ident, keywordName, str), opt(one("?")), one(":"), typeExpr, many(fieldOption, 2));
const fields = seq(one("{"), many(fieldDecl, 4), one("}"));
const paramDecl = seq(oneOf(ident, keywordName), opt(one("?")), one(":"), typeExpr);

const setting = seq(oneOf(ident, keywordName), oneOf(str, num, seq(ident, opt(str))));
const adapterSpec = seq(opt(seq(one("in"), oneOf(ident, keywordName))), one("via"), ident, one("{"), many(setting, 4), one("}"));
const bindingOption = oneOf(seq(one("transform"), qname), seq(one("when"), expr), seq(one("for"), qnameList), seq(one("note"), ident, str));
const binding = seq(qname, opt(str), one("="), oneOf(one("none"), seq(qname, many(adapterSpec, 2), many(bindingOption, 3))));
const regionItem = seq(
  opt(one("override")),
  oneOf(
    seq(one("stage"), oneOf(ident, keywordName)),
    seq(one("lookup"), ident, one("{"), many(seq(str, one("="), literal), 3), one("}")),
    seq(one("set"), ident, one("="), literal),
    binding,
  ),
);
const scenarioItem = oneOf(
  seq(one("from"), qname),
  seq(one("to"), oneOf(one("origin"), seq(one("each"), qname), qnameList)),
  seq(one("message"), qname),
  seq(fc.constantFrom("detect", "region", "correlate", "idempotency").map((s) => [s]), expr),
  seq(one("ack"), qname),
  one("reply"),
  // `error-folder` alone; any other mode word may name a system (only `dead-letter` is valid, checked later).
  oneOf(seq(one("unroutable"), one("error-folder")), seq(one("unroutable"), ident.filter((w) => !w.includes("error-folder")), opt(seq(qname, many(adapterSpec, 2))))),
);
const selector = seq(qname, opt(str), opt(seq(one("system"), qname)), opt(seq(one("region"), str)));
const testItem = oneOf(
  seq(one("given"), opt(qname), oneOf(seq(one("file"), str), seq(one("inline"), oneOf(str, fc.constant(["```\n <a/>\n```"])))), opt(seq(one("region"), str))),
  seq(
    one("expect"),
    oneOf(
      seq(one("delivered"), one("to"), selector),
      seq(one("not"), one("delivered"), one("to"), selector),
      seq(one("rejected"), oneOf(ident, one("unroutable"))),
      seq(one("field"), selector, expr, one("="), literal),
      seq(one("absent"), selector, expr),
    ),
  ),
);
/** A test states its stage at most once (a second `stage` is an error). */
const testStage = opt(seq(one("stage"), oneOf(ident, keywordName)));

const declaration = oneOf(
  seq(one("type"), ident, opt(xmlNamespace), fields),
  seq(
    one("message"),
    ident,
    oneOf(seq(one("xml"), str, one("root"), str, opt(seq(one("prefix"), ident))), one("json"), seq(one("from"), one("xsd"), str, one("element"), str)),
    opt(seq(one("version"), str)),
    oneOf(opt(fields), seq(one("of"), qname)),
  ),
  seq(one("codelist"), ident, opt(str), opt(one("assumed")), one("{"), many(seq(str, opt(seq(one("="), str))), 3), one("}")),
  seq(one("role"), ident, opt(str)),
  seq(one("system"), ident, one("implements"), qnameList, opt(seq(one("{"), many(oneOf(seq(one("accepts"), qnameList), one("certified"), seq(one("vendor"), str)), 3), one("}")))),
  seq(one("scenario"), ident, opt(str), one("{"), many(scenarioItem, 5), one("}")),
  seq(one("transform"), ident, one("from"), qname, one("to"), qname, many(seq(one("allow"), ident), 2), expr),
  seq(one("function"), ident, one("("), opt(seq(paramDecl, many(seq(one(","), paramDecl), 2))), one(")"), one(":"), typeExpr, expr),
  seq(one("region"), str, opt(str), one("{"), many(regionItem, 5), one("}")),
  seq(one("test"), str, one("{"), testStage, many(testItem, 5), one("}")),
);

const file = seq(opt(seq(one("package"), qname)), many(seq(one("import"), qname, opt(seq(one("as"), ident))), 2), many(declaration, 4));

/** Whitespace and comments that may stand between any two tokens. */
const separator = fc.constantFrom(" ", "  ", "\n", "\n\n\n", "\t", " /* c */ ", "/*x*/", " // c\n", "\n  // own line\n", "\n\n/* b\n  c */\n", "\r\n");

/** A valid rule file: random declarations, random whitespace and comments between tokens. */
export const validRuleFile: fc.Arbitrary<string> = file.chain((tokens) =>
  fc.array(separator, { minLength: tokens.length + 1, maxLength: tokens.length + 1 }).map((seps) => seps[0] + tokens.map((t, i) => t + seps[i + 1]).join("")),
);
