/**
 * Exact source ranges for nodes of the jsonata AST.
 *
 * Approach: jsonata sets `position` to the offset just past a node's token.
 * We tokenize the source ourselves (lexer.ts, same rules as jsonata) and index
 * tokens by end offset, so `position` identifies the token and its start.
 * Composite nodes get the union of their parts, extended over the tokens that
 * are not in the AST: closing brackets (found by bracket matching), the
 * `function` keyword of a lambda, the closing `|` of a transform, predicates
 * `[...]`, and `@$v` / `#$i` bindings after a step. A node without any position
 * (parser-synthesized, e.g. the `$exists` test of `??`, or `%`) has no span;
 * callers fall back to the enclosing node's span.
 */
import { isNode, pairsOf, type JNode } from "./ast.js";
import { matchBrackets, tokenize, type Token } from "./lexer.js";

/** A half-open range [start, end) of offsets in the expression source. */
export interface Range {
  start: number;
  end: number;
}

/** Collects the end offsets of regex literals in an AST. */
function regexEnds(ast: unknown): Set<number> {
  const ends = new Set<number>();
  const seen = new Set<unknown>();
  const walk = (x: unknown): void => {
    if (typeof x !== "object" || x === null || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) {
      x.forEach(walk);
      return;
    }
    const n = x as JNode;
    if (n.type === "regex" && typeof n.position === "number") ends.add(n.position);
    for (const v of Object.values(x)) if (typeof v === "object") walk(v);
  };
  walk(ast);
  return ends;
}

const join = (a: Range | undefined, b: Range | undefined): Range | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
};

/** Token lookup and node span recovery for one expression source. */
export class SpanIndex {
  readonly tokens: Token[];
  private readonly byEnd = new Map<number, number>();
  private readonly match: Int32Array;
  private readonly memo = new WeakMap<object, Range | null>();

  /**
   * @param source the expression text
   * @param ast    the parsed AST when parsing succeeded (used to tell regex literals from division)
   */
  constructor(readonly source: string, ast?: unknown) {
    this.tokens = tokenize(source, ast === undefined ? undefined : regexEnds(ast));
    this.tokens.forEach((t, i) => this.byEnd.set(t.end, i));
    this.match = matchBrackets(this.tokens);
  }

  /** Index of the token ending at `end`, or -1. */
  tokenIndexEndingAt(end: number | undefined): number {
    return end === undefined ? -1 : (this.byEnd.get(end) ?? -1);
  }

  /** The range of the token ending at `end`. */
  tokenRange(end: number | undefined): Range | undefined {
    const t = this.tokens[this.tokenIndexEndingAt(end)];
    return t === undefined ? undefined : { start: t.start, end: t.end };
  }

  /** The whole expression, without surrounding whitespace. */
  whole(): Range {
    const first = this.tokens[0];
    const last = this.tokens[this.tokens.length - 1];
    if (first === undefined || last === undefined) return { start: 0, end: this.source.length };
    return { start: first.start, end: last.end };
  }

  /** Range of bracket-opening token ending at `end` through its closing partner. */
  private bracketed(end: number | undefined): Range | undefined {
    const i = this.tokenIndexEndingAt(end);
    const t = this.tokens[i];
    if (t === undefined) return undefined;
    const close = this.tokens[this.match[i] ?? -1];
    return { start: t.start, end: close === undefined ? t.end : close.end };
  }

  /** Extends a range over following `[..]`, `@$v` and `#$i` postfixes. */
  private postfix(r: Range | undefined): Range | undefined {
    if (r === undefined) return r;
    let i = this.tokenIndexEndingAt(r.end);
    if (i < 0) return r;
    for (;;) {
      const next = this.tokens[i + 1];
      if (next === undefined || next.kind !== "operator") break;
      if (next.text === "[" && (this.match[i + 1] ?? -1) > i) i = this.match[i + 1]!;
      else if ((next.text === "@" || next.text === "#") && this.tokens[i + 2]?.kind === "variable") i += 2;
      else break;
    }
    return { start: r.start, end: this.tokens[i]!.end };
  }

