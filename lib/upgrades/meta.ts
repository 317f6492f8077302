import { z } from "zod";

/**
 * What a revision written by Patchbay itself records beside its blueprint (scenario_revisions.meta): which
 * kind of change wrote it, the run it belongs to, the revision it was based on (what "Revert" restores), the
 * modules it changed, and the fields a person must look at, each with the value it was given, so the editor
 * highlights a field until its value differs.
 */
export const attentionItemSchema = z.object({
  moduleId: z.number().int().positive(),
  /** The module version the item was written for; after another upgrade or a revert it no longer applies. */
  version: z.number().int().positive(),
  /** "mapper.body", "params.apiVersion", "connection". */
  fieldPath: z.string(),
  label: z.string(),
  reasons: z.array(z.string()),
  /** Canonical JSON of the field's value when the item was written; null when the field was empty. */
  value: z.string().nullable(),
});

export const revisionMetaSchema = z.object({
  kind: z.enum(["upgrade", "replace", "swap-connection", "revert", "schema-migration"]),
  /** The upgrade run (bulk id) the revision belongs to. */
  runId: z.string().nullable(),
  /** The revision this one was made from: restoring it undoes the change. */
  baseRevision: z.number().int().positive(),
  modules: z.array(z.object({ moduleId: z.number().int(), module: z.string(), from: z.number().int(), to: z.number().int() })),
  attention: z.array(attentionItemSchema),
});

export type AttentionItem = z.infer<typeof attentionItemSchema>;
export type RevisionMeta = z.infer<typeof revisionMetaSchema>;

/** Stored meta as the type says, or null when the column is empty or holds something else. */
export function readMeta(stored: unknown): RevisionMeta | null {
  const parsed = revisionMetaSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
