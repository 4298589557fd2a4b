/**
 * A static check of regular expressions for exponential backtracking.
 *
 * JSONata runs a regular expression as one call to the JavaScript engine, so
 * the per-evaluation time limit cannot stop it (see expressions.ts). A pattern
 * with a repeated group that itself holds an unbounded repetition, like
 * `(a+)+$` or `(\w*\s?)*!`, takes exponential time on a short message text
 * that almost matches: one hostile message stops the router for ever.
 *
 * The check is the "star height" rule, refined for delimiters: an unbounded
 * quantifier (`*`, `+`, `{n,}`) applied to a group that contains an unbounded
 * quantifier is refused, unless every iteration of the group must start or
 * end with a character none of the inner repetitions can take (`(\d+\.)+`,
 * `\w+(\s\w+)*`): then the text splits into iterations one way only.
 * Whether two parts can take the same character is decided on a sample of
 * characters (ASCII and some Latin/other letters), so exotic character
 * classes may slip through; overlapping alternatives (`(a|a)*`) are not
 * detected. A refused pattern is written without the nesting or with the
 * inner repetition bounded (`{1,20}`).
 */

/** One element of a group's body: its pattern text (undefined for a nested group) and how it repeats. */
interface Atom {
  readonly source: string | undefined;
  repeat: "once" | "optional" | "unbounded";
}

interface Group {
  /** Index of "(" in the source (-1: the whole pattern). */
  readonly start: number;
  readonly atoms: Atom[];
  /** Pattern texts of every atom repeated without bound inside the group (nested groups included; undefined: unknown). */
  readonly unbounded: Array<string | undefined>;
  /** The body has a top-level "|". */
  alternation: boolean;
}

/** Characters tried to decide whether two atoms can match the same character. */
const SAMPLE = [..."\t\n\r\u00a0\u2028äöüßÄÖÜéñ€§°µ漢", ...Array.from({ length: 95 }, (_, k) => String.fromCharCode(32 + k))];

/** True when no sampled character matches both atoms (so the one cannot take the other's characters). */
function disjoint(a: string | undefined, b: string | undefined, flags: string): boolean {
  if (a === undefined || b === undefined) return false;
  let ra: RegExp;
  let rb: RegExp;
  try {
    ra = new RegExp(`^(?:${a})$`, flags);
    rb = new RegExp(`^(?:${b})$`, flags);
  } catch {
    return false;
  }
  return !SAMPLE.some((ch) => ra.test(ch) && rb.test(ch));
}

/**
 * A repeated group is unambiguous when every iteration must start (or end)
 * with a character none of its inner repetitions can take: `(\.\d+)*`,
 * `(\d+\.)+`, `(\s\w+)*`. Then each way through the text splits it one way.
 */
function delimited(g: Group, flags: string): boolean {
  if (g.alternation || g.atoms.length < 2) return false;
  const edges = [g.atoms[0]!, g.atoms[g.atoms.length - 1]!];
  return edges.some((edge) => edge.repeat === "once" && g.unbounded.every((u) => disjoint(edge.source, u, flags)));
}

/** Length of the quantifier at `i` and whether it is unbounded; undefined when there is none. */
function quantifierAt(source: string, i: number): { length: number; repeat: Atom["repeat"] } | undefined {
  const c = source[i];
  if (c === "*" || c === "+") return { length: 1, repeat: "unbounded" };
  if (c === "?") return { length: 1, repeat: "optional" };
  if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
    if (m) return { length: m[0].length, repeat: m[2] !== undefined && m[3] === "" ? "unbounded" : m[1] === "0" ? "optional" : "once" };
  }
  return undefined;
}

/**
 * Index in `source` of the first repeated group that holds an unbounded
 * repetition and is not {@link delimited} (see the module comment), or -1.
 * @param source the pattern text of a RegExp (RegExp.prototype.source)
 * @param flags its flags (case-insensitive matching widens the atoms)
 */
export function nestedRepetition(source: string, flags = ""): number {
  const flagsUsed = flags.replace(/[gy]/g, "");
  const newGroup = (start: number): Group => ({ start, atoms: [], unbounded: [], alternation: false });
  const stack: Group[] = [newGroup(-1)];
  let i = 0;
  while (i < source.length) {
    const top = stack[stack.length - 1]!;
    const c = source[i]!;
    const last = top.atoms[top.atoms.length - 1];
    const q = quantifierAt(source, i);
    if (q !== undefined && last !== undefined && last.repeat === "once") {
      i += q.length;
      if (source[i] === "?") i++; // lazy: the same backtracking
      last.repeat = q.repeat;
      if (q.repeat !== "unbounded") continue;
      const g = lastGroup.get(last);
      if (g === undefined) {
        top.unbounded.push(last.source);
        continue;
      }
      if (g.unbounded.length > 0 && !delimited(g, flagsUsed)) return g.start;
      top.unbounded.push(...g.atoms.map((a) => a.source), ...g.unbounded);
      continue;
    }
    if (c === "(") {
      stack.push(newGroup(i));
      i++;
      if (source[i] === "?") {
        // (?:  (?=  (?!  (?<=  (?<!  (?<name>
        const m = /^\?(?::|=|!|<=|<!|<[^>]*>)/.exec(source.slice(i, i + 64));
        i += m ? m[0].length : 1;
      }
      continue;
    }
    if (c === ")" && stack.length > 1) {
      const g = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      const atom: Atom = { source: g.atoms.length === 1 && !g.alternation ? g.atoms[0]!.source : undefined, repeat: "once" };
      parent.atoms.push(atom);
      parent.unbounded.push(...g.unbounded);
      lastGroup.set(atom, g);
      i++;
      continue;
    }
    if (c === "|") {
      top.alternation = true;
      i++;
      continue;
    }
    const from = i;
    if (c === "\\") {
      i += 2;
      if (/^\\[pPu]\{/.test(source.slice(from, from + 3))) i = source.indexOf("}", i) + 1 || source.length;
    } else if (c === "[") {
      i++;
      if (source[i] === "^") i++;
      if (source[i] === "]") i++;
      while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      i++;
    } else {
      i++;
    }
    const text = source.slice(from, i);
    // anchors match no character: they delimit nothing
    top.atoms.push({ source: text === "^" || text === "$" || text === "\\b" || text === "\\B" ? undefined : text, repeat: "once" });
  }
  return -1;
}

/** The group an atom stands for, when it is a group. */
const lastGroup = new WeakMap<Atom, Group>();

/**
 * Regular expressions of a compiled JSONata expression tree (`expr.ast()`)
 * that fail {@link nestedRepetition}: their position in the expression text.
 */
export function backtrackingRegexes(ast: unknown): number[] {
  const found: number[] = [];
  const seen = new Set<object>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (node instanceof RegExp) return;
    const n = node as { type?: unknown; value?: unknown; position?: unknown };
    if (n.type === "regex" && n.value instanceof RegExp && nestedRepetition(n.value.source, n.value.flags) >= 0) {
      found.push(typeof n.position === "number" ? n.position : 0);
    }
    for (const v of Object.values(node)) walk(v);
  };
  walk(ast);
  return found;
}
