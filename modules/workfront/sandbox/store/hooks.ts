import { WfError } from "../errors";
import { newWfId } from "../ids";
import type { FieldValue, Row } from "../objects/schema";
import type { Store } from "./store";
import type { Draft, ParsedInput, WriteContext } from "./write";
import { createRecord, systemEdit } from "./write";

/**
 * What Workfront computes around a write: display names, numbering, the links a note or document takes
 * from its container, status/percent coupling on tasks, documents from upload handles.
 */
export interface Hooks {
  beforeCreate?(store: Store, draft: Draft, input: ParsedInput, ctx: WriteContext): void;
  afterCreate?(store: Store, row: Row, input: ParsedInput, ctx: WriteContext): void;
  beforeEdit?(store: Store, before: Row, draft: Draft, input: ParsedInput, ctx: WriteContext): void;
  beforeDelete?(store: Store, row: Row, ctx: WriteContext): void;
}

/** Inputs that are not stored fields. */
export const VIRTUAL_INPUTS: Record<string, readonly string[]> = { DOCU: ["currentVersion"] };

/** Which ID field of a note/document points at its container, by the container's objCode. */
const CONTAINER_LINK: Record<string, string> = {
  PROJ: "projectID",
  TASK: "taskID",
  OPTASK: "opTaskID",
  PORT: "portfolioID",
  PRGM: "programID",
  USER: "userID",
  DOCU: "documentID",
};

function attachToContainer(store: Store, draft: Draft, codeField: string, topCodeField: string): Row {
  const code = String(draft.fields[codeField]);
  const objID = String(draft.fields.objID);
  const container = store.get(code, objID);
  if (!container) throw new WfError("validation", `${code} with ID ${objID} could not be found (objID)`);
  draft.fields[CONTAINER_LINK[code]] = objID;
  const underProject = (code === "TASK" || code === "OPTASK") && typeof container.fields.projectID === "string";
  draft.fields.topObjID = underProject ? container.fields.projectID : objID;
  draft.fields[topCodeField] = underProject ? "PROJ" : code;
  draft.fields.ownerID ??= draft.fields.enteredByID;
  return container;
}

function plannedDates(draft: Draft, fallbackStart: FieldValue): void {
  draft.fields.plannedStartDate ??= fallbackStart instanceof Date ? fallbackStart : draft.fields.entryDate;
  draft.fields.plannedCompletionDate ??= draft.fields.plannedStartDate;
  draft.fields.projectedCompletionDate = draft.fields.plannedCompletionDate;
}

/** Workfront keeps a task's status and percent complete consistent with each other. */
function coupleTaskProgress(draft: Draft, before: Row | null): void {
  const statusChanged = draft.fields.status !== (before?.fields.status ?? "NEW");
  const percentChanged = draft.fields.percentComplete !== (before?.fields.percentComplete ?? 0);
  if (statusChanged && draft.fields.status === "CPL") draft.fields.percentComplete = 100;
  else if (percentChanged && draft.fields.percentComplete === 100) draft.fields.status = "CPL";
  else if (percentChanged && Number(draft.fields.percentComplete) > 0 && draft.fields.status === "NEW") draft.fields.status = "INP";
}

function taskNumbering(store: Store, draft: Draft): void {
  const projectID = draft.fields.projectID;
  const siblings = store.all("TASK").filter((t) => t.ID !== draft.ID && t.fields.projectID === projectID);
  draft.fields.taskNumber = siblings.reduce((max, t) => Math.max(max, Number(t.fields.taskNumber ?? 0)), 0) + 1;
  const parentID = draft.fields.parentID;
  const parent = typeof parentID === "string" ? store.get("TASK", parentID) : undefined;
  if (parentID && parent?.fields.projectID !== projectID) throw new WfError("validation", "A task's parent must be in the same project");
  const peers = siblings.filter((t) => (t.fields.parentID ?? null) === (parentID ?? null)).length + 1;
  draft.fields.wbs = parent ? `${String(parent.fields.wbs)}.${peers}` : String(peers);
}

