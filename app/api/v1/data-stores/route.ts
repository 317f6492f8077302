import { createStoreInput } from "@/lib/datastores/service";
import { dataStoreService } from "@/lib/datastores/api";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer" }, async ({ db }) => json({ items: await dataStoreService(db).listStores() }));

export const POST = withApi({ role: "builder", body: createStoreInput }, async ({ db, body }) => json(await dataStoreService(db).createStore(body), 201));
