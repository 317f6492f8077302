import type { ResolvedConnection } from "@/lib/modules/context";
import { DataError } from "@/lib/modules/errors";
import type { Bundle } from "@/lib/modules/json";
import { clientFor, type WorkfrontClient, type WorkfrontRecord } from "../client/client";
import { toPairs, type ParamValue } from "../client/encode";
import { fieldsFor, selectionOf } from "./output";
import { criteriaParams, sortParams, type Criterion, type SortKey } from "./search";
import { present, type Generation } from "./versions";

/**
 * What the record modules do, shared by version 1 and version 2; the version files declare the fields
 * and pass their Generation (API version, connection, date output).
 */
export interface RecordModuleInput<P, V> {
  params: P;
  values: V;
  connection: ResolvedConnection | null;
  signal: AbortSignal;
}

type Params = Readonly<Record<string, unknown>> & { objCode: string };

export function clientOf(input: { params: Readonly<Record<string, unknown>>; connection: ResolvedConnection | null; signal: AbortSignal }, generation: Generation): WorkfrontClient {
  return clientFor(input.connection, { apiVersion: generation.apiVersion(input.params), signal: input.signal });
}

export interface FieldValue {
  name: string;
  value?: unknown;
}

/** `[{name, value}]` → the `updates` object; the same field twice is a mistake worth naming. */
export function updatesOf(fields: readonly FieldValue[] | undefined): WorkfrontRecord {
  const updates: WorkfrontRecord = {};
  const firstItem = new Map<string, number>();
  for (const [index, field] of (fields ?? []).entries()) {
    const name = field?.name?.trim();
    if (!name) continue;
    if (firstItem.has(name)) throw new DataError(`Fields: “${name}” is set twice (items ${firstItem.get(name)} and ${index + 1}).`);
    firstItem.set(name, index + 1);
    updates[name] = field.value === undefined ? null : field.value;
  }
  return updates;
}

export async function runCreate(input: RecordModuleInput<Params, { fields?: FieldValue[] }>, generation: Generation): Promise<Bundle[]> {
  const updates = updatesOf(input.values.fields);
  if (Object.keys(updates).length === 0) throw new DataError("Fields: set at least the required fields of the new record (e.g. name, and projectID for a task).");
  // No `fields=` echo here: should Workfront refuse to read back a field it accepted, the module would fail
  // after the record exists, and a retry would create it twice. Update echoes; a repeated edit is harmless.
  const record = await clientOf(input, generation).create(input.params.objCode, updates);
  return [present(record, generation)];
}

export async function runUpdate(input: RecordModuleInput<Params, { id: string; fields?: FieldValue[] }>, generation: Generation): Promise<Bundle[]> {
  const updates = updatesOf(input.values.fields);
  if (Object.keys(updates).length === 0) throw new DataError("Fields: choose at least one field to update.");
  const record = await clientOf(input, generation).edit(input.params.objCode, input.values.id, updates, Object.keys(updates).filter(readable));
  return [present(record, generation)];
}

/** Echoing what was written shows the result; nested writes (`assignments`) and write-only fields are not echoed. */
function readable(name: string): boolean {
  return !["password", "handle", "assignments", "currentVersion", "categoryParameters", "parameterOptions"].includes(name);
}

export async function runRead(input: RecordModuleInput<Params, { id: string }>, generation: Generation): Promise<Bundle[]> {
  const record = await clientOf(input, generation).get(input.params.objCode, input.values.id, fieldsFor(selectionOf(input.params)));
  return [present(record, generation)];
}

export async function runReadRelated(
  input: RecordModuleInput<Params & { collection: string; childOutputs?: string[] }, { id: string; limit?: number }>,
  generation: Generation,
): Promise<Bundle[]> {
  const { collection, childOutputs = [] } = input.params;
  const nested = childOutputs.length > 0 ? childOutputs.map((f) => `${collection}:${f}`) : [`${collection}:*`];
  const parent = await clientOf(input, generation).get(input.params.objCode, input.values.id, nested);
  const items = parent[collection];
  if (items !== undefined && items !== null && !Array.isArray(items)) throw new DataError(`“${collection}” of ${input.params.objCode} is a single reference, not a collection; use Read a record with it as a reference.`);
  return (items ?? [])
    .slice(0, input.values.limit ?? 100)
    .filter((item): item is WorkfrontRecord => typeof item === "object" && item !== null)
    .map((item) => present(item, generation));
}

export async function runDelete(input: RecordModuleInput<Params, { id: string; force?: boolean }>, generation: Generation): Promise<Bundle[]> {
  await clientOf(input, generation).remove(input.params.objCode, input.values.id, { force: input.values.force === true });
  return [{ ID: input.values.id, objCode: input.params.objCode, success: true }];
}

export async function runSearch(
  input: RecordModuleInput<Params, { criteria?: Criterion[]; sort?: SortKey[]; resultSet?: string; limit?: number }>,
  generation: Generation,
): Promise<Bundle[]> {
  const fields = fieldsFor(selectionOf(input.params));
  const pairs = [...criteriaParams(input.values.criteria), ...sortParams(input.values.sort), ...(fields.length > 0 ? toPairs({ fields: fields.join(",") }) : [])];
  const max = input.values.resultSet === "first" ? 1 : (input.values.limit ?? 100);
  const records = await clientOf(input, generation).searchAll(input.params.objCode, pairs, max);
  return records.map((record) => present(record, generation));
}

export async function runMiscAction(
  input: RecordModuleInput<Params & { action: string }, { id?: string; arguments?: Array<{ name: string; value?: unknown }> }>,
  generation: Generation,
): Promise<Bundle[]> {
  const args: Array<[string, ParamValue]> = (input.values.arguments ?? [])
    .filter((a) => a?.name?.trim())
    .map((a) => [a.name.trim(), (a.value ?? null) as ParamValue]);
  const result = await clientOf(input, generation).action(input.params.objCode, input.values.id?.trim() || null, input.params.action, args);
  return [{ result: present(result ?? null, generation) }];
}