/** The primary assignment decides `assignedToID`; without an explicit one the first assignee is primary. */
function syncAssignments(draft: Draft, input: ParsedInput): void {
  const list = input.collections.get("assignments");
  if (!list) return;
  const primaryIndex = Math.max(0, list.findIndex((item) => item.isPrimary === true || item.isPrimary === "true"));
  const normalised = list.map((item, i): Record<string, unknown> => ({ ...item, isPrimary: i === primaryIndex }));
  input.collections.set("assignments", normalised);
  const primary = normalised[primaryIndex];
  draft.fields.assignedToID = primary && typeof primary.assignedToID === "string" ? primary.assignedToID : null;
}

const HOOKS: Record<string, Hooks> = {
  USER: {
    beforeCreate(store, draft) {
      draft.fields.name = `${String(draft.fields.firstName ?? "")} ${String(draft.fields.lastName ?? "")}`.trim();
      draft.fields.username ??= draft.fields.emailAddr;
      const username = String(draft.fields.username ?? "").toLowerCase();
      if (store.all("USER").some((u) => String(u.fields.username).toLowerCase() === username)) throw new WfError("validation", `The username ${username} is already in use`);
      draft.fields.accessLevelID ??= store.all("ACSLVL").find((level) => level.fields.isAdmin !== true)?.ID ?? null;
    },
    beforeEdit(_store, _before, draft) {
      draft.fields.name = `${String(draft.fields.firstName ?? "")} ${String(draft.fields.lastName ?? "")}`.trim();
    },
  },
  PROJ: {
    beforeCreate(store, draft, _input, ctx) {
      draft.fields.ownerID ??= ctx.actorID;
      draft.fields.groupID ??= store.get("USER", ctx.actorID)?.fields.homeGroupID ?? null;
      draft.fields.referenceNumber = store.nextReferenceNumber();
      const programID = draft.fields.programID;
      if (typeof programID === "string") draft.fields.portfolioID ??= store.get("PRGM", programID)?.fields.portfolioID ?? null;
      plannedDates(draft, null);
      draft.fields.accessorIDs = [...new Set([ctx.actorID, String(draft.fields.ownerID)])];
    },
    beforeEdit(store, _before, draft) {
      draft.fields.projectedCompletionDate = draft.fields.plannedCompletionDate;
      const programID = draft.fields.programID;
      if (typeof programID === "string") draft.fields.portfolioID = store.get("PRGM", programID)?.fields.portfolioID ?? draft.fields.portfolioID;
      if (typeof draft.fields.ownerID === "string") draft.fields.accessorIDs = [...new Set([...((draft.fields.accessorIDs as string[] | null) ?? []), draft.fields.ownerID])];
    },
    beforeDelete(_store, row) {
      // The documented failure (fixtures/removeFailure.json).
      if (row.fields.status === "CPL") throw new WfError("projectStatus", "Unable to complete operation for a project of status Complete");
    },
  },
  TASK: {
    beforeCreate(store, draft, input) {
      const project = store.get("PROJ", String(draft.fields.projectID));
      draft.fields.referenceNumber = store.nextReferenceNumber();
      if (project) taskNumbering(store, draft);
      plannedDates(draft, project?.fields.plannedStartDate ?? null);
      draft.fields.projectedStartDate = draft.fields.plannedStartDate;
      coupleTaskProgress(draft, null);
      syncAssignments(draft, input);
    },
    beforeEdit(store, before, draft, input) {
      if (draft.fields.projectID !== before.fields.projectID || draft.fields.parentID !== before.fields.parentID) taskNumbering(store, draft);
      draft.fields.projectedCompletionDate = draft.fields.plannedCompletionDate;
      draft.fields.projectedStartDate = draft.fields.plannedStartDate;
      coupleTaskProgress(draft, before);
      syncAssignments(draft, input);
    },
  },
  OPTASK: {
    beforeCreate(store, draft, _input, ctx) {
      draft.fields.submittedByID ??= ctx.actorID;
      draft.fields.ownerID ??= ctx.actorID;
      draft.fields.referenceNumber = store.nextReferenceNumber();
      plannedDates(draft, null);
    },
    beforeEdit(_store, _before, draft) {
      draft.fields.projectedCompletionDate = draft.fields.plannedCompletionDate;
    },
  },
  PORT: { beforeCreate: (_s, draft, _i, ctx) => void (draft.fields.ownerID ??= ctx.actorID) },
  PRGM: { beforeCreate: (_s, draft, _i, ctx) => void (draft.fields.ownerID ??= ctx.actorID) },
  ASSGN: {
    beforeCreate(store, draft) {
      draft.fields.projectID = store.get("TASK", String(draft.fields.taskID))?.fields.projectID ?? null;
    },
  },
  NOTE: {
    beforeCreate(store, draft) {
      const container = attachToContainer(store, draft, "noteObjCode", "topNoteObjCode");
      draft.fields.subject = typeof container.fields.name === "string" ? container.fields.name : null;
      const parentID = draft.fields.parentNoteID;
      const parent = typeof parentID === "string" ? store.get("NOTE", parentID) : undefined;
      if (parentID && !parent) throw new WfError("validation", `NOTE with ID ${String(parentID)} could not be found (parentNoteID)`);
      draft.fields.threadID = parent ? parent.fields.threadID : draft.ID;
    },
  },
  DOCU: {
    beforeCreate(store, draft, input) {
      attachToContainer(store, draft, "docObjCode", "topDocObjCode");
      draft.fields.referenceObjID = draft.fields.objID;
      draft.fields.referenceObjCode = draft.fields.docObjCode;
      draft.fields.downloadURL = `/document/download?ID=${draft.ID}`;
      const handle = draft.fields.handle;
      if (typeof handle === "string") {
        if (!store.uploads.has(handle)) throw new WfError("validation", `Invalid upload handle ${handle}`);
        draft.fields.currentVersionID = newWfId(store.now());
      } else if (input.extras.currentVersion !== undefined) throw new WfError("validation", "currentVersion needs an upload handle");
    },
    afterCreate(store, row, input, ctx) {
      if (typeof row.fields.handle !== "string" || typeof row.fields.currentVersionID !== "string") return;
      const version = typeof input.extras.currentVersion === "object" && input.extras.currentVersion !== null ? (input.extras.currentVersion as Record<string, unknown>) : {};
      const versionInput: Record<string, unknown> = { documentID: row.ID, handle: row.fields.handle };
      if (typeof version.version === "string") versionInput.version = version.version;
      if (typeof version.fileName === "string") versionInput.fileName = version.fileName;
      createRecord(store, "DOCV", versionInput, ctx, row.fields.currentVersionID);
    },
  },
  DOCV: {
    beforeCreate(store, draft) {
      const upload = store.uploads.get(String(draft.fields.handle));
      if (!upload) throw new WfError("validation", `Invalid upload handle ${String(draft.fields.handle)}`);
      const documentID = String(draft.fields.documentID);
      const count = store.all("DOCV").filter((v) => v.fields.documentID === documentID).length;
      draft.fields.version ??= `v${count + 1}.0`;
      draft.fields.fileName ??= upload.fileName;
      draft.fields.fileType = upload.contentType;
      const dot = String(draft.fields.fileName).lastIndexOf(".");
      draft.fields.fileExtension = dot >= 0 ? String(draft.fields.fileName).slice(dot + 1) : null;
      draft.fields.docSize = upload.data.length;
      draft.fields.downloadURL = `/document/download?ID=${documentID}&versionID=${draft.ID}`;
    },
    afterCreate(store, row, _input, ctx) {
      const documentID = String(row.fields.documentID);
      if (store.get("DOCU", documentID)?.fields.currentVersionID !== row.ID) systemEdit(store, "DOCU", documentID, { currentVersionID: row.ID }, ctx);
    },
  },
  PARAM: {
    beforeCreate(store, draft) {
      if (store.all("PARAM").some((p) => p.fields.name === draft.fields.name)) throw new WfError("validation", `A custom field named ${String(draft.fields.name)} already exists`);
    },
  },
};

export function hooksFor(objCode: string): Hooks {
  return HOOKS[objCode] ?? {};
}
