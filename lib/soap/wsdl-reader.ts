import {
  qname,
  XSD_NS,
  type OperationDescription,
  type PartDescription,
  type QName,
  type ServiceSummary,
  type SoapServiceDescription,
} from "./description";
import { WsdlError, XmlParseError } from "./errors";
import { readSchemas, type SchemaSet } from "./xsd-reader";
import { attributeValue, childElements, firstChildNamed, parseXml, resolveQNameValue, textOf, type XmlElement } from "./xml";

const WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
const SOAP11_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
const SOAP12_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap12/";

export interface ReadWsdlOptions {
  /** Pick this service (default: the first with a SOAP 1.1 port). */
  service?: string;
  /** Pick this port of the service (default: its first SOAP 1.1 port). */
  port?: string;
}

interface MessagePart {
  name: string;
  type?: QName;
  element?: QName;
}

interface PortTypeOperation {
  name: string;
  input: QName | null;
  output: QName | null;
  documentation?: string;
}

interface BindingInfo {
  name: QName;
  portType: QName;
  soapVersion: "1.1" | "1.2" | null;
  style: "rpc" | "document";
  operations: { name: string; soapAction: string; style: "rpc" | "document" | null; use: "literal" | "encoded"; namespace: string | null }[];
}

/**
 * Reads a WSDL 1.1 document (inline schemas only; nothing is fetched) into a SoapServiceDescription for
 * one SOAP 1.1 port. Throws WsdlError when the document is not a usable WSDL 1.1.
 */
export function readWsdl(text: string, options: ReadWsdlOptions = {}): SoapServiceDescription {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    throw new WsdlError(`The WSDL is not well-formed XML: ${(error as XmlParseError).message}`);
  }
  if (root.namespace !== WSDL_NS || root.localName !== "definitions") throw new WsdlError("Not a WSDL 1.1 document (no wsdl:definitions root)");
  const targetNamespace = attributeValue(root, "targetNamespace") ?? "";
  const warnings: string[] = [];
  for (const imported of wsdlChildren(root, "import")) warnings.push(`wsdl:import of ${attributeValue(imported, "location") ?? "?"} was not fetched (no external fetches)`);

  const schemas = wsdlChildren(root, "types").flatMap((types) => childElements(types).filter((c) => c.namespace === XSD_NS && c.localName === "schema"));
  const schemaSet = readSchemas(schemas, warnings);
  const messages = readMessages(root, targetNamespace);
  const portTypes = readPortTypes(root, targetNamespace);
  const bindings = readBindings(root, targetNamespace);
  const services = readServices(root, bindings);

  const chosen = choosePort(services, bindings, options);
  const binding = bindings.get(chosen.binding);
  if (binding === undefined) throw new WsdlError(`Binding ${chosen.binding} is not defined`);
  const portType = portTypes.get(binding.portType);
  if (portType === undefined) throw new WsdlError(`Port type ${binding.portType} is not defined`);
  for (const summary of services) for (const port of summary.ports) if (port.soapVersion === "1.2") warnings.push(`Port ${summary.name}/${port.name} is SOAP 1.2 only and was not used`);

  const operations = binding.operations.map((bound): OperationDescription => {
    const abstract = portType.find((op) => op.name === bound.name);
    if (abstract === undefined) throw new WsdlError(`Operation ${bound.name} of binding ${binding.name} is not in its port type`);
    const operation: OperationDescription = {
      name: bound.name,
      soapAction: bound.soapAction,
      style: bound.style ?? binding.style,
      use: bound.use,
      namespace: bound.namespace ?? targetNamespace,
      input: partsOf(abstract.input, messages, schemaSet),
      output: partsOf(abstract.output, messages, schemaSet),
    };
    if (abstract.documentation !== undefined) operation.documentation = abstract.documentation;
    return operation;
  });

  return {
    targetNamespace,
    service: chosen.service,
    port: chosen.port,
    endpoint: chosen.address,
    operations,
    types: schemaSet.types,
    services,
    warnings,
  };
}

function wsdlChildren(element: XmlElement, localName: string): XmlElement[] {
  return childElements(element).filter((c) => c.namespace === WSDL_NS && c.localName === localName);
}

function nameOf(element: XmlElement): string {
  const name = attributeValue(element, "name");
  if (name === undefined || name === "") throw new WsdlError(`<${element.name}> has no name`);
  return name;
}

function qnameValue(element: XmlElement, value: string): QName {
  try {
    const { namespace, localName } = resolveQNameValue(element, value);
    return qname(namespace, localName);
  } catch (error) {
    throw new WsdlError((error as Error).message);
  }
}

function readMessages(root: XmlElement, tns: string): Map<QName, MessagePart[]> {
  const messages = new Map<QName, MessagePart[]>();
  for (const message of wsdlChildren(root, "message")) {
    const parts = wsdlChildren(message, "part").map((part): MessagePart => {
      const type = attributeValue(part, "type");
      const element = attributeValue(part, "element");
      return {
        name: nameOf(part),
        ...(type === undefined ? {} : { type: qnameValue(part, type) }),
        ...(element === undefined ? {} : { element: qnameValue(part, element) }),
      };
    });
    messages.set(qname(tns, nameOf(message)), parts);
  }
  return messages;
}

