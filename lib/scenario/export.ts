import { z } from "zod";

export const EXPORT_FORMAT = "patchbay.scenario";

const namedReferences = z.array(z.object({ id: z.string().min(1).max(200), name: z.string().max(200).nullable() })).max(2000);

/**
 * Instance objects the blueprint refers to by id, with their names: ids differ between instances, names are
 * what an import on another instance matches on.
 */
export const exportReferencesSchema = z.object({
  dataStores: namedReferences.default([]),
  dataStructures: namedReferences.default([]),
  connections: namedReferences.default([]),
  webhooks: namedReferences.default([]),
});
export type ExportReferences = z.infer<typeof exportReferencesSchema>;

/** The file a person downloads with "Export" and uploads with "Import". */
export const scenarioExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(1),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(""),
  exportedAt: z.string().optional(),
  blueprint: z.unknown(),
  references: exportReferencesSchema.optional(),
});

export type ScenarioExport = z.infer<typeof scenarioExportSchema>;

export function exportFileName(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "scenario";
  return `${slug}.blueprint.json`;
}
