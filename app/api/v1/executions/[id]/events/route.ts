import { getExecution } from "@/lib/executions/service";
import { executionEventStream } from "@/lib/executions/live";
import { getRuntime } from "@/lib/runtime";
import { withApi } from "@/server/route";

/** Server-sent events of one run as it happens (modules starting and finishing), for the editor's live view. */
export const GET = withApi({ role: "viewer" }, async ({ db, params, req }) => {
  const execution = await getExecution(db, params.id);
  const stillRunning = async () => ["queued", "running"].includes((await getExecution(db, execution.id)).status);
  return new Response(executionEventStream(getRuntime().events, execution.id, stillRunning, req.signal), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive" },
  });
});
