/**
 * Converts the components of a loaded {@link SchemaSet} into the stellwerk type
 * model (src/types/model.ts). Mapping rules (documented for users in
 * docs/language.md, "XSD import"):
 *
 * - Named complex types become records registered as "{ns}Name"; fields refer to
 *   them with a RefType, so recursion works. Anonymous complex types are inlined,
 *   except the anonymous type of a global element, registered as "{ns}Name#element".
 * - Simple types are inlined as scalars (also registered under "{ns}Name" for reference).
 * - Particles are flattened into one ordered field list: maxOccurs > 1 (of the
 *   element or any enclosing group) gives a ListType, minOccurs = 0 (or being
 *   inside a choice) makes the field optional. A complex type whose content is
 *   exactly one choice of elements (and no attributes) is a record with `choice`.
 * - Attributes are fields "@local"; simple content is the field "#text".
 * - xs:any / xs:anyAttribute make the record `open`.
 * - nillable elements get the type union(T, null) and `xml.nillable`.
 * - Facets: enumeration and pattern are kept; fixed values of string attributes
 *   become a one-value enumeration; other facets are ignored (not shape).
 */
import type { Field, RecordType, ScalarType, Type, TypeRegistry, XmlBinding } from "../types/model.js";
import { ANY } from "../types/model.js";
import { builtinScalar } from "./builtin-types.js";
import { XsdCodeId, XsdDiagnostic, xsdDiag } from "./diagnostics.js";
import { Component, ComponentKind, Schema, SchemaSet, locationOf, qualifiedName, resolveQName } from "./schema-set.js";
import { XS_NS, XML_NS, XsdNode } from "./xsd-document.js";

/** A global element of the imported set. */
export interface XsdElement {
  /** Local name of the element. */
  name: string;
  /** Namespace URI; undefined = no namespace. */
  ns?: string;
  /** Its type (a RefType for complex types, a scalar for simple ones). */
  type: Type;
  nillable?: boolean;
}

const UNSAFE_NAMES = new Set(["__proto__", "constructor", "prototype"]);
const STRING_LIKE = new Set(["string", "date", "datetime", "time"]);
/** Suffix of registry names of global elements' anonymous types ("#" cannot occur in an XSD name). */
export const ELEMENT_TYPE_SUFFIX = "#element";

interface Occurs {
  min: number;
  /** Infinity = unbounded. */
  max: number;
}

/** Mutable state while one record is filled. */
interface RecordBuilder {
  record: RecordType;
  schema: Schema;
  byName: Map<string, Field>;
}

const XML_ATTRIBUTES: Record<string, ScalarType> = {
  lang: { kind: "scalar", scalar: "string" },
  space: { kind: "scalar", scalar: "string", enumeration: ["default", "preserve"] },
  base: { kind: "scalar", scalar: "string" },
  id: { kind: "scalar", scalar: "string" },
};

/** Converts a schema set; results accumulate in `registry`, `elements`, `diagnostics`. */
export class TypeConverter {
  readonly registry: TypeRegistry = {};
  readonly elements: Record<string, XsdElement> = {};
  readonly diagnostics: XsdDiagnostic[];
  private readonly complexDone = new Map<string, RecordType>();
  private readonly simpleDone = new Map<string, ScalarType>();
  private readonly inProgress = new Set<string>();
  private readonly reportedHeads = new Set<string>();
  private readonly substitutionHeads = new Set<string>();

  constructor(private readonly set: SchemaSet) {
    this.diagnostics = set.diagnostics;
    for (const el of set.components.element.values()) {
      const head = el.node.attrs.get("substitutionGroup");
      const q = head === undefined ? undefined : resolveQName(el.node, el.schema, head);
      if (q) this.substitutionHeads.add(qualifiedName(q.ns, q.local));
    }
  }

  /** Converts every global type and element. */
  convertAll(): void {
    for (const [name] of this.set.components.simpleType) this.namedSimple(name, undefined);
    for (const [name] of this.set.components.complexType) this.namedComplex(name, undefined);
    for (const [name, comp] of this.set.components.element) this.globalElement(name, comp);
  }

  private report(id: XsdCodeId, node: XsdNode, message: string, construct?: string): void {
    this.diagnostics.push(xsdDiag(id, locationOf(node), message, construct));
  }

