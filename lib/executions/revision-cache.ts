import type { Db } from "../db/client";
import { revisionBlueprint } from "./service";

/**
 * Scenario revisions are immutable once written, so a revision's blueprint can be kept in memory for as
 * long as we like and needs no invalidation: every run of the same revision (thousands a second on a busy
 * webhook) then skips one query. Frozen, so no run can change what the next run sees.
 */
const MAX_ENTRIES = 2000;
const cache = new Map<string, Promise<{ blueprint: unknown; name: string }>>();

export function cachedRevision(db: Db, scenarioId: string, revision: number): Promise<{ blueprint: unknown; name: string }> {
  const key = `${scenarioId}\u0000${revision}`;
  let hit = cache.get(key);
  if (!hit) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    hit = revisionBlueprint(db, scenarioId, revision).then((r) => deepFreeze(r));
    cache.set(key, hit);
    // A failed read (e.g. a deleted scenario) is not remembered.
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