function readPortTypes(root: XmlElement, tns: string): Map<QName, PortTypeOperation[]> {
  const portTypes = new Map<QName, PortTypeOperation[]>();
  for (const portType of wsdlChildren(root, "portType")) {
    const operations = wsdlChildren(portType, "operation").map((op): PortTypeOperation => {
      const input = firstChildNamed(op, "input", WSDL_NS);
      const output = firstChildNamed(op, "output", WSDL_NS);
      const documentation = firstChildNamed(op, "documentation", WSDL_NS);
      const message = (element: XmlElement | undefined) => {
        const value = element === undefined ? undefined : attributeValue(element, "message");
        return value === undefined || element === undefined ? null : qnameValue(element, value);
      };
      const result: PortTypeOperation = { name: nameOf(op), input: message(input), output: message(output) };
      const docText = documentation === undefined ? "" : textOf(documentation).trim();
      if (docText !== "") result.documentation = docText;
      return result;
    });
    portTypes.set(qname(tns, nameOf(portType)), operations);
  }
  return portTypes;
}

function readBindings(root: XmlElement, tns: string): Map<QName, BindingInfo> {
  const bindings = new Map<QName, BindingInfo>();
  for (const binding of wsdlChildren(root, "binding")) {
    const soap11 = firstChildNamed(binding, "binding", SOAP11_BINDING_NS);
    const soap12 = firstChildNamed(binding, "binding", SOAP12_BINDING_NS);
    const soapBinding = soap11 ?? soap12;
    const name = qname(tns, nameOf(binding));
    const info: BindingInfo = {
      name,
      portType: qnameValue(binding, attributeValue(binding, "type") ?? ""),
      soapVersion: soap11 !== undefined ? "1.1" : soap12 !== undefined ? "1.2" : null,
      // WSDL 1.1 §3.3: style defaults to "document".
      style: soapBinding !== undefined && attributeValue(soapBinding, "style") === "rpc" ? "rpc" : "document",
      operations: [],
    };
    const soapNs = soap11 !== undefined ? SOAP11_BINDING_NS : SOAP12_BINDING_NS;
    for (const op of wsdlChildren(binding, "operation")) {
      const soapOperation = firstChildNamed(op, "operation", soapNs);
      const input = firstChildNamed(op, "input", WSDL_NS);
      const body = input === undefined ? undefined : firstChildNamed(input, "body", soapNs);
      const style = soapOperation === undefined ? undefined : attributeValue(soapOperation, "style");
      info.operations.push({
        name: nameOf(op),
        soapAction: soapOperation === undefined ? "" : (attributeValue(soapOperation, "soapAction") ?? ""),
        style: style === "rpc" || style === "document" ? style : null,
        use: body !== undefined && attributeValue(body, "use") === "encoded" ? "encoded" : "literal",
        namespace: body === undefined ? null : (attributeValue(body, "namespace") ?? null),
      });
    }
    bindings.set(name, info);
  }
  return bindings;
}

function readServices(root: XmlElement, bindings: Map<QName, BindingInfo>): ServiceSummary[] {
  return wsdlChildren(root, "service").map((service) => ({
    name: nameOf(service),
    ports: wsdlChildren(service, "port").map((port) => {
      const binding = qnameValue(port, attributeValue(port, "binding") ?? "");
      const address = firstChildNamed(port, "address", SOAP11_BINDING_NS) ?? firstChildNamed(port, "address", SOAP12_BINDING_NS);
      return {
        name: nameOf(port),
        binding,
        address: address === undefined ? null : (attributeValue(address, "location") ?? null),
        soapVersion: bindings.get(binding)?.soapVersion ?? null,
      };
    }),
  }));
}

function choosePort(services: ServiceSummary[], bindings: Map<QName, BindingInfo>, options: ReadWsdlOptions) {
  const candidates = services
    .filter((s) => options.service === undefined || s.name === options.service)
    .flatMap((s) => s.ports.filter((p) => options.port === undefined || p.name === options.port).map((p) => ({ service: s.name, ...p })));
  const soap11 = candidates.find((p) => p.soapVersion === "1.1");
  if (soap11 !== undefined) return { service: soap11.service, port: soap11.name, binding: soap11.binding, address: soap11.address };
  if (options.service !== undefined || options.port !== undefined) throw new WsdlError("No SOAP 1.1 port matches the service/port asked for");
  // A WSDL without a service (an "abstract" one) still describes operations: use its first SOAP 1.1 binding.
  const binding = [...bindings.values()].find((b) => b.soapVersion === "1.1");
  if (binding === undefined) throw new WsdlError("The WSDL has no SOAP 1.1 binding");
  return { service: "", port: "", binding: binding.name, address: null };
}

function partsOf(message: QName | null, messages: Map<QName, MessagePart[]>, schemas: SchemaSet): PartDescription[] {
  if (message === null) return [];
  const parts = messages.get(message);
  if (parts === undefined) throw new WsdlError(`Message ${message} is not defined`);
  return parts.map((part) => {
    if (part.element !== undefined) {
      const type = Object.hasOwn(schemas.elements, part.element) ? schemas.elements[part.element] : qname(XSD_NS, "anyType");
      return { name: part.name, type, element: part.element };
    }
    return { name: part.name, type: part.type ?? qname(XSD_NS, "anyType") };
  });
}
