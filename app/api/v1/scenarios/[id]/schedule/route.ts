import { scheduleInput } from "@/lib/scheduler/activation";
import { json, withApi } from "@/server/route";
import { activationService } from "@/server/activation";

/** Activation state, schedule and the next five run times. */
export const GET = withApi({ role: "viewer" }, async ({ db, params }) => json(await (await activationService(db)).get(params.id)));

export const PUT = withApi({ role: "builder", body: scheduleInput }, async ({ db, actor, params, body }) =>
  json(await (await activationService(db)).setSchedule(actor, params.id, body.schedule)),
);
