/**
 * The house style, as decisions about the whitespace before each token of a
 * parsed file (the CST of src/syntax/parser.ts; node types: grammar/cst.d.ts).
 * Tokens are printed verbatim and in source order; only the separators change:
 *
 * - declarations start at column 0, separated by one blank line; `package`
 *   and the group of `import`s form the first paragraphs;
 * - inside `{ ... }` blocks, one item per line indented by 2; a blank line
 *   between two items is kept when the source has one (at most one);
 * - a region binding's continuation (`in <stage> via ...`, `transform`,
 *   `when`, `for`, `note`) goes on following lines indented by 4 more;
 * - adapter settings stay inline (`via osci { recipient "x" }`) when they fit
 *   in {@link MAX_WIDTH} columns (or are just one) and hold no comment, else
 *   one per line;
 * - a function declaration is one line up to its expression:
 *   `function Kopf(typ: string, code?: Code): Nachrichtenkopf ```...``` `;
 * - otherwise tokens are separated by one space, except none around `.`,
 *   after `@` and `(`, and before `,` `?` `:` `(` `)`.
 */
import type { CstNode, IToken } from "chevrotain";
import type * as C from "../../grammar/cst.js";
import { Printer, type Blank, type Sep } from "./printer.js";

/** Lines are kept within this width where the layout has a choice (adapter settings). */
export const MAX_WIDTH = 100;
/** Indentation of a block's items. */
export const INDENT = 2;
/** Extra indentation of a statement's continuation lines. */
export const CONTINUATION = 4;

interface AdapterGroup {
  open: IToken;
  close: IToken;
  settings: C.SettingCstNode[];
  /** Statement indentation to restore after the closing brace. */
  stmt: number;
}

interface Override {
  sep?: Sep;
  /** Indentation of the statement this token starts (continuation lines break at stmt + CONTINUATION). */
  stmt?: number;
  /** Set on an adapter's `{`: decide inline or one setting per line when printing. */
  group?: AdapterGroup;
}

type Child = CstNode | IToken;

function isToken(c: Child): c is IToken {
  return (c as IToken).image !== undefined;
}

/** All tokens under a node, in any order. */
function collect(node: CstNode, out: IToken[]): IToken[] {
  for (const list of Object.values(node.children)) {
    for (const c of list as Child[]) {
      if (isToken(c)) out.push(c);
      else collect(c, out);
    }
  }
  return out;
}

/** The first token of a node (in source order; each child list is in source order, so only heads are visited). */
function first(node: CstNode): IToken {
  let best: IToken | undefined;
  for (const key in node.children) {
    const head = node.children[key]![0] as Child | undefined;
    if (!head) continue;
    const t = isToken(head) ? head : first(head);
    if (!best || t.startOffset < best.startOffset) best = t;
  }
  if (!best) throw new Error(`empty CST node ${node.name}`);
  return best;
}

const NO_SPACE_BEFORE = new Set(["Dot", "Comma", "Question", "Colon", "LParen", "RParen"]);
const NO_SPACE_AFTER = new Set(["Dot", "At", "LParen"]);

function defaultSep(prev: IToken | undefined, tok: IToken, breakIndent: number): Sep {
  const tight = NO_SPACE_BEFORE.has(tok.tokenType.name) || (prev !== undefined && NO_SPACE_AFTER.has(prev.tokenType.name));
  return { kind: tight ? "none" : "space", breakIndent };
}

class Layout {
  readonly overrides = new Map<IToken, Override>();

  constructor(private readonly hasCommentIn: (start: number, end: number) => boolean) {}

  private set(tok: IToken | undefined, o: Override): void {
    if (tok) this.overrides.set(tok, { ...this.overrides.get(tok), ...o });
  }

  /** `tok` starts a new line at `indent`; the statement it belongs to is indented by `stmt`. */
  private line(tok: IToken | undefined, indent: number, blank: Blank, stmt = indent): void {
    this.set(tok, { sep: { kind: "line", indent, blank }, stmt });
  }

  /** A `{ items }` block whose opening line is indented by `ind`. */
  private block(open: IToken | undefined, close: IToken | undefined, items: IToken[], ind: number): void {
    items.forEach((t, i) => this.line(t, ind + INDENT, i === 0 ? "never" : "keep"));
    if (!close) return;
    if (items.length === 0 && open && !this.hasCommentIn(open.startOffset, close.startOffset)) {
      this.set(close, { sep: { kind: "none", breakIndent: ind + CONTINUATION }, stmt: ind });
    } else {
      this.set(close, { sep: { kind: "line", indent: ind, blank: "never", commentIndent: ind + INDENT, commentBlank: "keep" }, stmt: ind });
    }
  }

  file(node: C.FileCstNode): void {
    const { packageDecl, importDecl, declaration } = node.children;
    for (const p of packageDecl ?? []) this.line(first(p), 0, "always");
    (importDecl ?? []).forEach((imp, i) => this.line(first(imp), 0, i === 0 ? "always" : "keep"));
    for (const d of declaration ?? []) {
      this.line(first(d), 0, "always");
      this.declaration(d);
    }
  }

