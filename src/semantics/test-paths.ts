/**
 * Test message paths are written relative to the rule file that names them;
 * inside the compiler and the test plan they are relative to the rule-set root,
 * "/"-separated.
 */
import { posix } from "node:path";

/** Resolves `written` against the folder of `ruleFile` (both rule-set relative, "/" separated). */
export function resolveTestPath(ruleFile: string, written: string): string {
  return posix.normalize(posix.join(posix.dirname(ruleFile.replace(/\\/g, "/")), written.replace(/\\/g, "/")));
}
