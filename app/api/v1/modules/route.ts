import { moduleCatalog } from "@/lib/modules-catalog";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "viewer" }, async () => json(moduleCatalog()));
