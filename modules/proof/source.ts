import { z } from "zod";
import { httpRequest, multipartFormData, parseContentType, decodeText, preview } from "@/lib/http";
import { ConnectionError, DataError } from "@/lib/modules/errors";
import type { FieldSpec } from "@/lib/modules/field-spec";
import { toSoapModuleError } from "@/modules/soap/errors";
import { proofCredentials } from "./connection";
import type { ProofTarget } from "./client";

/**
 * Where a new proof (or proof version) comes from: a file mapped from an earlier module (binary data
 * travels as base64 `data` next to `fileName`, as http:getFile outputs it; docs/http.md) that is first
 * uploaded to upload.php, or a web page snapshot (Hash "web", SourceName the URL; reference B4).
 */
export const sourceParam = {
  name: "source",
  label: "Source",
  type: "select",
  static: true,
  default: "file",
  options: [
    { value: "file", label: "A file (mapped from an earlier module)" },
    { value: "web", label: "A web page (URL)" },
  ],
} as const satisfies FieldSpec;

export const fileField = {
  name: "file",
  label: "File",
  type: "collection",
  help: "Map a file from an earlier module, e.g. HTTP › Get a file: its fileName and data.",
  fields: [
    { name: "fileName", label: "File name", type: "text", help: "With its extension: Proof takes the file type from it." },
    { name: "data", label: "Data", type: "any", help: "Base64 text (what Get a file outputs) or bytes." },
  ],
} as const satisfies FieldSpec;

export const urlField = { name: "url", label: "Web page URL", type: "text", help: "For a web proof; several URLs separated by spaces." } as const satisfies FieldSpec;

export const sourceFields = [fileField, urlField] as const;

export interface ProofSource {
  hash: string;
  sourceName: string;
}

interface SourceValues {
  file?: { fileName?: string; data?: unknown };
  url?: string;
}

export async function resolveSource(target: ProofTarget, source: "file" | "web", values: SourceValues): Promise<ProofSource> {
  if (source === "web") {
    const urls = (values.url ?? "").split(/\s+/).filter((u) => u !== "");
    if (urls.length === 0) throw new DataError("Field “Web page URL” (url) is required for a web proof.");
    for (const url of urls) if (!/^https?:\/\/\S+$/i.test(url)) throw new DataError(`Field “Web page URL” (url): “${preview(url, 100)}” is not an http(s) URL.`);
    return { hash: "web", sourceName: urls.join(" ") };
  }
  const fileName = values.file?.fileName?.trim() ?? "";
  if (fileName === "") throw new DataError("Field “File name” (file.fileName) is required for a proof from a file.");
  const bytes = fileBytes(values.file?.data);
  const hash = await uploadFile(target, fileName, bytes);
  return { hash, sourceName: fileName };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/** base64 text or bytes; anything else is refused rather than uploaded as mangled bytes. */
export function fileBytes(data: unknown): Buffer {
  if (data instanceof Uint8Array) {
    if (data.length === 0) throw new DataError("Field “Data” (file.data) is empty.");
    return Buffer.from(data);
  }
  if (typeof data !== "string" || data.trim() === "") throw new DataError("Field “Data” (file.data) is required: map the data of a file (base64 text).");
  const compact = data.replace(/\s+/g, "");
  if (!BASE64.test(compact)) throw new DataError("Field “Data” (file.data) is not base64 text; map the data output of a file module.");
  return Buffer.from(compact, "base64");
}

/** upload.php's answer, a SOAPFileUploadObject (reference B4; JSON in the sandbox, its format [SILENT]). */
const uploadAnswer = z.object({
  filehash: z.string(),
  filename: z.string().optional(),
  errorcode: z.coerce.number().catch(-1),
  errorstring: z.string().catch(""),
});

/** POSTs the file to {host}/upload.php (multipart, field "file"; no session needed) and returns its hash. */
export async function uploadFile(target: ProofTarget, fileName: string, bytes: Buffer): Promise<string> {
  const { host } = proofCredentials(target.connection);
  const body = multipartFormData([{ kind: "file", name: "file", fileName, data: bytes }]);
  let text: string;
  let status: number;
  try {
    const response = await httpRequest({
      url: `${host}/upload.php`,
      method: "POST",
      headers: { "content-type": body.contentType, accept: "application/json" },
      body: body.body,
      timeoutMs: 300_000,
      maxBytes: 64 * 1024,
      signal: target.signal,
    });
    status = response.status;
    text = decodeText(response.body, parseContentType(response.headers["content-type"]).charset);
  } catch (error) {
    throw toSoapModuleError(error, "Workfront Proof");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = uploadAnswer.safeParse(json);
  if (!parsed.success) {
    const message = `Workfront Proof's upload answered ${status} without an upload result${text ? `: ${preview(text, 200)}` : "."}`;
    throw status >= 500 ? new ConnectionError(message) : new DataError(message);
  }
  const answer = parsed.data;
  if (answer.errorcode !== 0 || answer.filehash === "") {
    const message = `Workfront Proof refused the upload of “${fileName}”: ${answer.errorstring || "no reason given"} (upload error ${answer.errorcode}).`;
    // Codes 5-8 are storage failures on Proof's side (reference B4); the others are about the file.
    throw answer.errorcode >= 5 && answer.errorcode <= 8 ? new ConnectionError(message) : new DataError(message);
  }
  return answer.filehash;
}
