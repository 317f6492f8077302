/**
 * The JSON-serialisable description of a SOAP service that `readWsdl` produces and everything else in
 * lib/soap consumes (envelopes, decoding, module field and output specs). Plain data: it can be stored,
 * sent to the browser, or written by hand in a test.
 */

export const XSD_NS = "http://www.w3.org/2001/XMLSchema";
export const SOAP_ENCODING_NS = "http://schemas.xmlsoap.org/soap/encoding/";

/** A qualified name in Clark notation, "{namespace}local" ("local" alone for no namespace). */
export type QName = string;

export function qname(namespace: string | null, localName: string): QName {
  return namespace === null || namespace === "" ? localName : `{${namespace}}${localName}`;
}

export function splitQName(name: QName): { namespace: string | null; localName: string } {
  const match = /^\{([^}]*)\}(.*)$/.exec(name);
  return match === null ? { namespace: null, localName: name } : { namespace: match[1], localName: match[2] };
}

export interface SoapServiceDescription {
  targetNamespace: string;
  /** The service and SOAP 1.1 port whose binding `operations` describes. */
  service: string;
  port: string;
  /** The port's soap:address location, if the WSDL gives one. */
  endpoint: string | null;
  operations: OperationDescription[];
  /** Named XSD types, by QName. Built-in XSD types are not listed: they are recognised by namespace. */
  types: Record<QName, TypeDefinition>;
  /** Every service and port found, for a person choosing another one. */
  services: ServiceSummary[];
  /** What was read but not used (an xsd:import we did not fetch, a SOAP 1.2-only port). */
  warnings: string[];
}

export interface ServiceSummary {
  name: string;
  ports: { name: string; binding: QName; address: string | null; soapVersion: "1.1" | "1.2" | null }[];
}

export interface OperationDescription {
  name: string;
  soapAction: string;
  style: "rpc" | "document";
  use: "literal" | "encoded";
  /** RPC: namespace of the operation (wrapper) element, from soap:body, else the target namespace. */
  namespace: string;
  documentation?: string;
  input: PartDescription[];
  output: PartDescription[];
}

export interface PartDescription {
  name: string;
  /** The part's type; for element parts, the element's type. */
  type: QName;
  /** Set for document-style parts declared with element="…". */
  element?: QName;
}

export type TypeDefinition = StructType | ArrayType | SimpleType;

export interface StructType {
  kind: "struct";
  name: QName;
  fields: FieldDescription[];
}

export interface FieldDescription {
  name: string;
  type: QName;
  minOccurs: number;
  maxOccurs: number | "unbounded";
  nillable: boolean;
}

/** A list type: SOAP-encoded (soapenc:Array) or a complex type whose only content is one repeated element. */
export interface ArrayType {
  kind: "array";
  name: QName;
  /** Element name of each item on the wire ("item" for SOAP-encoded arrays). */
  itemName: string;
  itemType: QName;
}

/** A named simple type: a restriction of a built-in type, possibly an enumeration. */
export interface SimpleType {
  kind: "simple";
  name: QName;
  base: QName;
  enumeration?: string[];
}

export type Primitive = "string" | "integer" | "number" | "boolean" | "date" | "binary" | "any";

/** What a type name means once simple types are followed down to a built-in. */
export type ResolvedType =
  | { kind: "primitive"; primitive: Primitive; enumeration?: string[] }
  | StructType
  | ArrayType;

const INTEGER_TYPES = new Set([
  "int", "integer", "long", "short", "byte", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
  "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
]);
const NUMBER_TYPES = new Set(["float", "double", "decimal"]);

/** Built-in XSD (and SOAP-encoding) types; null when the name is not one of them. */
export function builtinPrimitive(name: QName): Primitive | null {
  const { namespace, localName } = splitQName(name);
  if (namespace !== XSD_NS && namespace !== SOAP_ENCODING_NS) return null;
  if (INTEGER_TYPES.has(localName)) return "integer";
  if (NUMBER_TYPES.has(localName)) return "number";
  if (localName === "boolean") return "boolean";
  if (localName === "dateTime" || localName === "date") return "date";
  if (localName === "base64Binary" || localName === "hexBinary" || localName === "base64") return "binary";
  if (localName === "anyType" || localName === "anySimpleType") return "any";
  return "string";
}

/** Follows simple types to a built-in; unknown names resolve to "any" so callers degrade instead of failing. */
export function resolveType(description: Pick<SoapServiceDescription, "types">, name: QName): ResolvedType {
  let enumeration: string[] | undefined;
  let current = name;
  for (let hops = 0; hops < 32; hops++) {
    const builtin = builtinPrimitive(current);
    if (builtin !== null) return enumeration === undefined ? { kind: "primitive", primitive: builtin } : { kind: "primitive", primitive: builtin, enumeration };
    const definition = Object.hasOwn(description.types, current) ? description.types[current] : undefined;
    if (definition === undefined) return { kind: "primitive", primitive: "any" };
    if (definition.kind !== "simple") return definition;
    enumeration ??= definition.enumeration;
    current = definition.base;
  }
  return { kind: "primitive", primitive: "any" };
}

export function findOperation(description: SoapServiceDescription, name: string): OperationDescription | undefined {
  return description.operations.find((op) => op.name === name);
}
