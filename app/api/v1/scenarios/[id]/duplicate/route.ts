import { z } from "zod";
import { scenarioNameSchema } from "@/lib/scenarios/service";
import { json, withApi } from "@/server/route";
import { scenarioService } from "@/server/services";

const duplicateInput = z.object({ name: scenarioNameSchema.optional() });

export const POST = withApi({ role: "builder", body: duplicateInput }, async ({ db, actor, params, body }) =>
  json(await (await scenarioService(db)).duplicate(actor, params.id, body.name), 201),
);
