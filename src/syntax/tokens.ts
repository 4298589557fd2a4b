/**
 * Token definitions of the stellwerk rule language (chevrotain). Only token
 * definitions live here; see grammar/stellwerk.ebnf for the grammar.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

/** Identifiers may contain inner hyphens (`xml-file`, `error-folder`); the language has no subtraction. */
// Latin letters incl. umlauts and ß (U+00C0-U+024F without × U+00D7 and ÷ U+00F7).
const IDENT_PATTERN = /[A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F](?:[A-Za-z0-9_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]|-(?=[A-Za-z0-9_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]))*/;

/** Category of every token that can serve as a name (identifiers and keywords), e.g. a field name. */
export const Name = createToken({ name: "Name", pattern: Lexer.NA });

export const Identifier = createToken({
  name: "Identifier",
  pattern: IDENT_PATTERN,
  categories: [Name],
  start_chars_hint: [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"].concat(
    Array.from({ length: 0x024f - 0x00c0 + 1 }, (_, i) => String.fromCharCode(0x00c0 + i)),
  ),
});

const keywordList: TokenType[] = [];
function keyword(word: string): TokenType {
  const t = createToken({
    name: `Kw_${word.replace(/-/g, "_")}`,
    pattern: new RegExp(word.replace(/-/g, "\\-")),
    longer_alt: Identifier,
    categories: [Name],
    label: `'${word}'`,
  });
  keywordList.push(t);
  return t;
}

export const Kw = {
  package: keyword("package"),
  import: keyword("import"),
  as: keyword("as"),
  type: keyword("type"),
  message: keyword("message"),
  xml: keyword("xml"),
  json: keyword("json"),
  from: keyword("from"),
  xsd: keyword("xsd"),
  element: keyword("element"),
  root: keyword("root"),
  prefix: keyword("prefix"),
  version: keyword("version"),
  namespace: keyword("namespace"),
  unqualified: keyword("unqualified"),
  codelist: keyword("codelist"),
  assumed: keyword("assumed"),
  role: keyword("role"),
  system: keyword("system"),
  implements: keyword("implements"),
  accepts: keyword("accepts"),
  certified: keyword("certified"),
  vendor: keyword("vendor"),
  scenario: keyword("scenario"),
  to: keyword("to"),
  each: keyword("each"),
  origin: keyword("origin"),
  detect: keyword("detect"),
  region: keyword("region"),
  correlate: keyword("correlate"),
  idempotency: keyword("idempotency"),
  ack: keyword("ack"),
  reply: keyword("reply"),
  unroutable: keyword("unroutable"),
  transform: keyword("transform"),
  function: keyword("function"),
  allow: keyword("allow"),
  override: keyword("override"),
  stage: keyword("stage"),
  lookup: keyword("lookup"),
  set: keyword("set"),
  none: keyword("none"),
  via: keyword("via"),
  in: keyword("in"),
  when: keyword("when"),
  for: keyword("for"),
  note: keyword("note"),
  test: keyword("test"),
  given: keyword("given"),
  file: keyword("file"),
  inline: keyword("inline"),
  expect: keyword("expect"),
  delivered: keyword("delivered"),
  not: keyword("not"),
  rejected: keyword("rejected"),
  field: keyword("field"),
  absent: keyword("absent"),
  list: keyword("list"),
  of: keyword("of"),
  optional: keyword("optional"),
  true: keyword("true"),
  false: keyword("false"),
  null: keyword("null"),
  nillable: keyword("nillable"),
};

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, group: "comments" });
export const BlockComment = createToken({ name: "BlockComment", pattern: /\/\*[\s\S]*?\*\//, group: "comments" });
/** An unclosed block comment: matched so it becomes one diagnostic instead of many. */
export const UnterminatedBlockComment = createToken({ name: "UnterminatedBlockComment", pattern: /\/\*[\s\S]*/ });

/** A fenced JSONata expression: ```...``` (may contain single backticks and newlines). */
export const FencedExpr = createToken({ name: "FencedExpr", pattern: /```[\s\S]*?```/, line_breaks: true });
export const UnterminatedFence = createToken({ name: "UnterminatedFence", pattern: /```[\s\S]*/, line_breaks: true });
/** An inline JSONata expression: `...` (no backticks inside). */
export const InlineExpr = createToken({ name: "InlineExpr", pattern: /`[^`]*`/, line_breaks: true });
export const UnterminatedInline = createToken({ name: "UnterminatedInline", pattern: /`[^`]*/, line_breaks: true });

export const StringLit = createToken({ name: "StringLit", pattern: /"(?:[^"\\\n\r]|\\.)*"/ });
export const UnterminatedString = createToken({ name: "UnterminatedString", pattern: /"(?:[^"\\\n\r]|\\.)*/ });
/**
 * A string written with typographic quotes (“…”, „…“, «…», or a curly opening and a straight closing quote),
 * as pasted from word processors. The lexer reports each curly quote (SW1008) and passes the token on as a
 * {@link StringLit}, so the user sees the root cause once instead of a cascade of syntax errors.
 */
export const CurlyStringLit = createToken({
  name: "CurlyStringLit",
  pattern: /[\u201C\u201E\u00AB\u00BB](?:[^"\u201C\u201D\u201E\u00AB\u00BB\\\n\r]|\\.)*["\u201C\u201D\u00AB\u00BB]/,
});
export const NumberLit = createToken({ name: "NumberLit", pattern: /-?\d+(?:\.\d+)?/ });

export const LBrace = createToken({ name: "LBrace", pattern: /{/, label: "'{'" });
export const RBrace = createToken({ name: "RBrace", pattern: /}/, label: "'}'" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "','" });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "':'" });
export const Equals = createToken({ name: "Equals", pattern: /=/, label: "'='" });
export const Question = createToken({ name: "Question", pattern: /\?/, label: "'?'" });
export const At = createToken({ name: "At", pattern: /@/, label: "'@'" });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "'.'" });
export const Minus = createToken({ name: "Minus", pattern: /-/, label: "'-'" });

/** All tokens in lexing priority order. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  FencedExpr,
  UnterminatedFence,
  InlineExpr,
  UnterminatedInline,
  StringLit,
  UnterminatedString,
  CurlyStringLit,
  NumberLit,
  LBrace,
  RBrace,
  LParen,
  RParen,
  Comma,
  Colon,
  Equals,
  Question,
  At,
  Dot,
  Minus,
  // Longest keywords first, so `inline` is not lexed as `in` + longer identifier.
  ...[...keywordList].sort((a, b) => String(b.LABEL).length - String(a.LABEL).length),
  Identifier,
  Name,
];

export const KEYWORDS: readonly string[] = keywordList.map((t) => String(t.LABEL).slice(1, -1));
