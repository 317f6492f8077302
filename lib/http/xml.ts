import { XMLBuilder, XMLParser } from "fast-xml-parser";

/**
 * XML ⇄ data, safely. Conventions (documented in docs/http.md): attributes are keys prefixed `@_`, an
 * element's text next to attributes or children is `#text`, repeated elements become arrays.
 *
 * Safety: entities declared in a DOCTYPE are never expanded (a "billion laughs" document stays small)
 * and nothing external is ever fetched; only XML's five predefined entities and numeric character
 * references are decoded. fast-xml-parser reads no external DTDs at all and refuses external entity
 * declarations outright; we pass it a decoder that ignores the DOCTYPE's internal entities too.
 */
export const ATTRIBUTE_PREFIX = "@_";
export const TEXT_KEY = "#text";

export class XmlError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "XmlError";
  }
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeCharacterReference(code: number, original: string): string {
  // Outside Unicode, or a surrogate half: keep the text as written rather than invent a character.
  if (!Number.isInteger(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return original;
  return String.fromCodePoint(code);
}

/** Predefined entities and &#…; references only; `&custom;` from a DTD stays as written. */
export function decodeXmlText(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, ref: string) => {
    if (ref.startsWith("#x")) return decodeCharacterReference(parseInt(ref.slice(2), 16), whole);
    if (ref.startsWith("#")) return decodeCharacterReference(parseInt(ref.slice(1), 10), whole);
    return PREDEFINED[ref] ?? whole;
  });
}

/** fast-xml-parser's decoder interface; input (DOCTYPE) entities are deliberately dropped. */
const safeEntityDecoder = {
  setExternalEntities: () => {},
  addInputEntities: () => {},
  reset: () => {},
  setXmlVersion: () => {},
  decode: decodeXmlText,
};

export interface ParseXmlOptions {
  /** Keep "007" and "1.50" as text instead of numbers (Fusion's "Preserve numbers as text"). */
  numbersAsText?: boolean;
  /** Element names that always become arrays, even when they occur once. */
  alwaysArray?: readonly string[];
  /** Deepest element nesting accepted. Default 100. */
  maxDepth?: number;
}

export function parseXml(text: string, options: ParseXmlOptions = {}): Record<string, unknown> {
  const alwaysArray = new Set(options.alwaysArray ?? []);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    textNodeName: TEXT_KEY,
    parseAttributeValue: false,
    parseTagValue: !options.numbersAsText,
    // "00123" is an id, not 123; "0x1F" is text.
    numberParseOptions: { hex: false, leadingZeros: false, eNotation: true },
    processEntities: true,
    entityDecoder: safeEntityDecoder,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: options.maxDepth ?? 100,
    isArray: (name: string, _path: unknown, _isLeaf: boolean, isAttribute: boolean) => !isAttribute && alwaysArray.has(name),
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch (error) {
    throw new XmlError(`The XML is not well-formed: ${describeParseError(error)}`, { cause: error });
  }
  return parsed as Record<string, unknown>;
}

function describeParseError(error: unknown): string {
  if (error instanceof Error) return error.message;
  // The validator reports { err: { code, msg, line } }.
  const err = (error as { err?: { msg?: string; line?: number } } | null)?.err;
  if (err?.msg) return err.line ? `${err.msg} (line ${err.line})` : err.msg;
  return String(error);
}

export interface BuildXmlOptions {
  rootName: string;
  /** Add `<?xml version="1.0" encoding="UTF-8"?>`. Default true. */
  declaration?: boolean;
  indent?: boolean;
  doctype?: { systemId?: string; publicId?: string };
}

/** XML 1.0 names, ASCII-leaning: letters, digits, `_`, `-`, `.`, one optional namespace prefix. */
const XML_NAME = /^[A-Za-z_\u00C0-\uFFEF][\w.\-\u00B7\u00C0-\uFFEF]*(:[A-Za-z_\u00C0-\uFFEF][\w.\-\u00B7\u00C0-\uFFEF]*)?$/;

export function isXmlName(name: string): boolean {
  return XML_NAME.test(name);
}

/** Builds a document from data using the same conventions parseXml produces. */
export function buildXml(value: unknown, options: BuildXmlOptions): string {
  if (!isXmlName(options.rootName)) throw new XmlError(`“${options.rootName}” is not a valid XML element name.`);
  if (Array.isArray(value)) {
    throw new XmlError("The data is an array, and an XML document has one root element. Put the array under a key, e.g. { \"item\": [...] }.");
  }
  checkNames(value, options.rootName);
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    textNodeName: TEXT_KEY,
    format: options.indent ?? false,
    indentBy: "  ",
    suppressEmptyNode: false,
    processEntities: true,
  });
  const body = builder.build({ [options.rootName]: value ?? "" }) as string;
  const parts: string[] = [];
  if (options.declaration ?? true) parts.push('<?xml version="1.0" encoding="UTF-8"?>');
  const doctype = doctypeLine(options.rootName, options.doctype);
  if (doctype) parts.push(doctype);
  parts.push(body.trimEnd());
  return parts.join(options.indent ? "\n" : "");
}

function doctypeLine(root: string, doctype: BuildXmlOptions["doctype"]): string | null {
  const { systemId, publicId } = doctype ?? {};
  if (!systemId && !publicId) return null;
  for (const id of [systemId, publicId]) {
    if (id && (id.includes('"') || /[<>]/.test(id))) throw new XmlError("A DOCTYPE id may not contain quotes or angle brackets.");
  }
  if (publicId) return `<!DOCTYPE ${root} PUBLIC "${publicId}" "${systemId ?? ""}">`;
  return `<!DOCTYPE ${root} SYSTEM "${systemId}">`;
}

function checkNames(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkNames(item, `${path}[${i + 1}]`));
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value)) {
    if (key === TEXT_KEY) continue;
    const name = key.startsWith(ATTRIBUTE_PREFIX) ? key.slice(ATTRIBUTE_PREFIX.length) : key;
    if (!isXmlName(name)) throw new XmlError(`“${key}” (at ${path}) is not a valid XML ${key.startsWith(ATTRIBUTE_PREFIX) ? "attribute" : "element"} name.`);
    checkNames(child, `${path}.${key}`);
  }
}
