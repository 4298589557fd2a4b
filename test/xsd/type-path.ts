/**
 * Test helpers: follow a dotted field path through a stellwerk type and read
 * XSD files from the project tree.
 */
import { readFileSync } from "node:fs";
import { resolveType, type Field, type Type, type TypeRegistry } from "../../src/types/model.js";

/** Reads a file of the project, undefined when it does not exist (the importer's readFile). */
export function readProjectFile(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Strips a nillable union (T | null) to T. */
function unwrapNull(t: Type, registry: TypeRegistry): Type {
  const r = resolveType(t, registry);
  if (r.kind === "union") {
    const rest = r.types.filter((m) => resolveType(m, registry).kind !== "null");
    if (rest.length === 1 && rest[0]) return resolveType(rest[0], registry);
  }
  return r;
}

/**
 * The field at a dotted path ("Kopf.Absender.Institution.Name"), descending
 * through references, lists and nillable unions. Throws with the missing step.
 */
export function fieldAt(registry: TypeRegistry, root: Type, path: string): Field {
  let current = unwrapNull(root, registry);
  let found: Field | undefined;
  for (const step of path.split(".")) {
    if (current.kind === "list") current = unwrapNull(current.element, registry);
    if (current.kind !== "record") throw new Error(`${step}: not a record but ${current.kind}`);
    found = current.fields.find((f) => f.name === step);
    if (!found) throw new Error(`${step}: no such field (have ${current.fields.map((f) => f.name).join(", ")})`);
    current = unwrapNull(found.type, registry);
  }
  if (!found) throw new Error("empty path");
  return found;
}

/** The resolved type at a path (lists kept, references and null unions resolved). */
export function typeAt(registry: TypeRegistry, root: Type, path: string): Type {
  return unwrapNull(fieldAt(registry, root, path).type, registry);
}
