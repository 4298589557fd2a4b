/* This is a generated file: node scripts/gen-grammar.mjs (chevrotain generateCstDts).
 * The CST node types of the stellwerk parser, one interface per rule of grammar/stellwerk.ebnf. */
import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface FileCstNode extends CstNode {
  name: "file";
  children: FileCstChildren;
}

export type FileCstChildren = {
  packageDecl?: PackageDeclCstNode[];
  importDecl?: ImportDeclCstNode[];
  declaration?: DeclarationCstNode[];
};

export interface PackageDeclCstNode extends CstNode {
  name: "packageDecl";
  children: PackageDeclCstChildren;
}

export type PackageDeclCstChildren = {
  Kw_package: IToken[];
  qname: QnameCstNode[];
};

export interface ImportDeclCstNode extends CstNode {
  name: "importDecl";
  children: ImportDeclCstChildren;
}

export type ImportDeclCstChildren = {
  Kw_import: IToken[];
  qname: QnameCstNode[];
  Kw_as?: IToken[];
  Identifier?: IToken[];
};

export interface QnameCstNode extends CstNode {
  name: "qname";
  children: QnameCstChildren;
}

export type QnameCstChildren = {
  Identifier: (IToken)[];
  Dot?: IToken[];
};

export interface DeclarationCstNode extends CstNode {
  name: "declaration";
  children: DeclarationCstChildren;
}

export type DeclarationCstChildren = {
  typeDecl?: TypeDeclCstNode[];
  messageDecl?: MessageDeclCstNode[];
  codelistDecl?: CodelistDeclCstNode[];
  roleDecl?: RoleDeclCstNode[];
  systemDecl?: SystemDeclCstNode[];
  scenarioDecl?: ScenarioDeclCstNode[];
  transformDecl?: TransformDeclCstNode[];
  functionDecl?: FunctionDeclCstNode[];
  regionDecl?: RegionDeclCstNode[];
  testDecl?: TestDeclCstNode[];
};

export interface TypeDeclCstNode extends CstNode {
  name: "typeDecl";
  children: TypeDeclCstChildren;
}

export type TypeDeclCstChildren = {
  Kw_type: IToken[];
  Identifier: IToken[];
  xmlNamespace?: XmlNamespaceCstNode[];
  LBrace: IToken[];
  fieldDecl?: FieldDeclCstNode[];
  RBrace: IToken[];
};

export interface XmlNamespaceCstNode extends CstNode {
  name: "xmlNamespace";
  children: XmlNamespaceCstChildren;
}

export type XmlNamespaceCstChildren = {
  Kw_namespace?: IToken[];
  StringLit?: IToken[];
  Kw_unqualified?: IToken[];
};

export interface FieldDeclCstNode extends CstNode {
  name: "fieldDecl";
  children: FieldDeclCstChildren;
}

export type FieldDeclCstChildren = {
  At?: IToken[];
  Name?: IToken[];
  StringLit?: IToken[];
  Question?: IToken[];
  Colon: IToken[];
  typeExpr: TypeExprCstNode[];
  fieldOption?: FieldOptionCstNode[];
};

export interface FieldOptionCstNode extends CstNode {
  name: "fieldOption";
  children: FieldOptionCstChildren;
}

export type FieldOptionCstChildren = {
  Kw_as?: IToken[];
  StringLit?: IToken[];
  xmlNamespace?: XmlNamespaceCstNode[];
  Kw_nillable?: IToken[];
};

export interface TypeExprCstNode extends CstNode {
  name: "typeExpr";
  children: TypeExprCstChildren;
}

export type TypeExprCstChildren = {
  Kw_list?: IToken[];
  Kw_of?: IToken[];
  typeExpr?: (TypeExprCstNode)[];
  Kw_optional?: IToken[];
  qname?: QnameCstNode[];
};

export interface MessageDeclCstNode extends CstNode {
  name: "messageDecl";
  children: MessageDeclCstChildren;
}

export type MessageDeclCstChildren = {
  Kw_message: IToken[];
  Identifier: IToken[];
  xmlBinding?: XmlBindingCstNode[];
  Kw_json?: IToken[];
  xsdSource?: XsdSourceCstNode[];
  Kw_version?: IToken[];
  StringLit?: IToken[];
  Kw_of?: IToken[];
  qname?: QnameCstNode[];
  LBrace?: IToken[];
  fieldDecl?: FieldDeclCstNode[];
  RBrace?: IToken[];
};

export interface XmlBindingCstNode extends CstNode {
  name: "xmlBinding";
  children: XmlBindingCstChildren;
}

