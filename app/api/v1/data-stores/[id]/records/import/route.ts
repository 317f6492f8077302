import { dataStoreService, importInput, importRows } from "@/lib/datastores/api";
import { json, withApi } from "@/server/route";

/** All or nothing: bad rows are reported per row (422) and nothing is imported. */
export const POST = withApi({ role: "builder", body: importInput }, async ({ db, params, body }) => {
  const service = dataStoreService(db);
  const rows = await importRows(service, params.id, body);
  return json(await service.importRecords(params.id, rows, body.replace));
});
