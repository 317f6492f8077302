import { escapeXml } from "@/lib/soap";
import { OPERATIONS } from "./operations";
import { SOAP_TYPES, type MemberSpec, type TypeSpec } from "./soap-types";
import { includes, SOAP_ACTION_BASE, type Surface } from "./versions";

/**
 * The WSDL 1.1 of one surface, RPC/literal: parts typed (not element-based), unqualified children,
 * lists as complex types of repeated `<item>`. Literal rather than SOAP-encoded because it is what
 * WS-I tooling (zeep, .NET, JAX-WS, node-soap) reads, and it gives the same wire format the
 * documentation shows (no xsi:type attributes, repeated <item>).
 */
export function renderWsdl(surface: Surface, endpoint: string): string {
  const operations = OPERATIONS.filter((op) => includes(surface, op.since));
  const types = SOAP_TYPES.filter((t) => includes(surface, t.since));
  const lines: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<definitions name="soapService" targetNamespace="${surface.namespace}" xmlns="http://schemas.xmlsoap.org/wsdl/"` +
      ` xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${surface.namespace}" xmlns:xsd="http://www.w3.org/2001/XMLSchema">`,
    `  <documentation>Workfront Proof (ProofHQ) SOAP API, version ${surface.id} (Patchbay sandbox)</documentation>`,
    `  <types>`,
    `    <xsd:schema targetNamespace="${surface.namespace}">`,
    ...types.flatMap((type) => renderType(type, surface)),
    `    </xsd:schema>`,
    `  </types>`,
  ];
  for (const op of operations) {
    lines.push(`  <message name="${op.name}Request">`, ...op.params.map((param) => `    <part name="${param.name}" type="${param.type}"/>`), `  </message>`);
    lines.push(`  <message name="${op.name}Response">`, `    <part name="return" type="${op.returns}"/>`, `  </message>`);
  }
  lines.push(`  <portType name="soapServicePortType">`);
  for (const op of operations) {
    lines.push(
      `    <operation name="${op.name}">`,
      `      <documentation>${escapeXml(op.documentation)}</documentation>`,
      `      <input message="tns:${op.name}Request"/>`,
      `      <output message="tns:${op.name}Response"/>`,
      `    </operation>`,
    );
  }
  lines.push(`  </portType>`, `  <binding name="soapServiceBinding" type="tns:soapServicePortType">`, `    <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>`);
  const body = `<soap:body use="literal" namespace="${surface.namespace}"/>`;
  for (const op of operations) {
    lines.push(
      `    <operation name="${op.name}">`,
      `      <soap:operation soapAction="${SOAP_ACTION_BASE}${op.name}" style="rpc"/>`,
      `      <input>${body}</input>`,
      `      <output>${body}</output>`,
      `    </operation>`,
    );
  }
  lines.push(
    `  </binding>`,
    `  <service name="soapService">`,
    `    <port name="soapServicePort" binding="tns:soapServiceBinding">`,
    `      <soap:address location="${escapeXml(endpoint)}"/>`,
    `    </port>`,
    `  </service>`,
    `</definitions>`,
    ``,
  );
  return lines.join("\n");
}

function renderType(type: TypeSpec, surface: Surface): string[] {
  if (type.kind === "array") {
    return [
      `      <xsd:complexType name="${type.name}">`,
      `        <xsd:sequence><xsd:element name="item" type="${type.item}" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence>`,
      `      </xsd:complexType>`,
    ];
  }
  return [
    `      <xsd:complexType name="${type.name}">`,
    `        <xsd:sequence>`,
    ...type.members.filter((m) => includes(surface, m.since)).map((m) => `          ${renderMember(m)}`),
    `        </xsd:sequence>`,
    `      </xsd:complexType>`,
  ];
}

function renderMember(member: MemberSpec): string {
  const occurs = member.required === true ? "" : ` minOccurs="0"`;
  const nillable = member.nullable === true ? ` nillable="true"` : "";
  return `<xsd:element name="${member.name}" type="${member.type}"${occurs}${nillable}/>`;
}
