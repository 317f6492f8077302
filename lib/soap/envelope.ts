import { findOperation, qname, XSD_NS, type OperationDescription, type SoapServiceDescription } from "./description";
import { decodeElement, decodeUntyped, type DecodeOptions } from "./decode";
import { encodeElement } from "./encode";
import { SoapArgumentError, SoapFault, SoapProtocolError } from "./errors";
import { setOwn, type SoapArgs, type SoapValue } from "./values";
import { childElements, firstChildNamed, parseXml, textOf, type XmlElement } from "./xml";
import { escapeXml } from "./xml-text";

export const SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";

/**
 * The request envelope, in the form the Proof documentation shows: a `soapenv` envelope, an empty
 * Header, the operation element in the operation's namespace and its parts as unqualified children
 * in the order the WSDL lists them. Missing (undefined) arguments are left out; null is sent as xsi:nil.
 */
export function buildRequestEnvelope(description: SoapServiceDescription, operation: OperationDescription, args: SoapArgs): string {
  if (operation.style !== "rpc") throw new SoapArgumentError("", `${operation.name} is document-style; only RPC operations can be called`);
  const known = new Set(operation.input.map((p) => p.name));
  const unknown = Object.keys(args).filter((key) => !known.has(key) && args[key] !== undefined);
  if (unknown.length > 0) throw new SoapArgumentError("", `${operation.name} has no parameter ${unknown.join(", ")}`);
  const prefix = operationPrefix(operation.namespace);
  let parts = "";
  for (const part of operation.input) {
    const value = args[part.name];
    if (value !== undefined) parts += encodeElement(description, part.name, part.type, value, part.name, { unknownMembers: "error" });
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:${prefix}="${escapeXml(operation.namespace)}">` +
    `<soapenv:Header/><soapenv:Body><${prefix}:${operation.name}>${parts}</${prefix}:${operation.name}></soapenv:Body></soapenv:Envelope>`
  );
}

/** "urn" for urn: namespaces, as in the overview's template; "soap" otherwise, as in Adobe's worked examples. */
function operationPrefix(namespace: string): string {
  return namespace.startsWith("urn:") ? "urn" : "soap";
}

/**
 * Reads a response envelope: a Fault becomes a thrown SoapFault; otherwise the output parts are decoded
 * by their WSDL types. One part (the usual `return`) gives its value; none gives null; several an object.
 */
export function parseResponseEnvelope(description: SoapServiceDescription, operation: OperationDescription, xml: string, httpStatus?: number): SoapValue {
  const payload = bodyPayload(xml);
  if (payload.localName === "Fault" && payload.namespace === SOAP_ENV_NS) throw readFault(description, payload, httpStatus);
  const options: DecodeOptions = { unknownMembers: "keep" };
  const children = childElements(payload);
  if (operation.output.length === 0) return null;
  if (operation.output.length === 1) {
    const [part] = operation.output;
    // Servers name the single accessor differently ("return", "result", the part name): take the only child.
    const element = children.find((c) => c.localName === part.name) ?? (children.length === 1 ? children[0] : undefined);
    return element === undefined ? null : decodeElement(description, element, part.type, options);
  }
  const result: Record<string, SoapValue> = {};
  for (const part of operation.output) {
    const element = children.find((c) => c.localName === part.name);
    setOwn(result, part.name, element === undefined ? null : decodeElement(description, element, part.type, options));
  }
  return result;
}

export interface SoapRequest {
  /** The operation element's local name, whether or not the description knows it. */
  operationName: string;
  /** The operation element's namespace as sent. */
  namespace: string | null;
  /** Undefined when the description has no such operation. */
  operation: OperationDescription | undefined;
  /** Parts by name, decoded by their types; members the types do not define are ignored. */
  args: Record<string, SoapValue>;
}

/** The server side: which operation a request envelope calls, and with what. Throws SoapProtocolError or XmlParseError. */
export function parseRequestEnvelope(description: SoapServiceDescription, xml: string): SoapRequest {
  const payload = bodyPayload(xml);
  const operation = findOperation(description, payload.localName);
  const args: Record<string, SoapValue> = {};
  const children = childElements(payload);
  for (const child of children) {
    const part = operation?.input.find((p) => p.name === child.localName);
    if (operation !== undefined && part === undefined) continue;
    setOwn(args, child.localName, decodeElement(description, child, part?.type ?? qname(XSD_NS, "anyType"), { unknownMembers: "ignore" }));
  }
  return { operationName: payload.localName, namespace: payload.namespace, operation, args };
}

/** The server side: a response in PHP SoapServer's shape, `<ns1:{op}Response><return>…</return>`. */
export function buildResponseEnvelope(description: SoapServiceDescription, operation: OperationDescription, value: SoapValue): string {
  const encode = { unknownMembers: "drop" as const };
  let parts = "";
  if (operation.output.length === 1) {
    parts = encodeElement(description, operation.output[0].name, operation.output[0].type, value, "", encode);
  } else if (operation.output.length > 1) {
    const object = value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
    for (const part of operation.output) {
      if (object[part.name] !== undefined) parts += encodeElement(description, part.name, part.type, object[part.name], part.name, encode);
    }
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV_NS}" xmlns:ns1="${escapeXml(operation.namespace)}">` +
    `<SOAP-ENV:Body><ns1:${operation.name}Response>${parts}</ns1:${operation.name}Response></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

export function buildFaultEnvelope(fault: { faultcode: string; faultstring: string }): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV_NS}"><SOAP-ENV:Body><SOAP-ENV:Fault>` +
    `<faultcode>${escapeXml(fault.faultcode)}</faultcode><faultstring>${escapeXml(fault.faultstring)}</faultstring>` +
    `</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

/** The first element inside soapenv:Body. */
function bodyPayload(xml: string): XmlElement {
  const root = parseXml(xml);
  if (root.localName !== "Envelope") throw new SoapProtocolError(`Expected a SOAP Envelope, got <${root.name}>`);
  if (root.namespace !== SOAP_ENV_NS) throw new SoapProtocolError(`Not a SOAP 1.1 envelope (namespace ${root.namespace ?? "none"})`);
  const body = firstChildNamed(root, "Body", SOAP_ENV_NS);
  if (body === undefined) throw new SoapProtocolError("The envelope has no Body");
  const [payload] = childElements(body);
  if (payload === undefined) throw new SoapProtocolError("The Body is empty");
  return payload;
}

function readFault(description: SoapServiceDescription, fault: XmlElement, httpStatus: number | undefined): SoapFault {
  // faultcode and friends are unqualified in SOAP 1.1, but some servers qualify them: match by local name.
  const text = (name: string) => {
    const element = firstChildNamed(fault, name);
    return element === undefined ? undefined : textOf(element).trim();
  };
  const detail = firstChildNamed(fault, "detail");
  const faultactor = text("faultactor");
  return new SoapFault({
    faultcode: text("faultcode") ?? "",
    faultstring: text("faultstring") ?? "",
    ...(faultactor === undefined ? {} : { faultactor }),
    ...(detail === undefined ? {} : { detail: decodeUntyped(description, detail, { unknownMembers: "keep" }) }),
    ...(httpStatus === undefined ? {} : { httpStatus }),
  });
}
