/**
 * Shares identical record types in the routing table: the checker expands a
 * declared type at each use (its elements take the namespace of the use), so
 * the same record appears many times across messages. Lowering stores each
 * distinct record once in `types` and refers to it by name (RefType), which
 * the typed XML view resolves. Bottom-up, so equal subtrees are found first.
 */
import type { MessageType, RecordType, Type, TypeRegistry } from "../types/model.js";

/**
 * Returns messages whose named records are replaced by references, and the
 * registry holding them (the given registry's entries included).
 * Registry names: the record's declared name, then "name~2", "name~3"... for
 * other variants (e.g. the same type in another namespace), in first-seen order.
 */
export function internTypes(
  messages: Record<string, MessageType>,
  registry: TypeRegistry,
): { messages: Record<string, MessageType>; types: TypeRegistry } {
  const types: TypeRegistry = {};
  const byShape = new Map<string, string>();
  const used = new Set<string>(Object.keys(registry));

  const intern = (t: Type): Type => {
    switch (t.kind) {
      case "list":
        return { ...t, element: intern(t.element) };
      case "union":
        return { ...t, types: t.types.map(intern) };
      case "record": {
        const rec: RecordType = { ...t, fields: t.fields.map((f) => ({ ...f, type: intern(f.type) })) };
        if (rec.name === undefined) return rec;
        const shape = JSON.stringify(rec);
        let name = byShape.get(shape);
        if (name === undefined) {
          name = rec.name;
          for (let n = 2; used.has(name); n++) name = `${rec.name}~${n}`;
          used.add(name);
          byShape.set(shape, name);
          types[name] = rec;
        }
        return { kind: "ref", name };
      }
      default:
        return t;
    }
  };

  for (const [name, t] of Object.entries(registry)) types[name] = t.kind === "record" ? { ...t, fields: t.fields.map((f) => ({ ...f, type: intern(f.type) })) } : t;
  const out: Record<string, MessageType> = {};
  for (const [name, m] of Object.entries(messages)) {
    // The root record stays inline: the message's own shape, referring to shared parts.
    const root = m.type.kind === "record" ? { ...m.type, fields: m.type.fields.map((f) => ({ ...f, type: intern(f.type) })) } : intern(m.type);
    out[name] = { ...m, type: root };
  }
  return { messages: out, types };
}
