/**
 * Shared functions declared in the rules (`function Kopf(typ: string): T ```...``` `)
 * as the JSONata checker sees them: a call `$Kopf(...)` is checked against the
 * declared signature (arity SW2409; each argument against its parameter type
 * like a value against a target field: SW2411, SW2407, SW2418, ...), and its
 * value has the declared result type. The body is checked separately, with
 * {@link FUNCTION_BODY_INPUT} as input, so that reading the input document in a
 * body is reported (SW2421).
 */
import type { RecordType, Type } from "../../types/model.js";
import { checkValue } from "./output-check.js";
import { inf, report, type CallArg, type Inf, type Run } from "./env.js";
import type { Range } from "./spans.js";

/** One declared parameter; an optional one may be left out or be absent. */
export interface DeclaredParam {
  name: string;
  type: Type;
  optional: boolean;
}

/** The signature of a declared function, by the name it is called with (without `$`). */
export interface DeclaredFunction {
  name: string;
  params: DeclaredParam[];
  result: Type;
  /** The result may be absent (declared `optional T`). */
  resultOptional: boolean;
}

/** Name of the input record of a function body: it has no fields, and reading one is SW2421. */
export const FUNCTION_BODY_INPUT_NAME = "\u0000function body input";

/** The input type a function body is checked with. */
export const FUNCTION_BODY_INPUT: RecordType = { kind: "record", name: FUNCTION_BODY_INPUT_NAME, fields: [] };

const plural = (n: number): string => `${n} argument${n === 1 ? "" : "s"}`;

/** Types a call of a declared function; arguments are checked against the parameters. */
export function callDeclared(run: Run, fn: DeclaredFunction, args: CallArg[], range: Range): Inf {
  const max = fn.params.length;
  let min = max;
  while (min > 0 && fn.params[min - 1]!.optional) min--;
  if (args.length < min || args.length > max) {
    const expected = min === max ? plural(max) : `${min} to ${max} arguments`;
    report(run, "function-arity", range, { name: fn.name, expected, actual: plural(args.length) });
    return inf(fn.result, fn.resultOptional);
  }
  args.forEach((a, i) => {
    const p = fn.params[i]!;
    checkValue(run, a.inf, { type: p.type, required: !p.optional, target: `argument ${i + 1} (\`${p.name}\`) of \`$${fn.name}\`` }, a.range, a.node);
  });
  return inf(fn.result, fn.resultOptional);
}