export type XmlBindingCstChildren = {
  Kw_xml: IToken[];
  StringLit: (IToken)[];
  Kw_root: IToken[];
  Kw_prefix?: IToken[];
  Identifier?: IToken[];
};

export interface XsdSourceCstNode extends CstNode {
  name: "xsdSource";
  children: XsdSourceCstChildren;
}

export type XsdSourceCstChildren = {
  Kw_from: IToken[];
  Kw_xsd: IToken[];
  StringLit: (IToken)[];
  Kw_element: IToken[];
  Kw_prefix?: IToken[];
  Identifier?: IToken[];
};

export interface CodelistDeclCstNode extends CstNode {
  name: "codelistDecl";
  children: CodelistDeclCstChildren;
}

export type CodelistDeclCstChildren = {
  Kw_codelist: IToken[];
  Identifier: IToken[];
  StringLit?: IToken[];
  Kw_assumed?: IToken[];
  LBrace: IToken[];
  codeEntry?: CodeEntryCstNode[];
  RBrace: IToken[];
};

export interface CodeEntryCstNode extends CstNode {
  name: "codeEntry";
  children: CodeEntryCstChildren;
}

export type CodeEntryCstChildren = {
  StringLit: (IToken)[];
  Equals?: IToken[];
};

export interface RoleDeclCstNode extends CstNode {
  name: "roleDecl";
  children: RoleDeclCstChildren;
}

export type RoleDeclCstChildren = {
  Kw_role: IToken[];
  Identifier: IToken[];
  StringLit?: IToken[];
};

export interface SystemDeclCstNode extends CstNode {
  name: "systemDecl";
  children: SystemDeclCstChildren;
}

export type SystemDeclCstChildren = {
  Kw_system: IToken[];
  Identifier: IToken[];
  Kw_implements: IToken[];
  qnameList: QnameListCstNode[];
  LBrace?: IToken[];
  systemItem?: SystemItemCstNode[];
  RBrace?: IToken[];
};

export interface SystemItemCstNode extends CstNode {
  name: "systemItem";
  children: SystemItemCstChildren;
}

export type SystemItemCstChildren = {
  Kw_accepts?: IToken[];
  qnameList?: QnameListCstNode[];
  Kw_certified?: IToken[];
  Kw_vendor?: IToken[];
  StringLit?: IToken[];
};

export interface QnameListCstNode extends CstNode {
  name: "qnameList";
  children: QnameListCstChildren;
}

export type QnameListCstChildren = {
  qname: (QnameCstNode)[];
  Comma?: IToken[];
};

export interface ScenarioDeclCstNode extends CstNode {
  name: "scenarioDecl";
  children: ScenarioDeclCstChildren;
}

export type ScenarioDeclCstChildren = {
  Kw_scenario: IToken[];
  Identifier: IToken[];
  StringLit?: IToken[];
  LBrace: IToken[];
  scenarioItem?: ScenarioItemCstNode[];
  RBrace: IToken[];
};

export interface ScenarioItemCstNode extends CstNode {
  name: "scenarioItem";
  children: ScenarioItemCstChildren;
}

export type ScenarioItemCstChildren = {
  Kw_from?: IToken[];
  qname?: (QnameCstNode)[];
  Kw_to?: IToken[];
  Kw_origin?: IToken[];
  Kw_each?: IToken[];
  qnameList?: QnameListCstNode[];
  Kw_message?: IToken[];
  Kw_detect?: IToken[];
  Kw_region?: IToken[];
  Kw_correlate?: IToken[];
  Kw_idempotency?: IToken[];
  expr?: ExprCstNode[];
  Kw_ack?: IToken[];
  Kw_reply?: IToken[];
  Kw_unroutable?: IToken[];
  Identifier?: IToken[];
  adapterSpec?: AdapterSpecCstNode[];
};

export interface ExprCstNode extends CstNode {
  name: "expr";
  children: ExprCstChildren;
}

export type ExprCstChildren = {
  FencedExpr?: IToken[];
  InlineExpr?: IToken[];
};

export interface TransformDeclCstNode extends CstNode {
  name: "transformDecl";
  children: TransformDeclCstChildren;
}

export type TransformDeclCstChildren = {
  Kw_transform: IToken[];
  Identifier: (IToken)[];
  Kw_from: IToken[];
  qname: (QnameCstNode)[];
  Kw_to: IToken[];
  Kw_allow?: IToken[];
  expr: ExprCstNode[];
};

