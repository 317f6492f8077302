import { newWfId } from "../ids";
import type { FieldValue, Row } from "../objects/schema";
import type { Store } from "./store";

export type ChangeType = "A" | "E" | "D" | "DW";

export interface JournalChange {
  changeType: ChangeType;
  row: Row;
  actorID: string;
  fieldName?: string;
  oldValue?: FieldValue | number | string[];
  newValue?: FieldValue | number | string[];
  /** Decides which pair of columns (text, date, number) holds the values. */
  kind?: "text" | "date" | "number";
}

function columns(prefix: "old" | "new", value: unknown, kind: JournalChange["kind"]): Record<string, FieldValue> {
  if (value === undefined || value === null) return {};
  if (kind === "date" && value instanceof Date) return { [`${prefix}DateVal`]: value };
  if (kind === "number" && typeof value === "number") return { [`${prefix}NumberVal`]: value };
  return { [`${prefix}TextVal`]: Array.isArray(value) ? value.join(",") : String(value) };
}

/** Tasks and issues live under a project; everything else is its own top object. */
function topObject(store: Store, row: Row): { topObjCode: string; topObjID: string } {
  if ((row.objCode === "TASK" || row.objCode === "OPTASK") && typeof row.fields.projectID === "string") return { topObjCode: "PROJ", topObjID: row.fields.projectID };
  return { topObjCode: row.objCode, topObjID: row.ID };
}

/**
 * Writes one journal entry (JRNLE). `aux2` carries the editor's name, as in the documented sample row
 * (`"aux2":"Brad Littler"`); `aux1`/`aux3` stay empty.
 */
export function writeJournal(store: Store, change: JournalChange): void {
  const at = store.now();
  const editor = store.get("USER", change.actorID);
  const id = newWfId(at);
  const row: Row = {
    ID: id,
    objCode: "JRNLE",
    custom: {},
    fields: {
      ID: id,
      entryDate: at,
      lastUpdateDate: at,
      enteredByID: change.actorID,
      lastUpdatedByID: change.actorID,
      customerID: store.env.customerID,
      changeType: change.changeType,
      fieldName: change.fieldName ?? null,
      editedByID: change.actorID,
      objObjCode: change.row.objCode,
      objID: change.row.ID,
      subObjCode: null,
      subObjID: null,
      ...topObject(store, change.row),
      aux1: null,
      aux2: editor ? String(editor.fields.name) : null,
      aux3: null,
      flags: 0,
      ...columns("old", change.oldValue, change.kind),
      ...columns("new", change.newValue, change.kind),
    },
  };
  store.put(row);
}
