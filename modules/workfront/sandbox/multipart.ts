import { WfError } from "./errors";

export interface Part {
  name: string;
  fileName?: string;
  contentType: string;
  data: Buffer;
}

/** A small multipart/form-data reader: enough for `/upload` (one `uploadedFile` part) without a dependency. */
export function parseMultipart(body: Buffer, contentTypeHeader: string): Part[] {
  const boundaryMatch = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentTypeHeader);
  if (!boundaryMatch) throw new WfError("invalidParameter", "multipart body without boundary");
  const boundary = Buffer.from(`--${boundaryMatch[1] ?? boundaryMatch[2]}`);
  const parts: Part[] = [];
  let start = body.indexOf(boundary);
  while (start !== -1) {
    const next = body.indexOf(boundary, start + boundary.length);
    if (next === -1) break;
    const chunk = body.subarray(start + boundary.length + 2, next - 2); // skip CRLF after the boundary and before the next
    const headerEnd = chunk.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString("utf8");
      const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? "";
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1].trim() ?? "application/octet-stream";
      if (name !== undefined) parts.push({ name, fileName, contentType, data: Buffer.from(chunk.subarray(headerEnd + 4)) });
    }
    start = next;
  }
  return parts;
}
