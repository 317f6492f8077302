import { notFound, unknownField, WfError } from "../errors";
import { newWfId } from "../ids";
import { objectDef, type ObjectDef } from "../objects";
import type { CustomValue, FieldValue, Row } from "../objects/schema";
import { coerceCustom, customFields } from "./custom";
import { hooksFor, VIRTUAL_INPUTS } from "./hooks";
import { writeJournal } from "./journal";
import { coerceField, sameValue } from "./values";
import type { Store } from "./store";

export interface WriteContext {
  actorID: string;
  /** API version of the request, for error wording ("APIModel V21_0 …"). */
  version: number;
  /** Seed writes: no journal entries, no events. */
  silent?: boolean;
  /** `force=true`: delete dependants too. */
  force?: boolean;
}

export interface Draft {
  ID: string;
  objCode: string;
  fields: Record<string, FieldValue>;
  custom: Record<string, CustomValue>;
}

export interface ParsedInput {
  fields: Record<string, FieldValue>;
  custom: Record<string, CustomValue | null>;
  /** Replaceable collections given in the input: the new list, whole. */
  collections: Map<string, Record<string, unknown>[]>;
  /** Inputs that are not fields (a document's `currentVersion`). */
  extras: Record<string, unknown>;
}

/** Objects whose creation, deletion and tracked fields are journaled. */
const JOURNALED = new Set(["PROJ", "TASK", "OPTASK", "PORT", "PRGM", "USER", "DOCU"]);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);

function parseInput(store: Store, def: ObjectDef, input: Record<string, unknown>, mode: "create" | "edit", ctx: WriteContext): ParsedInput {
  const parsed: ParsedInput = { fields: {}, custom: {}, collections: new Map(), extras: {} };
  const coerce = { timeZone: store.env.timeZone, now: store.now() };
  let params: ReturnType<typeof customFields> | undefined;
  const setCustom = (key: string, raw: unknown) => {
    const name = key.slice(3);
    params ??= customFields(store);
    const info = params.get(name);
    if (!def.custom || !info) throw unknownField(ctx.version, key, def.name);
    if (!info.objCodes.has(def.objCode)) throw new WfError("invalidParameter", `Custom field '${name}' is not on a custom form for ${def.name}`);
    parsed.custom[name] = coerceCustom(info, raw, coerce);
  };
  for (const [key, raw] of Object.entries(input)) {
    if (key === "ID" || key === "objCode") continue;
    if (key.startsWith("DE:")) {
      setCustom(key, raw);
      continue;
    }
    if (key === "parameterValues" && def.custom) {
      if (!isPlainObject(raw)) throw new WfError("invalidParameter", "parameterValues must be an object of DE: fields");
      for (const [name, value] of Object.entries(raw)) setCustom(name.startsWith("DE:") ? name : `DE:${name}`, value);
      continue;
    }
    const coll = def.collections[key];
    if (coll?.replaceable) {
      if (!Array.isArray(raw) || !raw.every(isPlainObject)) throw new WfError("invalidParameter", `${key} must be a list of objects`);
      parsed.collections.set(key, raw);
      continue;
    }
    if (VIRTUAL_INPUTS[def.objCode]?.includes(key)) {
      parsed.extras[key] = raw;
      continue;
    }
    const fieldDef = def.fields[key];
    if (!fieldDef) throw unknownField(ctx.version, key, def.name);
    // Workfront maintains these itself; clients that echo whole objects back must not fail.
    if (fieldDef.system || (mode === "edit" && fieldDef.createOnly)) continue;
    parsed.fields[key] = coerceField(key, fieldDef, raw, coerce);
  }
  return parsed;
}

function checkRequired(def: ObjectDef, draft: Draft): void {
  for (const [name, fieldDef] of Object.entries(def.fields)) {
    const value = draft.fields[name];
    if (fieldDef.required && (value === null || value === undefined || value === "")) throw new WfError("validation", `${name} is required for ${def.name}`);
  }
}

