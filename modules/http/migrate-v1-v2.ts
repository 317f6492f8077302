import type { MigrationResult, ModuleSnapshot } from "@/lib/modules/define";
import { isPlainObject } from "@/lib/modules/json";

/**
 * http:makeRequest v1 → v2, pure. v1 kept the body type in `params.bodyType` and one top-level field per
 * body type; v2 has one mappable `body` collection `{ type, contentType, content, fields }`. Multipart
 * items rename `key` → `name` and `fieldType` → `kind`. The output `data` is now `body`.
 */
const V1_BODY_FIELDS = ["contentType", "data", "json", "formFields", "formDataFields"] as const;
type V1BodyField = (typeof V1_BODY_FIELDS)[number];

const TYPE_LABELS: Record<string, string> = {
  none: "no body",
  raw: "Raw",
  json: "JSON",
  x_www_form_urlencoded: "x-www-form-urlencoded",
  multipart_form_data: "multipart/form-data",
};

/** Which v1 fields each body type read; the others were ignored by v1 and are dropped. */
const USED_BY: Record<string, readonly V1BodyField[]> = {
  none: [],
  raw: ["contentType", "data"],
  json: ["json"],
  x_www_form_urlencoded: ["formFields"],
  multipart_form_data: ["formDataFields"],
};

export const COOKIE_NOTE =
  "v2 can share cookies between HTTP modules of a run; it is off here so the module behaves as before. Turn on “Share cookies with other HTTP modules” if later HTTP modules should send the cookies this one receives.";

const isTemplate = (value: unknown): value is string => typeof value === "string" && value.includes("{{");
const isSet = (value: unknown) => value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);

export function migrateMakeRequestV1(old: ModuleSnapshot): MigrationResult {
  const { bodyType: rawBodyType, ...params } = old.params;
  const mapper: Record<string, unknown> = { ...old.mapper };
  const v1: Partial<Record<V1BodyField, unknown>> = {};
  for (const name of V1_BODY_FIELDS) {
    if (name in mapper) v1[name] = mapper[name];
    delete mapper[name];
  }
  const notes: string[] = [];
  const bodyType = isSet(rawBodyType) ? String(rawBodyType) : "none";
  const present = <K extends V1BodyField>(name: K, as: string) => (v1[name] !== undefined ? { [as]: v1[name] } : {});

  let body: Record<string, unknown>;
  switch (bodyType) {
    case "none":
      body = { type: "none" };
      break;
    case "raw":
      body = { type: "raw", ...present("contentType", "contentType"), ...present("data", "content") };
      break;
    case "json":
      body = { type: "json", ...present("json", "content") };
      break;
    case "x_www_form_urlencoded":
      body = { type: "form", ...present("formFields", "fields") };
      break;
    case "multipart_form_data":
      body = { type: "multipart", ...(v1.formDataFields !== undefined ? { fields: multipartFields(v1.formDataFields, notes) } : {}) };
      break;
    default:
      body = { type: "none" };
      notes.push(`The body type “${bodyType}” is unknown, so the body is now empty; choose the body type again.`);
  }

  const used = USED_BY[bodyType] ?? [];
  for (const name of V1_BODY_FIELDS) {
    if (!used.includes(name) && isSet(v1[name])) {
      notes.push(`“${name}” was set but not used with the ${TYPE_LABELS[bodyType] ?? bodyType} body type; v2 has no place for it, so it was dropped.`);
    }
  }
  notes.push(COOKIE_NOTE);

  return {
    params,
    mapper: { ...mapper, body, shareCookies: false },
    renamedOutputs: { data: "body" },
    notes,
  };
}

function multipartFields(fields: unknown, notes: string[]): unknown {
  if (!Array.isArray(fields)) {
    if (isTemplate(fields)) {
      notes.push(
        `The multipart fields are mapped as a whole (${fields}); v2 items use “name” and “kind” where v1 used “key” and “fieldType”. Check that the mapped items have the new names.`,
      );
    }
    return fields;
  }
  return fields.map((item, index) => {
    if (!isPlainObject(item)) {
      if (isTemplate(item)) notes.push(`Multipart field ${index + 1} is mapped as a whole (${item}); its item must now use “name” and “kind”.`);
      return item;
    }
    const { key, fieldType, ...rest } = item;
    return { ...(key !== undefined ? { name: key } : {}), ...(fieldType !== undefined ? { kind: fieldType } : {}), ...rest };
  });
}
