import { createStructureInput } from "@/lib/datastores/service";
import { dataStoreService } from "@/lib/datastores/api";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer" }, async ({ db }) => json({ items: await dataStoreService(db).listStructures() }));

export const POST = withApi({ role: "builder", body: createStructureInput }, async ({ db, body }) =>
  json(await dataStoreService(db).createStructure(body), 201),
);
