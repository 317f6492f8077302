/**
 * A PHP-SoapServer-style WSDL (RPC/encoded, SOAP-ENC arrays) unlike the sandbox's RPC/literal one, so
 * the reader is tested on both dialects. Also: an extension, an enumeration, an element ref, a type
 * that contains itself, an import that must not be fetched, a SOAP 1.2 port next to the 1.1 one.
 */
export const ENCODED_WSDL = `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="Shop" targetNamespace="urn:shop"
  xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
  xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:tns="urn:shop">
  <wsdl:import namespace="urn:other" location="http://example.invalid/other.wsdl"/>
  <wsdl:types>
    <xsd:schema targetNamespace="urn:shop">
      <xsd:import namespace="urn:x" schemaLocation="http://example.invalid/x.xsd"/>
      <xsd:simpleType name="Colour"><xsd:restriction base="xsd:string">
        <xsd:enumeration value="red"/><xsd:enumeration value="green"/></xsd:restriction></xsd:simpleType>
      <xsd:element name="sku" type="xsd:string"/>
      <xsd:complexType name="Item"><xsd:all>
        <xsd:element ref="tns:sku"/>
        <xsd:element name="qty" type="xsd:int"/>
        <xsd:element name="price" type="xsd:decimal" minOccurs="0"/>
        <xsd:element name="colour" type="tns:Colour" minOccurs="0"/>
        <xsd:element name="tags" type="xsd:string" minOccurs="0" maxOccurs="unbounded"/>
      </xsd:all></xsd:complexType>
      <xsd:complexType name="GiftItem"><xsd:complexContent><xsd:extension base="tns:Item"><xsd:sequence>
        <xsd:element name="message" type="xsd:string" nillable="true"/>
      </xsd:sequence></xsd:extension></xsd:complexContent></xsd:complexType>
      <xsd:complexType name="ItemArray"><xsd:complexContent><xsd:restriction base="SOAP-ENC:Array">
        <xsd:attribute ref="SOAP-ENC:arrayType" wsdl:arrayType="tns:Item[]"/>
      </xsd:restriction></xsd:complexContent></xsd:complexType>
      <xsd:complexType name="Category"><xsd:sequence>
        <xsd:element name="name" type="xsd:string"/>
        <xsd:element name="parent" type="tns:Category" minOccurs="0"/>
      </xsd:sequence></xsd:complexType>
    </xsd:schema>
  </wsdl:types>
  <wsdl:message name="addItemsRequest"><wsdl:part name="Token" type="xsd:string"/><wsdl:part name="Items" type="tns:ItemArray"/><wsdl:part name="Gift" type="tns:GiftItem"/></wsdl:message>
  <wsdl:message name="addItemsResponse"><wsdl:part name="return" type="xsd:boolean"/></wsdl:message>
  <wsdl:message name="getCategoryRequest"><wsdl:part name="Id" type="xsd:long"/></wsdl:message>
  <wsdl:message name="getCategoryResponse"><wsdl:part name="return" type="tns:Category"/></wsdl:message>
  <wsdl:message name="statsResponse"><wsdl:part name="count" type="xsd:int"/><wsdl:part name="ok" type="xsd:boolean"/></wsdl:message>
  <wsdl:message name="empty"/>
  <wsdl:portType name="ShopPort">
    <wsdl:operation name="addItems"><wsdl:documentation>Adds items.</wsdl:documentation><wsdl:input message="tns:addItemsRequest"/><wsdl:output message="tns:addItemsResponse"/></wsdl:operation>
    <wsdl:operation name="getCategory"><wsdl:input message="tns:getCategoryRequest"/><wsdl:output message="tns:getCategoryResponse"/></wsdl:operation>
    <wsdl:operation name="stats"><wsdl:input message="tns:empty"/><wsdl:output message="tns:statsResponse"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="ShopBinding" type="tns:ShopPort">
    <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="addItems"><soap:operation soapAction="urn:shop#addItems"/>
      <wsdl:input><soap:body use="encoded" namespace="urn:shop-ops" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></wsdl:input>
      <wsdl:output><soap:body use="encoded" namespace="urn:shop-ops"/></wsdl:output></wsdl:operation>
    <wsdl:operation name="getCategory"><soap:operation soapAction="urn:shop#getCategory"/>
      <wsdl:input><soap:body use="encoded" namespace="urn:shop-ops"/></wsdl:input><wsdl:output><soap:body use="encoded" namespace="urn:shop-ops"/></wsdl:output></wsdl:operation>
    <wsdl:operation name="stats"><soap:operation soapAction=""/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="ShopBinding12" type="tns:ShopPort"><soap12:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/></wsdl:binding>
  <wsdl:service name="ShopService">
    <wsdl:port name="Shop12" binding="tns:ShopBinding12"><soap12:address location="https://shop.example/soap12"/></wsdl:port>
    <wsdl:port name="Shop" binding="tns:ShopBinding"><soap:address location="https://shop.example/soap"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>`;
