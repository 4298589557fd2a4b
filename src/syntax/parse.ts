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
 * @returns the text, or a diagnostic when the bytes are binary or not UTF-8 (e.g. Latin-1).
 */
export function decodeSource(bytes: Uint8Array, file: string): { text?: string; diagnostic?: Diagnostic } {
  if (bytes.length > MAX_FILE_BYTES) {
    return { diagnostic: diag("file-too-large", { file, start: 0, end: 0 }, { size: bytes.length, max: MAX_FILE_BYTES }) };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { diagnostic: diag("nul-or-binary", { file, start: nul, end: nul + 1 }) };
  try {
    let text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return {
      diagnostic: diag("nul-or-binary", { file, start: bad, end: bad + 1 }, {}, {
        suggestion: "save the file as UTF-8 (it looks like Latin-1 or another legacy encoding)",
      }),
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const dec = new TextDecoder("utf-8", { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      dec.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

const UNTERMINATED: Record<string, (span: Span) => Diagnostic> = {
  UnterminatedString: (s) => diag("unterminated-string", s),
  UnterminatedInline: (s) => diag("unterminated-expression", s, { delimiter: "`" }),
  UnterminatedFence: (s) => diag("unterminated-expression", s, { delimiter: "```" }),
  UnterminatedBlockComment: (s) => diag("unterminated-comment", s),
};

/** Parses one rule file's text. */
export function parseSource(text: string, file: string): ParseResult {
  const lexed = lex(text, file);
  const diagnostics: Diagnostic[] = [...lexed.diagnostics];
  // Unterminated constructs are reported once by the lexer phase and dropped from the token stream.
  const tokens = lexed.tokens.filter((t) => {
    const mk = UNTERMINATED[t.tokenType.name];
    if (!mk) return true;
    diagnostics.push(mk({ file, start: t.startOffset, end: Math.min(t.startOffset + 1 + lineLength(text, t.startOffset), text.length) }));
    return false;
  });
  const parser = getParser();
  parser.input = tokens;
  let cst;
  try {
    cst = parser.file();
  } catch (e) {
    if (e instanceof RangeError) {
      const at = tokens[0]?.startOffset ?? 0;
      diagnostics.push(diag("too-deeply-nested", { file, start: at, end: at + 1 }, { max: "the supported" }));
      return { ast: { file, text, imports: [], declarations: [] }, comments: lexed.comments, diagnostics };
    }
    throw e;
  }
  const parseErrors = parser.errors;
  for (const err of parseErrors.slice(0, MAX_PARSE_ERRORS)) diagnostics.push(parseErrorDiagnostic(err, file, text));
  if (parseErrors.length > MAX_PARSE_ERRORS) {
    diagnostics.push(diag("too-many-errors", undefined, { count: parseErrors.length - MAX_PARSE_ERRORS, max: MAX_PARSE_ERRORS }));
  }
  const { ast, diagnostics: astDiags } = cstToAst(cst, text, file);
  diagnostics.push(...astDiags);
  return { ast, comments: lexed.comments, diagnostics };
}

function lineLength(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  return (nl < 0 ? text.length : nl) - from - 1;
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
  const single = /Expecting token of type --> (.+?) <--/.exec(message);
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
    return { ast: { file, text: "", imports: [], declarations: [] }, comments: [], diagnostics: [decoded.diagnostic!] };
  }
  return parseSource(decoded.text, file);
}
