import { discardIncomplete } from "@/lib/executions/service";
import { withApi } from "@/server/route";

export const DELETE = withApi({ role: "builder" }, async ({ db, params }) => {
  await discardIncomplete(db, params.id);
  return new Response(null, { status: 204 });
});
