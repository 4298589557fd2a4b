/**
 * "Did you mean" suggestions by edit distance (Levenshtein, case differences
 * cost half), used for field, variable and function names.
 */

/** Edit distance where a pure case difference of a character costs 0.5. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const ca = a.charAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charAt(j - 1);
      const sub = ca === cb ? 0 : ca.toLowerCase() === cb.toLowerCase() ? 0.5 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + sub);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n]!;
}

/**
 * The closest candidate within a distance that grows with the name's length
 * (1 for short names, up to a third of the length), or undefined.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** How a field name must be written in a JSONata path: backticks unless it is a plain name. */
export function pathName(name: string): string {
  return /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_\u00C0-\uFFFF]*$/.test(name) && !["and", "or", "in", "true", "false", "null"].includes(name)
    ? name
    : `\`${name}\``;
}
