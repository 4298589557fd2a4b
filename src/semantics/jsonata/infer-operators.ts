/**
 * Typing of JSONata operators: arithmetic (+ - * / % and unary -), comparison
 * (= != < <= > >=), `in`, string concatenation `&`, `and`/`or` and the range `..`.
 *
 * Checks: arithmetic on non-numbers (SW2405) or on several values (SW2417),
 * decimals in floating-point arithmetic (SW2406), comparisons that are always
 * false or fail at run time (SW2404), decimals ordered as text (SW2419), string
 * literals that are not values of a code list or enumeration (SW2418).
 */
import { ANY, type Type } from "../../types/model.js";
import { lhsNode, type JNode } from "./ast.js";
import { inf, rangeOf, report, reportDecimal, type Env, type Inf, type Run } from "./env.js";
import {
  BOOLEAN,
  INTEGER,
  NUMBER,
  STRING,
  classesOf,
  describe,
  hasDecimal,
  isAny,
  isNever,
  itemOf,
  knownValues,
  listOf,
  mayBeList,
  members,
  type ValueClass,
} from "./type-ops.js";

const ARITHMETIC = new Set(["+", "-", "*", "/", "%"]);
const EQUALITY = new Set(["=", "!="]);
const ORDERING = new Set(["<", "<=", ">", ">="]);

/** True when every member is an integer scalar. */
const isIntegerOnly = (t: Type, run: Run): boolean =>
  members(t, run.registry).every((m) => m.kind === "scalar" && m.scalar === "integer");

/**
 * Checks one arithmetic operand. Returns false when it can never be a number
 * (reported), so the result becomes untyped.
 */
function checkNumericOperand(run: Run, op: string, side: string, value: Inf, node: JNode | undefined): boolean {
  if (isAny(value.t, run.registry) || isNever(value.t)) return true;
  const range = rangeOf(run, node);
  const classes = classesOf(itemOf(value.t, run.registry), run.registry);
  // a range needs integers: a decimal (text at run time) fails there
  const numeric = classes.has("number") || (op !== ".." && classes.has("decimal")) || classes.has("any");
  if (!numeric) {
    report(run, "arithmetic-operand", range, { op, side, type: describe(value.t, run.registry) });
    return false;
  }
  if (mayBeList(value.t, run.registry)) {
    report(run, "sequence-arithmetic", range, { op, side, type: describe(value.t, run.registry) });
  }
  if (op !== ".." && hasDecimal(value.t, run.registry)) reportDecimal(run, range, `\`${op}\` computes with a decimal (money) value in binary floating point`);
  return true;
}

function inferArithmetic(run: Run, node: JNode, op: string, env: Env): Inf {
  const lhs = lhsNode(node);
  const l = lhs ? run.infer(lhs, env) : inf(ANY);
  const r = node.rhs ? run.infer(node.rhs, env) : inf(ANY);
  const okL = checkNumericOperand(run, op, "left", l, lhs);
  const okR = checkNumericOperand(run, op, "right", r, node.rhs);
  const opt = l.opt || r.opt;
  if (!okL || !okR) return inf(ANY, opt);
  const fromDecimal = hasDecimal(l.t, run.registry) || hasDecimal(r.t, run.registry) || l.fromDecimal || r.fromDecimal;
  const integer = op !== "/" && isIntegerOnly(l.t, run) && isIntegerOnly(r.t, run);
  const out: Inf = { t: integer ? INTEGER : NUMBER, opt };
  if (fromDecimal) out.fromDecimal = true;
  return out;
}

/** Unary minus. */
export function inferNegation(run: Run, node: JNode, env: Env): Inf {
  const v = node.expression ? run.infer(node.expression, env) : inf(ANY);
  if (!checkNumericOperand(run, "-", "only", v, node.expression)) return inf(ANY, v.opt);
  const out: Inf = { t: isIntegerOnly(v.t, run) ? INTEGER : NUMBER, opt: v.opt };
  if (hasDecimal(v.t, run.registry) || v.fromDecimal) out.fromDecimal = true;
  return out;
}

/** A string literal compared with a code list / enumeration must be one of its values. */
function checkLiteralCode(run: Run, literal: JNode | undefined, other: Type): void {
  if (literal?.type !== "string") return;
  const known = knownValues(itemOf(other, run.registry), run.registry);
  if (known === undefined || known.values.includes(String(literal.value))) return;
  const shown = known.values.length > 8 ? `${known.values.slice(0, 8).join(", ")}, …` : known.values.join(", ");
  report(run, "unknown-code", rangeOf(run, literal), { value: String(literal.value), list: known.label, known: shown });
}

const NEVER_EQUAL: Partial<Record<string, string>> = {
  "number/text": "a string never equals a number (keys such as \"01067\" are strings)",
  "decimal/number": "a decimal is text at run time, so it never equals a number",
  "boolean/text": "a boolean never equals a string",
  "boolean/number": "a boolean never equals a number",
};

/** Why two value-class sets can never compare equal, or undefined when they can. */
function whyNeverEqual(a: Set<ValueClass>, b: Set<ValueClass>): string | undefined {
  const norm = (s: Set<ValueClass>): Set<ValueClass> => {
    const out = new Set(s);
    out.delete("null");
    if (out.has("decimal")) out.add("text"); // decimal = "12.50" is a text comparison
    return out;
  };
  const x = norm(a);
  const y = norm(b);
  if (x.size === 0 || y.size === 0 || x.has("any") || y.has("any")) return undefined;
  for (const c of x) if (y.has(c)) return undefined;
  const [p, q] = [[...a].find((c) => c !== "null")!, [...b].find((c) => c !== "null")!].sort();
  return NEVER_EQUAL[`${p}/${q}`] ?? `values of these kinds are never equal`;
}

