/**
 * The built-in functions of JSONata 2.x (jsonata 2.2.2: every function its
 * evaluator binds, including `$now` and `$millis`): signature, result type and
 * how an absent first argument propagates. Signatures are the documented
 * JSONata signatures (see signature.ts); result types are refined from the
 * argument types where the function preserves them ($filter, $sort, $map ...).
 */
import { ANY, type Field, type RecordType, type Type } from "../../types/model.js";
import { inf, reportUntyped, type CallArg, type Env, type Inf, type Run } from "./env.js";
import { lookupField } from "./infer-path.js";
import type { Range } from "./spans.js";
import {
  BOOLEAN,
  DATETIME,
  INTEGER,
  NEVER,
  NUMBER,
  OPEN_RECORD,
  STRING,
  fieldValues,
  itemOf,
  listOf,
  mayBeList,
  members,
  union,
} from "./type-ops.js";

/** What a result rule sees. */
export interface CallCtx {
  run: Run;
  env: Env;
  /** Arguments in parameter order, after context substitution (undefined for an omitted optional parameter). */
  args: Array<CallArg | undefined>;
  /** Range of the whole call. */
  range: Range;
  /** Applies a function value (a callback) to argument types. */
  apply(fn: Inf, args: Inf[], range: Range): Inf;
}

export interface BuiltinDef {
  /** JSONata signature. */
  sig: string;
  result(c: CallCtx): Type | Inf;
  /**
   * How absence propagates: "propagate" (absent first argument gives an absent
   * result, the JSONata default), "never" (always a value), "always" (may be absent).
   */
  missing?: "propagate" | "never" | "always";
}

/** Record of one regex match (`$match`, regex literals, `$replace` callbacks). */
export const MATCH_RECORD: RecordType = {
  kind: "record",
  name: "Match",
  fields: [
    { name: "match", type: STRING, optional: false },
    { name: "index", type: INTEGER, optional: false },
    { name: "groups", type: listOf(STRING), optional: false },
  ],
};

/** `$type()` results. */
const TYPE_NAME: Type = { kind: "scalar", scalar: "string", enumeration: ["null", "number", "string", "boolean", "array", "object", "function"] };

const argType = (c: CallCtx, i: number): Type => c.args[i]?.inf.t ?? ANY;
const item = (c: CallCtx, i: number): Type => itemOf(argType(c, i), c.run.registry);
const integerOrNumber = (c: CallCtx, t: Type): Type =>
  members(t, c.run.registry).every((m) => m.kind === "scalar" && m.scalar === "integer") ? INTEGER : NUMBER;
const str = (): Type => STRING;

/** Calls the callback argument `i` (if it is one) with the given argument types. */
function callback(c: CallCtx, i: number, args: Type[]): Inf | undefined {
  const a = c.args[i];
  if (a === undefined) return undefined;
  return c.apply(a.inf, args.map((t) => inf(t)), a.range);
}

/** The values of an object argument (for `$each`, `$sift`). */
function objectValues(c: CallCtx, i: number): Type {
  const vals = members(argType(c, i), c.run.registry).map((m) => (m.kind === "record" && !m.open ? fieldValues(m) : ANY));
  return union(vals);
}

function mergeRecords(c: CallCtx): Type {
  const fields = new Map<string, Field>();
  for (const m of members(item(c, 0), c.run.registry)) {
    if (m.kind !== "record" || m.open) return OPEN_RECORD;
    for (const f of m.fields) fields.set(f.name, f);
  }
  return { kind: "record", fields: [...fields.values()] };
}

function lookup(c: CallCtx): Inf {
  const key = c.args[1];
  const obj = c.args[0];
  if (obj === undefined || key?.node?.type !== "string") return inf(ANY, true);
  const r = lookupField(c.run, obj.inf.t, String(key.node.value), key.range);
  return { t: r.t, opt: true };
}

function sift(c: CallCtx): Type {
  callback(c, 1, [objectValues(c, 0), STRING, argType(c, 0)]);
  const out = members(argType(c, 0), c.run.registry).map((m): Type =>
    m.kind === "record" ? { ...m, fields: m.fields.map((f) => ({ ...f, optional: true })) } : OPEN_RECORD,
  );
  return union(out);
}

