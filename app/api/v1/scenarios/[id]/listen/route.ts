import { startListening, stopListening } from "@/lib/webhooks/listen";
import { json, withApi } from "@/server/route";

/** Run once from the editor: the scenario's next webhook call runs it, even while it is inactive. */
export const POST = withApi({ role: "builder" }, async ({ db, params }) => json(await startListening(db, params.id)));

export const DELETE = withApi({ role: "builder" }, async ({ db, params }) => {
  await stopListening(db, params.id);
  return new Response(null, { status: 204 });
});
