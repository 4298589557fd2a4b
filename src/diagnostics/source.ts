/**
 * Offsets -> line/column, computed lazily and cached per source text, so the
 * lexer can track offsets only.
 */

/** Line starts of one text; binary search per lookup. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line and column (column counted in UTF-16 code units, as editors and SARIF do). */
  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1 };
  }
  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const s = this.starts[line - 1] ?? this.text.length;
    const e = this.starts[line] ?? this.text.length + 1;
    return this.text.slice(s, e - 1).replace(/\r$/, "");
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

const cache = new Map<string, LineIndex>();

/** The cached {@link LineIndex} of a text. */
export function lineIndex(text: string): LineIndex {
  let idx = cache.get(text);
  if (!idx) {
    if (cache.size > 64) cache.clear();
    idx = new LineIndex(text);
    cache.set(text, idx);
  }
  return idx;
}

/** 1-based line of an offset in a text. */
export function lineOf(text: string, offset: number): number {
  return lineIndex(text).position(offset).line;
}
