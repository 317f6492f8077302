import { randomBytes } from "node:crypto";

/** Request bodies the client sends as they are; the builders below make the two form encodings. */
export type RequestBody = string | Uint8Array;

export interface EncodedBody {
  contentType: string;
  body: Buffer;
}

/** application/x-www-form-urlencoded, in the order given (repeated names stay repeated). */
export function formUrlEncoded(fields: ReadonlyArray<readonly [string, string]>): EncodedBody {
  const params = new URLSearchParams();
  for (const [name, value] of fields) params.append(name, value);
  return { contentType: "application/x-www-form-urlencoded", body: Buffer.from(params.toString(), "utf8") };
}

export type MultipartPart =
  | { kind: "text"; name: string; value: string }
  | { kind: "file"; name: string; fileName: string; contentType?: string; data: Uint8Array };

/** Escapes a name or file name for a Content-Disposition parameter, as browsers do (WHATWG). */
function quoteParam(value: string): string {
  return value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** multipart/form-data with a random boundary (checked not to occur in any part). */
export function multipartFormData(parts: readonly MultipartPart[], boundary = randomBoundary()): EncodedBody {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `Content-Disposition: form-data; name="${quoteParam(part.name)}"`;
    const head =
      part.kind === "text"
        ? `--${boundary}\r\n${disposition}\r\n\r\n`
        : `--${boundary}\r\n${disposition}; filename="${quoteParam(part.fileName)}"\r\n` +
          `Content-Type: ${part.contentType || "application/octet-stream"}\r\n\r\n`;
    chunks.push(Buffer.from(head, "utf8"));
    chunks.push(part.kind === "text" ? Buffer.from(part.value, "utf8") : Buffer.from(part.data));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(chunks);
  if (parts.some((p) => (p.kind === "text" ? p.value.includes(boundary) : Buffer.from(p.data).includes(boundary)))) {
    return multipartFormData(parts); // astronomically unlikely with 24 random bytes, but then simply retry
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

function randomBoundary(): string {
  return `----PatchbayFormBoundary${randomBytes(24).toString("hex")}`;
}
