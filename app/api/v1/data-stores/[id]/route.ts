import { updateStoreInput } from "@/lib/datastores/service";
import { dataStoreService } from "@/lib/datastores/api";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer" }, async ({ db, params }) => json(await dataStoreService(db).getStore(params.id)));

export const PUT = withApi({ role: "builder", body: updateStoreInput }, async ({ db, params, body }) =>
  json(await dataStoreService(db).updateStore(params.id, body)),
);

export const DELETE = withApi({ role: "builder" }, async ({ db, params }) => {
  await dataStoreService(db).deleteStore(params.id);
  return new Response(null, { status: 204 });
});
