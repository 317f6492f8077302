import { XMLParser, XMLValidator } from "fast-xml-parser";
import { XmlParseError } from "./errors";
import { decodeXmlText, findInvalidXmlChar } from "./xml-text";

/** An element with its namespace resolved: what the envelope and WSDL readers walk. */
export interface XmlElement {
  /** As written, e.g. "soapenv:Body". */
  name: string;
  localName: string;
  /** The resolved namespace URI, or null when the element is in no namespace. */
  namespace: string | null;
  attributes: XmlAttribute[];
  children: XmlNode[];
  /** Prefixes in scope here ("" is the default namespace), to resolve QNames written in values (type="tns:Foo"). */
  inScope: ReadonlyMap<string, string>;
}

export interface XmlAttribute {
  name: string;
  localName: string;
  namespace: string | null;
  value: string;
}

/** Character data, with entities decoded; CDATA sections arrive here as plain text. */
export interface XmlText {
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

export interface ParseXmlOptions {
  /** Refuse longer documents (characters). Default 20 MB. */
  maxLength?: number;
}

/**
 * Names get a "$" in front while fast-xml-parser holds them: it refuses elements called "constructor" or
 * "__proto__" (they are keys in its objects), and no XML name can start with "$", so stripping every
 * leading "$" afterwards gives the name back exactly. (Self-closing tags are transformed twice, hence "every".)
 */
const MARK = "$";
const unmark = (name: string) => name.replace(/^\$+/, "");

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // We decode the five predefined entities and character references ourselves and nothing else: no
  // DTD-declared entities, no HTML entities, so no expansion attacks.
  processEntities: false,
  htmlEntities: false,
  cdataPropName: "#cdata",
  ignoreDeclaration: true,
  ignorePiTags: true,
  transformTagName: (name) => MARK + name,
  transformAttributeName: (name) => MARK + name,
});

type RawNode = Record<string, unknown>;

/** Parses a whole document and returns its root element. Throws XmlParseError, never anything else. */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const maxLength = options.maxLength ?? 20_000_000;
  if (text.length > maxLength) throw new XmlParseError(`The document is longer than ${maxLength} characters`);
  const invalid = findInvalidXmlChar(text);
  if (invalid !== null) throw new XmlParseError(`The document contains U+${invalid.toString(16).toUpperCase()}, which XML does not allow`);
  refuseDtd(text);
  refuseTextOutsideRoot(text);
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    throw new XmlParseError(validation.err.msg, { line: validation.err.line, column: validation.err.col });
  }
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (error) {
    throw new XmlParseError(error instanceof Error ? error.message : "The document could not be parsed");
  }
  try {
    return toRoot(raw);
  } catch (error) {
    if (error instanceof XmlParseError) throw error;
    throw new XmlParseError(error instanceof Error ? error.message : "The document could not be read");
  }
}

/** SOAP 1.1 forbids DTDs in messages (§3); refusing them also rules out entity declarations. */
function refuseDtd(text: string): void {
  const outsideLiterals = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "").replace(/<!--[\s\S]*?-->/g, "");
  if (/<!(DOCTYPE|ENTITY)/i.test(outsideLiterals)) throw new XmlParseError("Document type declarations (DTDs) are not allowed");
}

/** fast-xml-parser drops text before or after the root element; a well-formed document has none. */
function refuseTextOutsideRoot(text: string): void {
  const markupOnly = text.replace(/<!--[\s\S]*?-->/g, "").replace(/<\?[\s\S]*?\?>/g, "").trim();
  if (markupOnly !== "" && (!markupOnly.startsWith("<") || !markupOnly.endsWith(">"))) throw new XmlParseError("Text outside the root element");
}

function toRoot(raw: unknown): XmlElement {
  if (!Array.isArray(raw)) throw new XmlParseError("The document has no root element");
  const roots: XmlElement[] = [];
  for (const node of raw as RawNode[]) {
    const converted = convertNode(node, new Map([["xml", XML_NS]]), null);
    if (converted === null) continue;
    if ("text" in converted) {
      if (converted.text.trim() !== "") throw new XmlParseError("Text outside the root element");
      continue;
    }
    roots.push(converted);
  }
  if (roots.length !== 1) throw new XmlParseError(roots.length === 0 ? "The document has no root element" : "The document has more than one root element");
  return roots[0];
}

function convertNode(node: RawNode, prefixes: Map<string, string>, defaultNs: string | null): XmlNode | null {
  for (const key of Object.keys(node)) {
    if (key === ":@") continue;
    const content = node[key];
    if (key === "#text") return { text: decodeXmlText(String(content)) };
    if (key === "#cdata") return { text: cdataText(content) };
    if (!Array.isArray(content)) throw new XmlParseError(`Unexpected content in <${unmark(key)}>`);
    return convertElement(unmark(key), node[":@"], content as RawNode[], prefixes, defaultNs);
  }
  return null;
}