  private lookup(kind: ComponentKind, node: XsdNode, schema: Schema, attr: string): Component | undefined | "builtin" {
    const value = node.attrs.get(attr) ?? "";
    const q = resolveQName(node, schema, value);
    if (!q) {
      this.report("invalid-attribute", node, `The ${attr}="${value}" of xs:${node.local} uses an undeclared namespace prefix.`, `xs:${node.local}`);
      return undefined;
    }
    if (q.ns === XS_NS && (kind === "complexType" || kind === "simpleType")) return "builtin";
    const comp = this.set.components[kind].get(qualifiedName(q.ns, q.local));
    if (!comp && !(kind === "attribute" && q.ns === XML_NS && q.local in XML_ATTRIBUTES)) {
      this.report("unresolved-reference", node, `xs:${node.local} refers to ${kind} "${value}", which no loaded schema defines.`, `xs:${node.local}`);
    }
    return comp;
  }

  // ---------- simple types ----------

  private namedSimple(name: string, from: XsdNode | undefined): ScalarType {
    const done = this.simpleDone.get(name);
    if (done) return done;
    const comp = this.set.components.simpleType.get(name);
    if (!comp) return { kind: "scalar", scalar: "string" };
    if (this.inProgress.has(name)) {
      this.report("circular-derivation", from ?? comp.node, `The simple type "${comp.local}" derives from itself.`, "xs:simpleType");
      return { kind: "scalar", scalar: "string" };
    }
    this.inProgress.add(name);
    const scalar = this.simpleTypeNode(comp.node, comp.schema);
    this.inProgress.delete(name);
    this.simpleDone.set(name, scalar);
    this.registry[name] = scalar;
    return scalar;
  }

  /** The scalar named by a QName attribute (type=, base=, itemType=). */
  private simpleRef(node: XsdNode, schema: Schema, attr: string): ScalarType {
    const value = node.attrs.get(attr) ?? "";
    const q = resolveQName(node, schema, value);
    if (!q) {
      this.report("invalid-attribute", node, `The ${attr}="${value}" of xs:${node.local} uses an undeclared namespace prefix.`, `xs:${node.local}`);
      return { kind: "scalar", scalar: "string" };
    }
    if (q.ns === XS_NS) return this.builtin(q.local, node);
    const name = qualifiedName(q.ns, q.local);
    if (this.set.components.simpleType.has(name)) return this.namedSimple(name, node);
    const complex = this.set.components.complexType.get(name);
    if (complex) {
      const text = this.namedComplex(name, node).fields.find((f) => f.name === "#text");
      if (text && text.type.kind === "scalar") return text.type;
    }
    this.report("unresolved-reference", node, `xs:${node.local} refers to simple type "${value}", which no loaded schema defines.`, `xs:${node.local}`);
    return { kind: "scalar", scalar: "string" };
  }

  private builtin(local: string, node: XsdNode): ScalarType {
    const kind = builtinScalar(local);
    if (kind) return { kind: "scalar", scalar: kind };
    if (local !== "anyType") this.report("unknown-builtin", node, `"${local}" is not a built-in XML Schema type; it is read as a string.`, `xs:${node.local}`);
    return { kind: "scalar", scalar: "string" };
  }

  /** Converts an xs:simpleType element. */
  private simpleTypeNode(node: XsdNode, schema: Schema): ScalarType {
    for (const child of node.children) {
      if (child.ns !== XS_NS) continue;
      if (child.local === "restriction") return this.restrictSimple(child, this.simpleBase(child, schema));
      if (child.local === "list" || child.local === "union") {
        // Lists are whitespace-separated text and unions may mix kinds: both are read as strings.
        for (const inner of child.children) if (inner.ns === XS_NS && inner.local === "simpleType") this.simpleTypeNode(inner, schema);
        return { kind: "scalar", scalar: "string" };
      }
      if (child.local !== "annotation") this.report("unsupported", child, `xs:${child.local} inside xs:simpleType is not supported.`, `xs:${child.local}`);
    }
    return { kind: "scalar", scalar: "string" };
  }

