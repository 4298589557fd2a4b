/**
 * The AST of a rule file. Every node keeps exact offsets into its source
 * (`start` inclusive, `end` exclusive); the file path is on {@link SourceFileAst}.
 * Nodes produced from recovered (incomplete) syntax may lack optional parts:
 * consumers must be defensive.
 */

export interface Loc {
  start: number;
  end: number;
}

/** An identifier with its location. */
export interface Ident extends Loc {
  text: string;
}

/** A possibly qualified name: `Name` or `package.Name`. */
export interface QName extends Loc {
  parts: string[];
  /** The written form, e.g. "gewerbe.A1". */
  text: string;
}

export interface StringNode extends Loc {
  value: string;
}

/** An embedded JSONata expression; `source` excludes the delimiters, `sourceStart` is its offset in the file. */
export interface ExprNode extends Loc {
  source: string;
  sourceStart: number;
}

export type Literal =
  | ({ kind: "string" } & StringNode)
  | ({ kind: "number"; value: number; raw: string } & Loc)
  | ({ kind: "boolean"; value: boolean } & Loc)
  | ({ kind: "null" } & Loc)
  | ({ kind: "name"; value: string } & Loc);

export interface SourceFileAst {
  file: string;
  text: string;
  package?: QName;
  imports: ImportDecl[];
  declarations: Declaration[];
}

export interface ImportDecl extends Loc {
  kind: "import";
  name: QName;
  alias?: Ident;
}

export type Declaration =
  | TypeDecl
  | MessageDecl
  | CodeListDecl
  | RoleDecl
  | SystemDecl
  | ScenarioDecl
  | TransformDecl
  | FunctionDecl
  | RegionDecl
  | TestDecl;

export type TypeExpr =
  | ({ kind: "named"; name: QName } & Loc)
  | ({ kind: "list"; element: TypeExpr } & Loc)
  | ({ kind: "optional"; element: TypeExpr } & Loc);

export interface FieldDecl extends Loc {
  /** "element" (default), "attribute" (@name) or "text" (simple content). */
  node: "element" | "attribute" | "text";
  name: Ident;
  optional: boolean;
  type?: TypeExpr;
  /** XML local name when it differs from `name` (`as "..."`). */
  xmlName?: StringNode;
  /** Per-field namespace override. */
  namespace?: StringNode;
  unqualified?: boolean;
  nillable?: boolean;
}

export interface TypeDecl extends Loc {
  kind: "type";
  name: Ident;
  namespace?: StringNode;
  unqualified?: boolean;
  fields: FieldDecl[];
}

export interface MessageDecl extends Loc {
  kind: "message";
  name: Ident;
  encoding: "xml" | "json" | "xsd";
  /** xml: namespace URI; xsd: file path. */
  namespaceOrFile?: StringNode;
  /** xml: root element; xsd: element name. */
  root?: StringNode;
  prefix?: Ident;
  version?: StringNode;
  /** `of T`: the root element's content is the record type T (instead of a body). */
  typeRef?: QName;
  fields: FieldDecl[];
  /** True when written with a `{ ... }` body. */
  hasBody: boolean;
}

export interface CodeListDecl extends Loc {
  kind: "codelist";
  name: Ident;
  uri?: StringNode;
  assumed: boolean;
  codes: Array<{ code: StringNode; label?: StringNode }>;
}

export interface RoleDecl extends Loc {
  kind: "role";
  name: Ident;
  title?: StringNode;
}

export interface SystemDecl extends Loc {
  kind: "system";
  name: Ident;
  implements: QName[];
  accepts: QName[];
  certified: boolean;
  vendor?: StringNode;
}

export interface ScenarioItem extends Loc {
  item:
    | "from"
    | "to"
    | "message"
    | "detect"
    | "region"
    | "correlate"
    | "idempotency"
    | "ack"
    | "reply"
    | "unroutable";
  names?: QName[];
  mode?: "one" | "each" | "origin";
  expr?: ExprNode;
  /** unroutable: "error-folder" or a dead-letter binding. */
  unroutable?: { kind: "error-folder" } | { kind: "dead-letter"; system: QName; adapters: AdapterSpec[] };
}

export interface ScenarioDecl extends Loc {
  kind: "scenario";
  name: Ident;
  title?: StringNode;
  items: ScenarioItem[];
}

export interface TransformDecl extends Loc {
  kind: "transform";
  name: Ident;
  from?: QName;
  to?: QName;
  /** Explicit permissions: "float" (binary arithmetic on decimals), "untyped" ($eval and the like). */
  allow: Ident[];
  expr?: ExprNode;
}

/** One parameter of a shared function: `name: T` or `name?: T` (may be left out by the caller). */
export interface ParamDecl extends Loc {
  name: Ident;
  optional: boolean;
  type?: TypeExpr;
}

/**
 * A shared, typed JSONata function: `function Kopf(typ: string, code: string): Nachrichtenkopf ```...``` `.
 * Called as `$Kopf(...)` from the package's expressions; the body sees only its parameters.
 */
export interface FunctionDecl extends Loc {
  kind: "function";
  name: Ident;
  params: ParamDecl[];
  result?: TypeExpr;
  expr?: ExprNode;
}

export interface AdapterSetting extends Loc {
  key: Ident;
  value?: Literal;
  /** `auth secret "NAME"`: the qualifier `secret` and its argument. */
  qualifier?: Ident;
  argument?: StringNode;
}

export interface AdapterSpec extends Loc {
  /** Stage this adapter applies to; undefined = every stage without its own. */
  stage?: Ident;
  kind: Ident;
  settings: AdapterSetting[];
}

export interface BindingNode extends Loc {
  kind: "binding";
  override: boolean;
  role: QName;
  recipient?: StringNode;
  /** `= none`: removes an inherited binding (e.g. a recipient that waived transmission). */
  none: boolean;
  system?: QName;
  adapters: AdapterSpec[];
  transform?: QName;
  when?: ExprNode;
  scenarios: QName[];
  notes: Array<{ key: Ident; value: StringNode }>;
}

export interface StageNode extends Loc {
  kind: "stage";
  override: boolean;
  stage: Ident;
}

export interface LookupNode extends Loc {
  kind: "lookup";
  override: boolean;
  name: Ident;
  entries: Array<{ key: StringNode; value: Literal }>;
}

export interface SetNode extends Loc {
  kind: "set";
  override: boolean;
  name: Ident;
  value?: Literal;
}

export type RegionItem = BindingNode | StageNode | LookupNode | SetNode;

export interface RegionDecl extends Loc {
  kind: "region";
  key: StringNode;
  title?: StringNode;
  items: RegionItem[];
}

export interface Selector extends Loc {
  role: QName;
  recipient?: StringNode;
  system?: QName;
  region?: StringNode;
}

export interface GivenStep extends Loc {
  scenario?: QName;
  file?: StringNode;
  inline?: StringNode;
  region?: StringNode;
}

export type ExpectNode =
  | ({ kind: "delivered"; to: Selector } & Loc)
  | ({ kind: "not-delivered"; to: Selector } & Loc)
  | ({ kind: "rejected"; reason: Ident } & Loc)
  | ({ kind: "field"; to: Selector; path: ExprNode; value?: Literal } & Loc)
  | ({ kind: "absent"; to: Selector; path: ExprNode } & Loc);

export interface TestDecl extends Loc {
  kind: "test";
  name: StringNode;
  stage?: Ident;
  given: GivenStep[];
  expects: ExpectNode[];
}
