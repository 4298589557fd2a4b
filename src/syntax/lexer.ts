/**
 * Lexing: source text -> tokens, with lexer errors turned into diagnostics.
 * Positions are offsets only (positionTracking "onlyOffset", ~4x cheaper than
 * full tracking on these machines); lines and columns come later, on demand.
 */
import { Lexer, type IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/messages.js";
import { allTokens, StringLit } from "./tokens.js";

let lexer: Lexer | undefined;

function getLexer(): Lexer {
  lexer ??= new Lexer(allTokens, {
    positionTracking: "onlyOffset",
    ensureOptimizations: true,
    skipValidations: true,
  });
  return lexer;
}

/** Characters people paste from word processors, with what they meant. */
const LOOK_ALIKES: Record<string, string> = {
  "\u201C": '`"`',
  "\u201D": '`"`',
  "\u201E": '`"`',
  "\u00AB": '`"`',
  "\u00BB": '`"`',
  "\u2018": "`'`",
  "\u2019": "`'`",
  "\u2013": "`-`",
  "\u2014": "`-`",
  "\u00A0": "a normal space",
  "\u200B": "nothing (a zero-width space)",
  "\u200C": "nothing (a zero-width character)",
  "\u200D": "nothing (a zero-width character)",
  "\uFEFF": "nothing (a byte-order mark inside the text)",
  "\u2028": "a line break",
};

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  return cp < 0x20 || cp === 0x7f ? hex : `\`${ch}\` (${hex})`;
}

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  diagnostics: Diagnostic[];
}

/**
 * Tokenizes one rule file. Never throws; unmatched characters become SW1001
 * (or SW1008 for look-alike characters), one diagnostic per run of bad characters.
 */
export function lex(text: string, file: string): LexResult {
  const result = getLexer().tokenize(text);
  const diagnostics: Diagnostic[] = [];
  let lastEnd = -2;
  for (const err of result.errors) {
    const start = err.offset;
    // Chevrotain reports one error per unmatched run; still, merge adjacent runs.
    if (start <= lastEnd) continue;
    const ch = String.fromCodePoint(text.codePointAt(start) ?? 0xfffd);
    const span = { file, start, end: start + Math.max(1, err.length) };
    lastEnd = span.end;
    const intended = LOOK_ALIKES[ch];
    diagnostics.push(
      intended
        ? diag("look-alike-character", span, { char: describeChar(ch), intended }, { suggestion: `replace it with ${intended}` })
        : diag("invalid-character", span, { char: describeChar(ch) }),
    );
  }
  const tokens = result.tokens.map((t) => (t.tokenType.name === "CurlyStringLit" ? straightenQuotes(t, text, file, diagnostics) : t));
  return { tokens, comments: result.groups["comments"] ?? [], diagnostics };
}

/**
 * A string in typographic quotes: one SW1008 per curly quote, then the token becomes a
 * normal string of the same length (offsets unchanged), so parsing goes on as intended.
 */
function straightenQuotes(t: IToken, text: string, file: string, diagnostics: Diagnostic[]): IToken {
  const last = t.startOffset + t.image.length - 1;
  for (const at of [t.startOffset, last]) {
    const ch = text[at] ?? "";
    const intended = LOOK_ALIKES[ch];
    if (intended) diagnostics.push(diag("look-alike-character", { file, start: at, end: at + 1 }, { char: describeChar(ch), intended }, { suggestion: `replace it with ${intended}` }));
  }
  return { ...t, image: `"${t.image.slice(1, -1)}"`, tokenType: StringLit, tokenTypeIdx: StringLit.tokenTypeIdx! };
}
