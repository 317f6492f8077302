import { dataStoreService, exportQuery, exportRecords } from "@/lib/datastores/api";
import { withApi } from "@/server/route";

export const GET = withApi({ role: "viewer", query: exportQuery }, async ({ db, params, query }) => exportRecords(dataStoreService(db), params.id, query.format));
