import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { scenarioRevisions } from "../db/schema";
import type { Blueprint } from "../scenario/blueprint";
import type { ModuleUpgrade } from "../versioning/types";
import { readMeta, type AttentionItem } from "./meta";
import { valueAt } from "./values";

/** What the revision meta keeps of an applied upgrade: each attention field with the value it was given. */
export function attentionItems(upgrades: ReadonlyArray<Pick<ModuleUpgrade, "moduleId" | "attentionFields">>, applied: Blueprint, resolved: ReadonlySet<string> = new Set()): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const upgrade of upgrades) {
    const target = applied.modules.find((m) => m.id === upgrade.moduleId);
    if (!target) continue;
    for (const field of upgrade.attentionFields) {
      if (resolved.has(`${upgrade.moduleId}:${field.fieldPath}`)) continue;
      items.push({ moduleId: upgrade.moduleId, version: target.version, fieldPath: field.fieldPath, label: field.label, reasons: field.reasons, value: valueAt(target, field.fieldPath) });
    }
  }
  return items;
}

/** How many revisions back the editor looks for attention items. */
const LOOKBACK = 50;

/**
 * Attention items still open in the current blueprint: the newest item per module field, as long as the
 * module is still at the version the item was written for and nobody has changed the field's value since.
 * Editing the field (or upgrading, replacing or reverting the module) closes it.
 */
export async function openAttention(db: Db, scenarioId: string, blueprint: Blueprint): Promise<AttentionItem[]> {
  const rows = await db
    .select({ meta: scenarioRevisions.meta })
    .from(scenarioRevisions)
    .where(and(eq(scenarioRevisions.scenarioId, scenarioId), isNotNull(scenarioRevisions.meta)))
    .orderBy(desc(scenarioRevisions.number))
    .limit(LOOKBACK);
  const seen = new Set<string>();
  const open: AttentionItem[] = [];
  for (const row of rows) {
    for (const item of readMeta(row.meta)?.attention ?? []) {
      const key = `${item.moduleId}:${item.fieldPath}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const current = blueprint.modules.find((m) => m.id === item.moduleId);
      if (current && current.version === item.version && valueAt(current, item.fieldPath) === item.value) open.push(item);
    }
  }
  return open;
}
