import { resolveType, type QName, type SoapServiceDescription, type Primitive, type ResolvedType } from "./description";
import { SoapArgumentError } from "./errors";
import { isSoapObject, type SoapValue } from "./values";
import { escapeXml } from "./xml-text";

export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

export interface EncodeOptions {
  /**
   * What to do with object keys the type does not define. A client says "error" (a typo in a mapping
   * should not vanish); a server answering an older version says "drop" (members newer than the
   * version asked for are simply not there).
   */
  unknownMembers: "error" | "drop";
}

type Types = Pick<SoapServiceDescription, "types">;

const NAME = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;

/** One element `<name>…</name>` carrying `value` as `type`. Unqualified, as RPC/literal parts and fields are. */
export function encodeElement(types: Types, name: string, type: QName, value: SoapValue, path: string, options: EncodeOptions): string {
  if (!NAME.test(name)) throw new SoapArgumentError(path, `"${name}" cannot be an XML element name`);
  if (value === null) return `<${name} xsi:nil="true" xmlns:xsi="${XSI_NS}"/>`;
  return `<${name}>${encodeContent(types, resolveType(types, type), value, path, options)}</${name}>`;
}

function encodeContent(types: Types, type: ResolvedType, value: SoapValue, path: string, options: EncodeOptions): string {
  if (type.kind === "primitive") {
    if (type.primitive === "any") return encodeUntyped(types, value, path, options);
    return escapeXml(primitiveText(type.primitive, value, path), path);
  }
  if (type.kind === "array") {
    if (!Array.isArray(value)) throw new SoapArgumentError(path, "expected an array");
    return value.map((item, index) => encodeElement(types, type.itemName, type.itemType, item, `${path}[${index + 1}]`, options)).join("");
  }
  if (!isSoapObject(value)) throw new SoapArgumentError(path, "expected a collection (an object)");
  const known = new Set(type.fields.map((f) => f.name));
  if (options.unknownMembers === "error") {
    const unknown = Object.keys(value).filter((key) => !known.has(key) && value[key] !== undefined);
    if (unknown.length > 0) throw new SoapArgumentError(path, `unknown member${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (not in ${type.name})`);
  }
  // Fields go out in schema order, whatever order the object has: sequences are ordered on the wire.
  let xml = "";
  for (const field of type.fields) {
    if (!Object.hasOwn(value, field.name) || value[field.name] === undefined) continue;
    const fieldValue = value[field.name];
    const fieldPath = path === "" ? field.name : `${path}.${field.name}`;
    const repeated = field.maxOccurs === "unbounded" || field.maxOccurs > 1;
    if (repeated && Array.isArray(fieldValue)) {
      xml += fieldValue.map((item, index) => encodeElement(types, field.name, field.type, item, `${fieldPath}[${index + 1}]`, options)).join("");
    } else {
      xml += encodeElement(types, field.name, field.type, fieldValue, fieldPath, options);
    }
  }
  return xml;
}

/** No type known: arrays become repeated <item>, objects become child elements, the rest text. */
function encodeUntyped(types: Types, value: SoapValue, path: string, options: EncodeOptions): string {
  const anyType = "{http://www.w3.org/2001/XMLSchema}anyType";
  if (Array.isArray(value)) return value.map((item, index) => encodeElement(types, "item", anyType, item, `${path}[${index + 1}]`, options)).join("");
  if (isSoapObject(value)) {
    return Object.entries(value)
      .map(([key, item]) => encodeElement(types, key, anyType, item, path === "" ? key : `${path}.${key}`, options))
      .join("");
  }
  return escapeXml(String(value), path);
}

function primitiveText(primitive: Exclude<Primitive, "any">, value: SoapValue, path: string): string {
  switch (primitive) {
    case "integer":
      if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
      if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return value.trim();
      throw new SoapArgumentError(path, `expected an integer, got ${describe(value)}`);
    case "number":
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return value.trim();
      throw new SoapArgumentError(path, `expected a number, got ${describe(value)}`);
    case "boolean":
      if (typeof value === "boolean") return String(value);
      if (value === "true" || value === "1" || value === 1) return "true";
      if (value === "false" || value === "0" || value === 0) return "false";
      throw new SoapArgumentError(path, `expected true or false, got ${describe(value)}`);
    default:
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
      throw new SoapArgumentError(path, `expected text, got ${describe(value)}`);
  }
}

function describe(value: SoapValue): string {
  if (Array.isArray(value)) return "an array";
  if (isSoapObject(value)) return "a collection";
  return JSON.stringify(value);
}
