import type { ApiCall, Core } from "../core";
import { objectDef, OBJECTS, type ObjectDef } from "../objects";
import type { FieldDef } from "../objects/schema";
import { customFieldsFor, type ParamInfo } from "../store/custom";
import { ACTIONS } from "./actions";

const urlOf = (core: Core, call: ApiCall, objCode: string) => `${call.origin}${core.options.basePath}${call.prefix}/${objCode.toLowerCase()}/metadata`;

/** `GET /metadata`: the object types this API knows. */
export function globalMetadata(core: Core, call: ApiCall): Record<string, unknown> {
  const objects: Record<string, unknown> = {};
  for (const def of OBJECTS) objects[def.objCode] = { objCode: def.objCode, name: def.name, label: def.label, url: urlOf(core, call, def.objCode) };
  return { objects };
}

function fieldMeta(fieldDef: FieldDef): Record<string, unknown> {
  return {
    ...(fieldDef.flags ? { flags: fieldDef.flags } : {}),
    label: fieldDef.label,
    typeObjCode: null,
    targetTypeObjCode: null,
    fieldType: fieldDef.type,
    enumTargetObjCode: null,
    enumType: fieldDef.enumType ?? null,
    url: null,
    ...(fieldDef.options ? { possibleValues: fieldDef.options.map((o) => ({ label: o.label, value: o.value })) } : {}),
  };
}

function linkMeta(core: Core, call: ApiCall, label: string, objCode: string): Record<string, unknown> {
  return { label, typeObjCode: objCode, targetTypeObjCode: null, fieldType: objectDef(objCode).name, enumTargetObjCode: null, enumType: null, url: urlOf(core, call, objCode) };
}

/** Custom fields of the object's forms, keyed `DE:<name>`: our addition, so connectors can list them. */
function customMeta(info: ParamInfo): Record<string, unknown> {
  const fieldType = info.multi ? "string[]" : info.dataType === "NMBR" || info.dataType === "CURR" ? "double" : info.dataType === "DATE" ? "dateTime" : "string";
  return {
    label: info.name,
    fieldType,
    dataType: info.dataType,
    displayType: info.displayType,
    parameterID: info.ID,
    ...(info.options.length > 0 ? { possibleValues: info.options.map((value) => ({ label: value, value })) } : {}),
  };
}

/** `GET /<obj>/metadata`, shaped like fixtures/metadata.json; `fields=` picks top-level keys. */
export function objectMetadata(core: Core, call: ApiCall, def: ObjectDef): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: def.name,
    label: def.label,
    objCode: def.objCode,
    flags: def.flags ?? ["REPORTABLE"],
    url: urlOf(core, call, def.objCode),
    fields: Object.fromEntries(
      Object.entries(def.fields)
        .filter(([, f]) => !f.writeOnly)
        .map(([name, f]) => [name, fieldMeta(f)]),
    ),
    references: Object.fromEntries(Object.entries(def.references).map(([name, r]) => [name, linkMeta(core, call, r.label, r.objCode)])),
    collections: Object.fromEntries(Object.entries(def.collections).map(([name, c]) => [name, linkMeta(core, call, c.label, c.objCode)])),
    custom: def.custom ? Object.fromEntries(customFieldsFor(core.store, def.objCode).map((info) => [`DE:${info.name}`, customMeta(info)])) : {},
    search: {},
    actions: Object.fromEntries(
      Object.entries(ACTIONS[def.objCode] ?? {}).map(([name, spec]) => [name, { arguments: spec.arguments, ...(spec.resultType ? { resultType: spec.resultType } : {}), label: name }]),
    ),
    queries: {},
    operations: def.readOnly ? ["count", "get", "report", "search"] : ["add", "count", "delete", "edit", "get", "replace", "report", "search"],
  };
  const wanted = call.params
    .getAll("fields")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  if (wanted.length === 0) return out;
  return Object.fromEntries(Object.entries(out).filter(([key]) => key === "objCode" || wanted.includes(key)));
}
