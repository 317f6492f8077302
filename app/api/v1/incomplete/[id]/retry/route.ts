import { retryIncomplete } from "@/lib/executions/service";
import { getRuntime } from "@/lib/runtime";
import { json, withApi } from "@/server/route";

export const POST = withApi({ role: "builder" }, async ({ db, actor, params }) =>
  json(await retryIncomplete(db, getRuntime().queue, actor, params.id), 202),
);
