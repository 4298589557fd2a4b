/**
 * The syntax phase's entry point: rule-file bytes -> AST + diagnostics.
 * Never throws, whatever the input (binary data, huge lines, deep nesting).
 */
import type { IRecognitionException, IToken } from "chevrotain";
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/messages.js";
import type { SourceFileAst } from "./ast.js";
import { cstToAst } from "./cst-to-ast.js";
import { lex } from "./lexer.js";
import { getParser } from "./parser.js";
import { StringLit } from "./tokens.js";

/** Largest rule file accepted, in bytes. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Parse errors reported per file; later ones are almost always follow-ups. */
const MAX_PARSE_ERRORS = 25;

export interface ParseResult {
  ast: SourceFileAst;
  /** Comment tokens, for the formatter. */
  comments: IToken[];
  diagnostics: Diagnostic[];
}

/**
 * Decodes rule-file bytes as strict UTF-8.
 * @returns the text, or a diagnostic when the bytes are binary or not UTF-8 (e.g. Latin-1);
 *   then also `lossy`, the bytes decoded with replacement characters, which the diagnostic's
 *   span (UTF-16 offsets, like every span) refers to, so it can be shown at its line and column.
 */
export function decodeSource(bytes: Uint8Array, file: string): { text?: string; lossy?: string; diagnostic?: Diagnostic } {
  if (bytes.length > MAX_FILE_BYTES) {
    return { diagnostic: diag("file-too-large", { file, start: 0, end: 0 }, { size: bytes.length, max: MAX_FILE_BYTES }) };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = utf16Offset(bytes, nul);
    return { lossy: lossyDecode(bytes), diagnostic: diag("nul-or-binary", { file, start: at, end: at + 1 }) };
  }
  try {
    let text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    const at = utf16Offset(bytes, firstInvalidUtf8(bytes));
    return {
      lossy: lossyDecode(bytes),
      diagnostic: diag("nul-or-binary", { file, start: at, end: at + 1 }, {}, {
        suggestion: "save the file as UTF-8 (it looks like Latin-1 or another legacy encoding)",
      }),
    };
  }
}

function lossyDecode(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}

/** The offset in the lossy text of the character that starts at byte `byteOffset`. */
function utf16Offset(bytes: Uint8Array, byteOffset: number): number {
  return lossyDecode(bytes.subarray(0, byteOffset)).length;
}

/** Byte offset of the first byte of the first invalid UTF-8 sequence (bytes.length when none). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const more = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (more === 0 || i + more >= bytes.length) return i;
    // Second-byte ranges exclude overlong forms, surrogates and code points above U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    const c1 = bytes[i + 1]!;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= more; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return bytes.length;
}

const UNTERMINATED: Record<string, (span: Span) => Diagnostic> = {
  UnterminatedString: (s) => diag("unterminated-string", s),
  UnterminatedInline: (s) => diag("unterminated-expression", s, { delimiter: "`" }),
  UnterminatedFence: (s) => diag("unterminated-expression", s, { delimiter: "```" }),
  UnterminatedBlockComment: (s) => diag("unterminated-comment", s),
};

/** Deepest chain of `list of` / `optional` in one type; the parser recurses once per level. */
export const MAX_TYPE_NESTING = 64;

/**
 * Drops the `list of` / `optional` tokens of a type nested deeper than {@link MAX_TYPE_NESTING}
 * (one SW1006 per chain, at the first dropped keyword), so a pathological file parses in bounded depth.
 */
function limitTypeNesting(tokens: IToken[], file: string, diagnostics: Diagnostic[]): IToken[] {
  const out: IToken[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const name = t.tokenType.name;
    const width = name === "Kw_list" && tokens[i + 1]?.tokenType.name === "Kw_of" ? 2 : name === "Kw_optional" ? 1 : 0;
    if (width === 0) {
      depth = 0;
      out.push(t);
      continue;
    }
    depth++;
    if (depth === MAX_TYPE_NESTING + 1) {
      diagnostics.push(diag("too-deeply-nested", { file, start: t.startOffset, end: t.startOffset + t.image.length }, { max: MAX_TYPE_NESTING }));
    }
    if (depth <= MAX_TYPE_NESTING) out.push(...tokens.slice(i, i + width));
    i += width - 1;
  }
  return out;
}

