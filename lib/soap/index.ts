/**
 * lib/soap: SOAP 1.1 over injected HTTP, framework-free. Read a WSDL 1.1 into a JSON description, call
 * its RPC operations, derive module field and output specs; plus the server-side pieces a simulator needs.
 */
export { callOperation, createFetchPoster, type CallOptions, type SoapHttpRequest, type SoapHttpResponse, type SoapPoster } from "./client";
export {
  builtinPrimitive,
  findOperation,
  qname,
  resolveType,
  splitQName,
  SOAP_ENCODING_NS,
  XSD_NS,
  type ArrayType,
  type FieldDescription,
  type OperationDescription,
  type PartDescription,
  type Primitive,
  type QName,
  type ResolvedType,
  type ServiceSummary,
  type SimpleType,
  type SoapServiceDescription,
  type StructType,
  type TypeDefinition,
} from "./description";
export {
  buildFaultEnvelope,
  buildRequestEnvelope,
  buildResponseEnvelope,
  parseRequestEnvelope,
  parseResponseEnvelope,
  SOAP_ENV_NS,
  type SoapRequest,
} from "./envelope";
export { SoapArgumentError, SoapError, SoapFault, SoapHttpError, SoapProtocolError, WsdlError, XmlParseError } from "./errors";
export { fieldsForOperation, labelFor, outputSpecForOperation, type FieldsForOperationOptions } from "./module-spec";
export type { SoapArgs, SoapValue } from "./values";
export { readWsdl, type ReadWsdlOptions } from "./wsdl-reader";
export { parseXml, type XmlElement, type XmlNode } from "./xml";
export { escapeXml } from "./xml-text";