export interface FunctionDeclCstNode extends CstNode {
  name: "functionDecl";
  children: FunctionDeclCstChildren;
}

export type FunctionDeclCstChildren = {
  Kw_function: IToken[];
  Identifier: IToken[];
  LParen: IToken[];
  paramDecl?: (ParamDeclCstNode)[];
  Comma?: IToken[];
  RParen: IToken[];
  Colon: IToken[];
  typeExpr: TypeExprCstNode[];
  expr: ExprCstNode[];
};

export interface ParamDeclCstNode extends CstNode {
  name: "paramDecl";
  children: ParamDeclCstChildren;
}

export type ParamDeclCstChildren = {
  Name: IToken[];
  Question?: IToken[];
  Colon: IToken[];
  typeExpr: TypeExprCstNode[];
};

export interface RegionDeclCstNode extends CstNode {
  name: "regionDecl";
  children: RegionDeclCstChildren;
}

export type RegionDeclCstChildren = {
  Kw_region: IToken[];
  StringLit: (IToken)[];
  LBrace: IToken[];
  regionItem?: RegionItemCstNode[];
  RBrace: IToken[];
};

export interface RegionItemCstNode extends CstNode {
  name: "regionItem";
  children: RegionItemCstChildren;
}

export type RegionItemCstChildren = {
  Kw_override?: IToken[];
  stageItem?: StageItemCstNode[];
  lookupItem?: LookupItemCstNode[];
  setItem?: SetItemCstNode[];
  binding?: BindingCstNode[];
};

export interface StageItemCstNode extends CstNode {
  name: "stageItem";
  children: StageItemCstChildren;
}

export type StageItemCstChildren = {
  Kw_stage: IToken[];
  Name: IToken[];
};

export interface LookupItemCstNode extends CstNode {
  name: "lookupItem";
  children: LookupItemCstChildren;
}

export type LookupItemCstChildren = {
  Kw_lookup: IToken[];
  Identifier: IToken[];
  LBrace: IToken[];
  StringLit?: IToken[];
  Equals?: IToken[];
  literal?: LiteralCstNode[];
  RBrace: IToken[];
};

export interface SetItemCstNode extends CstNode {
  name: "setItem";
  children: SetItemCstChildren;
}

export type SetItemCstChildren = {
  Kw_set: IToken[];
  Identifier: IToken[];
  Equals: IToken[];
  literal: LiteralCstNode[];
};

export interface BindingCstNode extends CstNode {
  name: "binding";
  children: BindingCstChildren;
}

export type BindingCstChildren = {
  qname: (QnameCstNode)[];
  StringLit?: IToken[];
  Equals: IToken[];
  Kw_none?: IToken[];
  bindingOption?: (BindingOptionCstNode)[];
  adapterSpec?: AdapterSpecCstNode[];
};

export interface AdapterSpecCstNode extends CstNode {
  name: "adapterSpec";
  children: AdapterSpecCstChildren;
}

export type AdapterSpecCstChildren = {
  Kw_in?: IToken[];
  Name?: IToken[];
  Kw_via: IToken[];
  Identifier: IToken[];
  LBrace: IToken[];
  setting?: SettingCstNode[];
  RBrace: IToken[];
};

export interface SettingCstNode extends CstNode {
  name: "setting";
  children: SettingCstChildren;
}

export type SettingCstChildren = {
  Name: (IToken)[];
  StringLit?: (IToken)[];
  NumberLit?: IToken[];
};

export interface BindingOptionCstNode extends CstNode {
  name: "bindingOption";
  children: BindingOptionCstChildren;
}

export type BindingOptionCstChildren = {
  Kw_transform?: IToken[];
  qname?: QnameCstNode[];
  Kw_when?: IToken[];
  expr?: ExprCstNode[];
  Kw_for?: IToken[];
  qnameList?: QnameListCstNode[];
  Kw_note?: IToken[];
  Name?: IToken[];
  StringLit?: IToken[];
};

export interface LiteralCstNode extends CstNode {
  name: "literal";
  children: LiteralCstChildren;
}

export type LiteralCstChildren = {
  StringLit?: IToken[];
  NumberLit?: IToken[];
  Kw_true?: IToken[];
  Kw_false?: IToken[];
  Kw_null?: IToken[];
};

export interface TestDeclCstNode extends CstNode {
  name: "testDecl";
  children: TestDeclCstChildren;
}

export type TestDeclCstChildren = {
  Kw_test: IToken[];
  StringLit: IToken[];
  LBrace: IToken[];
  givenStep?: GivenStepCstNode[];
  expectStep?: ExpectStepCstNode[];
  stageItem?: StageItemCstNode[];
  RBrace: IToken[];
};

