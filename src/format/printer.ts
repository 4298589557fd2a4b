/**
 * The formatter's output writer: prints source tokens one after the other with
 * the separator the layout asks for, and reattaches comments (which the lexer
 * keeps apart from the tokens) at the place they had in the source, so that no
 * comment is ever lost or moved to another token.
 *
 * Comment placement (stable, so formatting is idempotent):
 * - a comment on the same source line as the token before it stays on that
 *   line ("trailing"); after a trailing `//` comment the next token starts a
 *   new line;
 * - any other comment goes on its own line, indented like the token that
 *   follows it (inside a block: like the block's items), and the token after it
 *   starts a new line;
 * - a blank line before a comment, or between a comment and the next token, is
 *   kept where the layout allows blank lines (between items and declarations);
 * - trailing `//` comments of consecutive lines are aligned to one column.
 */
import type { IToken } from "chevrotain";

/** How a token is separated from what precedes it. */
export type Sep =
  /** Same line, no space (`a.b`, `x: T`) or one space; `breakIndent` is used when a comment forces a new line. */
  | { kind: "none" | "space"; breakIndent: number }
  /**
   * A new line at `indent`. `blank`: "never", "keep" (a blank line when the
   * source has one here) or "always" (a blank line, e.g. between declarations).
   * Own-line comments before the token use `commentIndent`/`commentBlank` when
   * given (a closing brace: its comments belong to the block's items).
   */
  | { kind: "line"; indent: number; blank: Blank; commentIndent?: number; commentBlank?: Blank };

export type Blank = "never" | "keep" | "always";

const BLANK_LINE = /\n[ \t\r]*\n/;

export class Printer {
  private readonly parts: string[] = [];
  private col = 0;
  private indentOfLine = 0;
  private empty = true;
  /** Source offset just after the last printed token or comment. */
  private lastEnd = 0;
  /** The next token must start a new line (after a `//` comment or an own-line comment). */
  private pendingBreak = false;
  private next = 0;
  /** The last thing printed is a comment on the same line as code (a token after it gets a space). */
  private afterInlineComment = false;
  private lineNo = 0;
  /** Trailing `//` comments: output line and the column where the code before them ends. */
  private readonly trailing: Array<{ line: number; codeEnd: number }> = [];

  constructor(
    private readonly source: string,
    private readonly comments: readonly IToken[],
  ) {}

  /** Current output column (0-based, in UTF-16 units) where the next text would go. */
  get column(): number {
    return this.col;
  }

  /** Indentation of the current output line. */
  get lineIndent(): number {
    return this.indentOfLine;
  }

  /** True when a comment starts in the source range [start, end). */
  hasCommentIn(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.comments[mid]!.startOffset < start) lo = mid + 1;
      else hi = mid;
    }
    const c = this.comments[lo];
    return c !== undefined && c.startOffset < end;
  }

  /** Prints the comments before `tok` and then the separator; the token itself follows with {@link write}. */
  prepare(tok: IToken, sep: Sep): void {
    const ownLine = this.flushComments(tok.startOffset, sep);
    if (this.empty) return;
    const gap = this.source.slice(this.lastEnd, tok.startOffset);
    if (sep.kind === "line") {
      const blank = (sep.blank === "always" && !ownLine) || (sep.blank !== "never" && BLANK_LINE.test(gap));
      this.newline(sep.indent, blank);
    } else if (this.pendingBreak) {
      this.newline(sep.breakIndent, false);
    } else if (sep.kind === "space" || this.afterInlineComment) {
      this.text(" ");
    }
    this.pendingBreak = false;
    this.afterInlineComment = false;
  }

  /** Prints a token's text verbatim. */
  write(tok: IToken): void {
    this.text(tok.image);
    this.empty = false;
    this.lastEnd = tok.startOffset + tok.image.length;
  }

  /** Prints the comments after the last token and returns the whole text (ending with one newline unless empty). */
  finish(): string {
    this.flushComments(Number.POSITIVE_INFINITY, { kind: "line", indent: 0, blank: "keep" });
    return this.empty ? "" : this.alignTrailingComments(this.parts.join("")) + "\n";
  }

  /** Pads the code of consecutive lines that end with a `//` comment so their comments start in one column. */
  private alignTrailingComments(text: string): string {
    if (this.trailing.length < 2) return text;
    const lines = text.split("\n");
    for (let i = 0; i < this.trailing.length; ) {
      let j = i + 1;
      while (j < this.trailing.length && this.trailing[j]!.line === this.trailing[j - 1]!.line + 1) j++;
      const run = this.trailing.slice(i, j);
      const column = Math.max(...run.map((t) => t.codeEnd));
      for (const t of run) {
        const line = lines[t.line]!;
        lines[t.line] = line.slice(0, t.codeEnd) + " ".repeat(column - t.codeEnd) + line.slice(t.codeEnd);
      }
      i = j;
    }
    return lines.join("\n");
  }

  /** Prints the comments that start before `offset`; returns true when one went on its own line. */
  private flushComments(offset: number, sep: Sep): boolean {
    let ownLine = false;
    while (this.next < this.comments.length && this.comments[this.next]!.startOffset < offset) {
      const c = this.comments[this.next++]!;
      const gap = this.source.slice(this.lastEnd, c.startOffset);
      if (!this.empty && !gap.includes("\n")) {
        if (c.tokenType.name === "LineComment") {
          this.trailing.push({ line: this.lineNo, codeEnd: this.col });
          this.pendingBreak = true;
        }
        this.text(" " + c.image);
        this.afterInlineComment = true;
      } else {
        if (!this.empty) {
          if (sep.kind === "line") {
            const blankRule = sep.commentBlank ?? sep.blank;
            const blank = (blankRule === "always" && !ownLine) || (blankRule !== "never" && BLANK_LINE.test(gap));
            this.newline(sep.commentIndent ?? sep.indent, blank);
          } else {
            this.newline(sep.breakIndent, false);
          }
        }
        this.text(c.image);
        this.pendingBreak = true;
        this.afterInlineComment = false;
        ownLine = true;
      }
      this.empty = false;
      this.lastEnd = c.startOffset + c.image.length;
    }
    return ownLine;
  }

  private newline(indent: number, blank: boolean): void {
    this.text(blank ? "\n\n" : "\n");
    this.indentOfLine = indent;
    if (indent > 0) this.text(" ".repeat(indent));
  }

  private text(s: string): void {
    this.parts.push(s);
    const nl = s.lastIndexOf("\n");
    if (nl < 0) {
      this.col += s.length;
      return;
    }
    this.col = s.length - nl - 1;
    for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) this.lineNo++;
  }
}
