import { builtinPrimitive, qname, resolveType, XSD_NS, type Primitive, type QName, type SoapServiceDescription } from "./description";
import { XSI_NS } from "./encode";
import { attributeValue, childElements, resolveQNameValue, textOf, type XmlElement } from "./xml";
import { setOwn, type SoapValue } from "./values";

const SOAP_ENCODING_NS = "http://schemas.xmlsoap.org/soap/encoding/";
const ANY_TYPE = qname(XSD_NS, "anyType");

export interface DecodeOptions {
  /**
   * Child elements the type does not define. A client keeps them (read untyped: a newer server must not
   * lose data for an older client); a server ignores them (a 12.1 endpoint ignores members added later).
   */
  unknownMembers: "keep" | "ignore";
}

type Types = Pick<SoapServiceDescription, "types">;

/**
 * Reads an element as `type`. Lenient by design: text that does not parse as the declared number or
 * boolean stays text rather than failing the whole response, and an empty number is null.
 */
export function decodeElement(types: Types, element: XmlElement, type: QName, options: DecodeOptions): SoapValue {
  if (isNil(element)) return null;
  let resolved = resolveType(types, type);
  if (resolved.kind === "primitive" && resolved.primitive === "any") {
    const declared = declaredType(element, types);
    if (declared === null) return decodeUntyped(types, element, options);
    resolved = resolveType(types, declared);
    if (resolved.kind === "primitive" && resolved.primitive === "any") return decodeUntyped(types, element, options);
  }
  if (resolved.kind === "primitive") return decodePrimitive(resolved.primitive, textOf(element));
  if (resolved.kind === "array") return childElements(element).map((item) => decodeElement(types, item, resolved.itemType, options));

  const result: Record<string, SoapValue> = {};
  for (const field of resolved.fields) {
    if (field.maxOccurs === "unbounded" || field.maxOccurs > 1) setOwn(result, field.name, []);
  }
  for (const child of childElements(element)) {
    const field = resolved.fields.find((f) => f.name === child.localName);
    if (field === undefined && options.unknownMembers === "ignore") continue;
    const value = decodeElement(types, child, field?.type ?? ANY_TYPE, options);
    addMember(result, child.localName, value, field !== undefined && (field.maxOccurs === "unbounded" || field.maxOccurs > 1));
  }
  return result;
}

/** No type known: an element with children is a collection (or a list, when they are all <item>), else text. */
export function decodeUntyped(types: Types, element: XmlElement, options: DecodeOptions): SoapValue {
  if (isNil(element)) return null;
  const declared = declaredType(element, types);
  if (declared !== null) {
    const resolved = resolveType(types, declared);
    if (!(resolved.kind === "primitive" && resolved.primitive === "any")) return decodeElement(types, element, declared, options);
  }
  const children = childElements(element);
  if (children.length === 0) return attributeValue(element, "arrayType", SOAP_ENCODING_NS) !== undefined ? [] : textOf(element);
  const isList = attributeValue(element, "arrayType", SOAP_ENCODING_NS) !== undefined || children.every((c) => c.localName === "item");
  if (isList) return children.map((child) => decodeUntyped(types, child, options));
  const result: Record<string, SoapValue> = {};
  for (const child of children) addMember(result, child.localName, decodeUntyped(types, child, options), false);
  return result;
}

/** A member seen twice becomes a list rather than losing the first value. */
function addMember(target: Record<string, SoapValue>, name: string, value: SoapValue, repeated: boolean): void {
  if (!Object.hasOwn(target, name)) {
    setOwn(target, name, repeated ? [value] : value);
    return;
  }
  const existing = target[name];
  if (repeated && Array.isArray(existing)) existing.push(value);
  else setOwn(target, name, [existing, value]);
}

function isNil(element: XmlElement): boolean {
  const nil = attributeValue(element, "nil", XSI_NS);
  return nil === "true" || nil === "1";
}

/** The element's xsi:type, when it names a built-in or a type of the description. */
function declaredType(element: XmlElement, types: Types): QName | null {
  const value = attributeValue(element, "type", XSI_NS);
  if (value === undefined) return null;
  try {
    const { namespace, localName } = resolveQNameValue(element, value);
    const name = qname(namespace, localName);
    return builtinPrimitive(name) !== null || Object.hasOwn(types.types, name) ? name : null;
  } catch {
    return null;
  }
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function decodePrimitive(primitive: Primitive, text: string): SoapValue {
  const trimmed = text.trim();
  switch (primitive) {
    case "integer": {
      if (trimmed === "") return null;
      if (!INTEGER.test(trimmed)) return text;
      const number = Number(trimmed);
      // Beyond 2^53 a JSON number would silently change the value; the text keeps it exact.
      return Number.isSafeInteger(number) ? number : trimmed;
    }
    case "number": {
      if (trimmed === "") return null;
      return DECIMAL.test(trimmed) && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
    }
    case "boolean":
      if (trimmed === "true" || trimmed === "1") return true;
      if (trimmed === "false" || trimmed === "0") return false;
      return trimmed === "" ? null : text;
    default:
      return text;
  }
}