export interface GivenStepCstNode extends CstNode {
  name: "givenStep";
  children: GivenStepCstChildren;
}

export type GivenStepCstChildren = {
  Kw_given: IToken[];
  qname?: QnameCstNode[];
  Kw_file?: IToken[];
  StringLit?: (IToken)[];
  Kw_inline?: IToken[];
  FencedExpr?: IToken[];
  Kw_region?: IToken[];
};

export interface ExpectStepCstNode extends CstNode {
  name: "expectStep";
  children: ExpectStepCstChildren;
}

export type ExpectStepCstChildren = {
  Kw_expect: IToken[];
  Kw_delivered?: (IToken)[];
  Kw_to?: (IToken)[];
  selector?: (SelectorCstNode)[];
  Kw_not?: IToken[];
  Kw_rejected?: IToken[];
  Name?: IToken[];
  Kw_field?: IToken[];
  expr?: (ExprCstNode)[];
  Equals?: IToken[];
  literal?: LiteralCstNode[];
  Kw_absent?: IToken[];
};

export interface SelectorCstNode extends CstNode {
  name: "selector";
  children: SelectorCstChildren;
}

export type SelectorCstChildren = {
  qname: (QnameCstNode)[];
  StringLit?: (IToken)[];
  Kw_system?: IToken[];
  Kw_region?: IToken[];
};

export interface StellwerkCstVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  file(children: FileCstChildren, param?: IN): OUT;
  packageDecl(children: PackageDeclCstChildren, param?: IN): OUT;
  importDecl(children: ImportDeclCstChildren, param?: IN): OUT;
  qname(children: QnameCstChildren, param?: IN): OUT;
  declaration(children: DeclarationCstChildren, param?: IN): OUT;
  typeDecl(children: TypeDeclCstChildren, param?: IN): OUT;
  xmlNamespace(children: XmlNamespaceCstChildren, param?: IN): OUT;
  fieldDecl(children: FieldDeclCstChildren, param?: IN): OUT;
  fieldOption(children: FieldOptionCstChildren, param?: IN): OUT;
  typeExpr(children: TypeExprCstChildren, param?: IN): OUT;
  messageDecl(children: MessageDeclCstChildren, param?: IN): OUT;
  xmlBinding(children: XmlBindingCstChildren, param?: IN): OUT;
  xsdSource(children: XsdSourceCstChildren, param?: IN): OUT;
  codelistDecl(children: CodelistDeclCstChildren, param?: IN): OUT;
  codeEntry(children: CodeEntryCstChildren, param?: IN): OUT;
  roleDecl(children: RoleDeclCstChildren, param?: IN): OUT;
  systemDecl(children: SystemDeclCstChildren, param?: IN): OUT;
  systemItem(children: SystemItemCstChildren, param?: IN): OUT;
  qnameList(children: QnameListCstChildren, param?: IN): OUT;
  scenarioDecl(children: ScenarioDeclCstChildren, param?: IN): OUT;
  scenarioItem(children: ScenarioItemCstChildren, param?: IN): OUT;
  expr(children: ExprCstChildren, param?: IN): OUT;
  transformDecl(children: TransformDeclCstChildren, param?: IN): OUT;
  functionDecl(children: FunctionDeclCstChildren, param?: IN): OUT;
  paramDecl(children: ParamDeclCstChildren, param?: IN): OUT;
  regionDecl(children: RegionDeclCstChildren, param?: IN): OUT;
  regionItem(children: RegionItemCstChildren, param?: IN): OUT;
  stageItem(children: StageItemCstChildren, param?: IN): OUT;
  lookupItem(children: LookupItemCstChildren, param?: IN): OUT;
  setItem(children: SetItemCstChildren, param?: IN): OUT;
  binding(children: BindingCstChildren, param?: IN): OUT;
  adapterSpec(children: AdapterSpecCstChildren, param?: IN): OUT;
  setting(children: SettingCstChildren, param?: IN): OUT;
  bindingOption(children: BindingOptionCstChildren, param?: IN): OUT;
  literal(children: LiteralCstChildren, param?: IN): OUT;
  testDecl(children: TestDeclCstChildren, param?: IN): OUT;
  givenStep(children: GivenStepCstChildren, param?: IN): OUT;
  expectStep(children: ExpectStepCstChildren, param?: IN): OUT;
  selector(children: SelectorCstChildren, param?: IN): OUT;
}
