import { z } from "zod";
import type { Operation } from "../api/openapi";
import { createRecordInput, deleteAllQuery, exportQuery, importInput, listRecordsQuery, putRecordInput } from "./api";
import { createStoreInput, createStructureInput, updateStoreInput, updateStructureInput } from "./service";
import { structureFieldsSchema } from "./structure";

/** The data store API in the OpenAPI document, from the schemas its handlers parse with. */
const structureView = z.object({ id: z.string(), name: z.string(), fields: structureFieldsSchema, createdAt: z.string(), updatedAt: z.string() });
const storeView = z.object({
  id: z.string(),
  name: z.string(),
  structureId: z.string().nullable(),
  maxBytes: z.number().int(),
  usedBytes: z.number().int(),
  records: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const record = z.object({ key: z.string(), data: z.record(z.string(), z.unknown()) });
const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });

const reference = z.object({ moduleId: z.number().int(), param: z.string(), kind: z.enum(["dataStore", "dataStructure"]), name: z.string().nullable(), id: z.string() });
export const referenceReportSchema = z.object({ matched: z.array(reference), missing: z.array(reference.extend({ message: z.string() })) });

const tag = "Data stores";
export const dataStoreOperations: Operation[] = [
  { method: "get", path: "/data-structures", summary: "List data structures", tag, role: "viewer", response: { status: 200, schema: items(structureView) } },
  { method: "post", path: "/data-structures", summary: "Create a data structure from fields or a sample JSON object", tag, role: "builder", body: createStructureInput, response: { status: 201, schema: structureView } },
  { method: "get", path: "/data-structures/{id}", summary: "One data structure", tag, role: "viewer", response: { status: 200, schema: structureView } },
  { method: "put", path: "/data-structures/{id}", summary: "Rename or change fields (409 when stored records would no longer fit)", tag, role: "builder", body: updateStructureInput, response: { status: 200, schema: structureView } },
  { method: "delete", path: "/data-structures/{id}", summary: "Delete a data structure (409 while a store uses it)", tag, role: "builder", response: { status: 204 } },
  { method: "get", path: "/data-stores", summary: "List data stores with usage", tag, role: "viewer", response: { status: 200, schema: items(storeView) } },
  { method: "post", path: "/data-stores", summary: "Create a data store", tag, role: "builder", body: createStoreInput, response: { status: 201, schema: storeView } },
  { method: "get", path: "/data-stores/{id}", summary: "One data store with usage", tag, role: "viewer", response: { status: 200, schema: storeView } },
  { method: "put", path: "/data-stores/{id}", summary: "Rename or change the size limit", tag, role: "builder", body: updateStoreInput, response: { status: 200, schema: storeView } },
  { method: "delete", path: "/data-stores/{id}", summary: "Delete a data store and its records", tag, role: "builder", response: { status: 204 } },
  { method: "get", path: "/data-stores/{id}/records", summary: "Records: paged, key search, filter, sort", tag, role: "viewer", query: listRecordsQuery, response: { status: 200, schema: z.object({ items: z.array(record), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) } },
  { method: "post", path: "/data-stores/{id}/records", summary: "Add a record (409 when the key exists)", tag, role: "builder", body: createRecordInput, response: { status: 201, schema: record } },
  { method: "delete", path: "/data-stores/{id}/records", summary: "Delete every record (needs confirmed=true)", tag, role: "builder", query: deleteAllQuery, response: { status: 200, schema: z.object({ deleted: z.number().int() }) } },
  { method: "get", path: "/data-stores/{id}/records/{key}", summary: "One record", tag, role: "viewer", response: { status: 200, schema: record } },
  { method: "put", path: "/data-stores/{id}/records/{key}", summary: "Replace (or merge into) a record; creates it when missing", tag, role: "builder", body: putRecordInput, response: { status: 200, schema: record } },
  { method: "delete", path: "/data-stores/{id}/records/{key}", summary: "Delete a record", tag, role: "builder", response: { status: 204 } },
  { method: "post", path: "/data-stores/{id}/records/import", summary: "Import CSV or JSON, all or nothing (422 lists bad rows)", tag, role: "builder", body: importInput, response: { status: 200, schema: z.object({ imported: z.number().int() }) } },
  { method: "get", path: "/data-stores/{id}/records/export", summary: "Download the records as CSV or JSON", tag, role: "viewer", query: exportQuery, response: { status: 200, description: "The file (text/csv or application/json)" } },
];
