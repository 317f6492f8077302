import { previewInput, previewRuns } from "@/lib/scheduler/activation";
import { json, withApi } from "@/server/route";

/** The next five run times of a schedule, before it is saved. */
export const POST = withApi({ role: "viewer", body: previewInput }, async ({ body }) => json({ nextRuns: previewRuns(body.schedule, body.timezone) }));
