import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_URI_BYTES, NEWEST_API_VERSION, OLDEST_API_VERSION } from "../constants";
import type { ApiCall, Core, Method } from "../core";
import { errorEnvelope, WfError } from "../errors";
import { header, mediaType, originOf, readBody, send, sendWorkfront } from "../http";
import { Params, parseJson } from "../params";
import { dispatch } from "./router";

const BODY_LIMIT = 10 * 1024 * 1024;
const UPLOAD_LIMIT = 50 * 1024 * 1024;
const METHODS = new Set<Method>(["GET", "PUT", "POST", "DELETE"]);

export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new WfError("invalidParameter", `Malformed path segment ${segment}`);
  }
}

export interface ApiLocation {
  version: number;
  prefix: string;
  segments: string[];
}

/**
 * `/attask/api/v<N>.0/…`, `/attask/api/…` (the default version, which follows the newest release) and
 * the `api-internal` / `api-unsupported` prefixes WF-JS uses (reference A1).
 */
export function locate(core: Core, path: string): ApiLocation | null {
  const match = /^\/attask\/api(-internal|-unsupported|-asp)?(\/.*)?$/.exec(path);
  if (!match) return null;
  let segments = (match[2] ?? "").split("/").filter(Boolean).map(safeDecode);
  let version = NEWEST_API_VERSION;
  let prefix = `/attask/api${match[1] ?? ""}`;
  if (!match[1] && segments[0] && /^v\d/i.test(segments[0])) {
    const label = segments[0];
    const exact = /^v(\d+)\.0$/.exec(label);
    version = exact ? Number(exact[1]) : NaN;
    if (!(version >= OLDEST_API_VERSION && version <= NEWEST_API_VERSION)) throw new WfError("unknownVersion", `API version ${label} is not supported`);
    if (core.options.removedVersions.has(version)) throw new WfError("removedVersion", `API version ${label} has been removed and is no longer available`);
    prefix = `/attask/api/${label}`;
    segments = segments.slice(1);
  }
  return { version, prefix, segments };
}

async function buildCall(core: Core, req: IncomingMessage, url: URL, location: ApiLocation): Promise<ApiCall> {
  const isUpload = location.segments[0]?.toLowerCase() === "upload";
  const raw = await readBody(req, isUpload ? UPLOAD_LIMIT : BODY_LIMIT);
  let params = Params.fromSearch(url.search);
  let json: unknown = undefined;
  let body: ApiCall["body"];
  const type = mediaType(req);
  if (type === "multipart/form-data") body = { data: raw, contentType: header(req, "content-type") ?? "" };
  else if (type === "application/json" || type.endsWith("+json")) {
    if (raw.length > 0) json = parseJson(raw.toString("utf8"), "The request body");
  } else if (raw.length > 0) params = params.with(new URLSearchParams(raw.toString("utf8")));
  const override = params.getIgnoreCase("method")?.toUpperCase();
  const method = (override ?? req.method ?? "GET").toUpperCase() as Method;
  if (!METHODS.has(method)) throw new WfError("invalidParameter", `Unsupported method ${method}`);
  return { method, segments: location.segments, params, json, version: location.version, prefix: location.prefix, origin: originOf(req), req, body };
}

export function sendError(core: Core, res: ServerResponse, error: unknown): void {
  const wfError = error instanceof WfError ? error : new WfError("internal", error instanceof Error ? error.message : String(error));
  // Some real servers answer errors with HTTP 200 and the envelope; clients must read the body (A5).
  sendWorkfront(res, core.options.errorsWithHttp200 ? 200 : wfError.status, errorEnvelope(wfError));
}

export async function handleRest(core: Core, req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<boolean> {
  if (!path.startsWith("/attask/api")) return false;
  // The CDN in front of Workfront refuses longer URIs before the API sees them (reference A1).
  if (Buffer.byteLength(req.url ?? "") > MAX_URI_BYTES) {
    send(res, 414, "URI Too Long", { "Content-Type": "text/plain" });
    return true;
  }
  try {
    const location = locate(core, path);
    if (!location) return false;
    const call = await buildCall(core, req, url, location);
    const result = dispatch(core, call);
    sendWorkfront(res, 200, { data: result.data }, result.headers);
  } catch (error) {
    sendError(core, res, error);
  }
  return true;
}
