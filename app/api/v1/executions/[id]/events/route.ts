import { liveExecutionEvents } from "@/lib/executions/live";
import { getRuntime } from "@/lib/runtime";
import { withApi } from "@/server/route";

export const dynamic = "force-dynamic";

/** Server-sent events of one run as it happens (modules starting and finishing), then its outcome. */
export const GET = withApi({ role: "viewer" }, async ({ db, params, req }) =>
  new Response(await liveExecutionEvents(db, getRuntime().events, params.id, req.signal), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive" },
  }),
);