/** Why an ordering comparison fails or misleads, or undefined when fine. */
function whyNotOrderable(a: Set<ValueClass>, b: Set<ValueClass>): string | undefined {
  if (a.has("any") || b.has("any")) return undefined;
  const bad = [...a, ...b].find((c) => c === "boolean" || c === "object" || c === "function" || c === "null");
  if (bad) return `JSONata can only order numbers and strings, so it fails at run time on a ${bad === "object" ? "record" : bad}`;
  const text = (s: Set<ValueClass>): boolean => s.has("text") || s.has("decimal");
  const onlyText = (s: Set<ValueClass>): boolean => text(s) && !s.has("number");
  const onlyNumber = (s: Set<ValueClass>): boolean => s.has("number") && !text(s);
  if ((onlyText(a) && onlyNumber(b)) || (onlyNumber(a) && onlyText(b))) {
    const dec = a.has("decimal") || b.has("decimal");
    return dec
      ? "a decimal is text at run time, and JSONata fails when text is ordered against a number"
      : "JSONata fails at run time when a string is ordered against a number";
  }
  return undefined;
}

function inferComparison(run: Run, node: JNode, op: string, env: Env): Inf {
  const lhs = lhsNode(node);
  const l = lhs ? run.infer(lhs, env) : inf(ANY);
  const r = node.rhs ? run.infer(node.rhs, env) : inf(ANY);
  const range = rangeOf(run, node);
  const describeSide = (v: Inf): string => describe(v.t, run.registry);
  const result = inf(BOOLEAN, ORDERING.has(op) && (l.opt || r.opt));
  if (isAny(l.t, run.registry) || isAny(r.t, run.registry) || isNever(l.t) || isNever(r.t)) {
    checkLiteralCode(run, lhs, r.t);
    checkLiteralCode(run, node.rhs, l.t);
    return result;
  }
  const lList = mayBeList(l.t, run.registry);
  const rList = mayBeList(r.t, run.registry);
  if (lList !== rList) {
    const side = lList ? "left" : "right";
    const why = EQUALITY.has(op)
      ? `the ${side} side may hold several values, and \`${op}\` then compares the whole list with one value; select one item with a predicate (e.g. \`satz[feld = "x"]\`) or use \`in\``
      : `the ${side} side may hold several values, and JSONata fails at run time when it does`;
    report(run, "incompatible-comparison", range, { op, left: describeSide(l), right: describeSide(r), why });
    return result;
  }
  checkLiteralCode(run, lhs, r.t);
  checkLiteralCode(run, node.rhs, l.t);
  const cl = classesOf(itemOf(l.t, run.registry), run.registry);
  const cr = classesOf(itemOf(r.t, run.registry), run.registry);
  const why = EQUALITY.has(op) ? whyNeverEqual(cl, cr) : whyNotOrderable(cl, cr);
  if (why) report(run, "incompatible-comparison", range, { op, left: describeSide(l), right: describeSide(r), why });
  else if (ORDERING.has(op) && cl.has("decimal") && cr.has("decimal")) report(run, "decimal-ordering", range, { op });
  return result;
}

function inferIn(run: Run, node: JNode, env: Env): Inf {
  const lhs = lhsNode(node);
  const l = lhs ? run.infer(lhs, env) : inf(ANY);
  const r = node.rhs ? run.infer(node.rhs, env) : inf(ANY);
  const range = rangeOf(run, node);
  const left = describe(l.t, run.registry);
  const right = describe(r.t, run.registry);
  if (mayBeList(l.t, run.registry) && !isAny(l.t, run.registry)) {
    const why = "the left side may hold several values, and `in` tests a single value";
    report(run, "incompatible-comparison", range, { op: "in", left, right, why });
    return inf(BOOLEAN);
  }
  const element = itemOf(r.t, run.registry);
  if (node.rhs?.type === "unary" && node.rhs.value === "[") {
    for (const item of node.rhs.expressions ?? []) checkLiteralCode(run, item, l.t);
  } else checkLiteralCode(run, node.rhs, l.t);
  checkLiteralCode(run, lhs, element);
  if (!isAny(l.t, run.registry) && !isAny(element, run.registry)) {
    const why = whyNeverEqual(classesOf(l.t, run.registry), classesOf(element, run.registry));
    if (why) report(run, "incompatible-comparison", range, { op: "in", left, right, why });
  }
  return inf(BOOLEAN);
}

function inferRange(run: Run, node: JNode, env: Env): Inf {
  const lhs = lhsNode(node);
  const l = lhs ? run.infer(lhs, env) : inf(ANY);
  const r = node.rhs ? run.infer(node.rhs, env) : inf(ANY);
  checkNumericOperand(run, "..", "left", l, lhs);
  checkNumericOperand(run, "..", "right", r, node.rhs);
  return inf(listOf(INTEGER));
}

/** Any binary operator node. */
export function inferBinary(run: Run, node: JNode, env: Env): Inf {
  const op = String(node.value);
  if (ARITHMETIC.has(op)) return inferArithmetic(run, node, op, env);
  if (EQUALITY.has(op) || ORDERING.has(op)) return inferComparison(run, node, op, env);
  if (op === "in") return inferIn(run, node, env);
  if (op === "..") return inferRange(run, node, env);
  const lhs = lhsNode(node);
  if (lhs) run.infer(lhs, env);
  if (node.rhs) run.infer(node.rhs, env);
  if (op === "&") return inf(STRING);
  if (op === "and" || op === "or") return inf(BOOLEAN);
  return inf(ANY);
}
