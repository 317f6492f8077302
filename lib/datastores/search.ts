import { z } from "zod";
import { testCondition } from "../engine/filters";

/**
 * Record search: the engine's own filter operators, so a data-store search reads like a scenario filter.
 * `filter` is OR of AND groups: [[a AND b], [c]] = (a AND b) OR c.
 */
export const conditionSchema = z.object({
  field: z.string().min(1).max(500),
  operator: z.string().min(1).max(100),
  value: z.unknown().optional(),
});
export const filterSchema = z.array(z.array(conditionSchema).min(1)).max(50);
export type RecordFilter = z.infer<typeof filterSchema>;

export const sortSchema = z.object({ field: z.string().min(1).max(500), direction: z.enum(["asc", "desc"]).default("asc") });
export type RecordSort = z.infer<typeof sortSchema>;

export interface StoredRecord {
  key: string;
  data: Record<string, unknown>;
}

/** `key` is the record key; "a.b" reaches into collections. */
export function fieldOf(record: StoredRecord, path: string): unknown {
  if (path === "key") return record.key;
  let cur: unknown = record.data;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function matches(record: StoredRecord, filter: RecordFilter): boolean {
  if (filter.length === 0) return true;
  return filter.some((group) => group.every((c) => testCondition(c.operator, fieldOf(record, c.field), c.value)));
}

function compare(a: unknown, b: unknown): number {
  // Missing values sort last either way, as users expect "empty" at the bottom.
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

export function sortRecords(records: StoredRecord[], sort: RecordSort | undefined): StoredRecord[] {
  const s = sort ?? { field: "key", direction: "asc" as const };
  const sign = s.direction === "desc" ? -1 : 1;
  return [...records].sort((x, y) => {
    const a = fieldOf(x, s.field);
    const b = fieldOf(y, s.field);
    if ((a === undefined || a === null) !== (b === undefined || b === null)) return compare(a, b);
    return sign * compare(a, b) || compare(x.key, y.key);
  });
}
