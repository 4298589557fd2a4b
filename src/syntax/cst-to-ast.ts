/**
 * CST -> AST. Pure and defensive: nodes recovered by the parser may miss
 * children, so every accessor tolerates absence. Keeps exact offsets.
 */
import type { CstNode, IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/messages.js";
import type * as A from "./ast.js";

type Child = CstNode | IToken;

function isToken(c: Child): c is IToken {
  return (c as IToken).image !== undefined;
}

/** A token produced by recovery has no real position. */
function realToken(t: IToken | undefined): IToken | undefined {
  return t && !t.isInsertedInRecovery && Number.isFinite(t.startOffset) ? t : undefined;
}

/** Whether a string token ends with its closing quote (one not escaped by a backslash). */
function closedString(image: string): boolean {
  if (image.length < 2 || !image.endsWith('"')) return false;
  let backslashes = 0;
  for (let i = image.length - 2; i > 0 && image[i] === "\\"; i--) backslashes++;
  return backslashes % 2 === 0;
}

class Builder {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly path: string) {}

  tok(node: CstNode | undefined, name: string, i = 0): IToken | undefined {
    const c = node?.children[name]?.[i];
    return c && isToken(c) ? realToken(c) : undefined;
  }
  toks(node: CstNode | undefined, name: string): IToken[] {
    return (node?.children[name] ?? []).filter(isToken).filter((t) => realToken(t) !== undefined);
  }
  sub(node: CstNode | undefined, name: string, i = 0): CstNode | undefined {
    const c = node?.children[name]?.[i];
    return c && !isToken(c) ? c : undefined;
  }
  subs(node: CstNode | undefined, name: string): CstNode[] {
    return (node?.children[name] ?? []).filter((c): c is CstNode => !isToken(c));
  }

  // A Map, not a WeakMap: the builder lives for one file, and ephemeron tables
  // with one entry per CST node made garbage collection a large share of parsing.
  private readonly locs = new Map<CstNode, A.Loc>();

  /**
   * Offsets of a CST node: min start and max end over its real tokens.
   * Memoized, so building the whole AST visits each CST node once (linear).
   */
  loc(node: CstNode | undefined): A.Loc {
    if (!node) return { start: 0, end: 0 };
    const known = this.locs.get(node);
    if (known) return known;
    let start = Number.POSITIVE_INFINITY;
    let end = Number.NEGATIVE_INFINITY;
    const children = node.children;
    for (const key in children) {
      const list = children[key]!;
      for (let i = 0; i < list.length; i++) {
        const c = list[i]!;
        if (isToken(c)) {
          const t = realToken(c);
          if (!t) continue;
          if (t.startOffset < start) start = t.startOffset;
          const e = t.startOffset + t.image.length;
          if (e > end) end = e;
        } else {
          const l = this.loc(c);
          if (l.end === 0 && l.start === 0) continue;
          if (l.start < start) start = l.start;
          if (l.end > end) end = l.end;
        }
      }
    }
    const result = Number.isFinite(start) ? { start, end } : { start: 0, end: 0 };
    this.locs.set(node, result);
    return result;
  }

  tokLoc(t: IToken): A.Loc {
    return { start: t.startOffset, end: t.startOffset + t.image.length };
  }

  ident(t: IToken | undefined): A.Ident | undefined {
    return t ? { text: t.image, ...this.tokLoc(t) } : undefined;
  }

  str(t: IToken | undefined): A.StringNode | undefined {
    if (!t) return undefined;
    // An unterminated string (already reported) is read up to the end of its line.
    const raw = t.image.slice(1, closedString(t.image) ? -1 : undefined);
    return { value: this.unescape(raw, t.startOffset + 1), ...this.tokLoc(t) };
  }

  unescape(raw: string, offset: number): string {
    if (!raw.includes("\\")) return raw;
    return raw.replace(/\\(u\{[0-9A-Fa-f]{1,6}\}|.)/g, (m, e: string, at: number) => {
      switch (e[0]) {
        case '"':
          return '"';
        case "\\":
          return "\\";
        case "n":
          return "\n";
        case "t":
          return "\t";
        case "u": {
          const cp = Number.parseInt(e.slice(2, -1), 16);
          if (e.length > 1 && cp <= 0x10ffff) return String.fromCodePoint(cp);
          break;
        }
      }
      this.diagnostics.push(diag("bad-escape", { file: this.path, start: offset + at, end: offset + at + m.length }, { escape: `\`${m}\`` }));
      return m;
    });
  }

  qname(node: CstNode | undefined): A.QName | undefined {
    const parts = this.toks(node, "Identifier");
    if (parts.length === 0) return undefined;
    return { parts: parts.map((p) => p.image), text: parts.map((p) => p.image).join("."), ...this.loc(node) };
  }

  qnames(node: CstNode | undefined): A.QName[] {
    return this.subs(node, "qname")
      .map((q) => this.qname(q))
      .filter((q): q is A.QName => q !== undefined);
  }

  expr(node: CstNode | undefined): A.ExprNode | undefined {
    const t = this.tok(node, "FencedExpr") ?? this.tok(node, "InlineExpr");
    if (!t) return undefined;
    const fence = t.tokenType.name === "FencedExpr" ? 3 : 1;
    return { source: t.image.slice(fence, -fence), sourceStart: t.startOffset + fence, ...this.tokLoc(t) };
  }

  literal(node: CstNode | undefined): A.Literal | undefined {
    if (!node) return undefined;
    const s = this.tok(node, "StringLit");
    if (s) return { kind: "string", ...this.str(s)! };
    const n = this.tok(node, "NumberLit");
    if (n) return { kind: "number", value: Number(n.image), raw: n.image, ...this.tokLoc(n) };
    const tr = this.tok(node, "Kw_true");
    if (tr) return { kind: "boolean", value: true, ...this.tokLoc(tr) };
    const fa = this.tok(node, "Kw_false");
    if (fa) return { kind: "boolean", value: false, ...this.tokLoc(fa) };
    const nu = this.tok(node, "Kw_null");
    if (nu) return { kind: "null", ...this.tokLoc(nu) };
    return undefined;
  }

  sourceFile(cst: CstNode, text: string): A.SourceFileAst {
    const pkg = this.sub(cst, "packageDecl");
    const ast: A.SourceFileAst = { file: this.path, text, imports: [], declarations: [] };
    const pkgName = this.qname(this.sub(pkg, "qname"));
    if (pkgName) ast.package = pkgName;
    for (const imp of this.subs(cst, "importDecl")) {
      const name = this.qname(this.sub(imp, "qname"));
      if (!name) continue;
      const decl: A.ImportDecl = { kind: "import", name, ...this.loc(imp) };
      const alias = this.ident(this.tok(imp, "Identifier"));
      if (alias) decl.alias = alias;
      ast.imports.push(decl);
    }
    for (const d of this.subs(cst, "declaration")) {
      const decl = this.declaration(d);
      if (decl) ast.declarations.push(decl);
    }
    return ast;
  }

  declaration(node: CstNode): A.Declaration | undefined {
    const [name, child] = Object.entries(node.children)[0] ?? [];
    const inner = child?.[0];
    if (!name || !inner || isToken(inner)) return undefined;
    switch (name) {
      case "typeDecl":
        return this.typeDecl(inner);
      case "messageDecl":
        return this.messageDecl(inner);
      case "codelistDecl":
        return this.codelistDecl(inner);
      case "roleDecl":
        return this.roleDecl(inner);
      case "systemDecl":
        return this.systemDecl(inner);
      case "scenarioDecl":
        return this.scenarioDecl(inner);
      case "transformDecl":
        return this.transformDecl(inner);
      case "functionDecl":
        return this.functionDecl(inner);
      case "regionDecl":
        return this.regionDecl(inner);
      case "testDecl":
        return this.testDecl(inner);
      default:
        return undefined;
    }
  }

  typeDecl(node: CstNode): A.TypeDecl | undefined {
    const name = this.ident(this.tok(node, "Identifier"));
    if (!name) return undefined;
    const decl: A.TypeDecl = { kind: "type", name, fields: this.fields(node), ...this.loc(node) };
    this.applyNamespace(this.sub(node, "xmlNamespace"), decl);
    return decl;
  }

  applyNamespace(ns: CstNode | undefined, target: { namespace?: A.StringNode; unqualified?: boolean }): void {
    if (!ns) return;
    const uri = this.str(this.tok(ns, "StringLit"));
    if (uri) target.namespace = uri;
    if (this.tok(ns, "Kw_unqualified")) target.unqualified = true;
  }

  fields(node: CstNode): A.FieldDecl[] {
    const out: A.FieldDecl[] = [];
    for (const f of this.subs(node, "fieldDecl")) {
      const nameTok = this.tok(f, "Name") ?? this.tok(f, "StringLit");
      if (!nameTok) continue;
      const isString = nameTok.tokenType.name === "StringLit";
      const text = isString ? (this.str(nameTok)?.value ?? "") : nameTok.image;
      const node: A.FieldDecl["node"] = this.tok(f, "At") ? "attribute" : text === "#text" ? "text" : "element";
      const field: A.FieldDecl = {
        node,
        name: { text, ...this.tokLoc(nameTok) },
        optional: this.tok(f, "Question") !== undefined,
        ...this.loc(f),
      };
      const type = this.typeExpr(this.sub(f, "typeExpr"));
      if (type) field.type = type;
      for (const opt of this.subs(f, "fieldOption")) {
        const as = this.tok(opt, "Kw_as") ? this.str(this.tok(opt, "StringLit")) : undefined;
        if (as) field.xmlName = as;
        this.applyNamespace(this.sub(opt, "xmlNamespace"), field);
        if (this.tok(opt, "Kw_nillable")) field.nillable = true;
      }
      out.push(field);
    }
    return out;
  }

  typeExpr(node: CstNode | undefined): A.TypeExpr | undefined {
    if (!node) return undefined;
    const loc = this.loc(node);
    const inner = this.typeExpr(this.sub(node, "typeExpr"));
    if (this.tok(node, "Kw_list")) return inner ? { kind: "list", element: inner, ...loc } : undefined;
    if (this.tok(node, "Kw_optional")) return inner ? { kind: "optional", element: inner, ...loc } : undefined;
    const name = this.qname(this.sub(node, "qname"));
    return name ? { kind: "named", name, ...loc } : undefined;
  }

  messageDecl(node: CstNode): A.MessageDecl | undefined {
    const name = this.ident(this.tok(node, "Identifier"));
    if (!name) return undefined;
    const xml = this.sub(node, "xmlBinding");
    const xsd = this.sub(node, "xsdSource");
    const decl: A.MessageDecl = {
      kind: "message",
      name,
      encoding: xml ? "xml" : xsd ? "xsd" : "json",
      fields: this.fields(node),
      hasBody: this.tok(node, "LBrace") !== undefined,
      ...this.loc(node),
    };
    const src = xml ?? xsd;
    const a = this.str(this.tok(src, "StringLit", 0));
    const b = this.str(this.tok(src, "StringLit", 1));
    if (a) decl.namespaceOrFile = a;
    if (b) decl.root = b;
    const prefix = this.ident(this.tok(src, "Identifier"));
    if (prefix) decl.prefix = prefix;
    const version = this.tok(node, "Kw_version") ? this.str(this.tok(node, "StringLit")) : undefined;
    if (version) decl.version = version;
    const typeRef = this.tok(node, "Kw_of") ? this.qname(this.sub(node, "qname")) : undefined;
    if (typeRef) decl.typeRef = typeRef;
    return decl;
  }

  codelistDecl(node: CstNode): A.CodeListDecl | undefined {
    const name = this.ident(this.tok(node, "Identifier"));
    if (!name) return undefined;
    const decl: A.CodeListDecl = {
      kind: "codelist",
      name,
      assumed: this.tok(node, "Kw_assumed") !== undefined,
      codes: [],
      ...this.loc(node),
    };
    const uri = this.str(this.tok(node, "StringLit"));
    if (uri) decl.uri = uri;
    for (const e of this.subs(node, "codeEntry")) {
      const code = this.str(this.tok(e, "StringLit", 0));
      if (!code) continue;
      const label = this.str(this.tok(e, "StringLit", 1));
      decl.codes.push(label ? { code, label } : { code });
    }
    return decl;
  }

  roleDecl(node: CstNode): A.RoleDecl | undefined {
    const name = this.ident(this.tok(node, "Identifier"));
    if (!name) return undefined;
    const decl: A.RoleDecl = { kind: "role", name, ...this.loc(node) };
    const title = this.str(this.tok(node, "StringLit"));
    if (title) decl.title = title;
    return decl;
  }

  systemDecl(node: CstNode): A.SystemDecl | undefined {
    const name = this.ident(this.tok(node, "Identifier"));
    if (!name) return undefined;
    const decl: A.SystemDecl = {
      kind: "system",
      name,
      implements: this.qnames(this.sub(node, "qnameList")),
      accepts: [],
      certified: false,
      ...this.loc(node),
    };
    for (const item of this.subs(node, "systemItem")) {
      if (this.tok(item, "Kw_accepts")) decl.accepts.push(...this.qnames(this.sub(item, "qnameList")));
      if (this.tok(item, "Kw_certified")) decl.certified = true;
      const vendor = this.tok(item, "Kw_vendor") ? this.str(this.tok(item, "StringLit")) : undefined;
      if (vendor) decl.vendor = vendor;
    }
    return decl;
  }

  scenarioDecl(node: CstNode): A.ScenarioDecl | undefined {
    const name = this.ident(this.tok(node, "Identifier"));
    if (!name) return undefined;
    const decl: A.ScenarioDecl = { kind: "scenario", name, items: [], ...this.loc(node) };
    const title = this.str(this.tok(node, "StringLit"));
    if (title) decl.title = title;
    for (const it of this.subs(node, "scenarioItem")) {
      const item = this.scenarioItem(it);
      if (item) decl.items.push(item);
    }
    return decl;
  }

  scenarioItem(node: CstNode): A.ScenarioItem | undefined {
    const loc = this.loc(node);
    const q = (): A.QName[] => this.qnames(node);
    if (this.tok(node, "Kw_from")) return { item: "from", names: q(), ...loc };
    if (this.tok(node, "Kw_to")) {
      if (this.tok(node, "Kw_origin")) return { item: "to", mode: "origin", names: [], ...loc };
      if (this.tok(node, "Kw_each")) return { item: "to", mode: "each", names: q(), ...loc };
      return { item: "to", mode: "one", names: this.qnames(this.sub(node, "qnameList")), ...loc };
    }
    if (this.tok(node, "Kw_message")) return { item: "message", names: q(), ...loc };
    if (this.tok(node, "Kw_ack")) return { item: "ack", names: q(), ...loc };
    if (this.tok(node, "Kw_reply")) return { item: "reply", ...loc };
    for (const kw of ["detect", "region", "correlate", "idempotency"] as const) {
      if (this.tok(node, `Kw_${kw}`)) {
        // Without its expression (unterminated, already reported) the item is kept, so checks know it was written.
        const e = this.expr(this.sub(node, "expr"));
        return e ? { item: kw, expr: e, ...loc } : { item: kw, ...loc };
      }
    }
    if (this.tok(node, "Kw_unroutable")) {
      const how = this.tok(node, "Identifier");
      const system = q()[0];
      if (how?.image === "dead-letter" && system) {
        return { item: "unroutable", unroutable: { kind: "dead-letter", system, adapters: this.adapters(node) }, ...loc };
      }
      if (how?.image === "error-folder" && system) {
        this.diagnostics.push(
          diag("syntax-error", { file: this.path, start: system.start, end: this.loc(node).end }, { detail: "`unroutable error-folder` takes no system or adapter; for a dead-letter endpoint write `unroutable dead-letter System via ...`." }),
        );
      }
      return { item: "unroutable", unroutable: { kind: "error-folder" }, names: how ? [{ parts: [how.image], text: how.image, ...this.tokLoc(how) }] : [], ...loc };
    }
    return undefined;
  }

  adapters(node: CstNode): A.AdapterSpec[] {
    const out: A.AdapterSpec[] = [];
    for (const a of this.subs(node, "adapterSpec")) {
      const kind = this.ident(this.tok(a, "Identifier"));
      if (!kind) continue;
      const spec: A.AdapterSpec = { kind, settings: [], ...this.loc(a) };
      const stage = this.tok(a, "Kw_in") ? this.ident(this.tok(a, "Name")) : undefined;
      if (stage) spec.stage = stage;
      for (const s of this.subs(a, "setting")) {
        const key = this.ident(this.tok(s, "Name", 0));
        if (!key) continue;
        const setting: A.AdapterSetting = { key, ...this.loc(s) };
        const str = this.tok(s, "StringLit");
        const num = this.tok(s, "NumberLit");
        const word = this.tok(s, "Name", 1);
        if (word) {
          const arg = this.str(str);
          if (arg) {
            setting.qualifier = this.ident(word)!;
            setting.argument = arg;
          } else {
            const w = word.image;
            setting.value =
              w === "true" || w === "false"
                ? { kind: "boolean", value: w === "true", ...this.tokLoc(word) }
                : { kind: "name", value: w, ...this.tokLoc(word) };
          }
        } else if (str) setting.value = { kind: "string", ...this.str(str)! };
        else if (num) setting.value = { kind: "number", value: Number(num.image), raw: num.image, ...this.tokLoc(num) };
        spec.settings.push(setting);
      }
      out.push(spec);
    }
    return out;
  }

  transformDecl(node: CstNode): A.TransformDecl | undefined {
    const ids = this.toks(node, "Identifier");
    const name = this.ident(ids[0]);
    if (!name) return undefined;
    const [from, to] = this.qnames(node);
    const decl: A.TransformDecl = {
      kind: "transform",
      name,
      allow: ids.slice(1).map((t) => this.ident(t)!),
      ...this.loc(node),
    };
    if (from) decl.from = from;
    if (to) decl.to = to;
    const e = this.expr(this.sub(node, "expr"));
    if (e) decl.expr = e;
    return decl;
  }

  functionDecl(node: CstNode): A.FunctionDecl | undefined {
    const name = this.ident(this.tok(node, "Identifier"));
    if (!name) return undefined;
    const params: A.ParamDecl[] = [];
    for (const p of this.subs(node, "paramDecl")) {
      const pname = this.ident(this.tok(p, "Name"));
      if (!pname) continue;
      const param: A.ParamDecl = { name: pname, optional: this.tok(p, "Question") !== undefined, ...this.loc(p) };
      const type = this.typeExpr(this.sub(p, "typeExpr"));
      if (type) param.type = type;
      params.push(param);
    }
    const decl: A.FunctionDecl = { kind: "function", name, params, ...this.loc(node) };
    const result = this.typeExpr(this.sub(node, "typeExpr"));
    if (result) decl.result = result;
    const e = this.expr(this.sub(node, "expr"));
    if (e) decl.expr = e;
    return decl;
  }

  regionDecl(node: CstNode): A.RegionDecl | undefined {
    const key = this.str(this.tok(node, "StringLit", 0));
    if (!key) return undefined;
    const decl: A.RegionDecl = { kind: "region", key, items: [], ...this.loc(node) };
    const title = this.str(this.tok(node, "StringLit", 1));
    if (title) decl.title = title;
    for (const it of this.subs(node, "regionItem")) {
      const item = this.regionItem(it);
      if (item) decl.items.push(item);
    }
    return decl;
  }

  regionItem(node: CstNode): A.RegionItem | undefined {
    const override = this.tok(node, "Kw_override") !== undefined;
    const loc = this.loc(node);
    const stage = this.sub(node, "stageItem");
    if (stage) {
      const s = this.ident(this.tok(stage, "Name"));
      return s ? { kind: "stage", override, stage: s, ...loc } : undefined;
    }
    const lookup = this.sub(node, "lookupItem");
    if (lookup) {
      const name = this.ident(this.tok(lookup, "Identifier"));
      if (!name) return undefined;
      const keys = this.toks(lookup, "StringLit");
      const values = this.subs(lookup, "literal");
      const entries: A.LookupNode["entries"] = [];
      keys.forEach((k, i) => {
        const value = this.literal(values[i]);
        if (value) entries.push({ key: this.str(k)!, value });
      });
      return { kind: "lookup", override, name, entries, ...loc };
    }
    const set = this.sub(node, "setItem");
    if (set) {
      const name = this.ident(this.tok(set, "Identifier"));
      if (!name) return undefined;
      const item: A.SetNode = { kind: "set", override, name, ...loc };
      const value = this.literal(this.sub(set, "literal"));
      if (value) item.value = value;
      return item;
    }
    const b = this.sub(node, "binding");
    if (!b) return undefined;
    const [role, system] = this.qnames(b);
    if (!role) return undefined;
    const binding: A.BindingNode = {
      kind: "binding",
      override,
      role,
      none: this.tok(b, "Kw_none") !== undefined,
      adapters: this.adapters(b),
      scenarios: [],
      notes: [],
      ...loc,
    };
    const recipient = this.str(this.tok(b, "StringLit"));
    if (recipient) binding.recipient = recipient;
    if (system) binding.system = system;
    for (const opt of this.subs(b, "bindingOption")) {
      if (this.tok(opt, "Kw_transform")) {
        const t = this.qname(this.sub(opt, "qname"));
        if (t) binding.transform = t;
      } else if (this.tok(opt, "Kw_when")) {
        const e = this.expr(this.sub(opt, "expr"));
        if (e) binding.when = e;
      } else if (this.tok(opt, "Kw_for")) {
        binding.scenarios.push(...this.qnames(this.sub(opt, "qnameList")));
      } else if (this.tok(opt, "Kw_note")) {
        const key = this.ident(this.tok(opt, "Name"));
        const value = this.str(this.tok(opt, "StringLit"));
        if (key && value) binding.notes.push({ key, value });
      }
    }
    return binding;
  }

  testDecl(node: CstNode): A.TestDecl | undefined {
    const name = this.str(this.tok(node, "StringLit"));
    if (!name) return undefined;
    const decl: A.TestDecl = { kind: "test", name, given: [], expects: [], ...this.loc(node) };
    const stages = this.subs(node, "stageItem");
    const stage = this.ident(this.tok(stages[0], "Name"));
    if (stage) decl.stage = stage;
    for (const extra of stages.slice(1)) {
      this.diagnostics.push(diag("test-item-twice", { file: this.path, ...this.loc(extra) }, { test: name.value, item: "stage" }));
    }
    for (const g of this.subs(node, "givenStep")) {
      const step: A.GivenStep = { ...this.loc(g) };
      const scenario = this.qname(this.sub(g, "qname"));
      if (scenario) step.scenario = scenario;
      const strings = this.toks(g, "StringLit");
      let si = 0;
      if (this.tok(g, "Kw_file")) step.file = this.str(strings[si++]);
      else if (this.tok(g, "Kw_inline")) {
        const fence = this.tok(g, "FencedExpr");
        step.inline = fence ? { value: fence.image.slice(3, -3), ...this.tokLoc(fence) } : this.str(strings[si++]);
      }
      if (this.tok(g, "Kw_region")) {
        const region = this.str(strings[si]);
        if (region) step.region = region;
      }
      decl.given.push(step);
    }
    for (const e of this.subs(node, "expectStep")) {
      const ex = this.expectStep(e);
      if (ex) decl.expects.push(ex);
    }
    return decl;
  }

  expectStep(node: CstNode): A.ExpectNode | undefined {
    const loc = this.loc(node);
    const sel = this.selector(this.sub(node, "selector"));
    if (this.tok(node, "Kw_rejected")) {
      const reason = this.ident(this.tok(node, "Name"));
      return reason ? { kind: "rejected", reason, ...loc } : undefined;
    }
    if (!sel) return undefined;
    if (this.tok(node, "Kw_not")) return { kind: "not-delivered", to: sel, ...loc };
    if (this.tok(node, "Kw_delivered")) return { kind: "delivered", to: sel, ...loc };
    const path = this.expr(this.sub(node, "expr"));
    if (!path) return undefined;
    if (this.tok(node, "Kw_absent")) return { kind: "absent", to: sel, path, ...loc };
    const out: A.ExpectNode = { kind: "field", to: sel, path, ...loc };
    const value = this.literal(this.sub(node, "literal"));
    if (value) out.value = value;
    return out;
  }

  selector(node: CstNode | undefined): A.Selector | undefined {
    const [role, system] = this.qnames(node);
    if (!node || !role) return undefined;
    const sel: A.Selector = { role, ...this.loc(node) };
    const strings = this.toks(node, "StringLit");
    const hasRegion = this.tok(node, "Kw_region") !== undefined;
    const recipientTok = strings.length === 2 || (strings.length === 1 && !hasRegion) ? strings[0] : undefined;
    const regionTok = hasRegion ? strings[strings.length - 1] : undefined;
    const recipient = this.str(recipientTok);
    if (recipient) sel.recipient = recipient;
    const region = this.str(regionTok);
    if (region) sel.region = region;
    if (system) sel.system = system;
    return sel;
  }
}

/** Converts a file's CST to its AST. Diagnostics: bad escapes in strings. */
export function cstToAst(cst: CstNode, text: string, file: string): { ast: A.SourceFileAst; diagnostics: Diagnostic[] } {
  const b = new Builder(file);
  const ast = b.sourceFile(cst, text);
  return { ast, diagnostics: b.diagnostics };
}
