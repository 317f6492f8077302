import { login, logout } from "../auth/login";
import { principalOf } from "../auth/principal";
import type { ApiCall, ApiResult, Core } from "../core";
import { WfError } from "../errors";
import { WF_ID_RE } from "../ids";
import { resolveObject, type ObjectDef } from "../objects";
import { runAction } from "./actions";
import { runBatch } from "./batch";
import { globalMetadata, objectMetadata } from "./metadata";
import { count, getByIds, idsFrom, search } from "./read";
import { upload } from "./upload";
import { copy, create, editByIds, editMany, removeByIds } from "./write";

/** Routes one call (also each batch entry). Synchronous on purpose: an atomic batch cannot interleave. */
export function dispatch(core: Core, call: ApiCall): ApiResult {
  const [first, ...tail] = call.segments;
  if (!first) throw new WfError("unsupported", "you must specify an object type");
  switch (first.toLowerCase()) {
    case "login":
      return login(core, call);
    case "logout":
      return logout(core, call);
    case "metadata":
      principalOf(core, call);
      return { data: globalMetadata(core, call) };
    case "upload":
      return upload(core, call);
    case "batch":
      return runBatch(core, call);
  }
  const def = resolveObject(first);
  if (!def) throw new WfError("notFound", `Unknown object type: ${first}`);
  return objectCall(core, call, def, tail);
}

function objectCall(core: Core, call: ApiCall, def: ObjectDef, tail: string[]): ApiResult {
  const [second, action] = tail;
  const actionParam = call.params.get("action");
  if (second === undefined) {
    if (actionParam && (call.method === "PUT" || call.method === "POST")) return runAction(core, call, def, null, actionParam);
    const ids = idsFrom(call.params);
    switch (call.method) {
      case "GET":
        if (ids.length === 0) throw new WfError("invalidParameter", "you must specify an ID (or use /search)");
        return getByIds(core, call, def, ids);
      case "POST":
        return call.params.has("copySourceID") ? copy(core, call, def) : create(core, call, def);
      case "PUT":
        return ids.length > 0 ? editByIds(core, call, def, ids) : editMany(core, call, def);
      case "DELETE":
        if (ids.length === 0) throw new WfError("invalidParameter", "you must specify an ID to delete");
        return removeByIds(core, call, def, ids);
    }
  }
  switch (second.toLowerCase()) {
    case "search":
      return search(core, call, def);
    case "count":
      return count(core, call, def);
    case "metadata":
      principalOf(core, call);
      return { data: objectMetadata(core, call, def) };
    case "report":
      throw new WfError("unsupported", "report is not simulated by the sandbox");
  }
  // Non-ID words are named queries (`/work/myWork`), which the sandbox does not simulate.
  if (!WF_ID_RE.test(second) && /^[A-Za-z]+$/.test(second)) throw new WfError("unsupported", `Named query ${second} is not simulated by the sandbox`);
  if (action !== undefined) {
    if (call.method !== "PUT" && call.method !== "POST") throw new WfError("unsupported", `Actions need PUT (got ${call.method})`);
    return runAction(core, call, def, second, action);
  }
  switch (call.method) {
    case "GET":
      return getByIds(core, call, def, [second]);
    case "PUT":
      return actionParam ? runAction(core, call, def, second, actionParam) : editByIds(core, call, def, [second]);
    case "DELETE":
      return removeByIds(core, call, def, [second]);
    default:
      throw new WfError("unsupported", "POST to an object ID is not supported; use PUT to edit");
  }
}
