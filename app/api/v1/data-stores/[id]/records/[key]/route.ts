import { dataStoreService, putRecordInput } from "@/lib/datastores/api";
import { notFound } from "@/lib/errors";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer" }, async ({ db, params }) => {
  const record = await dataStoreService(db).getRecord(params.id, params.key);
  if (!record) throw notFound("Record");
  return json(record);
});

/** Replaces (or creates) the record; `merge: true` keeps fields not given. */
export const PUT = withApi({ role: "builder", body: putRecordInput }, async ({ db, params, body }) => {
  const change = await dataStoreService(db).writeRecord(params.id, params.key, body.data, { mode: body.merge ? "mergeOrInsert" : "upsert" });
  return json({ key: change?.key, data: change?.after });
});

export const DELETE = withApi({ role: "builder" }, async ({ db, params }) => {
  const change = await dataStoreService(db).deleteRecord(params.id, params.key);
  if (!change) throw notFound("Record");
  return new Response(null, { status: 204 });
});
