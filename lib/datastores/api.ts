import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import type { ScenarioExport } from "../scenario/export";
import { registry } from "../../modules";
import { exportReferences, resolveImportReferences, type ReferenceReport } from "./references";
import { filterSchema, type RecordFilter } from "./search";
import { DataStoreService } from "./service";
import { csvToRows, recordsToCsv, type ImportRow } from "./transfer";

/** Request shapes and helpers for the /api/v1/data-stores routes; kept here so route files stay thin. */

export const dataStoreService = (db: Db) => new DataStoreService(db);

export const listRecordsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  /** Case-insensitive search in the key. */
  q: z.string().max(200).optional(),
  /** JSON: OR of AND groups of {field, operator, value}, the scenario filter operators. */
  filter: z.string().max(20_000).optional(),
  sort: z.string().min(1).max(500).default("key"),
  direction: z.enum(["asc", "desc"]).default("asc"),
});

export function parseFilterParam(filter: string | undefined, q: string | undefined): RecordFilter {
  let groups: RecordFilter = [];
  if (filter) {
    let raw: unknown;
    try {
      raw = JSON.parse(filter);
    } catch {
      throw new AppError("bad_request", "Invalid query: filter: not valid JSON.");
    }
    const parsed = filterSchema.safeParse(raw);
    if (!parsed.success) throw new AppError("bad_request", "Invalid query: filter: expected a list of groups of {field, operator, value}.");
    groups = parsed.data;
  }
  if (!q) return groups;
  const keyCondition = { field: "key", operator: "text:contain:ci", value: q };
  // The key search narrows every group: (g1 OR g2) AND key ~ q.
  return groups.length === 0 ? [[keyCondition]] : groups.map((g) => [...g, keyCondition]);
}

export const createRecordInput = z.object({ key: z.string().optional(), data: z.unknown() });
export const putRecordInput = z.object({ data: z.unknown(), merge: z.boolean().default(false) });

export const importInput = z.discriminatedUnion("format", [
  z.object({ format: z.literal("csv"), csv: z.string(), replace: z.boolean().default(false) }),
  z.object({
    format: z.literal("json"),
    records: z.array(z.object({ key: z.string(), data: z.unknown() })).max(100_000),
    replace: z.boolean().default(false),
  }),
]);
export type ImportInput = z.infer<typeof importInput>;

export async function importRows(service: DataStoreService, storeId: string, input: ImportInput): Promise<ImportRow[]> {
  if (input.format === "json") return input.records.map((r) => ({ key: r.key, data: r.data as Record<string, unknown> }));
  return csvToRows(await service.storeFields(storeId), input.csv);
}

/** Emptying a store takes an explicit confirmation, as in Fusion's API, so a stray DELETE can't do it. */
export const deleteAllQuery = z.object({
  confirmed: z.literal("true", { error: "Add confirmed=true to delete every record of the store." }),
});

export const exportQuery = z.object({ format: z.enum(["csv", "json"]).default("json") });

export async function exportRecords(service: DataStoreService, storeId: string, format: "csv" | "json"): Promise<Response> {
  const store = await service.getStore(storeId);
  const { records } = await service.searchRecords(storeId, {});
  const filename = `${store.name.replace(/[^A-Za-z0-9._-]+/g, "_") || "records"}.${format}`;
  const headers = { "content-disposition": `attachment; filename="${filename}"` };
  if (format === "json") {
    return new Response(JSON.stringify({ store: { id: store.id, name: store.name }, records }), { headers: { ...headers, "content-type": "application/json" } });
  }
  const csv = recordsToCsv(await service.storeFields(storeId), records);
  return new Response(csv, { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
}

/** A scenario export with the names of the stores and structures it uses (GET /scenarios/{id}/export). */
export async function withNamedReferences(db: Db, file: ScenarioExport): Promise<ScenarioExport> {
  return { ...file, references: { connections: [], webhooks: [], ...file.references, ...exportReferences(file.blueprint, registry, await dataStoreService(db).directory()) } };
}

/** An uploaded export with its store and structure ids mapped to this instance's (POST /scenarios/import). */
export async function resolveImportedFile(db: Db, file: unknown): Promise<{ file: unknown; report: ReferenceReport }> {
  return resolveImportReferences(file, registry, await dataStoreService(db).directory());
}
