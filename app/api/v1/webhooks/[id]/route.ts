import { deleteWebhook } from "@/lib/webhooks/service";
import { withApi } from "@/server/route";

export const DELETE = withApi({ role: "builder" }, async ({ db, params }) => {
  await deleteWebhook(db, params.id);
  return new Response(null, { status: 204 });
});