  private simpleBase(restriction: XsdNode, schema: Schema): ScalarType {
    if (restriction.attrs.has("base")) return this.simpleRef(restriction, schema, "base");
    const inline = restriction.children.find((c) => c.ns === XS_NS && c.local === "simpleType");
    return inline ? this.simpleTypeNode(inline, schema) : { kind: "scalar", scalar: "string" };
  }

  /** Applies the enumeration and pattern facets of a restriction to a base scalar. */
  private restrictSimple(restriction: XsdNode, base: ScalarType): ScalarType {
    const result: ScalarType = { kind: "scalar", scalar: base.scalar };
    if (base.pattern !== undefined) result.pattern = base.pattern;
    if (base.enumeration !== undefined) result.enumeration = base.enumeration;
    const enumeration: string[] = [];
    const patterns: string[] = [];
    for (const facet of restriction.children) {
      if (facet.ns !== XS_NS) continue;
      const value = facet.attrs.get("value");
      if (facet.local === "enumeration" && value !== undefined) enumeration.push(value);
      else if (facet.local === "pattern" && value !== undefined) patterns.push(value);
      else if (facet.local === "assertion") this.report("unsupported", facet, "xs:assertion (XSD 1.1) is not supported.", "xs:assertion");
    }
    if (enumeration.length > 0) result.enumeration = enumeration;
    if (patterns.length === 1) result.pattern = patterns[0];
    else if (patterns.length > 1) result.pattern = patterns.map((p) => `(${p})`).join("|");
    return result;
  }

  // ---------- complex types ----------

  private namedComplex(name: string, from: XsdNode | undefined): RecordType {
    const done = this.complexDone.get(name);
    if (done) return done;
    const comp = this.set.components.complexType.get(name);
    if (!comp) return { kind: "record", fields: [], open: true };
    if (this.inProgress.has(name)) {
      this.report("circular-derivation", from ?? comp.node, `The complex type "${comp.local}" derives from itself.`, "xs:complexType");
      return { kind: "record", name: comp.local, fields: [] };
    }
    this.inProgress.add(name);
    const record = this.complexTypeNode(comp.node, comp.schema, comp.local);
    this.inProgress.delete(name);
    this.complexDone.set(name, record);
    this.registry[name] = record;
    return record;
  }

  /** The type of an element or attribute's type= attribute. */
  private typeRef(node: XsdNode, schema: Schema): Type {
    const value = node.attrs.get("type") ?? "";
    const q = resolveQName(node, schema, value);
    if (!q) {
      this.report("invalid-attribute", node, `The type="${value}" of xs:${node.local} uses an undeclared namespace prefix.`, `xs:${node.local}`);
      return ANY;
    }
    if (q.ns === XS_NS) return q.local === "anyType" ? ANY : this.builtin(q.local, node);
    const name = qualifiedName(q.ns, q.local);
    if (this.set.components.complexType.has(name)) return { kind: "ref", name };
    if (this.set.components.simpleType.has(name)) return this.namedSimple(name, node);
    this.report("unresolved-reference", node, `xs:${node.local} refers to type "${value}", which no loaded schema defines.`, `xs:${node.local}`);
    return ANY;
  }

  /** Converts an xs:complexType element into a record. */
  private complexTypeNode(node: XsdNode, schema: Schema, name: string | undefined): RecordType {
    const record: RecordType = { kind: "record", fields: [] };
    if (name !== undefined) record.name = name;
    const b: RecordBuilder = { record, schema, byName: new Map() };
    let onlyChoice = false;
    let particles = 0;
    for (const child of node.children) {
      if (child.ns !== XS_NS) continue;
      switch (child.local) {
        case "simpleContent":
          this.simpleContent(child, b);
          break;
        case "complexContent":
          this.complexContent(child, b);
          break;
        default:
          if (this.content(child, b, "xs:complexType") === "particle") {
            particles++;
            onlyChoice = child.local === "choice" && this.occurs(child).max === 1;
          }
      }
    }
    if (node.attrs.get("mixed") === "true" && record.fields.some((f) => f.xml?.node === "element")) {
      this.report("unsupported", node, "Mixed content (mixed=\"true\" with child elements) is not supported.", "xs:complexType mixed");
    }
    if (particles === 1 && onlyChoice && record.fields.length > 1 && record.fields.every((f) => f.xml?.node === "element")) record.choice = true;
    return record;
  }

