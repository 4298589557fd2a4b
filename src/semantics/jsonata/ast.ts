/**
 * The shape of the processed AST returned by `jsonata(src).ast()` (jsonata 2.2.2),
 * as far as the checker reads it. The package ships no precise types, so this is
 * a loose structural description: every field is optional and the checker
 * tolerates any field being absent.
 *
 * `position` is the offset just past the node's token (not its start); nodes
 * synthesized by the parser (`??`, `%`) carry none. See spans.ts.
 */

/** A predicate or index stage attached to a path step. */
export interface JStage {
  type: "filter" | "index";
  expr?: JNode;
  /** index stages: the bound variable name (without `$`). */
  value?: string;
  position?: number;
}

/** A sort term of an order-by step `^(<a, >b)`. */
export interface JSortTerm {
  descending: boolean;
  expression: JNode;
}

/** A group-by / object-constructor clause `{k: v, ...}`. */
export interface JGroup {
  lhs: Array<[JNode, JNode]>;
  position?: number;
}

/** Any node of the processed AST. */
export interface JNode {
  type: string;
  value?: unknown;
  position?: number;
  // path
  steps?: JNode[];
  keepSingletonArray?: boolean;
  // steps and other nodes
  stages?: JStage[];
  predicate?: JStage[];
  group?: JGroup;
  focus?: string;
  index?: string;
  keepArray?: boolean;
  consarray?: boolean;
  tuple?: boolean;
  // binary, bind, apply, unary object constructor (lhs holds the pairs)
  lhs?: JNode | Array<[JNode, JNode]>;
  rhs?: JNode;
  // unary
  expression?: JNode;
  expressions?: JNode[];
  // function, partial, lambda
  procedure?: JNode;
  arguments?: JNode[];
  body?: JNode;
  signature?: { definition?: string };
  thunk?: boolean;
  // condition
  condition?: JNode;
  then?: JNode;
  else?: JNode;
  // transform
  pattern?: JNode;
  update?: JNode;
  delete?: JNode;
  // sort step
  terms?: JSortTerm[];
}

/** Narrows an unknown value to a node (anything with a string `type`). */
export function isNode(x: unknown): x is JNode {
  return typeof x === "object" && x !== null && typeof (x as { type?: unknown }).type === "string";
}

/** The name/value pairs of an object constructor (`unary {`) or group. */
export function pairsOf(x: JNode["lhs"] | JGroup["lhs"] | undefined): Array<[JNode, JNode]> {
  if (!Array.isArray(x)) return [];
  return x.filter((p): p is [JNode, JNode] => Array.isArray(p) && isNode(p[0]) && isNode(p[1]));
}

/** The single-node `lhs` of a binary/bind/apply node, if present. */
export function lhsNode(n: JNode): JNode | undefined {
  return isNode(n.lhs) ? n.lhs : undefined;
}