  private declaration(node: C.DeclarationCstNode): void {
    const c = node.children;
    const type = c.typeDecl?.[0]?.children;
    if (type) this.block(type.LBrace[0], type.RBrace[0], (type.fieldDecl ?? []).map(first), 0);
    const message = c.messageDecl?.[0]?.children;
    if (message) this.block(message.LBrace?.[0], message.RBrace?.[0], (message.fieldDecl ?? []).map(first), 0);
    const codelist = c.codelistDecl?.[0]?.children;
    if (codelist) this.block(codelist.LBrace[0], codelist.RBrace[0], (codelist.codeEntry ?? []).map(first), 0);
    const system = c.systemDecl?.[0]?.children;
    if (system) this.block(system.LBrace?.[0], system.RBrace?.[0], (system.systemItem ?? []).map(first), 0);
    const scenario = c.scenarioDecl?.[0]?.children;
    if (scenario) {
      const items = scenario.scenarioItem ?? [];
      this.block(scenario.LBrace[0], scenario.RBrace[0], items.map(first), 0);
      for (const it of items) this.adapters(it.children.adapterSpec ?? [], INDENT);
    }
    const region = c.regionDecl?.[0]?.children;
    if (region) {
      const items = region.regionItem ?? [];
      this.block(region.LBrace[0], region.RBrace[0], items.map(first), 0);
      for (const it of items) this.regionItem(it, INDENT);
    }
    const test = c.testDecl?.[0]?.children;
    if (test) {
      const steps: CstNode[] = [...(test.givenStep ?? []), ...(test.expectStep ?? []), ...(test.stageItem ?? [])];
      const firsts = steps.map(first).sort((a, b) => a.startOffset - b.startOffset);
      this.block(test.LBrace[0], test.RBrace[0], firsts, 0);
    }
    // roleDecl, transformDecl and functionDecl are one line each (a fenced expression keeps its own lines).
  }

  private regionItem(node: C.RegionItemCstNode, ind: number): void {
    const lookup = node.children.lookupItem?.[0]?.children;
    if (lookup) this.block(lookup.LBrace[0], lookup.RBrace[0], lookup.StringLit ?? [], ind);
    const binding = node.children.binding?.[0]?.children;
    if (binding) {
      this.adapters(binding.adapterSpec ?? [], ind);
      for (const opt of binding.bindingOption ?? []) this.line(first(opt), ind + CONTINUATION, "never");
    }
  }

  /** The first adapter stays on the statement's line; further (`in <stage> via ...`) ones are continuation lines. */
  private adapters(specs: C.AdapterSpecCstNode[], ind: number): void {
    specs.forEach((spec, i) => {
      const stmt = i > 0 ? ind + CONTINUATION : ind;
      if (i > 0) this.line(first(spec), stmt, "never");
      const open = spec.children.LBrace[0];
      const close = spec.children.RBrace[0];
      if (open && close) this.set(open, { group: { open, close, settings: spec.children.setting ?? [], stmt } });
    });
  }

  /** Called when the printer is about to write an adapter's `{`: inline if it fits, else one setting per line. */
  decideGroup(g: AdapterGroup, printer: Printer): void {
    const texts = g.settings.map((s) =>
      collect(s, [])
        .sort((a, b) => a.startOffset - b.startOffset)
        .map((t) => t.image)
        .join(" "),
    );
    const width = texts.length === 0 ? 2 : 4 + texts.join(" ").length;
    // One setting stays inline even on a long line: breaking it would only add two lines.
    const fits = !this.hasCommentIn(g.open.startOffset, g.close.startOffset) && (printer.column + width <= MAX_WIDTH || texts.length <= 1);
    const firsts = g.settings.map(first);
    if (fits) {
      for (const t of firsts) this.set(t, { sep: { kind: "space", breakIndent: g.stmt + CONTINUATION } });
      this.set(g.close, { sep: { kind: firsts.length ? "space" : "none", breakIndent: g.stmt + CONTINUATION } });
      return;
    }
    const lineInd = printer.lineIndent;
    firsts.forEach((t, i) => this.line(t, lineInd + INDENT, i === 0 ? "never" : "keep"));
    this.set(g.close, {
      sep: { kind: "line", indent: lineInd, blank: "never", commentIndent: lineInd + INDENT, commentBlank: "keep" },
      stmt: g.stmt,
    });
  }
}

/**
 * Prints a parsed file in the house style.
 * @param cst      the file's CST (parsed without errors)
 * @param tokens   the tokens the CST was parsed from, in source order
 * @param comments the comment tokens of the same lexing run, in source order
 * @param source   the file's text
 */
export function printFile(cst: CstNode, tokens: readonly IToken[], comments: readonly IToken[], source: string): string {
  const printer = new Printer(source, comments);
  const layout = new Layout((s, e) => printer.hasCommentIn(s, e));
  layout.file(cst as C.FileCstNode);
  let stmt = 0;
  let prev: IToken | undefined;
  for (const tok of tokens) {
    const o = layout.overrides.get(tok);
    if (o?.stmt !== undefined) stmt = o.stmt;
    printer.prepare(tok, o?.sep ?? defaultSep(prev, tok, stmt + CONTINUATION));
    if (o?.group) layout.decideGroup(o.group, printer);
    printer.write(tok);
    prev = tok;
  }
  return printer.finish();
}