  /** Adds a model group or attribute child of a type definition; reports anything else but annotations. */
  private content(child: XsdNode, b: RecordBuilder, where: string): "particle" | "attribute" | "skipped" {
    switch (child.local) {
      case "sequence":
      case "choice":
      case "all":
      case "group":
        this.particle(child, b, { min: 1, max: 1 }, false);
        return "particle";
      case "attribute":
      case "attributeGroup":
      case "anyAttribute":
        this.attribute(child, b, new Set());
        return "attribute";
      case "annotation":
        return "skipped";
      default:
        this.report("unsupported", child, `xs:${child.local} inside ${where} is not supported.`, `xs:${child.local}`);
        return "skipped";
    }
  }

  private occurs(node: XsdNode): Occurs {
    const minText = node.attrs.get("minOccurs");
    const maxText = node.attrs.get("maxOccurs");
    let min = 1;
    let max = 1;
    if (minText !== undefined) {
      if (/^\s*\d+\s*$/.test(minText)) min = Number(minText);
      else this.report("invalid-attribute", node, `minOccurs="${minText}" is not a non-negative integer; 1 is used.`, `xs:${node.local}`);
    }
    if (maxText !== undefined) {
      if (maxText.trim() === "unbounded") max = Infinity;
      else if (/^\s*\d+\s*$/.test(maxText)) max = Number(maxText);
      else this.report("invalid-attribute", node, `maxOccurs="${maxText}" is neither a non-negative integer nor "unbounded"; 1 is used.`, `xs:${node.local}`);
    }
    return { min, max };
  }

  /** Adds the fields of a particle (element, model group, group reference, wildcard). */
  private particle(node: XsdNode, b: RecordBuilder, outer: Occurs, inChoice: boolean): void {
    const own = this.occurs(node);
    const occ: Occurs = { min: outer.min * own.min, max: own.max === 0 || outer.max === 0 ? 0 : outer.max * own.max };
    switch (node.local) {
      case "element":
        if (occ.max > 0) this.elementField(node, b, occ, inChoice);
        return;
      case "any":
        b.record.open = true;
        return;
      case "sequence":
      case "all":
      case "choice": {
        const members = node.children.filter((c) => c.ns === XS_NS && c.local !== "annotation");
        if (own.max > 1 && members.length > 1) {
          this.report("order-lost", node, `A repeated xs:${node.local} with ${members.length} members is read as one list per member; their interleaving is not kept.`, `xs:${node.local}`);
        }
        const choice = inChoice || (node.local === "choice" && members.length > 1);
        for (const member of members) this.particle(member, b, occ, choice);
        return;
      }
      case "group": {
        const comp = this.lookup("group", node, b.schema, "ref");
        if (!comp || comp === "builtin") return;
        const key = `group ${qualifiedName(comp.ns, comp.local)}`;
        if (this.inProgress.has(key)) {
          this.report("circular-derivation", node, `The group "${comp.local}" contains itself.`, "xs:group");
          return;
        }
        this.inProgress.add(key);
        const groupBuilder: RecordBuilder = { ...b, schema: comp.schema };
        for (const inner of comp.node.children) {
          if (inner.ns === XS_NS && (inner.local === "sequence" || inner.local === "choice" || inner.local === "all")) {
            this.particle(inner, groupBuilder, occ, inChoice);
          }
        }
        this.inProgress.delete(key);
        return;
      }
      case "annotation":
        return;
      default:
        this.report("unsupported", node, `xs:${node.local} is not supported as a particle.`, `xs:${node.local}`);
    }
  }

