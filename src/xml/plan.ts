/**
 * Plans: the message type compiled once into lookup structures the parse and
 * build walks use, so that each XML node costs one map lookup and no type
 * resolution. Plans are cached per registry and record type (WeakMaps), so
 * compiling happens once per loaded routing table, not per message.
 *
 * Fields without an XML binding default to: "@x" -> attribute x (no
 * namespace), "#text" -> simple content, anything else -> element of that name
 * in the namespace of the message's root element.
 */
import { resolveType, type Field, type MessageType, type RecordType, type ScalarKind, type Type, type TypeRegistry } from "../types/model.js";
import { abort } from "./errors.js";

/** What a field holds: a scalar kind, a record, or untyped content. */
export type ValueKind = ScalarKind | "record" | "any";

/** One field of a record, compiled. */
export interface FieldPlan {
  /** Key in the JSON view. */
  readonly name: string;
  readonly node: "element" | "attribute" | "text";
  readonly local: string;
  /** Namespace URI, "" for none. */
  readonly ns: string;
  readonly kind: ValueKind;
  /** maxOccurs > 1: always an array in the JSON view. */
  readonly list: boolean;
  /** Minimum number of list items (lists only). */
  readonly min: number;
  readonly optional: boolean;
  readonly nillable: boolean;
  /** Base64 element content carried verbatim (parsed as a fast-xml-parser stop node). */
  readonly opaque: boolean;
  /** The record plan when kind is "record". */
  readonly record: RecordPlan | undefined;
  /** The values an XSD enumeration facet allows (scalars only); undefined when unrestricted. */
  readonly enumeration: ReadonlySet<string> | undefined;
}

/** A record type, compiled. */
export interface RecordPlan {
  readonly name: string;
  /** Element fields in type order (the order they are written in). */
  readonly elements: FieldPlan[];
  readonly attributes: FieldPlan[];
  readonly text: FieldPlan | undefined;
  /** Element fields by local name (an array when several namespaces share one local name). */
  readonly elementsByLocal: Map<string, FieldPlan | FieldPlan[]>;
  readonly attributesByLocal: Map<string, FieldPlan | FieldPlan[]>;
  /** Element list fields: set to [] when no element occurs. */
  readonly lists: FieldPlan[];
  /** Fields that must be present (non-optional elements and attributes, lists with min >= 1). */
  readonly required: FieldPlan[];
  readonly open: boolean;
  /**
   * True when a field name is also a property of Object.prototype ("toString",
   * "valueOf"...): such records are read into prototype-less objects and their
   * fields looked up as own properties only.
   */
  readonly protoNames: boolean;
}

/** The root element of a message, compiled. */
export interface RootPlan {
  readonly message: string;
  /** The root element as a field (name = local name). */
  readonly field: FieldPlan;
}

/** Names that must never become keys of a plain object (prototype pollution). */
export const UNSAFE = new Set(["__proto__", "constructor", "prototype"]);

interface Classified {
  kind: ValueKind;
  list: boolean;
  min: number;
  nillable: boolean;
  record: RecordType | undefined;
  enumeration?: string[];
}

function classify(type: Type, registry: TypeRegistry): Classified {
  const t = resolveType(type, registry);
  switch (t.kind) {
    case "list": {
      const inner = classify(t.element, registry);
      if (inner.list) return { kind: "any", list: true, min: t.min ?? 0, nillable: false, record: undefined };
      return { ...inner, list: true, min: t.min ?? 0 };
    }
    case "union": {
      const members = t.types.filter((m) => resolveType(m, registry).kind !== "null");
      const nillable = members.length < t.types.length;
      if (members.length === 1 && members[0]) return { ...classify(members[0], registry), nillable };
      const allScalar = members.every((m) => {
        const k = resolveType(m, registry).kind;
        return k === "scalar" || k === "codelist";
      });
      return { kind: allScalar ? "string" : "any", list: false, min: 0, nillable, record: undefined };
    }
    case "null":
      return { kind: "string", list: false, min: 0, nillable: true, record: undefined };
    case "scalar":
      return { kind: t.scalar, list: false, min: 0, nillable: false, record: undefined, ...(t.enumeration && t.enumeration.length > 0 ? { enumeration: t.enumeration } : {}) };
    case "codelist":
      return { kind: "string", list: false, min: 0, nillable: false, record: undefined };
    case "record":
      return { kind: "record", list: false, min: 0, nillable: false, record: t };
    default:
      return { kind: "any", list: false, min: 0, nillable: false, record: undefined };
  }
}

type PlanCache = WeakMap<RecordType, RecordPlan>;
const caches = new WeakMap<TypeRegistry, Map<string, PlanCache>>();

function cacheFor(registry: TypeRegistry, defaultNs: string): PlanCache {
  let byNs = caches.get(registry);
  if (!byNs) caches.set(registry, (byNs = new Map()));
  let cache = byNs.get(defaultNs);
  if (!cache) byNs.set(defaultNs, (cache = new WeakMap()));
  return cache;
}

function addByLocal(map: Map<string, FieldPlan | FieldPlan[]>, f: FieldPlan): void {
  const prev = map.get(f.local);
  if (prev === undefined) map.set(f.local, f);
  else if (Array.isArray(prev)) prev.push(f);
  else map.set(f.local, [prev, f]);
}

