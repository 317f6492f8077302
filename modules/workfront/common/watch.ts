import type { ResolvedConnection, ScenarioStore, TransactionHook } from "@/lib/modules/context";
import { InvalidConfigurationError } from "@/lib/modules/errors";
import type { Bundle } from "@/lib/modules/json";
import type { WorkfrontRecord } from "../client/client";
import { parseWorkfrontDate } from "../client/dates";
import { fieldsFor, selectionOf } from "./output";
import { loadCursor, poll, saveCursorOnCommit, type StartFrom } from "./polling";
import { clientOf } from "./records";
import { rawFilterParams } from "./search";
import { present, type Generation } from "./versions";

/** The polling triggers: Watch records (entryDate / lastUpdateDate) and Watch field changes (journal entries). */
export interface PollingInput<P> {
  moduleId: number;
  params: P;
  values: { limit?: number };
  trigger: { maxResults: number };
  connection: ResolvedConnection | null;
  signal: AbortSignal;
  store: ScenarioStore;
  transaction: TransactionHook;
}

type StartParams = { startFrom?: string; startDate?: string };

export function startOf(params: StartParams): StartFrom {
  if (params.startFrom === "all") return { from: "all" };
  if (params.startFrom === "date") {
    if (!params.startDate) throw new InvalidConfigurationError("Choose a start date, or another place to start.");
    return { from: "date", date: params.startDate };
  }
  return { from: "now" };
}

const wanted = (input: PollingInput<unknown>) => Math.max(1, Math.min(input.values.limit ?? 100, input.trigger.maxResults));

const sameInstant = (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && parseWorkfrontDate(a)?.getTime() === parseWorkfrontDate(b)?.getTime();

export type WatchMode = "new" | "updated" | "both";

export async function runWatchRecords(
  input: PollingInput<Readonly<Record<string, unknown>> & StartParams & { objCode: string; watch?: string; filter?: string }>,
  generation: Generation,
): Promise<Bundle[]> {
  const { params } = input;
  const mode: WatchMode = params.watch === "new" || params.watch === "updated" ? params.watch : "both";
  const timestampField = mode === "new" ? "entryDate" : "lastUpdateDate";
  const filters = rawFilterParams(params.filter, ["entryDate", "lastUpdateDate", "ID"]);
  const stored = await loadCursor(input.store, input.moduleId);
  const { records, cursor } = await poll(
    clientOf(input, generation),
    {
      objCode: params.objCode,
      timestampField,
      filters,
      fields: ["entryDate", "lastUpdateDate", ...fieldsFor(selectionOf(params))],
      // “Updated” leaves out records nobody has edited since they were created.
      accept: mode === "updated" ? (record) => !sameInstant(record.entryDate, record.lastUpdateDate) : undefined,
      start: startOf(params),
      key: JSON.stringify([params.objCode.toUpperCase(), timestampField, mode, filters]),
      want: wanted(input),
    },
    stored,
  );
  saveCursorOnCommit(input.store, input.transaction, input.moduleId, stored, cursor);
  return records.map((record) => present(record, generation));
}

const JOURNAL_FIELDS = [
  "changeType", "fieldName", "objObjCode", "objID", "editedByID", "entryDate", "oldTextVal", "newTextVal", "oldDateVal", "newDateVal", "oldNumberVal", "newNumberVal",
];

/** A journal entry with the changed value read from whichever column (text, date, number) holds it. */
export function fieldChange(entry: WorkfrontRecord): WorkfrontRecord {
  const pick = (kind: "old" | "new") => {
    for (const column of [`${kind}TextVal`, `${kind}DateVal`, `${kind}NumberVal`]) {
      const value = entry[column];
      if (value !== null && value !== undefined && value !== "") return value;
    }
    return null;
  };
  return { ...entry, oldValue: pick("old"), newValue: pick("new") };
}

export async function runWatchFieldChanges(
  input: PollingInput<Readonly<Record<string, unknown>> & StartParams & { objCode: string; field: string }>,
  generation: Generation,
): Promise<Bundle[]> {
  const { params } = input;
  const stored = await loadCursor(input.store, input.moduleId);
  const filters: Array<[string, string]> = [
    ["objObjCode", params.objCode],
    ["fieldName", params.field],
    ["changeType", "E"],
  ];
  const { records, cursor } = await poll(
    clientOf(input, generation),
    { objCode: "JRNLE", timestampField: "entryDate", filters, fields: JOURNAL_FIELDS, start: startOf(params), key: JSON.stringify(["JRNLE", params.objCode, params.field]), want: wanted(input) },
    stored,
  );
  saveCursorOnCommit(input.store, input.transaction, input.moduleId, stored, cursor);
  return records.map((record) => present(fieldChange(record), generation));
}
