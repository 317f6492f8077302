import { createRecordInput, dataStoreService, deleteAllQuery, listRecordsQuery, parseFilterParam } from "@/lib/datastores/api";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer", query: listRecordsQuery }, async ({ db, params, query }) => {
  const filter = parseFilterParam(query.filter, query.q);
  const { records, total } = await dataStoreService(db).searchRecords(params.id, {
    filter,
    sort: { field: query.sort, direction: query.direction },
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return json({ items: records, total, page: query.page, pageSize: query.pageSize });
});

/** Adds a record; 409 when the key exists (PUT …/records/{key} replaces). */
export const POST = withApi({ role: "builder", body: createRecordInput }, async ({ db, params, body }) => {
  const change = await dataStoreService(db).writeRecord(params.id, body.key ?? null, body.data, { mode: "insert" });
  return json({ key: change?.key, data: change?.after }, 201);
});

/** Deletes every record (`?confirmed=true`); answers how many were deleted. */
export const DELETE = withApi({ role: "builder", query: deleteAllQuery }, async ({ db, params }) =>
  json({ deleted: (await dataStoreService(db).deleteAllRecords(params.id)).length }),
);
