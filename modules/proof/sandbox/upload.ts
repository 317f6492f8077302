import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxContext } from "./context";
import { readBody, send, sendAndClose } from "./http";

/** What the sandbox accepts per file (matches max_file_size in the login object, in MB). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** SOAPFileUploadObject (reference B4): the answer of upload.php, as JSON ([SILENT]: format our choice). */
export interface UploadAnswer {
  filehash: string;
  filename: string;
  md5: string;
  errorcode: number;
  errorstring: string;
}

const failed = (errorcode: number, errorstring: string): UploadAnswer => ({ filehash: "", filename: "", md5: "", errorcode, errorstring });

/**
 * POST {base}/upload.php, multipart/form-data with the file in a field named "file" (or the first file
 * field). No session needed (the docs upload before logging in). Errors carry the reference's codes:
 * 1 too large, 3 corrupted, 4 no file data.
 */
export async function handleUpload(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const contentType = req.headers["content-type"] ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return answer(res, 400, failed(4, "No file data: send multipart/form-data with a file field"));
  const body = await readBody(req, MAX_UPLOAD_BYTES + 64 * 1024);
  if (body === null) return answer(res, 413, failed(1, "File size exceeds the maximum"), true);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "Content-Type": contentType } }).formData();
  } catch {
    return answer(res, 400, failed(3, "Corrupted file: the multipart body could not be read"));
  }
  const named = form.get("file");
  const file = named instanceof File ? named : [...form.values()].find((value): value is File => value instanceof File);
  if (file === undefined) return answer(res, 400, failed(4, "No file data"));
  const bytes = Buffer.from(await file.arrayBuffer());
  if (bytes.length === 0) return answer(res, 400, failed(4, "No file data"));
  if (bytes.length > MAX_UPLOAD_BYTES) return answer(res, 413, failed(1, "File size exceeds the maximum"));
  const upload = {
    hash: randomBytes(16).toString("hex"),
    filename: file.name,
    md5: createHash("md5").update(bytes).digest("hex"),
    sizeBytes: bytes.length,
    uploadedAt: ctx.now(),
  };
  ctx.store.uploads.set(upload.hash, upload);
  answer(res, 200, { filehash: upload.hash, filename: upload.filename, md5: upload.md5, errorcode: 0, errorstring: "" });
}

function answer(res: ServerResponse, status: number, body: UploadAnswer, close = false): void {
  (close ? sendAndClose : send)(res, status, "application/json; charset=utf-8", JSON.stringify(body));
}
