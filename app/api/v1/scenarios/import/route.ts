import { z } from "zod";
import { json, withApi } from "@/server/route";
import { scenarioService } from "@/server/services";

const importQuery = z.object({ name: z.string().trim().min(1).max(200).optional() });

/** The body is the exported file itself, as downloaded. */
export const POST = withApi({ role: "builder", query: importQuery, body: z.unknown() }, async ({ db, actor, query, body }) =>
  json(await (await scenarioService(db)).importFile(actor, body, query.name), 201),
);