  private elementField(node: XsdNode, b: RecordBuilder, occ: Occurs, inChoice: boolean): void {
    let local: string | undefined;
    let ns: string | undefined;
    let type: Type;
    let nillable = node.attrs.get("nillable") === "true";
    if (node.attrs.has("ref")) {
      const comp = this.lookup("element", node, b.schema, "ref");
      if (!comp || comp === "builtin") return;
      local = comp.local;
      ns = comp.ns;
      const el = this.globalElement(qualifiedName(comp.ns, comp.local), comp);
      type = el.type;
      nillable = el.nillable === true;
      const head = qualifiedName(comp.ns, comp.local);
      if (this.substitutionHeads.has(head) && !this.reportedHeads.has(head)) {
        this.reportedHeads.add(head);
        this.report("substitution-group", node, `Members of the substitution group of "${comp.local}" are not expanded here; only "${comp.local}" itself is accepted.`, "substitutionGroup");
      }
    } else {
      local = node.attrs.get("name");
      if (local === undefined) {
        this.report("invalid-attribute", node, "A local xs:element needs a name or a ref attribute.", "xs:element");
        return;
      }
      const form = node.attrs.get("form");
      const qualified = form === undefined ? b.schema.elementFormQualified : form === "qualified";
      ns = qualified ? b.schema.targetNs : undefined;
      type = this.elementType(node, b.schema, local);
    }
    if (UNSAFE_NAMES.has(local)) {
      this.report("unsafe-name", node, `The element name "${local}" cannot be a field name (it would reach JavaScript object prototypes); it is skipped.`, "xs:element");
      return;
    }
    const xml: XmlBinding = { node: "element", localName: local };
    if (ns !== undefined) xml.ns = ns;
    if (nillable) xml.nillable = true;
    const resolvedScalar = type.kind === "scalar" ? type.scalar : undefined;
    if (resolvedScalar === "base64") xml.opaque = true;
    this.addField(b, node, local, type, occ, inChoice, xml);
  }

  /** Adds an element field, merging a repeated name into one list. */
  private addField(b: RecordBuilder, node: XsdNode, name: string, itemType: Type, occ: Occurs, inChoice: boolean, xml: XmlBinding): void {
    const existing = b.byName.get(name);
    if (existing) {
      if (existing.xml?.ns !== xml.ns || existing.xml?.node !== "element") {
        this.report("field-collision", node, `"${name}" is declared twice in one content model with different namespaces or kinds; the second is skipped.`, "xs:element");
        return;
      }
      const prev = existing.type.kind === "list" ? existing.type : undefined;
      const prevMin = prev ? (prev.min ?? 0) : existing.optional ? 0 : 1;
      const prevMax = prev ? (prev.max ?? Infinity) : 1;
      const element = prev ? prev.element : existing.type;
      const max = prevMax + occ.max;
      existing.type = { kind: "list", element, min: prevMin + occ.min, ...(Number.isFinite(max) ? { max } : {}) };
      existing.optional = existing.optional && (inChoice || occ.min === 0);
      this.report("field-collision", node, `"${name}" occurs at two places of one content model; both are read as one list and their order relative to other elements is not kept.`, "xs:element");
      return;
    }
    const valueType: Type = xml.nillable ? { kind: "union", types: [itemType, { kind: "null" }] } : itemType;
    const type: Type =
      occ.max > 1 ? { kind: "list", element: valueType, min: occ.min, ...(Number.isFinite(occ.max) ? { max: occ.max } : {}) } : valueType;
    const field: Field = { name, type, optional: inChoice || occ.min === 0, xml };
    b.byName.set(name, field);
    b.record.fields.push(field);
  }

  /** The type of a (local or global) element declaration from its type attribute or inline type. */
  private elementType(node: XsdNode, schema: Schema, recordName: string): Type {
    if (node.attrs.has("type")) return this.typeRef(node, schema);
    for (const child of node.children) {
      if (child.ns !== XS_NS) continue;
      if (child.local === "complexType") return this.complexTypeNode(child, schema, recordName);
      if (child.local === "simpleType") return this.simpleTypeNode(child, schema);
    }
    const head = node.attrs.get("substitutionGroup");
    if (head !== undefined) {
      const comp = this.lookup("element", node, schema, "substitutionGroup");
      if (comp && comp !== "builtin") return this.globalElement(qualifiedName(comp.ns, comp.local), comp).type;
    }
    return ANY;
  }

