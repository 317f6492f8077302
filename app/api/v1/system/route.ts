import { getRuntime } from "@/lib/runtime";
import { systemStatus } from "@/lib/system";
import { json, withApi } from "@/server/route";

export const GET = withApi({ role: "admin" }, async ({ db }) => json(await systemStatus(db, getRuntime())));
