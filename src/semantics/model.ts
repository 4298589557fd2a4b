/**
 * The checked model: what the semantics phase hands to lowering. Every name is
 * resolved to a qualified name; every region key is normalized to an ARS prefix.
 */
import type { Directory } from "../directory/types.js";
import type { Span } from "../diagnostics/diagnostic.js";
import type * as A from "../syntax/ast.js";
import type { Adapter, RegionLevel, Stage, Target } from "../table/routing-table.js";
import type { MessageType, TypeRegistry } from "../types/model.js";
import type { FunctionInfo } from "./functions.js";
import type { BoundFile, SymbolTable } from "./symbols.js";

/** An embedded JSONata expression with where it sits. */
export interface ExprInfo {
  source: string;
  file: string;
  /** Offset of the first character of `source` in the file. */
  sourceStart: number;
}

export interface SystemInfo {
  qname: string;
  roles: string[];
  accepts: string[];
  certified: boolean;
  file: string;
  decl: A.SystemDecl;
}

export interface ScenarioInfo {
  qname: string;
  pkg: string;
  code: string;
  title: string;
  from?: string;
  targets: Target[];
  message?: string;
  detect?: ExprInfo;
  region?: ExprInfo;
  correlate?: ExprInfo;
  idempotency?: ExprInfo;
  reply: boolean;
  ack?: string;
  deadLetter?: { system: string; adapters: ResolvedAdapter[] };
  file: string;
  decl: A.ScenarioDecl;
}

export interface TransformInfo {
  qname: string;
  from?: string;
  to?: string;
  allowFloat: boolean;
  allowUntyped: boolean;
  expr?: ExprInfo;
  file: string;
  decl: A.TransformDecl;
}

/** An adapter as written, after settings were validated; `stage` undefined = default. */
export interface ResolvedAdapter {
  stage?: Stage;
  adapter: Adapter;
  span: Span;
}

/** Where something in a region was set. */
export interface SetBy {
  file: string;
  line: number;
  span: Span;
  region: string;
  level: RegionLevel;
}

export interface ResolvedBinding {
  /** Merge identity: role, recipient and scenario restriction. */
  identity: string;
  role: string;
  recipient?: string;
  /** Undefined for `= none`. */
  system?: string;
  none: boolean;
  adapters: ResolvedAdapter[];
  transform?: string;
  when?: ExprInfo;
  /** Scenario qnames this binding is limited to; empty = all scenarios of the package. */
  scenarios: string[];
  notes: Record<string, string>;
  override: boolean;
  setBy: SetBy;
}

export interface VarValue {
  value: unknown;
  override: boolean;
  setBy: SetBy;
}

/** One region block after key normalization. */
export interface RegionInfo {
  pkg: string;
  /** Normalized ARS prefix (an 8-digit AGS becomes its 12-digit ARS). */
  key: string;
  level: RegionLevel;
  title?: string;
  file: string;
  decl: A.RegionDecl;
  stage?: { stage: Stage; override: boolean; setBy: SetBy };
  bindings: ResolvedBinding[];
  vars: Map<string, VarValue>;
  /** A binding here names an unknown role or system (already reported): follow-up checks stay silent. */
  unresolved?: boolean;
}

/** The merged configuration at one declared key of one package. */
export interface MergedEntry {
  pkg: string;
  key: string;
  level: RegionLevel;
  name?: string;
  stage: Stage;
  stageSetBy?: SetBy;
  /** identity -> binding; `none` bindings already removed. */
  bindings: Map<string, ResolvedBinding>;
  vars: Map<string, VarValue>;
  /** Keys of the declared ancestors, least specific first (this key excluded). */
  ancestors: string[];
  /** Bindings removed here or above with `= none` (recipients that waived transmission). */
  removed?: Map<string, ResolvedBinding>;
}

export interface TestInfo {
  pkg: string;
  name: string;
  file: string;
  decl: A.TestDecl;
}

export interface CheckedModel {
  files: BoundFile[];
  symbols: SymbolTable;
  directory: Directory;
  /** Root folder of the rule set (paths in the table are relative to it). */
  root: string;
  types: TypeRegistry;
  messages: Record<string, MessageType>;
  systems: Map<string, SystemInfo>;
  scenarios: ScenarioInfo[];
  transforms: Map<string, TransformInfo>;
  /** Shared functions by qualified name. */
  functions: Map<string, FunctionInfo>;
  /** Named (recursive) types referenced by function signatures only; the JSONata checks add them to `types`. */
  functionTypes: TypeRegistry;
  /** Region blocks per package. */
  regions: Map<string, RegionInfo[]>;
  /** Merged entries per package, keyed by normalized key. */
  merged: Map<string, Map<string, MergedEntry>>;
  /** Municipalities (ARS) in scope per package, with the key of the entry that applies to each. */
  scope: Map<string, Map<string, string>>;
  tests: TestInfo[];
  /** Packages with a region block or binding dropped after a reported error: completeness checks skip them. */
  incompletePackages: Set<string>;
  /** Resolves a message file path of a test to its content; undefined when missing. */
  readFile: (path: string) => Uint8Array | undefined;
}
