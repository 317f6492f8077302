import { parseXml, type ParseXmlOptions } from "./xml";

/**
 * Reading a response body by its Content-Type: JSON, XML, text or binary. Text is decoded with the
 * charset the server names (UTF-8 when it names none or one we do not know).
 */
export interface ContentType {
  /** Lower case, without parameters, e.g. "application/json". Empty when the header is missing. */
  mediaType: string;
  charset?: string;
  /** Other parameters (boundary…), lower-case names. */
  params: Record<string, string>;
}

export function parseContentType(header: string | undefined): ContentType {
  if (!header) return { mediaType: "", params: {} };
  const [type, ...rest] = header.split(";");
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf("=");
    if (eq === -1) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
  }
  return { mediaType: type.trim().toLowerCase(), charset: params.charset?.toLowerCase(), params };
}

export type BodyKind = "json" | "xml" | "text" | "binary";

/** What a media type holds: `+json` and `+xml` suffixes count; unknown and missing types are text. */
export function bodyKindOf(mediaType: string): BodyKind {
  if (mediaType === "application/json" || mediaType.endsWith("+json") || mediaType === "text/json") return "json";
  if (mediaType === "application/xml" || mediaType === "text/xml" || mediaType.endsWith("+xml")) return "xml";
  if (mediaType === "" || mediaType.startsWith("text/")) return "text";
  if (/^application\/(javascript|ecmascript|x-www-form-urlencoded|graphql|x-ndjson|csv|yaml|x-yaml|sql)$/.test(mediaType)) return "text";
  return "binary";
}

export function decodeText(body: Uint8Array, charset?: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset || "utf-8");
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  return decoder.decode(body);
}

export class BodyDecodeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BodyDecodeError";
  }
}

export type DecodedBody =
  | { kind: "json"; value: unknown }
  | { kind: "xml"; value: Record<string, unknown> }
  | { kind: "text"; value: string }
  | { kind: "binary"; value: Buffer };

export interface DecodeOptions {
  /** "auto" follows the Content-Type; the others force a reading. Default "auto". */
  as?: "auto" | BodyKind;
  xml?: ParseXmlOptions;
}

/** Decodes a body; an empty JSON or XML body is read as empty text rather than an error. */
export function decodeBody(response: { headers: Record<string, string>; body: Buffer }, options: DecodeOptions = {}): DecodedBody {
  const type = parseContentType(response.headers["content-type"]);
  const kind = !options.as || options.as === "auto" ? bodyKindOf(type.mediaType) : options.as;
  if (kind === "binary") return { kind, value: response.body };
  const text = decodeText(response.body, type.charset);
  if (kind === "text" || text.trim() === "") return { kind: "text", value: text };
  if (kind === "json") {
    try {
      return { kind, value: JSON.parse(stripBom(text)) as unknown };
    } catch (error) {
      throw new BodyDecodeError(`The response is not valid JSON (${(error as Error).message}): ${preview(text)}`, { cause: error });
    }
  }
  try {
    return { kind, value: parseXml(stripBom(text), options.xml) };
  } catch (error) {
    throw new BodyDecodeError(`${(error as Error).message}: ${preview(text)}`, { cause: error });
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function preview(text: string, length = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
