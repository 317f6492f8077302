import "server-only";
import { connectionService } from "@/lib/connections";
import type { Actor } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { blueprintSchema } from "@/lib/scenario/blueprint";
import { scenarioExportSchema, type ScenarioExport } from "@/lib/scenario/export";
import { exportInstanceReferences, resolveInstanceReferences, type InstanceDirectory, type InstanceReferenceReport } from "@/lib/scenarios/instance-references";
import { listWebhooks } from "@/lib/webhooks/service";
import { registry } from "@/modules";

/** What this instance has that a blueprint file can refer to by id, as `actor` may use it. */
async function instanceDirectory(db: Db, actor: Actor): Promise<InstanceDirectory> {
  const [choices, hooks] = await Promise.all([(await connectionService(db)).choices(actor), listWebhooks(db)]);
  return { connections: choices, webhooks: hooks.map((w) => ({ id: w.id, name: w.name, scenarioId: w.scenario?.id ?? null })) };
}

/** The export file with the names of its connections and webhooks added to its references. */
export async function withInstanceReferences(db: Db, actor: Actor, file: ScenarioExport): Promise<ScenarioExport> {
  const parsed = blueprintSchema.safeParse(file.blueprint);
  if (!parsed.success) return file;
  const named = exportInstanceReferences(parsed.data, await instanceDirectory(db, actor));
  return { ...file, references: { dataStores: [], dataStructures: [], ...file.references, ...named } };
}

/** An uploaded export with its connection and webhook ids mapped to this instance's (POST /scenarios/import). */
export async function resolveInstanceImport(db: Db, actor: Actor, file: unknown): Promise<{ file: unknown; report: InstanceReferenceReport }> {
  const empty: InstanceReferenceReport = { matched: [], missing: [] };
  const parsedFile = scenarioExportSchema.safeParse(file);
  if (!parsedFile.success) return { file, report: empty };
  const parsedBlueprint = blueprintSchema.safeParse(parsedFile.data.blueprint);
  if (!parsedBlueprint.success) return { file, report: empty };
  const named = parsedFile.data.references ?? { connections: [], webhooks: [] };
  const { blueprint, report } = resolveInstanceReferences(parsedBlueprint.data, named, registry, await instanceDirectory(db, actor));
  if (report.matched.length + report.missing.length === 0) return { file, report };
  return { file: { ...(file as Record<string, unknown>), blueprint }, report };
}
