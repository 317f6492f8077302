import { principalOf } from "../auth/principal";
import { MAX_BULK } from "../constants";
import type { ApiCall, ApiResult, Core, Method, Principal } from "../core";
import { errorEnvelope, WfError } from "../errors";
import { Params } from "../params";
import { locate, safeDecode } from "./rest";
import { dispatch } from "./router";

const NOT_IN_BATCH = new Set(["batch", "login", "logout", "upload"]);

/** One `uri=` entry: a path relative to the API root (with or without `/`), its own query and `method=`. */
function entry(core: Core, outer: ApiCall, principal: Principal, uri: string): ApiCall {
  const q = uri.indexOf("?");
  const path = q >= 0 ? uri.slice(0, q) : uri;
  const params = Params.fromSearch(q >= 0 ? uri.slice(q) : "");
  const absolute = path.startsWith("/attask/") ? locate(core, path) : null;
  const segments = absolute ? absolute.segments : path.split("/").filter(Boolean).map(safeDecode);
  if (NOT_IN_BATCH.has(segments[0]?.toLowerCase() ?? "")) throw new WfError("unsupported", `${segments[0]} cannot be part of a batch`);
  const method = (params.getIgnoreCase("method") ?? "GET").toUpperCase() as Method;
  if (!["GET", "PUT", "POST", "DELETE"].includes(method)) throw new WfError("invalidParameter", `Unsupported method ${method}`);
  return { method, segments, params, json: undefined, version: absolute?.version ?? outer.version, prefix: outer.prefix, origin: outer.origin, req: outer.req, principal };
}

/**
 * `/batch` with repeated `uri=`, `atomic` and `concurrent` (fixtures/batch.json). Atomic batches run in
 * one transaction and answer only `{"success":true}` or the first error; otherwise every entry answers
 * on its own (`{"data":…}` or its `{"error":…}`). `concurrent` is accepted; entries always run in order.
 */
export function runBatch(core: Core, call: ApiCall): ApiResult {
  const principal = principalOf(core, call);
  const uris = call.params.getAll("uri");
  if (uris.length > MAX_BULK) throw new WfError("illegalArgument", `A batch may hold at most ${MAX_BULK} calls (got ${uris.length})`);
  if (call.params.flag("atomic")) {
    core.store.transaction(() => uris.forEach((uri) => dispatch(core, entry(core, call, principal, uri))));
    return { data: { success: true } };
  }
  const results = uris.map((uri) => {
    try {
      return { data: dispatch(core, entry(core, call, principal, uri)).data };
    } catch (error) {
      if (error instanceof WfError) return errorEnvelope(error);
      throw error;
    }
  });
  return { data: results };
}
