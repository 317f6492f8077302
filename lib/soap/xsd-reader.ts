import {
  qname,
  SOAP_ENCODING_NS,
  XSD_NS,
  type FieldDescription,
  type QName,
  type StructType,
  type TypeDefinition,
} from "./description";
import { WsdlError } from "./errors";
import { setOwn } from "./values";
import { attributeValue, childElements, resolveQNameValue, type XmlElement } from "./xml";

const WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
const ANY_TYPE = qname(XSD_NS, "anyType");

export interface SchemaSet {
  types: Record<QName, TypeDefinition>;
  /** Global elements and their types, for document-style parts and element refs. */
  elements: Record<QName, QName>;
}

/** A struct whose base type (complexContent extension) still has to be merged in. */
interface PendingStruct {
  definition: StructType;
  base: QName | null;
}

/**
 * Reads the named types of inline XSD schemas into type definitions. Only what a SOAP description needs:
 * sequences/all/choice of elements, complexContent extension, SOAP-encoded arrays, simple restrictions
 * (enumerations). Attributes are ignored: RPC and document-literal data travels in elements.
 * Imports and includes are never fetched; each one becomes a warning.
 */
export function readSchemas(schemas: readonly XmlElement[], warnings: string[]): SchemaSet {
  const reader = new SchemaReader(warnings);
  for (const schema of schemas) reader.collectElements(schema);
  for (const schema of schemas) reader.readTypes(schema);
  return reader.finish();
}

class SchemaReader {
  // Maps, not objects: names come from the document, and "constructor" must not find Object's.
  private readonly types = new Map<QName, TypeDefinition>();
  private readonly pending: PendingStruct[] = [];
  private readonly elements = new Map<QName, QName>();

  constructor(private readonly warnings: string[]) {}

  collectElements(schema: XmlElement): void {
    const tns = attributeValue(schema, "targetNamespace") ?? null;
    for (const child of xsdChildren(schema)) {
      if (child.localName === "import" || child.localName === "include" || child.localName === "redefine") {
        const location = attributeValue(child, "schemaLocation");
        if (location !== undefined) this.warnings.push(`xsd:${child.localName} of ${location} was not fetched (no external fetches)`);
        continue;
      }
      if (child.localName !== "element") continue;
      const name = requiredAttribute(child, "name");
      const typeAttr = attributeValue(child, "type");
      this.elements.set(qname(tns, name), typeAttr === undefined ? anonymousElementType(tns, name, child) : resolveType(child, typeAttr));
    }
  }

  readTypes(schema: XmlElement): void {
    const tns = attributeValue(schema, "targetNamespace") ?? null;
    for (const child of xsdChildren(schema)) {
      if (child.localName === "complexType") this.readComplexType(child, qname(tns, requiredAttribute(child, "name")), tns);
      else if (child.localName === "simpleType") this.readSimpleType(child, qname(tns, requiredAttribute(child, "name")));
      else if (child.localName === "element" && attributeValue(child, "type") === undefined) {
        const inline = xsdChildren(child).find((c) => c.localName === "complexType" || c.localName === "simpleType");
        const name = qname(tns, `${requiredAttribute(child, "name")}@element`);
        if (inline?.localName === "complexType") this.readComplexType(inline, name, tns);
        else if (inline?.localName === "simpleType") this.readSimpleType(inline, name);
      }
    }
  }

  finish(): SchemaSet {
    for (const item of this.pending) this.mergeBase(item, new Set());
    for (const item of this.pending) {
      const asArray = repeatedOnlyChild(item.definition);
      this.types.set(item.definition.name, asArray ?? item.definition);
    }
    return { types: toRecord(this.types), elements: toRecord(this.elements) };
  }

  private readComplexType(element: XmlElement, name: QName, tns: string | null): void {
    const content = xsdChildren(element).filter((c) => c.localName !== "annotation" && c.localName !== "attribute" && c.localName !== "anyAttribute");
    const complexContent = content.find((c) => c.localName === "complexContent");
    const simpleContent = content.find((c) => c.localName === "simpleContent");
    if (simpleContent !== undefined) {
      const derivation = xsdChildren(simpleContent).find((c) => c.localName === "extension" || c.localName === "restriction");
      const base = derivation === undefined ? ANY_TYPE : resolveType(derivation, attributeValue(derivation, "base") ?? "xsd:anyType");
      this.types.set(name, { kind: "simple", name, base });
      return;
    }
    if (complexContent !== undefined) {
      const derivation = xsdChildren(complexContent).find((c) => c.localName === "extension" || c.localName === "restriction");
      if (derivation === undefined) throw new WsdlError(`complexContent of ${name} has neither extension nor restriction`);
      const base = resolveType(derivation, requiredAttribute(derivation, "base"));
      if (base === qname(SOAP_ENCODING_NS, "Array")) {
        this.types.set(name, this.readEncodedArray(derivation, name, tns));
        return;
      }
      const fields = this.readParticles(xsdChildren(derivation), name, tns);
      this.pending.push({ definition: { kind: "struct", name, fields }, base: derivation.localName === "extension" ? base : null });
      return;
    }
    this.pending.push({ definition: { kind: "struct", name, fields: this.readParticles(content, name, tns) }, base: null });
  }

  /** soapenc:Array restricted by wsdl:arrayType="tns:Item[]" (or by an item element, as some generators write). */
  private readEncodedArray(restriction: XmlElement, name: QName, tns: string | null) {
    for (const attribute of xsdChildren(restriction).filter((c) => c.localName === "attribute")) {
      const arrayType = attributeValue(attribute, "arrayType", WSDL_NS);
      if (arrayType === undefined) continue;
      const single = /^(.*?)\[\]$/.exec(arrayType.trim());
      const itemType = single !== null && !single[1].endsWith("]") ? resolveType(attribute, single[1]) : ANY_TYPE;
      return { kind: "array" as const, name, itemName: "item", itemType };
    }
    const fields = this.readParticles(xsdChildren(restriction), name, tns);
    return { kind: "array" as const, name, itemName: fields[0]?.name ?? "item", itemType: fields[0]?.type ?? ANY_TYPE };
  }