function checkReferences(store: Store, def: ObjectDef, draft: Draft, before: Row | null): void {
  for (const reference of Object.values(def.references)) {
    if (def.fields[reference.idField]?.system) continue; // maintained by us, never dangling on write
    const value = draft.fields[reference.idField];
    if (typeof value !== "string" || (before && before.fields[reference.idField] === value)) continue;
    if (!store.get(reference.objCode, value)) throw new WfError("validation", `${reference.objCode} with ID ${value} could not be found (${reference.idField})`);
  }
}

function freeze(def: ObjectDef, draft: Draft): Row {
  const fields: Record<string, FieldValue> = {};
  for (const name of Object.keys(def.fields)) fields[name] = draft.fields[name] ?? null;
  fields.ID = draft.ID;
  return { ID: draft.ID, objCode: draft.objCode, fields, custom: { ...draft.custom } };
}

function journalKind(def: ObjectDef, name: string): "text" | "date" | "number" {
  const type = def.fields[name]?.type;
  return type === "dateTime" ? "date" : type === "int" || type === "double" ? "number" : "text";
}

function replaceCollections(store: Store, def: ObjectDef, parentID: string, collections: Map<string, Record<string, unknown>[]>, ctx: WriteContext): void {
  for (const [name, items] of collections) {
    const coll = def.collections[name];
    for (const member of store.all(coll.objCode).filter((row) => row.fields[coll.foreignKey] === parentID)) deleteRecord(store, coll.objCode, member.ID, { ...ctx, force: true });
    for (const item of items) {
      const { ID: _ignored, ...rest } = item;
      createRecord(store, coll.objCode, { ...rest, [coll.foreignKey]: parentID }, ctx);
    }
  }
}

export function createRecord(store: Store, objCode: string, input: Record<string, unknown>, ctx: WriteContext, presetID?: string): Row {
  return store.transaction(() => {
    const def = objectDef(objCode);
    if (def.readOnly) throw new WfError("unsupported", `${def.name} objects cannot be created through the API`);
    const now = store.now();
    const parsed = parseInput(store, def, input, "create", ctx);
    const draft: Draft = { ID: presetID ?? newWfId(now), objCode, fields: {}, custom: {} };
    for (const [name, fieldDef] of Object.entries(def.fields)) if (fieldDef.default !== undefined) draft.fields[name] = fieldDef.default;
    Object.assign(draft.fields, parsed.fields);
    for (const [name, value] of Object.entries(parsed.custom)) if (value !== null) draft.custom[name] = value;
    Object.assign(draft.fields, { entryDate: now, lastUpdateDate: now, enteredByID: ctx.actorID, lastUpdatedByID: ctx.actorID, customerID: store.env.customerID });
    const hooks = hooksFor(objCode);
    hooks.beforeCreate?.(store, draft, parsed, ctx);
    checkRequired(def, draft);
    checkReferences(store, def, draft, null);
    const row = freeze(def, draft);
    store.put(row);
    if (!ctx.silent) {
      if (JOURNALED.has(objCode)) writeJournal(store, { changeType: "A", row, actorID: ctx.actorID });
      store.emit({ type: "CREATE", objCode, before: null, after: row, at: now, actorID: ctx.actorID });
    }
    replaceCollections(store, def, row.ID, parsed.collections, ctx);
    hooks.afterCreate?.(store, row, parsed, ctx);
    return store.get(objCode, row.ID) ?? row;
  });
}

