import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { scenarioState } from "../db/schema";
import type { JsonValue } from "../modules/json";
import type { ScenarioStore } from "../modules/context";

/** Per-scenario state kept in the database, so counters and cursors survive restarts and are shared by workers. */
export function databaseScenarioStore(db: Db, scenarioId: string): ScenarioStore {
  const where = (key: string) => and(eq(scenarioState.scenarioId, scenarioId), eq(scenarioState.key, key));
  return {
    async get(key) {
      const [row] = await db.select({ value: scenarioState.value }).from(scenarioState).where(where(key));
      return row?.value as JsonValue | undefined;
    },
    async set(key, value) {
      await db
        .insert(scenarioState)
        .values({ scenarioId, key, value })
        .onConflictDoUpdate({ target: [scenarioState.scenarioId, scenarioState.key], set: { value, updatedAt: new Date() } });
    },
    async delete(key) {
      await db.delete(scenarioState).where(where(key));
    },
    async increment(key, by) {
      // One statement, so concurrent runs never lose an increment.
      const result = await db.execute<{ value: number }>(sql`
        insert into ${scenarioState} (scenario_id, key, value) values (${scenarioId}, ${key}, to_jsonb(${by}::numeric))
        on conflict (scenario_id, key) do update
          set value = to_jsonb(coalesce(case when jsonb_typeof(${scenarioState.value}) = 'number' then (${scenarioState.value})::text::numeric end, 0) + ${by}::numeric),
              updated_at = now()
        returning (value)::text::float8 as value`);
      return Number(result.rows[0].value);
    },
  };
}
