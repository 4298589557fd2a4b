/**
 * The formatter's entry point: rule-file text -> the same file in the house
 * style (see docs/formatting.md and ./layout.ts). It only changes whitespace
 * between tokens: every token (strings, numbers, JSONata expressions) and every
 * comment is printed verbatim and in its order, which is verified on each run,
 * so the formatted file parses to the same AST (offsets aside).
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { lex, type LexResult } from "../syntax/lexer.js";
import { parseSource } from "../syntax/parse.js";
import { getParser } from "../syntax/parser.js";
import { FORMAT_CODES } from "./codes.js";
import { printFile } from "./layout.js";

export type FormatResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

export interface FormatOptions {
  /** File path used in diagnostics; default "<input>". */
  file?: string;
}


/**
 * Formats one rule file.
 * A leading byte-order mark is dropped; line ends become "\n" (inside JSONata
 * expressions and block comments they are kept as written); the result ends
 * with one newline (an empty or blank file formats to "").
 * @returns the formatted text, or the file's diagnostics when it has errors
 *   (a file with syntax errors is never formatted). Never throws.
 */
export function format(text: string, options: FormatOptions = {}): FormatResult {
  const file = options.file ?? "<input>";
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseSource(source, file);
  if (parsed.diagnostics.some((d) => d.severity === "error")) return { ok: false, diagnostics: parsed.diagnostics };

  const lexed = lex(source, file);
  const parser = getParser();
  parser.input = lexed.tokens;
  const cst = parser.file();
  if (parser.errors.length > 0) return invariantBroken(file, "the file parsed differently the second time");
  const out = printFile(cst, lexed.tokens, lexed.comments, source);

  const problem = sameTokens(lexed, out, file);
  return problem ? invariantBroken(file, problem) : { ok: true, text: out };
}

/**
 * The formatter's safety check: `after` must lex to the same tokens and comments
 * as the lexed input `a` (whitespace aside). Returns what differs, or undefined.
 */
export function sameTokens(a: LexResult, after: string, file: string): string | undefined {
  const b = lex(after, file);
  if (b.diagnostics.length > 0) return "the output does not lex";
  const key = (t: { tokenType: { name: string }; image: string }): string => `${t.tokenType.name}\u0000${t.image}`;
  const differs = (x: readonly { tokenType: { name: string }; image: string }[], y: typeof x): boolean =>
    x.length !== y.length || x.some((t, i) => key(t) !== key(y[i]!));
  if (differs(a.tokens, b.tokens)) return "the output's tokens differ from the input's";
  if (differs(a.comments, b.comments)) return "the output's comments differ from the input's";
  return undefined;
}

function invariantBroken(file: string, detail: string): FormatResult {
  const def = FORMAT_CODES["format-invariant"];
  const message = def.template.replace("{detail}", detail);
  return { ok: false, diagnostics: [{ code: def.code, severity: def.severity, message, span: { file, start: 0, end: 0 } }] };
}
