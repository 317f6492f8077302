import { connectionService } from "@/lib/connections";
import { dataStoreService } from "@/lib/datastores/api";
import { loadModuleOptions, optionsInput } from "@/lib/modules-options";
import { json, withApi } from "@/server/route";

export const POST = withApi({ role: "builder", body: optionsInput }, async ({ db, actor, params, body }) =>
  json({
    items: await loadModuleOptions(
      await connectionService(db),
      actor,
      { key: decodeURIComponent(params.key), version: params.version, name: params.name },
      body,
      await dataStoreService(db).directory(),
    ),
  }),
);