export const BUILTINS: Readonly<Record<string, BuiltinDef>> = {
  // aggregation
  sum: { sig: "<a<n>:n>", result: (c) => integerOrNumber(c, item(c, 0)) },
  count: { sig: "<a:n>", result: () => INTEGER, missing: "never" },
  max: { sig: "<a<n>:n>", result: (c) => integerOrNumber(c, item(c, 0)) },
  min: { sig: "<a<n>:n>", result: (c) => integerOrNumber(c, item(c, 0)) },
  average: { sig: "<a<n>:n>", result: () => NUMBER },
  // string
  string: { sig: "<x-b?:s>", result: str },
  substring: { sig: "<s-nn?:s>", result: str },
  substringBefore: { sig: "<s-s:s>", result: str },
  substringAfter: { sig: "<s-s:s>", result: str },
  lowercase: { sig: "<s-:s>", result: str },
  uppercase: { sig: "<s-:s>", result: str },
  length: { sig: "<s-:n>", result: () => INTEGER },
  trim: { sig: "<s-:s>", result: str },
  pad: { sig: "<s-ns?:s>", result: str },
  match: { sig: "<s-f<s:o>n?:a<o>>", result: () => listOf(MATCH_RECORD) },
  contains: { sig: "<s-(sf):b>", result: () => BOOLEAN },
  replace: {
    sig: "<s-(sf)(sf)n?:s>",
    result: (c) => {
      if (members(argType(c, 2), c.run.registry).some((m) => m.kind === "function")) callback(c, 2, [MATCH_RECORD]);
      return STRING;
    },
  },
  split: { sig: "<s-(sf)n?:a<s>>", result: () => listOf(STRING) },
  join: { sig: "<a<s>s?:s>", result: str },
  formatNumber: { sig: "<n-so?:s>", result: str },
  formatBase: { sig: "<n-n?:s>", result: str },
  formatInteger: { sig: "<n-s:s>", result: str },
  parseInteger: { sig: "<s-s:n>", result: () => INTEGER },
  base64encode: { sig: "<s-:s>", result: str },
  base64decode: { sig: "<s-:s>", result: str },
  encodeUrlComponent: { sig: "<s-:s>", result: str },
  encodeUrl: { sig: "<s-:s>", result: str },
  decodeUrlComponent: { sig: "<s-:s>", result: str },
  decodeUrl: { sig: "<s-:s>", result: str },
  // numeric
  number: { sig: "<(nsb)-:n>", result: () => NUMBER },
  floor: { sig: "<n-:n>", result: () => INTEGER },
  ceil: { sig: "<n-:n>", result: () => INTEGER },
  round: { sig: "<n-n?:n>", result: (c) => (c.args[1] === undefined ? INTEGER : NUMBER) },
  abs: { sig: "<n-:n>", result: (c) => integerOrNumber(c, argType(c, 0)) },
  sqrt: { sig: "<n-:n>", result: () => NUMBER },
  power: { sig: "<n-n:n>", result: () => NUMBER },
  random: { sig: "<:n>", result: () => NUMBER, missing: "never" },
  // boolean
  boolean: { sig: "<x-:b>", result: () => BOOLEAN },
  not: { sig: "<x-:b>", result: () => BOOLEAN },
  exists: { sig: "<x:b>", result: () => BOOLEAN, missing: "never" },
  // higher-order and array
  map: { sig: "<af>", result: (c) => listOf(callback(c, 1, [item(c, 0), INTEGER, argType(c, 0)])?.t ?? ANY) },
  filter: {
    sig: "<af>",
    result: (c) => {
      callback(c, 1, [item(c, 0), INTEGER, argType(c, 0)]);
      return inf(listOf(item(c, 0)), true);
    },
  },
  single: {
    sig: "<af?>",
    result: (c) => {
      callback(c, 1, [item(c, 0), INTEGER, argType(c, 0)]);
      return item(c, 0);
    },
  },
  reduce: {
    sig: "<afj?:j>",
    result: (c) => {
      const acc = c.args[2] ? argType(c, 2) : item(c, 0);
      const r = callback(c, 1, [acc, item(c, 0), INTEGER, argType(c, 0)]);
      return union([r?.t ?? ANY, acc]);
    },
  },
  zip: { sig: "<a+>", result: (c) => listOf(listOf(union(c.args.map((_, i) => item(c, i))))) },
  sift: { sig: "<o-f?:o>", result: sift },
  each: { sig: "<o-f:a>", result: (c) => listOf(callback(c, 1, [objectValues(c, 0), STRING, argType(c, 0)])?.t ?? ANY) },
  keys: { sig: "<x-:a<s>>", result: () => listOf(STRING) },
  lookup: { sig: "<x-s:x>", result: lookup },
  append: {
    sig: "<xx:a>",
    result: (c) => ({ t: listOf(union([item(c, 0), item(c, 1)])), opt: Boolean(c.args[0]?.inf.opt && c.args[1]?.inf.opt) }),
    missing: "never",
  },
  spread: { sig: "<x-:a<o>>", result: () => listOf(OPEN_RECORD) },
  merge: { sig: "<a<o>:o>", result: mergeRecords },
  reverse: { sig: "<a:a>", result: (c) => listOf(item(c, 0)) },
  shuffle: { sig: "<a:a>", result: (c) => listOf(item(c, 0)) },
  sort: {
    sig: "<af?:a>",
    result: (c) => {
      callback(c, 1, [item(c, 0), item(c, 0)]);
      return listOf(item(c, 0));
    },
  },
  distinct: { sig: "<x:x>", result: (c) => (mayBeList(argType(c, 0), c.run.registry) ? listOf(item(c, 0)) : argType(c, 0)) },
  clone: { sig: "<(oa)-:o>", result: (c) => argType(c, 0) },
  // errors and types
  error: { sig: "<s?:x>", result: () => NEVER, missing: "never" },
  assert: { sig: "<bs?:x>", result: () => inf(NEVER, true), missing: "never" },
  type: { sig: "<x:s>", result: () => TYPE_NAME },
  eval: {
    sig: "<sx?:x>",
    result: (c) => {
      reportUntyped(c.run, c.range, "`$eval` (an expression built at run time)");
      return ANY;
    },
    missing: "always",
  },
  // date and time
  now: { sig: "<s?s?:s>", result: (c) => (c.args[0] ? STRING : DATETIME), missing: "never" },
  millis: { sig: "<:n>", result: () => INTEGER, missing: "never" },
  toMillis: { sig: "<s-s?:n>", result: () => INTEGER },
  fromMillis: { sig: "<n-s?s?:s>", result: (c) => (c.args[1] ? STRING : DATETIME) },
};

/** Built-ins whose number parameter also accepts text, but where a decimal still turns into a float. */
export const DECIMAL_TO_FLOAT = new Set(["number"]);