/** Parses one rule file's text. Diagnostics are in source order. */
export function parseSource(text: string, file: string): ParseResult {
  const lexed = lex(text, file);
  const diagnostics: Diagnostic[] = [...lexed.diagnostics];
  // Unterminated constructs are reported once by the lexer phase. A comment or expression runs to the
  // end of the file, so syntax errors from there on are its follow-ups; an unterminated string is read
  // up to the end of its line (and an error at the very next token is its follow-up).
  let cutoff = Number.POSITIVE_INFINITY;
  const afterString = new Set<number>();
  const lexedTokens: IToken[] = [];
  for (let i = 0; i < lexed.tokens.length; i++) {
    const t = lexed.tokens[i]!;
    const kind = t.tokenType.name;
    const mk = UNTERMINATED[kind];
    if (!mk) {
      lexedTokens.push(t);
      continue;
    }
    diagnostics.push(mk({ file, start: t.startOffset, end: Math.min(t.startOffset + 1 + lineLength(text, t.startOffset), text.length) }));
    if (kind === "UnterminatedString") {
      lexedTokens.push({ ...t, tokenType: StringLit, tokenTypeIdx: StringLit.tokenTypeIdx! });
      const next = lexed.tokens[i + 1];
      if (next) afterString.add(next.startOffset);
    } else cutoff = Math.min(cutoff, t.startOffset);
  }
  const tokens = limitTypeNesting(lexedTokens, file, diagnostics);
  const parser = getParser();
  parser.input = tokens;
  let cst;
  try {
    cst = parser.file();
  } catch (e) {
    if (e instanceof RangeError) {
      const at = tokens[0]?.startOffset ?? 0;
      diagnostics.push(diag("too-deeply-nested", { file, start: at, end: at + 1 }, { max: "the supported" }));
      return { ast: { file, text, imports: [], declarations: [] }, comments: lexed.comments, diagnostics: inSourceOrder(diagnostics) };
    }
    throw e;
  }
  const parseErrors = parser.errors.filter((err) => {
    const at = Number.isFinite(err.token.startOffset) && err.token.tokenType?.name !== "EOF" ? err.token.startOffset : text.length;
    return at < cutoff && !afterString.has(at);
  });
  for (const err of parseErrors.slice(0, MAX_PARSE_ERRORS)) diagnostics.push(parseErrorDiagnostic(err, file, text));
  const { ast, diagnostics: astDiags } = cstToAst(cst, text, file);
  diagnostics.push(...astDiags);
  const sorted = inSourceOrder(diagnostics);
  if (parseErrors.length > MAX_PARSE_ERRORS) {
    sorted.push(diag("too-many-errors", undefined, { count: parseErrors.length - MAX_PARSE_ERRORS, max: MAX_PARSE_ERRORS }));
  }
  return { ast, comments: lexed.comments, diagnostics: sorted };
}

/** Stable sort by start offset (lexer, parser and AST diagnostics interleave by position). */
function inSourceOrder(list: Diagnostic[]): Diagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.span?.start ?? 0) - (b.d.span?.start ?? 0) || a.i - b.i)
    .map(({ d }) => d);
}

/** Characters after `from` up to the end of its line (a CRLF line break excluded). */
function lineLength(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  const end = nl < 0 ? text.length : nl > from && text[nl - 1] === "\r" ? nl - 1 : nl;
  return end - from - 1;
}

function parseErrorDiagnostic(err: IRecognitionException, file: string, text: string): Diagnostic {
  const t = err.token;
  const atEof = t.tokenType?.name === "EOF" || !Number.isFinite(t.startOffset);
  const start = atEof ? text.length : t.startOffset;
  const end = atEof ? text.length : t.startOffset + Math.max(1, t.image.length);
  const found = atEof ? "the end of the file" : `\`${t.image.length > 40 ? t.image.slice(0, 40) + "…" : t.image}\``;
  const expected = expectedFrom(err.message);
  const detail = expected ? `Expected ${expected} but found ${found}.` : `Unexpected ${found}.`;
  return diag("syntax-error", { file, start, end }, { detail });
}

/** Extracts a readable "expected" list from chevrotain's message. */
function expectedFrom(message: string): string | undefined {
  const single = /Expecting (?:token of type )?--> (.+?) <--/.exec(message);
  if (single?.[1]) return friendly(single[1]);
  const alts = /one of these possible Token sequences:\s*([\s\S]*?)\s*but found/.exec(message);
  if (alts?.[1]) {
    const firsts = new Set<string>();
    for (const m of alts[1].matchAll(/\[([^\]]*)\]/g)) {
      const first = m[1]?.split(",")[0]?.trim();
      if (first) firsts.add(friendly(first));
    }
    const list = [...firsts].slice(0, 8);
    return list.length > 1 ? `one of ${list.join(", ")}` : list[0];
  }
  const many = /expecting at least one iteration which starts with one of these possible Token sequences/.test(message);
  return many ? undefined : undefined;
}

const FRIENDLY: Record<string, string> = {
  Identifier: "a name",
  Name: "a name",
  StringLit: 'a string ("...")',
  NumberLit: "a number",
  FencedExpr: "a JSONata expression (`...` or ```...```)",
  InlineExpr: "a JSONata expression (`...`)",
  EOF: "the end of the file",
};

function friendly(tokenName: string): string {
  return FRIENDLY[tokenName] ?? tokenName;
}

/** Parses rule-file bytes (decoding included). */
export function parseBytes(bytes: Uint8Array, file: string): ParseResult {
  const decoded = decodeSource(bytes, file);
  if (decoded.text === undefined) {
    return { ast: { file, text: decoded.lossy ?? "", imports: [], declarations: [] }, comments: [], diagnostics: [decoded.diagnostic!] };
  }
  return parseSource(decoded.text, file);
}
