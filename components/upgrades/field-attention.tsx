"use client";

import type { BlueprintModule } from "@/lib/scenario/blueprint";
import { valueAt } from "@/lib/upgrades/values";
import { useAttention } from "./hooks";

/**
 * Highlights a field an upgrade (or a replacement) asked a person to check, until its value is edited:
 * the item closes as soon as the editor's value differs from the one the upgrade wrote, saved or not.
 * `fieldPath` is "mapper.<name>", "params.<name>" or "connection".
 */
export function FieldAttention({ scenarioId, step, fieldPath }: { scenarioId: string; step: Pick<BlueprintModule, "id" | "version" | "params" | "mapper" | "connection">; fieldPath: string }) {
  const attention = useAttention(scenarioId);
  const item = attention.data?.items.find((i) => i.moduleId === step.id && i.fieldPath === fieldPath && i.version === step.version);
  if (!item || valueAt(step, fieldPath) !== item.value) return null;
  return (
    <div role="note" className="rounded-md border-l-4 border-amber-500 bg-amber-50 px-2 py-1 text-[11px] text-amber-900" data-testid={`attention-${step.id}-${fieldPath}`}>
      <p className="font-semibold">Check “{item.label}” after the upgrade</p>
      <ul className="list-disc pl-4">
        {item.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
    </div>
  );
}
