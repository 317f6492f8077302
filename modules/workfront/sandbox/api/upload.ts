import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate } from "../auth/principal";
import type { ApiCall, ApiResult, Core } from "../core";
import { WfError } from "../errors";
import { randomHex } from "../ids";
import { parseMultipart } from "../multipart";
import { Params } from "../params";
import { writeJournal } from "../store/journal";
import { sendError } from "./rest";

/** `POST /upload`, multipart with the file in `uploadedFile`; answers `{"handle":…}` (fixtures/upload.json). */
export function upload(core: Core, call: ApiCall): ApiResult {
  call.principal ??= authenticate(core, call);
  if (call.method !== "POST") throw new WfError("unsupported", "upload needs POST");
  if (!call.body) throw new WfError("invalidParameter", "upload needs a multipart/form-data body with an uploadedFile part");
  const file = parseMultipart(call.body.data, call.body.contentType).find((part) => part.name === "uploadedFile");
  if (!file) throw new WfError("invalidParameter", "The multipart body has no uploadedFile part");
  const handle = randomHex(16);
  core.store.uploads.set(handle, { handle, fileName: file.fileName || "upload", contentType: file.contentType, data: file.data, at: core.store.now() });
  return { data: { handle } };
}

/**
 * `GET /document/download?ID=<document>[&versionID=<version>]`, the relative `downloadURL` documents
 * carry. Authenticated like the API; journaled as a download (`DW`, reference A6).
 */
export function handleDownload(core: Core, req: IncomingMessage, res: ServerResponse, url: URL): void {
  try {
    const params = Params.fromSearch(url.search);
    const principal = authenticate(core, { req, params, method: "GET" });
    const document = core.store.get("DOCU", params.get("ID") ?? "");
    if (!document) throw new WfError("notFound", `DOCU with ID ${params.get("ID") ?? ""} could not be found`);
    const versionID = params.get("versionID") ?? String(document.fields.currentVersionID ?? "");
    const version = core.store.get("DOCV", versionID);
    const file = version && version.fields.documentID === document.ID ? core.store.uploads.get(String(version.fields.handle)) : undefined;
    if (!version || !file) throw new WfError("notFound", `Document ${document.ID} has no such version`);
    writeJournal(core.store, { changeType: "DW", row: document, actorID: principal.userID });
    const fileName = String(version.fields.fileName ?? "download").replace(/["\\\r\n]/g, "_");
    res.writeHead(200, { "Content-Type": file.contentType, "Content-Length": file.data.length, "Content-Disposition": `attachment; filename="${fileName}"` });
    res.end(file.data);
  } catch (error) {
    sendError(core, res, error);
  }
}