function fieldPlan(field: Field, registry: TypeRegistry, cache: PlanCache, defaultNs: string, recordName: string): FieldPlan {
  if (UNSAFE.has(field.name)) abort("xml-bad-type", `record ${recordName} has a field named ${field.name}`);
  const c = classify(field.type, registry);
  const xml = field.xml;
  const node = xml?.node ?? (field.name.startsWith("@") ? "attribute" : field.name === "#text" ? "text" : "element");
  const local = xml?.localName ?? (node === "attribute" ? field.name.slice(1) : field.name);
  if (UNSAFE.has(local)) abort("xml-bad-type", `record ${recordName} maps a field to the XML name ${local}`);
  const ns = xml ? (xml.ns ?? "") : node === "element" ? defaultNs : "";
  const plan: FieldPlan = {
    name: field.name,
    node,
    local,
    ns,
    kind: node === "attribute" && c.kind === "record" ? "string" : c.kind,
    list: node === "element" && c.list,
    min: c.min,
    optional: field.optional,
    nillable: xml?.nillable === true || c.nillable,
    // Only base64 content is carried verbatim; `xml.opaque` on other kinds is ignored
    // (raw text of other kinds could carry markup into the output).
    opaque: c.kind === "base64" && node === "element",
    record: c.record && node === "element" ? recordPlan(c.record, registry, cache, defaultNs) : undefined,
    enumeration: c.enumeration ? new Set(c.enumeration) : undefined,
  };
  return plan;
}

function recordPlan(record: RecordType, registry: TypeRegistry, cache: PlanCache, defaultNs: string): RecordPlan {
  const cached = cache.get(record);
  if (cached) return cached;
  const plan: RecordPlan = {
    name: record.name ?? "record",
    elements: [],
    attributes: [],
    text: undefined,
    elementsByLocal: new Map(),
    attributesByLocal: new Map(),
    lists: [],
    required: [],
    open: record.open === true,
    protoNames: record.fields.some((f) => f.name in Object.prototype),
  };
  cache.set(record, plan);
  let text: FieldPlan | undefined;
  for (const field of record.fields) {
    const f = fieldPlan(field, registry, cache, defaultNs, plan.name);
    if (f.node === "text") text = f;
    else if (f.node === "attribute") {
      plan.attributes.push(f);
      addByLocal(plan.attributesByLocal, f);
    } else {
      plan.elements.push(f);
      addByLocal(plan.elementsByLocal, f);
      if (f.list) plan.lists.push(f);
    }
    if (f.node !== "text" && (f.list ? f.min > 0 && !f.optional : !f.optional)) plan.required.push(f);
  }
  (plan as { text: FieldPlan | undefined }).text = text;
  return plan;
}

const rootPlans = new WeakMap<MessageType, { registry: TypeRegistry; plan: RootPlan }>();

/**
 * The compiled plan of a message type (cached).
 * @throws XmlViewAbort "xml-bad-type" when the message is not XML or its type has unsafe field names
 */
export function planMessage(message: MessageType, registry: TypeRegistry): RootPlan {
  const hit = rootPlans.get(message);
  if (hit && hit.registry === registry) return hit.plan;
  if (message.encoding.format !== "xml") abort("xml-bad-type", `message type ${message.name} is not an XML message type`);
  const ns = message.encoding.ns ?? "";
  const rootField: Field = { name: message.encoding.root, type: message.type, optional: false, xml: { node: "element", localName: message.encoding.root, ns } };
  const plan: RootPlan = { message: message.name, field: fieldPlan(rootField, registry, cacheFor(registry, ns), ns, message.name) };
  rootPlans.set(message, { registry, plan });
  return plan;
}

/** Finds the field for (ns, local) among candidates of one local name. */
export function pick(candidates: FieldPlan | FieldPlan[] | undefined, ns: string): FieldPlan | undefined {
  if (candidates === undefined) return undefined;
  if (!Array.isArray(candidates)) return candidates.ns === ns ? candidates : undefined;
  for (const c of candidates) if (c.ns === ns) return c;
  return undefined;
}

const opaqueCache = new WeakMap<RootPlan, { ns: string; local: string }[]>();

/**
 * The opaque (base64) element names of a message that no non-opaque element
 * field shares, i.e. the names safe to treat as fast-xml-parser stop nodes (cached).
 */
export function opaqueElements(root: RootPlan): { ns: string; local: string }[] {
  const hit = opaqueCache.get(root);
  if (hit) return hit;
  const opaque = new Map<string, { ns: string; local: string }>();
  const clear = new Set<string>();
  const seen = new Set<RecordPlan>();
  const visit = (f: FieldPlan): void => {
    const key = `${f.ns}\u0000${f.local}`;
    if (f.opaque && f.kind !== "record") opaque.set(key, { ns: f.ns, local: f.local });
    else clear.add(key);
    if (f.record && !seen.has(f.record)) {
      seen.add(f.record);
      for (const e of f.record.elements) visit(e);
    }
  };
  visit(root.field);
  const result = [...opaque].filter(([k]) => !clear.has(k)).map(([, v]) => v);
  opaqueCache.set(root, result);
  return result;
}

