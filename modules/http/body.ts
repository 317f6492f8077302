import { formUrlEncoded, multipartFormData, type MultipartPart } from "@/lib/http";
import { isPlainObject } from "@/lib/modules/json";
import { DataError } from "@/lib/modules/errors";

/**
 * What a module wants to send, whichever field layout it has (v1's flat fields or v2's `body`
 * collection), and how that becomes bytes and a Content-Type.
 */
export interface FormField {
  name: string;
  value?: string;
}

export interface FileOrTextField {
  name: string;
  kind?: "text" | "file";
  value?: string;
  fileName?: string;
  mimeType?: string;
  /** base64 text (what http:getFile emits), plain text, or bytes from an upstream module. */
  data?: unknown;
  dataEncoding?: "base64" | "text";
}

export type BodySpec =
  | { type: "none" }
  | { type: "raw"; contentType?: string; content?: unknown }
  | { type: "json"; content?: unknown }
  | { type: "form"; fields: readonly FormField[] }
  | { type: "multipart"; fields: readonly FileOrTextField[] };

export interface EncodedRequestBody {
  contentType?: string;
  body?: Buffer;
  /** True when the Content-Type carries a boundary that must win over any header the user set. */
  contentTypeIsBinding?: boolean;
}

export function encodeRequestBody(spec: BodySpec): EncodedRequestBody {
  switch (spec.type) {
    case "none":
      return {};
    case "raw":
      return { contentType: spec.contentType || "text/plain", body: rawBytes(spec.content) };
    case "json":
      return { contentType: "application/json", body: Buffer.from(jsonText(spec.content), "utf8") };
    case "form": {
      const encoded = formUrlEncoded(spec.fields.map((f) => [f.name, f.value ?? ""] as const));
      return { contentType: encoded.contentType, body: encoded.body };
    }
    case "multipart": {
      const encoded = multipartFormData(spec.fields.map(toPart));
      return { contentType: encoded.contentType, body: encoded.body, contentTypeIsBinding: true };
    }
  }
}

function rawBytes(content: unknown): Buffer {
  if (content === undefined || content === null) return Buffer.alloc(0);
  if (content instanceof Uint8Array) return Buffer.from(content);
  if (typeof content === "string") return Buffer.from(content, "utf8");
  if (typeof content === "number" || typeof content === "boolean") return Buffer.from(String(content), "utf8");
  // A mapped structure in a raw body: send it as JSON rather than "[object Object]".
  return Buffer.from(JSON.stringify(content), "utf8");
}

/** A structure is serialised; text must already be JSON (it is sent as written). */
function jsonText(content: unknown): string {
  if (typeof content !== "string") return JSON.stringify(content ?? null);
  try {
    JSON.parse(content);
  } catch (error) {
    throw new DataError(`The JSON body is text that is not valid JSON (${(error as Error).message}). Map a structure, or valid JSON text.`);
  }
  return content;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict: a typo'd or plain-text value under base64 is an error, not silently mangled bytes. */
export function decodeBase64(text: string, what: string): Buffer {
  const compact = text.replace(/\s+/g, "");
  if (!BASE64.test(compact)) {
    throw new DataError(`${what} is not base64 text. Set its data encoding to “Text” to send it as written.`);
  }
  return Buffer.from(compact, "base64");
}

function fileBytes(field: FileOrTextField): Uint8Array {
  const data = field.data;
  const what = `The data of file field “${field.name}”`;
  if (data instanceof Uint8Array) return data;
  if (data === undefined || data === null) return new Uint8Array();
  if (isPlainObject(data)) throw new DataError(`${what} is a collection; map its data (e.g. {{2.data}}), not the whole bundle.`);
  const text = typeof data === "string" ? data : String(data);
  return field.dataEncoding === "text" ? Buffer.from(text, "utf8") : decodeBase64(text, what);
}

function toPart(field: FileOrTextField): MultipartPart {
  if (field.kind === "file") {
    return { kind: "file", name: field.name, fileName: field.fileName || field.name, contentType: field.mimeType, data: fileBytes(field) };
  }
  return { kind: "text", name: field.name, value: field.value ?? "" };
}
