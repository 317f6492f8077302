import { defineModule } from "@/lib/modules/define";
import { CONTAINER_OPTIONS } from "./common/objects";
import { recordOutputSpec } from "./common/output";
import { runUpload } from "./common/upload";
import { V1, V1_DEPRECATION } from "./common/versions";

export const uploadFields = [
  { name: "relatedObjCode", label: "Related record type", type: "select", required: true, options: CONTAINER_OPTIONS },
  { name: "relatedId", label: "Related record ID", type: "text", required: true },
  { name: "fileName", label: "File name", type: "text", required: true, help: "With its extension, e.g. brief.pdf; map the fileName of HTTP › Get a file." },
  { name: "data", label: "Data", type: "any", required: true, help: "The file as base64 text (the data of HTTP › Get a file) or bytes." },
  { name: "mimeType", label: "MIME type", type: "text" },
  { name: "documentName", label: "Document name", type: "text", help: "Default: the file name." },
  { name: "description", label: "Description", type: "text", multiline: true },
] as const;

export const UPLOAD_OUTPUTS = ["docObjCode", "objID", "currentVersionID", "downloadURL"];

export default defineModule({
  key: "workfront:uploadDocument",
  version: 1,
  kind: "action",
  title: "Upload document",
  description: "Uploads a file and attaches it as a document to a project, task, issue, … (API v15.0, username/password).",
  connection: V1.connection,
  deprecated: V1_DEPRECATION,
  fields: uploadFields,
  output: recordOutputSpec("DOCU", V1, { outputs: UPLOAD_OUTPUTS }),
  run: (ctx) => runUpload(ctx, V1),
});