  private globalElement(name: string, comp: Component): XsdElement {
    const done = this.elements[name];
    if (done) return done;
    const el: XsdElement = { name: comp.local, type: ANY };
    if (comp.ns !== undefined) el.ns = comp.ns;
    if (comp.node.attrs.get("nillable") === "true") el.nillable = true;
    this.elements[name] = el;
    const inline = comp.node.children.some((c) => c.ns === XS_NS && c.local === "complexType");
    if (inline) {
      const regName = name + ELEMENT_TYPE_SUFFIX;
      el.type = { kind: "ref", name: regName };
      this.registry[regName] = { kind: "record", fields: [] };
      this.registry[regName] = this.elementType(comp.node, comp.schema, comp.local);
    } else {
      el.type = this.elementType(comp.node, comp.schema, comp.local);
    }
    return el;
  }

  // ---------- attributes ----------

  /** Adds an xs:attribute, the attributes of an xs:attributeGroup, or an xs:anyAttribute. */
  private attribute(node: XsdNode, b: RecordBuilder, groups: Set<string>): void {
    if (node.local === "anyAttribute") {
      b.record.open = true;
      return;
    }
    if (node.local === "attributeGroup") {
      const comp = this.lookup("attributeGroup", node, b.schema, "ref");
      if (!comp || comp === "builtin") return;
      const key = qualifiedName(comp.ns, comp.local);
      if (groups.has(key)) {
        this.report("circular-derivation", node, `The attributeGroup "${comp.local}" contains itself.`, "xs:attributeGroup");
        return;
      }
      groups.add(key);
      const inner: RecordBuilder = { ...b, schema: comp.schema };
      for (const child of comp.node.children) {
        if (child.ns === XS_NS && (child.local === "attribute" || child.local === "attributeGroup" || child.local === "anyAttribute")) this.attribute(child, inner, groups);
      }
      groups.delete(key);
      return;
    }
    if (node.local !== "attribute") return;
    let local: string | undefined;
    let ns: string | undefined;
    let type: ScalarType;
    let decl = node;
    let declSchema = b.schema;
    if (node.attrs.has("ref")) {
      const q = resolveQName(node, b.schema, node.attrs.get("ref") ?? "");
      const comp = this.lookup("attribute", node, b.schema, "ref");
      if (q && q.ns === XML_NS && !comp) {
        local = q.local;
        ns = XML_NS;
        type = XML_ATTRIBUTES[q.local] ?? { kind: "scalar", scalar: "string" };
      } else {
        if (!comp || comp === "builtin") return;
        local = comp.local;
        ns = comp.ns;
        decl = comp.node;
        declSchema = comp.schema;
        type = this.attributeType(decl, declSchema);
      }
    } else {
      local = node.attrs.get("name");
      if (local === undefined) {
        this.report("invalid-attribute", node, "A local xs:attribute needs a name or a ref attribute.", "xs:attribute");
        return;
      }
      const form = node.attrs.get("form");
      const qualified = form === undefined ? b.schema.attributeFormQualified : form === "qualified";
      ns = qualified ? b.schema.targetNs : undefined;
      type = this.attributeType(node, b.schema);
    }
    if (UNSAFE_NAMES.has(local)) {
      this.report("unsafe-name", node, `The attribute name "${local}" cannot be a field name; it is skipped.`, "xs:attribute");
      return;
    }
    const name = `@${local}`;
    const use = node.attrs.get("use");
    const existing = b.byName.get(name);
    if (use === "prohibited") {
      if (existing) {
        b.byName.delete(name);
        b.record.fields.splice(b.record.fields.indexOf(existing), 1);
      }
      return;
    }
    const fixed = node.attrs.get("fixed") ?? decl.attrs.get("fixed");
    if (fixed !== undefined && STRING_LIKE.has(type.scalar)) type = { ...type, enumeration: [fixed] };
    const xml: XmlBinding = { node: "attribute", localName: local };
    if (ns !== undefined) xml.ns = ns;
    const field: Field = { name, type, optional: use !== "required", xml };
    if (existing) {
      if (existing.xml?.ns !== ns) this.report("field-collision", node, `Two attributes named "${local}" in different namespaces; the later one replaces the earlier.`, "xs:attribute");
      b.record.fields[b.record.fields.indexOf(existing)] = field;
    } else {
      b.record.fields.push(field);
    }
    b.byName.set(name, field);
  }

  private attributeType(node: XsdNode, schema: Schema): ScalarType {
    if (node.attrs.has("type")) return this.simpleRef(node, schema, "type");
    const inline = node.children.find((c) => c.ns === XS_NS && c.local === "simpleType");
    return inline ? this.simpleTypeNode(inline, schema) : { kind: "scalar", scalar: "string" };
  }

