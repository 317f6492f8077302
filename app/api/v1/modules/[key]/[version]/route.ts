import { dataStoreService } from "@/lib/datastores/api";
import { describeModuleQuery, moduleDescription } from "@/lib/modules-catalog";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer", query: describeModuleQuery }, async ({ db, params, query }) => {
  // Params may pick a data store or structure that shapes the output; without params nothing depends on them.
  const directory = query.params ? await dataStoreService(db).directory() : undefined;
  return json(moduleDescription(decodeURIComponent(params.key), params.version, query.params, directory));
});
