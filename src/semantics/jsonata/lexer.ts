/**
 * A tokenizer for JSONata source that records exact [start, end) offsets.
 *
 * Why: the jsonata package reports a node's `position` as the offset just past
 * its token (and some nodes carry no position at all), so it cannot tell where a
 * token starts. This scanner follows the tokenization rules of jsonata 2.2.2
 * (whitespace set, block comments, two-character operators, string escapes,
 * number syntax, backtick names, name stop characters, keywords) so that every
 * token it produces ends exactly where jsonata's token ends. A node's token is
 * then found by its end offset (see spans.ts).
 *
 * The one context-dependent rule is `/`: division or the start of a regular
 * expression. When the parsed AST is available the caller passes the end
 * offsets of its regex nodes and `/` starts a regex exactly when a regex scanned
 * from there ends at one of them; otherwise (syntax errors) a `/` after an
 * operand (name, literal, closing bracket, ...) is division.
 *
 * Never throws: unterminated strings, names, comments and regexes become a
 * token reaching the end of the source with `unterminated: true`.
 */

export type TokenKind = "name" | "variable" | "string" | "number" | "value" | "regex" | "operator";

export interface Token {
  kind: TokenKind;
  /** Offset of the first character (0-based, UTF-16). */
  start: number;
  /** Offset just past the last character (equals jsonata's token position). */
  end: number;
  /** The raw source text of the token. */
  text: string;
  /** True when a string, backtick name, comment or regex is not closed. */
  unterminated?: boolean;
}

const WHITESPACE = " \t\n\r\v";
/** Single characters that are operators in jsonata (and stop a name). */
const SINGLE_OPERATORS = new Set([".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|", "=", "<", ">", "^", "&", "!", "~"]);
const DOUBLE_OPERATORS = new Set(["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"]);
const NUMBER = /-?(0|([1-9][0-9]*))(\.[0-9]+)?([Ee][-+]?[0-9]+)?/y;

/**
 * Scans a regex body starting just after its opening `/`, as jsonata does
 * (brackets nest, an even number of backslashes before `/` closes it).
 * @returns the offset just past the flags, or -1 when the regex is not closed or empty.
 */
function scanRegexEnd(src: string, from: number): number {
  let depth = 0;
  for (let pos = from; pos < src.length; pos++) {
    const ch = src.charAt(pos);
    if (ch === "/" && depth === 0) {
      let backslashes = 0;
      while (src.charAt(pos - (backslashes + 1)) === "\\") backslashes++;
      if (backslashes % 2 === 0) {
        if (pos === from) return -1;
        let end = pos + 1;
        while (src.charAt(end) === "i" || src.charAt(end) === "m") end++;
        return end;
      }
    }
    const escaped = src.charAt(pos - 1) === "\\";
    if ((ch === "(" || ch === "[" || ch === "{") && !escaped) depth++;
    if ((ch === ")" || ch === "]" || ch === "}") && !escaped) depth--;
  }
  return -1;
}

/** True when the token ends an operand, so a following `/` divides. */
function endsOperand(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  if (last === undefined) return false;
  if (last.kind !== "operator") return true;
  if (last.text === ")" || last.text === "]" || last.text === "}" || last.text === "**") return true;
  // `*` and `%` are operands (wildcard, parent) unless they follow an operand.
  if (last.text === "*" || last.text === "%") return !endsOperand(tokens.slice(0, -1));
  return false;
}

/**
 * Tokenizes a JSONata expression.
 * @param regexEnds end offsets of the regex literals in the parsed AST, when known.
 */
export function tokenize(src: string, regexEnds?: ReadonlySet<number>): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number, unterminated = false): void => {
    const t: Token = { kind, start, end, text: src.slice(start, end) };
    if (unterminated) t.unterminated = true;
    tokens.push(t);
  };
  let pos = 0;
  const len = src.length;
  while (pos < len) {
    const ch = src.charAt(pos);
    if (WHITESPACE.includes(ch)) {
      pos++;
      continue;
    }
    if (ch === "/" && src.charAt(pos + 1) === "*") {
      const close = src.indexOf("*/", pos + 2);
      if (close < 0) return tokens; // unterminated comment: nothing more to tokenize
      pos = close + 2;
      continue;
    }
    if (ch === "/") {
      const wantRegex = regexEnds ? regexEnds.size > 0 : !endsOperand(tokens);
      if (wantRegex) {
        const end = scanRegexEnd(src, pos + 1);
        if (end > 0 && (regexEnds === undefined || regexEnds.has(end))) {
          push("regex", pos, end);
          pos = end;
          continue;
        }
        if (end < 0 && regexEnds === undefined) {
          push("regex", pos, len, true);
          return tokens;
        }
      }
    }
    const two = src.slice(pos, pos + 2);
    if (DOUBLE_OPERATORS.has(two)) {
      push("operator", pos, pos + 2);
      pos += 2;
      continue;
    }
    if (SINGLE_OPERATORS.has(ch)) {
      push("operator", pos, pos + 1);
      pos++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let p = pos + 1;
      while (p < len && src.charAt(p) !== ch) p += src.charAt(p) === "\\" ? 2 : 1;
      if (p >= len) {
        push("string", pos, len, true);
        return tokens;
      }
      push("string", pos, p + 1);
      pos = p + 1;
      continue;
    }
    NUMBER.lastIndex = pos;
    const num = NUMBER.exec(src);
    if (num !== null) {
      push("number", pos, pos + num[0].length);
      pos += num[0].length;
      continue;
    }
    if (ch === "`") {
      const close = src.indexOf("`", pos + 1);
      if (close < 0) {
        push("name", pos, len, true);
        return tokens;
      }
      push("name", pos, close + 1);
      pos = close + 1;
      continue;
    }
    let p = pos;
    while (p < len && !WHITESPACE.includes(src.charAt(p)) && !SINGLE_OPERATORS.has(src.charAt(p))) p++;
    const word = src.slice(pos, p);
    if (word.startsWith("$")) push("variable", pos, p);
    else if (word === "and" || word === "or" || word === "in") push("operator", pos, p);
    else if (word === "true" || word === "false" || word === "null") push("value", pos, p);
    else push("name", pos, p);
    pos = p;
  }
  return tokens;
}

const OPENERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/**
 * Pairs brackets: `match[i]` is the index of the token closing (or opening)
 * token i, or -1 when it has no partner or is not a bracket.
 */
export function matchBrackets(tokens: readonly Token[]): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== "operator") return;
    if (OPENERS[t.text] !== undefined) {
      stack.push(i);
      return;
    }
    if (t.text !== ")" && t.text !== "]" && t.text !== "}") return;
    // pop to the nearest opener of the same kind (tolerates broken nesting)
    for (let s = stack.length - 1; s >= 0; s--) {
      const open = stack[s]!;
      if (OPENERS[tokens[open]!.text] === t.text) {
        match[open] = i;
        match[i] = open;
        stack.length = s;
        return;
      }
    }
  });
  return match;
}
