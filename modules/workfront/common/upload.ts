import { DataError } from "@/lib/modules/errors";
import type { Bundle } from "@/lib/modules/json";
import { clientOf, type RecordModuleInput } from "./records";
import { present, type Generation } from "./versions";

/**
 * Upload a document (reference A3): POST /upload (multipart, file in `uploadedFile`) gives a handle; a
 * DOCU created from that handle attaches the file to a project, task, issue, … The file comes from an
 * upstream module as http:getFile outputs it: base64 text in `data`, with `fileName`.
 */
export interface UploadValues {
  fileName: string;
  data: unknown;
  mimeType?: string;
  relatedObjCode: string;
  relatedId: string;
  documentName?: string;
  description?: string;
}

/** Strict: text that is not base64 is refused rather than uploaded as garbage. */
export function fileBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (typeof data === "string") {
    const compact = data.replace(/\s+/g, "");
    if (compact.length % 4 === 1 || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) {
      throw new DataError("Data: the file data is not base64 text (map the `data` of a module that outputs files, such as HTTP › Get a file).");
    }
    return Buffer.from(compact, "base64");
  }
  throw new DataError("Data: the file data must be base64 text or bytes.");
}

export async function runUpload(input: RecordModuleInput<Readonly<Record<string, unknown>>, UploadValues>, generation: Generation): Promise<Bundle[]> {
  const { values } = input;
  const fileName = values.fileName.trim().split(/[\\/]/).pop() ?? "";
  if (!fileName) throw new DataError("File name: give the file a name with its extension.");
  const client = clientOf(input, generation);
  const handle = await client.upload(fileName, fileBytes(values.data), values.mimeType || undefined);
  const document = await client.create(
    "DOCU",
    {
      name: values.documentName?.trim() || fileName,
      handle,
      docObjCode: values.relatedObjCode,
      objID: values.relatedId,
      currentVersion: { version: "v1.0", fileName },
      ...(values.description ? { description: values.description } : {}),
    },
    ["docObjCode", "objID", "currentVersionID", "downloadURL"],
  );
  return [present(document, generation)];
}
