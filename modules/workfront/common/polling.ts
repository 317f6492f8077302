import { z } from "zod";
import type { ScenarioStore, TransactionHook } from "@/lib/modules/context";
import { DataError } from "@/lib/modules/errors";
import type { WorkfrontClient, WorkfrontRecord } from "../client/client";
import { MAX_PAGE_SIZE } from "../client/client";
import { parseWorkfrontDate } from "../client/dates";
import type { ParamPairs } from "../client/encode";

/**
 * Polling with a cursor, as Workfront's data-sync guidance describes it (seed 003): ask for records whose
 * timestamp (`entryDate` for new, `lastUpdateDate` for updated) is `_Mod=gte` the last one seen, sorted
 * by that timestamp and then `ID` (a stable order), and drop the IDs already seen at exactly that
 * timestamp. `gte` rather than `gt` because several records can share one millisecond: `gt` would lose
 * the ones the previous run had no room for. Pages continue from the last timestamp (keyset paging),
 * so records that change while a run pages cannot shift rows out of sight.
 *
 * The new cursor is only written when the run ends well (`transaction.enlist`): a failed run leaves
 * it, and the next run sees the same records again — at least once, never skipped.
 */
export const cursorSchema = z.object({
  /** Which query the cursor belongs to; a changed object type, mode or field starts over. */
  key: z.string(),
  /** ISO 8601 instant of the last record taken; null = from the very first record. */
  at: z.string().nullable(),
  /** IDs already taken whose timestamp is exactly `at`. */
  seen: z.array(z.string()),
});
export type PollCursor = z.infer<typeof cursorSchema>;

export type StartFrom = { from: "now" } | { from: "date"; date: string } | { from: "all" };

export interface PollSpec {
  objCode: string;
  timestampField: "entryDate" | "lastUpdateDate";
  /** Extra filters, e.g. a journal entry's field name, or the module's optional filter. */
  filters: ParamPairs;
  /** `fields=`; the timestamp is added. */
  fields: readonly string[];
  /** Records that advance the cursor but are not emitted (e.g. never-edited records when watching updates). */
  accept?: (record: WorkfrontRecord) => boolean;
  start: StartFrom;
  /** Fingerprint of the query (object type, mode, field, filter). */
  key: string;
  /** At most this many records. */
  want: number;
}

export interface PollResult {
  records: WorkfrontRecord[];
  cursor: PollCursor;
}

export const cursorStoreKey = (moduleId: number) => `workfront:cursor:${moduleId}`;

export async function loadCursor(store: ScenarioStore, moduleId: number): Promise<PollCursor | undefined> {
  const parsed = cursorSchema.safeParse(await store.get(cursorStoreKey(moduleId)));
  return parsed.success ? parsed.data : undefined;
}

/** Writes the cursor when the run commits; a failed run leaves the stored cursor where it was. */
export function saveCursorOnCommit(store: ScenarioStore, transaction: TransactionHook, moduleId: number, before: PollCursor | undefined, after: PollCursor): void {
  if (before && JSON.stringify(before) === JSON.stringify(after)) return;
  transaction.enlist({
    name: `Workfront polling cursor of module ${moduleId}`,
    commit: () => store.set(cursorStoreKey(moduleId), after),
    rollback: async () => {},
  });
}

function timestampOf(record: WorkfrontRecord, field: string): number {
  const raw = record[field];
  const date = typeof raw === "string" ? parseWorkfrontDate(raw) : null;
  if (!date) throw new DataError(`Workfront returned ${String(record.objCode ?? "a record")} ${String(record.ID ?? "")} without a readable ${field} (${JSON.stringify(raw)}).`);
  return date.getTime();
}

function sortPairs(spec: PollSpec, direction: "asc" | "desc"): ParamPairs {
  return [
    [`${spec.timestampField}_1_Sort`, direction],
    ["ID_2_Sort", direction],
    ["fields", [...new Set(["ID", spec.timestampField, ...spec.fields])].join(",")],
  ];
}

/**
 * "From now on": what exists now counts as seen. The newest timestamp comes from Workfront itself, so
 * neither clock skew nor a slow first run can open a gap.
 */
async function anchorNow(client: WorkfrontClient, spec: PollSpec): Promise<PollCursor> {
  const newest = await client.search(spec.objCode, [...spec.filters, ...sortPairs(spec, "desc")], { limit: 100 });
  if (newest.length === 0) return { key: spec.key, at: null, seen: [] };
  const top = timestampOf(newest[0], spec.timestampField);
  const seen = newest.filter((r) => timestampOf(r, spec.timestampField) === top).map((r) => String(r.ID));
  return { key: spec.key, at: new Date(top).toISOString(), seen };
}

function startingCursor(spec: PollSpec): PollCursor {
  if (spec.start.from === "date") {
    const at = new Date(spec.start.date);
    if (Number.isNaN(at.getTime())) throw new DataError(`The start date “${spec.start.date}” is not a date.`);
    return { key: spec.key, at: at.toISOString(), seen: [] };
  }
  return { key: spec.key, at: null, seen: [] };
}

export async function poll(client: WorkfrontClient, spec: PollSpec, stored: PollCursor | undefined): Promise<PollResult> {
  if (!stored || stored.key !== spec.key) {
    if (spec.start.from === "now") return { records: [], cursor: await anchorNow(client, spec) };
    stored = startingCursor(spec);
  }
  let cursor: PollCursor = { ...stored, seen: [...stored.seen] };
  const records: WorkfrontRecord[] = [];
  // Rows skipped by position; only used when more than a page of records share one timestamp.
  let offset = 0;
  while (records.length < spec.want) {
    const remaining = spec.want - records.length;
    // Seen rows sit at the cursor's timestamp, first in the order, so this many rows hold `remaining` new ones.
    const limit = Math.min(MAX_PAGE_SIZE, cursor.seen.length + remaining);
    const since: ParamPairs = cursor.at ? [[spec.timestampField, cursor.at], [`${spec.timestampField}_Mod`, "gte"]] : [];
    const page = await client.search(spec.objCode, [...spec.filters, ...since, ...sortPairs(spec, "asc")], { first: offset, limit });
    let progressed = false;
    for (const record of page) {
      const at = timestampOf(record, spec.timestampField);
      const id = String(record.ID);
      const cursorAt = cursor.at === null ? null : Date.parse(cursor.at);
      if (cursorAt !== null && at < cursorAt) continue; // cannot happen with gte; never move backwards
      if (cursorAt === at && cursor.seen.includes(id)) continue;
      if (!spec.accept || spec.accept(record)) records.push(record);
      if (cursorAt === at) cursor.seen.push(id);
      else {
        cursor = { key: spec.key, at: new Date(at).toISOString(), seen: [id] };
        offset = 0;
      }
      progressed = true;
      if (records.length >= spec.want) break;
    }
    if (page.length < limit) break;
    // A full page of rows all seen: more than a page share the cursor's timestamp; step over them by position.
    if (!progressed) offset += page.length;
  }
  return { records, cursor };
}
