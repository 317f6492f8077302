import { SoapArgumentError, XmlParseError } from "./errors";

const PREDEFINED = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  ["apos", "'"],
]);

/**
 * Characters XML 1.0 allows at all (§2.2). Anything else (most C0 controls, lone surrogates, U+FFFE/FFFF)
 * cannot be sent, not even as a character reference, so we refuse it rather than send a broken message.
 */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** The first character XML cannot carry, or null. Walks code points, so a lone surrogate is caught. */
export function findInvalidXmlChar(text: string): number | null {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (!isXmlChar(code)) return code;
  }
  return null;
}

/**
 * Escapes text for element content or a double- or single-quoted attribute. All five predefined entities
 * are escaped everywhere (one function, no context to get wrong); CR becomes &#13; because a parser would
 * otherwise normalise it to LF and the value would not survive the round trip.
 */
export function escapeXml(text: string, path = ""): string {
  const invalid = findInvalidXmlChar(text);
  if (invalid !== null) {
    throw new SoapArgumentError(path, `contains U+${invalid.toString(16).toUpperCase().padStart(4, "0")}, which XML cannot carry`);
  }
  return text.replace(/[<>&"'\r]/g, (c) => {
    switch (c) {
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case "&":
        return "&amp;";
      case '"':
        return "&quot;";
      case "'":
        return "&apos;";
      default:
        return "&#13;";
    }
  });
}

/**
 * Replaces the five predefined entities and character references. Any other entity is an error: without
 * a DTD it cannot have been declared, and we never expand declared ones anyway.
 */
export function decodeXmlText(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&([^;&\s]*);?/g, (match, body: string) => {
    if (!match.endsWith(";")) throw new XmlParseError(`A bare "&" must be written as &amp;`);
    if (body.startsWith("#")) {
      const code = /^#x[0-9a-fA-F]{1,6}$/.test(body) ? parseInt(body.slice(2), 16) : /^#[0-9]{1,7}$/.test(body) ? parseInt(body.slice(1), 10) : NaN;
      if (!Number.isFinite(code) || !isXmlChar(code)) throw new XmlParseError(`Invalid character reference ${match}`);
      return String.fromCodePoint(code);
    }
    const predefined = PREDEFINED.get(body);
    if (predefined === undefined) throw new XmlParseError(`Undeclared entity ${match} (entities other than the five predefined ones are not supported)`);
    return predefined;
  });
}
