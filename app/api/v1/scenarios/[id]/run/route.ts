import { enqueueRun, runInput } from "@/lib/executions/service";
import { getRuntime } from "@/lib/runtime";
import { json, withApi } from "@/server/route";

/** Queues a run of the current revision and answers at once with the execution to follow. */
export const POST = withApi({ role: "builder", body: runInput }, async ({ db, actor, params, body }) =>
  json(
    await enqueueRun(db, getRuntime().queue, { scenarioId: params.id, trigger: "manual", input: body.payload, startedBy: actor.id }),
    202,
  ),
);