  /** The exact range of a node, or undefined for synthesized nodes. */
  spanOf(node: JNode | undefined): Range | undefined {
    if (node === undefined) return undefined;
    const cached = this.memo.get(node);
    if (cached !== undefined) return cached ?? undefined;
    this.memo.set(node, null); // guards against cycles
    const r = this.compute(node);
    this.memo.set(node, r ?? null);
    return r;
  }

  private compute(n: JNode): Range | undefined {
    let r: Range | undefined;
    switch (n.type) {
      case "path": {
        for (const s of n.steps ?? []) r = join(r, this.spanOf(s));
        if (n.group) r = join(r, this.bracketed(n.group.position));
        return r;
      }
      case "number": {
        r = this.tokenRange(n.position);
        // a folded negative literal `-1` includes its minus sign
        const i = this.tokenIndexEndingAt(n.position);
        const prev = this.tokens[i - 1];
        if (r && typeof n.value === "number" && (n.value < 0 || Object.is(n.value, -0)) && prev?.text === "-") {
          r = { start: prev.start, end: r.end };
        }
        break;
      }
      case "name":
      case "variable":
      case "string":
      case "value":
      case "regex":
      case "wildcard":
      case "descendant":
      case "operator":
        r = this.tokenRange(n.position);
        break;
      case "unary":
        if (n.value === "[" || n.value === "{") r = this.bracketed(n.position);
        else r = join(this.tokenRange(n.position), this.spanOf(n.expression));
        break;
      case "block":
        r = this.bracketed(n.position);
        break;
      case "sort": {
        const caret = this.tokenRange(n.position);
        const open = this.tokenIndexEndingAt(n.position) + 1;
        r = join(caret, this.bracketed(this.tokens[open]?.end));
        break;
      }
      case "function":
      case "partial":
        r = join(this.spanOf(n.procedure), this.bracketed(n.position));
        for (const a of n.arguments ?? []) r = join(r, this.spanOf(a));
        break;
      case "lambda":
        r = n.thunk ? this.spanOf(n.body) : this.lambdaRange(n);
        break;
      case "condition":
        r = join(join(this.spanOf(n.condition), this.spanOf(n.then)), this.spanOf(n.else));
        break;
      case "transform": {
        r = join(this.tokenRange(n.position), this.spanOf(n.delete ?? n.update));
        const i = r ? this.tokenIndexEndingAt(r.end) : -1;
        const bar = this.tokens[i + 1];
        if (r && i >= 0 && bar?.text === "|") r = { start: r.start, end: bar.end };
        break;
      }
      case "binary":
      case "bind":
      case "apply":
        r = join(isNode(n.lhs) ? this.spanOf(n.lhs) : undefined, this.spanOf(n.rhs));
        if (r === undefined) r = this.tokenRange(n.position);
        break;
      default:
        r = this.tokenRange(n.position);
    }
    if (n.group && n.type !== "path") r = join(r, this.bracketed(n.group.position));
    for (const [k, v] of pairsOf(n.group?.lhs)) r = join(r, join(this.spanOf(k), this.spanOf(v)));
    return this.postfix(r);
  }

  /** `function($a, $b)<sig>{ body }`: from the keyword to the closing brace. */
  private lambdaRange(n: JNode): Range | undefined {
    const open = this.tokenIndexEndingAt(n.position);
    if (open < 0) return this.spanOf(n.body);
    const keyword = this.tokens[open - 1];
    const start = keyword?.kind === "name" ? keyword.start : this.tokens[open]!.start;
    let i = this.match[open] ?? -1;
    if (i < 0) return { start, end: this.tokens[open]!.end };
    while (i < this.tokens.length && this.tokens[i]!.text !== "{") i++;
    const close = this.tokens[this.match[i] ?? -1];
    const end = close?.end ?? this.spanOf(n.body)?.end ?? this.tokens[open]!.end;
    return { start, end };
  }
}