/** Applies a finished draft: no-op edits change nothing (no date bump, no journal, no event). */
function commitEdit(store: Store, def: ObjectDef, before: Row, draft: Draft, ctx: WriteContext, collections: Map<string, Record<string, unknown>[]>): Row {
  checkRequired(def, draft);
  checkReferences(store, def, draft, before);
  const changedFields = Object.keys(def.fields).filter((name) => !sameValue(before.fields[name], draft.fields[name] ?? null));
  const customNames = new Set([...Object.keys(before.custom), ...Object.keys(draft.custom)]);
  const changedCustom = [...customNames].filter((name) => !sameValue(before.custom[name], draft.custom[name]));
  if (changedFields.length > 0 || changedCustom.length > 0) {
    const now = store.now();
    Object.assign(draft.fields, { lastUpdateDate: now, lastUpdatedByID: ctx.actorID });
    const row = freeze(def, draft);
    store.put(row);
    if (!ctx.silent) {
      if (JOURNALED.has(def.objCode)) {
        for (const name of changedFields.filter((n) => def.fields[n].tracked))
          writeJournal(store, { changeType: "E", row, actorID: ctx.actorID, fieldName: name, oldValue: before.fields[name], newValue: row.fields[name], kind: journalKind(def, name) });
        for (const name of changedCustom) {
          const sample = before.custom[name] ?? row.custom[name];
          const kind = sample instanceof Date ? "date" : typeof sample === "number" ? "number" : "text";
          writeJournal(store, { changeType: "E", row, actorID: ctx.actorID, fieldName: `DE:${name}`, oldValue: before.custom[name], newValue: row.custom[name], kind });
        }
      }
      store.emit({ type: "UPDATE", objCode: def.objCode, before, after: row, at: now, actorID: ctx.actorID });
    }
  }
  replaceCollections(store, def, before.ID, collections, ctx);
  return store.get(def.objCode, before.ID) ?? before;
}

export function editRecord(store: Store, objCode: string, id: string, input: Record<string, unknown>, ctx: WriteContext): Row {
  return store.transaction(() => {
    const def = objectDef(objCode);
    if (def.readOnly) throw new WfError("unsupported", `${def.name} objects cannot be edited through the API`);
    const before = store.get(objCode, id);
    if (!before) throw notFound(objCode, id);
    const parsed = parseInput(store, def, input, "edit", ctx);
    const draft: Draft = { ID: id, objCode, fields: { ...before.fields, ...parsed.fields }, custom: { ...before.custom } };
    for (const [name, value] of Object.entries(parsed.custom)) {
      if (value === null) delete draft.custom[name];
      else draft.custom[name] = value;
    }
    hooksFor(objCode).beforeEdit?.(store, before, draft, parsed, ctx);
    return commitEdit(store, def, before, draft, ctx, parsed.collections);
  });
}

/** Changes fields the sandbox maintains (a document's current version, an unlinked project). */
export function systemEdit(store: Store, objCode: string, id: string, fields: Record<string, FieldValue>, ctx: WriteContext): Row {
  return store.transaction(() => {
    const def = objectDef(objCode);
    const before = store.get(objCode, id);
    if (!before) throw notFound(objCode, id);
    const draft: Draft = { ID: id, objCode, fields: { ...before.fields, ...fields }, custom: { ...before.custom } };
    return commitEdit(store, def, before, draft, ctx, new Map());
  });
}

export function deleteRecord(store: Store, objCode: string, id: string, ctx: WriteContext): void {
  store.transaction(() => {
    const def = objectDef(objCode);
    if (def.readOnly) throw new WfError("unsupported", `${def.name} objects cannot be deleted through the API`);
    const row = store.get(objCode, id);
    if (!row) throw notFound(objCode, id);
    hooksFor(objCode).beforeDelete?.(store, row, ctx);
    const members = Object.values(def.collections).map((coll) => ({ coll, rows: store.all(coll.objCode).filter((m) => m.fields[coll.foreignKey] === id) }));
    for (const { coll, rows } of members) {
      if (rows.length > 0 && coll.onDelete !== "cascade" && !ctx.force)
        throw new WfError("validation", `${def.name} ${id} has ${coll.label.toLowerCase()}; delete it with force=true to remove them too`);
    }
    for (const { coll, rows } of members) {
      for (const member of rows) {
        if (!store.get(coll.objCode, member.ID)) continue; // already gone through another collection
        if (coll.onDelete === "unlink") systemEdit(store, coll.objCode, member.ID, { [coll.foreignKey]: null }, ctx);
        else deleteRecord(store, coll.objCode, member.ID, { ...ctx, force: true });
      }
    }
    store.drop(objCode, id);
    if (!ctx.silent) {
      if (JOURNALED.has(objCode)) writeJournal(store, { changeType: "D", row, actorID: ctx.actorID });
      store.emit({ type: "DELETE", objCode, before: row, after: null, at: store.now(), actorID: ctx.actorID });
    }
  });
}