function cdataText(content: unknown): string {
  if (!Array.isArray(content)) return "";
  return (content as RawNode[]).map((part) => String(part["#text"] ?? "")).join("");
}

function convertElement(name: string, rawAttributes: unknown, content: RawNode[], inheritedPrefixes: Map<string, string>, inheritedDefault: string | null): XmlElement {
  const declared = readAttributes(name, rawAttributes);
  let prefixes = inheritedPrefixes;
  let defaultNs = inheritedDefault;
  for (const attr of declared) {
    if (attr.name === "xmlns") defaultNs = attr.value === "" ? null : attr.value;
    else if (attr.name.startsWith("xmlns:")) {
      if (attr.value === "") throw new XmlParseError(`Prefix "${attr.name.slice(6)}" cannot be undeclared`);
      if (prefixes === inheritedPrefixes) prefixes = new Map(inheritedPrefixes);
      prefixes.set(attr.name.slice(6), attr.value);
    }
  }
  const { prefix, localName } = splitName(name);
  const namespace = prefix === null ? defaultNs : lookup(prefixes, prefix, name);
  const attributes = declared.map((attr): XmlAttribute => {
    const parts = splitName(attr.name);
    const isDeclaration = attr.name === "xmlns" || parts.prefix === "xmlns";
    return {
      ...attr,
      localName: parts.localName,
      // Unprefixed attributes are in no namespace, whatever the default namespace is (Namespaces in XML §6.2).
      namespace: isDeclaration ? XMLNS_NS : parts.prefix === null ? null : lookup(prefixes, parts.prefix, attr.name),
    };
  });
  const children: XmlNode[] = [];
  for (const child of content) {
    const converted = convertNode(child, prefixes, defaultNs);
    if (converted !== null) children.push(converted);
  }
  const inScope = new Map(prefixes);
  if (defaultNs !== null) inScope.set("", defaultNs);
  return { name, localName, namespace, attributes, children, inScope };
}

function readAttributes(element: string, raw: unknown): { name: string; value: string }[] {
  if (raw === undefined || raw === null || typeof raw !== "object") return [];
  return Object.entries(raw as Record<string, unknown>).map(([key, value]) => {
    const text = String(value);
    if (text.includes("<")) throw new XmlParseError(`"<" is not allowed in attribute values (in <${element}>)`);
    return { name: unmark(key), value: decodeXmlText(text) };
  });
}

function splitName(name: string): { prefix: string | null; localName: string } {
  const parts = name.split(":");
  if (parts.length === 1) return { prefix: null, localName: name };
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") throw new XmlParseError(`"${name}" is not a valid qualified name`);
  return { prefix: parts[0], localName: parts[1] };
}

function lookup(prefixes: Map<string, string>, prefix: string, name: string): string {
  const namespace = prefixes.get(prefix);
  if (namespace === undefined) throw new XmlParseError(`Prefix "${prefix}" of "${name}" is not declared`);
  return namespace;
}

// ---- Reading helpers ----

export function isElement(node: XmlNode): node is XmlElement {
  return "localName" in node;
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter(isElement);
}

/** Child elements with this local name, and this namespace when one is given. */
export function childrenNamed(element: XmlElement, localName: string, namespace?: string | null): XmlElement[] {
  return childElements(element).filter((c) => c.localName === localName && (namespace === undefined || c.namespace === namespace));
}

export function firstChildNamed(element: XmlElement, localName: string, namespace?: string | null): XmlElement | undefined {
  return childrenNamed(element, localName, namespace)[0];
}

/** The element's own character data (child elements' text excluded). */
export function textOf(element: XmlElement): string {
  let text = "";
  for (const child of element.children) if (!isElement(child)) text += child.text;
  return text;
}

export function attributeValue(element: XmlElement, localName: string, namespace: string | null = null): string | undefined {
  return element.attributes.find((a) => a.localName === localName && a.namespace === namespace)?.value;
}

/** Resolves a QName written in an attribute value (type="tns:Foo") with the prefixes in scope on the element. */
export function resolveQNameValue(element: XmlElement, value: string): { namespace: string | null; localName: string } {
  const colon = value.indexOf(":");
  if (colon === -1) return { namespace: element.inScope.get("") ?? null, localName: value };
  const prefix = value.slice(0, colon);
  const namespace = element.inScope.get(prefix);
  if (namespace === undefined) throw new XmlParseError(`Prefix "${prefix}" in "${value}" is not declared`);
  return { namespace, localName: value.slice(colon + 1) };
}