  private readSimpleType(element: XmlElement, name: QName): void {
    const restriction = xsdChildren(element).find((c) => c.localName === "restriction");
    if (restriction === undefined) {
      // A list or union: its values travel as text, which is all a client needs to know.
      this.types.set(name, { kind: "simple", name, base: qname(XSD_NS, "string") });
      return;
    }
    const base = resolveType(restriction, attributeValue(restriction, "base") ?? "xsd:string");
    const enumeration = xsdChildren(restriction)
      .filter((c) => c.localName === "enumeration")
      .map((c) => attributeValue(c, "value") ?? "");
    this.types.set(name, enumeration.length > 0 ? { kind: "simple", name, base, enumeration } : { kind: "simple", name, base });
  }

  /** Elements of sequence / all / choice (nested ones flattened); a choice makes every branch optional. */
  private readParticles(particles: readonly XmlElement[], owner: QName, tns: string | null, optional = false): FieldDescription[] {
    const fields: FieldDescription[] = [];
    for (const particle of particles) {
      if (particle.localName === "sequence" || particle.localName === "all") {
        fields.push(...this.readParticles(xsdChildren(particle), owner, tns, optional || attributeValue(particle, "minOccurs") === "0"));
      } else if (particle.localName === "choice") {
        fields.push(...this.readParticles(xsdChildren(particle), owner, tns, true));
      } else if (particle.localName === "element") {
        const field = this.readField(particle, owner, tns);
        fields.push(optional ? { ...field, minOccurs: 0 } : field);
      } else if (particle.localName === "any") {
        this.warnings.push(`xsd:any in ${owner} is not described (its content is read untyped)`);
      }
    }
    return fields;
  }

  private readField(element: XmlElement, owner: QName, tns: string | null): FieldDescription {
    const ref = attributeValue(element, "ref");
    let name: string;
    let type: QName;
    if (ref !== undefined) {
      const target = resolveQNameValue(element, ref);
      name = target.localName;
      type = this.elements.get(qname(target.namespace, target.localName)) ?? ANY_TYPE;
    } else {
      name = requiredAttribute(element, "name");
      const typeAttr = attributeValue(element, "type");
      if (typeAttr !== undefined) type = resolveType(element, typeAttr);
      else {
        const inline = xsdChildren(element).find((c) => c.localName === "complexType" || c.localName === "simpleType");
        type = inline === undefined ? ANY_TYPE : qname(tns, `${splitLocal(owner)}.${name}`);
        if (inline?.localName === "complexType") this.readComplexType(inline, type, tns);
        else if (inline?.localName === "simpleType") this.readSimpleType(inline, type);
      }
    }
    const maxOccurs = attributeValue(element, "maxOccurs") ?? "1";
    return {
      name,
      type,
      minOccurs: Number(attributeValue(element, "minOccurs") ?? "1") || 0,
      maxOccurs: maxOccurs === "unbounded" ? "unbounded" : Number(maxOccurs) || 1,
      nillable: attributeValue(element, "nillable") === "true",
    };
  }

  /** complexContent extension: the base's fields come first, as on the wire. */
  private mergeBase(item: PendingStruct, seen: Set<QName>): void {
    if (item.base === null) return;
    if (seen.has(item.definition.name)) throw new WsdlError(`Type ${item.definition.name} extends itself`);
    seen.add(item.definition.name);
    const base = this.pending.find((p) => p.definition.name === item.base);
    if (base !== undefined) {
      this.mergeBase(base, seen);
      item.definition.fields = [...base.definition.fields, ...item.definition.fields];
    }
    item.base = null;
  }
}

/**
 * A complex type whose only content is one repeated element (`<item maxOccurs="unbounded">`) is a list on
 * the wire and in JSON: reading it as `{ item: [...] }` would make every mapping say `.item`.
 */
function repeatedOnlyChild(struct: StructType): TypeDefinition | null {
  if (struct.fields.length !== 1) return null;
  const [only] = struct.fields;
  const repeated = only.maxOccurs === "unbounded" || only.maxOccurs > 1;
  return repeated ? { kind: "array", name: struct.name, itemName: only.name, itemType: only.type } : null;
}

function toRecord<T>(map: Map<QName, T>): Record<QName, T> {
  const record: Record<QName, T> = {};
  for (const [key, value] of map) setOwn(record, key, value);
  return record;
}

function xsdChildren(element: XmlElement): XmlElement[] {
  return childElements(element).filter((c) => c.namespace === XSD_NS);
}

function requiredAttribute(element: XmlElement, name: string): string {
  const value = attributeValue(element, name);
  if (value === undefined || value === "") throw new WsdlError(`<${element.name}> has no ${name}`);
  return value;
}

function resolveType(element: XmlElement, value: string): QName {
  const { namespace, localName } = resolveQNameValue(element, value);
  return qname(namespace, localName);
}

function anonymousElementType(tns: string | null, name: string, element: XmlElement): QName {
  const inline = childElements(element).some((c) => c.namespace === XSD_NS && (c.localName === "complexType" || c.localName === "simpleType"));
  return inline ? qname(tns, `${name}@element`) : ANY_TYPE;
}

function splitLocal(name: QName): string {
  const close = name.lastIndexOf("}");
  return close === -1 ? name : name.slice(close + 1);
}
