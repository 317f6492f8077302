import { z } from "zod";
import { resolveImportedFile } from "@/lib/datastores/api";
import { json, withApi } from "@/server/route";
import { scenarioService } from "@/server/services";

const importQuery = z.object({ name: z.string().trim().min(1).max(200).optional() });

/**
 * The body is the exported file itself, as downloaded. Data stores and structures are matched by name;
 * `references.missing` lists those this instance lacks (cleared from their modules, import still succeeds).
 */
export const POST = withApi({ role: "builder", query: importQuery, body: z.unknown() }, async ({ db, actor, query, body }) => {
  const { file, report } = await resolveImportedFile(db, body);
  return json({ ...(await (await scenarioService(db)).importFile(actor, file, query.name)), references: report }, 201);
});
