import { principalOf, requireAdmin } from "../auth/principal";
import { MAX_BULK } from "../constants";
import type { ApiCall, ApiResult, Core, Principal } from "../core";
import { notFound, WfError } from "../errors";
import type { ObjectDef } from "../objects";
import { isControlParam, parseJson } from "../params";
import { createRecord, deleteRecord, editRecord, type WriteContext } from "../store/write";
import { renderRows } from "./read";

type Input = Record<string, unknown>;

const isInput = (value: unknown): value is Input => typeof value === "object" && value !== null && !Array.isArray(value);

export function writer(core: Core, call: ApiCall, def: ObjectDef): Principal {
  const principal = principalOf(core, call);
  if (def.readOnly) throw new WfError("unsupported", `${def.name} objects are read-only`);
  if (def.adminWrites) requireAdmin(principal, `change ${def.label} objects`);
  return principal;
}

const context = (call: ApiCall, principal: Principal, force = false): WriteContext => ({ actorID: principal.userID, version: call.version, force });

/**
 * What to write: `updates` (a bare JSON body, or the `updates=` parameter) over single field parameters
 * (`?name=…&status=…`). An `updates` array means several objects (bulk create or edit).
 */
function updatesOf(call: ApiCall): Input | Input[] {
  const fromParams: Input = {};
  for (const name of call.params.names()) {
    if (isControlParam(name)) continue;
    const values = call.params.getAll(name);
    fromParams[name] = values.length === 1 ? values[0] : values;
  }
  const text = call.params.get("updates");
  const updates = call.json !== undefined ? call.json : text !== undefined ? parseJson(text, "updates") : undefined;
  if (updates === undefined) return fromParams;
  if (Array.isArray(updates)) {
    if (!updates.every(isInput)) throw new WfError("invalidParameter", "updates must be an object or a list of objects");
    return updates;
  }
  if (!isInput(updates)) throw new WfError("invalidParameter", "updates must be an object or a list of objects");
  return { ...fromParams, ...updates };
}

/** Bulk writes: at most 100; `atomic=true` is all-or-nothing and answers only `success` (reference A3). */
function bulk(core: Core, call: ApiCall, def: ObjectDef, inputs: Input[], write: (input: Input) => string): ApiResult {
  if (inputs.length > MAX_BULK) throw new WfError("illegalArgument", `At most ${MAX_BULK} objects can be written in one call (got ${inputs.length})`);
  if (call.params.flag("atomic")) {
    core.store.transaction(() => inputs.forEach(write));
    return { data: { success: true } };
  }
  // Not atomic: each object on its own; the first failure stops the call and earlier writes stay.
  const ids = inputs.map(write);
  return { data: renderRows(core, call, def, ids.map((id) => core.store.get(def.objCode, id)).filter((row) => row !== undefined)) };
}

export function create(core: Core, call: ApiCall, def: ObjectDef): ApiResult {
  const principal = writer(core, call, def);
  const input = updatesOf(call);
  const write = (one: Input) => createRecord(core.store, def.objCode, one, context(call, principal)).ID;
  if (Array.isArray(input)) return bulk(core, call, def, input, write);
  return { data: renderRows(core, call, def, [core.store.get(def.objCode, write(input))].filter((row) => row !== undefined))[0] };
}

const COPYABLE = new Set(["PROJ", "TASK", "OPTASK"]);

/** `POST /<obj>?copySourceID=<ID>&name=…`: a copy of the object's own fields and custom values. */
export function copy(core: Core, call: ApiCall, def: ObjectDef): ApiResult {
  const principal = writer(core, call, def);
  if (!COPYABLE.has(def.objCode)) throw new WfError("unsupported", `${def.name} objects cannot be copied`);
  const sourceID = call.params.get("copySourceID") ?? "";
  const source = core.store.get(def.objCode, sourceID);
  if (!source) throw notFound(def.objCode, sourceID);
  const input: Input = {};
  for (const [name, fieldDef] of Object.entries(def.fields)) if (!fieldDef.system && !fieldDef.writeOnly && source.fields[name] !== null) input[name] = source.fields[name];
  for (const [name, value] of Object.entries(source.custom)) input[`DE:${name}`] = value;
  const overrides = updatesOf(call);
  if (Array.isArray(overrides)) throw new WfError("invalidParameter", "updates for a copy must be one object");
  const row = createRecord(core.store, def.objCode, { ...input, ...overrides }, context(call, principal));
  return { data: renderRows(core, call, def, [row])[0] };
}

export function editByIds(core: Core, call: ApiCall, def: ObjectDef, ids: string[]): ApiResult {
  const principal = writer(core, call, def);
  const input = updatesOf(call);
  if (Array.isArray(input)) throw new WfError("invalidParameter", "updates for one object must be an object");
  const rows = core.store.transaction(() => ids.map((id) => editRecord(core.store, def.objCode, id, input, context(call, principal))));
  const rendered = renderRows(core, call, def, rows);
  return { data: ids.length === 1 ? rendered[0] : rendered };
}

/** `PUT /<obj>?updates=[{"ID":…,…},…]`; without a list there is nothing to do. */
export function editMany(core: Core, call: ApiCall, def: ObjectDef): ApiResult {
  const input = call.params.has("updates") || call.json !== undefined ? updatesOf(call) : undefined;
  if (!Array.isArray(input)) throw new WfError("unsupported", "you must specify an action");
  const principal = writer(core, call, def);
  return bulk(core, call, def, input, (one) => {
    if (typeof one.ID !== "string") throw new WfError("invalidParameter", "Every object in a bulk edit needs its ID");
    return editRecord(core.store, def.objCode, one.ID, one, context(call, principal)).ID;
  });
}

export function removeByIds(core: Core, call: ApiCall, def: ObjectDef, ids: string[]): ApiResult {
  const principal = writer(core, call, def);
  const force = call.params.flag("force");
  core.store.transaction(() => ids.forEach((id) => deleteRecord(core.store, def.objCode, id, context(call, principal, force))));
  return { data: { success: true } };
}
