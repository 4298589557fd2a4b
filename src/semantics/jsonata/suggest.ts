/**
 * Name suggestions for the JSONata checker: the compiler's one did-you-mean
 * (src/semantics/suggest.ts), and how a field name is written in a path.
 */

export { didYouMean, editDistance } from "../suggest.js";

/** How a field name must be written in a JSONata path: backticks unless it is a plain name. */
export function pathName(name: string): string {
  return /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_\u00C0-\uFFFF]*$/.test(name) && !["and", "or", "in", "true", "false", "null"].includes(name)
    ? name
    : `\`${name}\``;
}