  // ---------- derivation ----------

  /** The record of a complexContent/simpleContent base, or undefined for xs:anyType. */
  private baseRecord(derivation: XsdNode, b: RecordBuilder): RecordType | "simple" | undefined {
    const value = derivation.attrs.get("base") ?? "";
    const q = resolveQName(derivation, b.schema, value);
    if (!q) {
      this.report("invalid-attribute", derivation, `The base="${value}" uses an undeclared namespace prefix.`, `xs:${derivation.local}`);
      return undefined;
    }
    if (q.ns === XS_NS) return q.local === "anyType" ? undefined : "simple";
    const name = qualifiedName(q.ns, q.local);
    if (this.set.components.complexType.has(name)) return this.namedComplex(name, derivation);
    if (this.set.components.simpleType.has(name)) return "simple";
    this.report("unresolved-reference", derivation, `The base type "${value}" is not defined by any loaded schema.`, `xs:${derivation.local}`);
    return undefined;
  }

  private copyFields(from: RecordType, b: RecordBuilder, filter: (f: Field) => boolean): void {
    for (const f of from.fields) {
      if (!filter(f)) continue;
      const copy: Field = { ...f };
      b.record.fields.push(copy);
      b.byName.set(copy.name, copy);
    }
    if (from.open) b.record.open = true;
  }

  private complexContent(node: XsdNode, b: RecordBuilder): void {
    const derivation = node.children.find((c) => c.ns === XS_NS && (c.local === "extension" || c.local === "restriction"));
    if (!derivation) return;
    const base = this.baseRecord(derivation, b);
    const isExtension = derivation.local === "extension";
    if (base && base !== "simple") {
      // An extension appends to the base content; a restriction restates the content but inherits attributes.
      this.copyFields(base, b, (f) => isExtension || f.xml?.node === "attribute");
      if (!isExtension) b.record.open = false;
    }
    let ownParticles = false;
    for (const child of derivation.children) {
      if (child.ns === XS_NS && this.content(child, b, `xs:${derivation.local}`) === "particle") ownParticles = true;
    }
    if (base && base !== "simple" && base.choice && !ownParticles && isExtension) {
      if (b.record.fields.every((f) => f.xml?.node === "element")) b.record.choice = true;
    }
  }

  private simpleContent(node: XsdNode, b: RecordBuilder): void {
    const derivation = node.children.find((c) => c.ns === XS_NS && (c.local === "extension" || c.local === "restriction"));
    if (!derivation) return;
    const base = this.baseRecord(derivation, b);
    let text: ScalarType = { kind: "scalar", scalar: "string" };
    if (base === "simple") text = this.simpleRef(derivation, b.schema, "base");
    else if (base) {
      this.copyFields(base, b, (f) => f.xml?.node !== "element");
      const baseText = base.fields.find((f) => f.name === "#text");
      if (baseText && baseText.type.kind === "scalar") text = baseText.type;
    }
    if (derivation.local === "restriction") {
      const inline = derivation.children.find((c) => c.ns === XS_NS && c.local === "simpleType");
      text = this.restrictSimple(derivation, inline ? this.simpleTypeNode(inline, b.schema) : text);
    }
    const xml: XmlBinding = { node: "text", localName: "#text" };
    if (text.scalar === "base64") xml.opaque = true;
    const textField: Field = { name: "#text", type: text, optional: false, xml };
    const existing = b.byName.get("#text");
    if (existing) b.record.fields[b.record.fields.indexOf(existing)] = textField;
    else b.record.fields.unshift(textField);
    b.byName.set("#text", textField);
    for (const child of derivation.children) {
      if (child.ns !== XS_NS) continue;
      if (child.local === "attribute" || child.local === "attributeGroup" || child.local === "anyAttribute") this.attribute(child, b, new Set());
      else if (!["annotation", "simpleType", "enumeration", "pattern", "length", "minLength", "maxLength", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "totalDigits", "fractionDigits", "whiteSpace"].includes(child.local)) {
        this.report("unsupported", child, `xs:${child.local} inside simple content is not supported.`, `xs:${child.local}`);
      }
    }
  }
}
