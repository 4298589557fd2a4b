/**
 * The inference dispatcher: one case per jsonata AST node type, plus what any
 * node may carry (predicates, group-by, `[]`), known-present narrowing, and the
 * check against an expectation for nodes that do not check structurally.
 */
import { nestedRepetition } from "../../table/regex-backtracking.js";
import { ANY, type TypeRegistry } from "../../types/model.js";
import { isNode, type JNode } from "./ast.js";
import { DiagnosticSink } from "./diagnostics.js";
import { functionValue, inf, rangeOf, report, type Env, type Expect, type Inf, type Run, type RunOptions } from "./env.js";
import { isKnownPresent } from "./expr-key.js";
import { MATCH_RECORD } from "./builtins.js";
import { inferApply, inferCall, inferLambda, inferPartial, inferTransformValue, inferVariable } from "./infer-call.js";
import { inferArray, inferBind, inferBlock, inferCondition, inferObject } from "./infer-constructors.js";
import { inferBinary, inferNegation } from "./infer-operators.js";
import { applyFilter, inferGroup, inferPath } from "./infer-path.js";
import { checkValue } from "./output-check.js";
import type { SpanIndex } from "./spans.js";
import { BOOLEAN, INTEGER, NULL, NUMBER, STRING, itemOf, listOf, mayBeList } from "./type-ops.js";

/** Inference steps per expression before giving up (keeps pathological input bounded). */
const STEP_BUDGET = 200_000;
/** Maximum nesting of inference calls. */
const MAX_DEPTH = 300;

function inferNode(run: Run, node: JNode, env: Env, expect: Expect | undefined): { r: Inf; handled: boolean } {
  const structural = expect !== undefined;
  switch (node.type) {
    case "path":
      return inferPath(run, node, env, expect);
    case "name":
    case "wildcard":
    case "descendant":
    case "parent":
      return inferPath(run, { type: "path", steps: [node] }, env, expect);
    case "string":
      return { r: inf(STRING), handled: false };
    case "number":
      return { r: inf(Number.isInteger(node.value) ? INTEGER : NUMBER), handled: false };
    case "value":
      return { r: inf(node.value === null ? NULL : BOOLEAN), handled: false };
    case "regex":
      if (node.value instanceof RegExp && nestedRepetition(node.value.source) >= 0) report(run, "regex-backtracking", rangeOf(run, node));
      return { r: inf(functionValue(run, { kind: "regex" }, [STRING], MATCH_RECORD)), handled: false };
    case "variable":
      return { r: inferVariable(run, node, env), handled: false };
    case "binary":
      return { r: inferBinary(run, node, env), handled: false };
    case "unary":
      if (node.value === "{") return { r: inferObject(run, node, env, expect), handled: structural };
      if (node.value === "[") return { r: inferArray(run, node, env, expect), handled: structural };
      return { r: inferNegation(run, node, env), handled: false };
    case "block":
      return { r: inferBlock(run, node, env, expect), handled: structural };
    case "condition":
      return { r: inferCondition(run, node, env, expect), handled: structural };
    case "bind":
      return { r: inferBind(run, node, env, expect), handled: structural };
    case "function":
      return { r: inferCall(run, node, env), handled: false };
    case "partial":
      return { r: inferPartial(run, node, env), handled: false };
    case "lambda":
      return { r: inferLambda(run, node, env), handled: false };
    case "apply":
      return { r: inferApply(run, node, env), handled: false };
    case "transform":
      return { r: inferTransformValue(run, node, env), handled: false };
    default:
      // "sort" outside a path, the "?" placeholder outside a call, "error" nodes of recovery mode
      return { r: inf(ANY), handled: false };
  }
}

/** Creates the per-check state; `run.infer` is the recursive entry point. */
export function createRun(source: string, spans: SpanIndex, registry: TypeRegistry, options: RunOptions): Run {
  let depth = 0;
  let exhausted = false;
  const run: Run = {
    source,
    registry,
    options,
    spans,
    sink: new DiagnosticSink(),
    budget: STEP_BUDGET,
    lambdaStack: [],
    lambdaMemo: new Map(),
    unchecked: new Map(),
    fnInfo: new WeakMap(),
    infer(node: JNode, env: Env, expect?: Expect): Inf {
      if (!isNode(node)) return inf(ANY);
      if (--run.budget < 0 || depth >= MAX_DEPTH) {
        if (!exhausted) {
          exhausted = true;
          const why = depth >= MAX_DEPTH ? "nested too deeply" : "too many steps";
          report(run, "too-complex", rangeOf(run, node), { why });
        }
        return inf(ANY);
      }
      depth++;
      try {
        return inferWithExtras(run, node, env, expect);
      } finally {
        depth--;
      }
    },
  };
  return run;
}

function inferWithExtras(run: Run, node: JNode, env: Env, expect: Expect | undefined): Inf {
  const decorated = node.type !== "path" && (node.predicate !== undefined || node.group !== undefined || node.keepArray === true);
  const passDown = decorated ? undefined : expect;
  let { r, handled } = inferNode(run, node, env, passDown);
  if (node.type !== "path") {
    for (const stage of node.predicate ?? []) r = applyFilter(run, stage, r, env, env.ctx);
    if (node.group) r = inferGroup(run, node.group, itemOf(r.t, run.registry), mayBeList(r.t, run.registry), env);
    if (node.keepArray) r = { ...r, t: listOf(itemOf(r.t, run.registry)) };
  }
  if (isKnownPresent(node, env.present)) r = { ...r, opt: false };
  if (expect && !(handled && passDown)) checkValue(run, r, expect, rangeOf(run, node), node);
  return r;
}
