import { z } from "zod";
import { resolveImportedFile } from "@/lib/datastores/api";
import { json, withApi } from "@/server/route";
import { resolveInstanceImport } from "@/server/instance-references";
import { scenarioService } from "@/server/services";

const importQuery = z.object({ name: z.string().trim().min(1).max(200).optional() });

/**
 * The body is the exported file itself, as downloaded. Data stores and structures are matched by name,
 * connections by name and type, webhooks kept only when free here; `references.missing` lists what could
 * not be matched (cleared from its module: the import still succeeds and the editor asks for a pick).
 */
export const POST = withApi({ role: "builder", query: importQuery, body: z.unknown() }, async ({ db, actor, query, body }) => {
  const stores = await resolveImportedFile(db, body);
  const instance = await resolveInstanceImport(db, actor, stores.file);
  const references = { matched: [...stores.report.matched, ...instance.report.matched], missing: [...stores.report.missing, ...instance.report.missing] };
  return json({ ...(await (await scenarioService(db)).importFile(actor, instance.file, query.name)), references }, 201);
});
