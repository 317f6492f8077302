import type { SelectOption } from "@/lib/modules/field-spec";

/**
 * A known field list for the common object types (reference A6: the fields Workfront lists for event
 * payloads and the defaults the REST API returns without `fields=`). Used for output specs and as
 * fallback choices; the live lists come from `/metadata` through the connection.
 */
export type KnownFieldType = "text" | "number" | "boolean" | "date" | "array";

export interface KnownObject {
  objCode: string;
  label: string;
  /** What the REST API returns without `fields=` (WF-JS fixtures). */
  defaultFields: readonly string[];
  fields: Readonly<Record<string, KnownFieldType>>;
  references: Readonly<Record<string, string>>;
  collections: Readonly<Record<string, string>>;
}

const base: Record<string, KnownFieldType> = {
  ID: "text",
  objCode: "text",
  entryDate: "date",
  lastUpdateDate: "date",
  enteredByID: "text",
  lastUpdatedByID: "text",
  customerID: "text",
  extRefID: "text",
};
const baseRefs = { enteredBy: "USER", lastUpdatedBy: "USER" };
const container = { projectID: "text", taskID: "text", opTaskID: "text", portfolioID: "text", programID: "text", userID: "text" } as const;

function known(objCode: string, label: string, defaultFields: string[], fields: Record<string, KnownFieldType>, references: Record<string, string> = {}, collections: Record<string, string> = {}): KnownObject {
  return { objCode, label, defaultFields, fields: { ...base, ...fields }, references: { ...baseRefs, ...references }, collections };
}

const work = { notes: "NOTE", documents: "DOCU" };

export const KNOWN_OBJECTS: Readonly<Record<string, KnownObject>> = {
  PROJ: known(
    "PROJ",
    "Project",
    ["ID", "name", "objCode", "percentComplete", "plannedCompletionDate", "plannedStartDate", "priority", "projectedCompletionDate", "status"],
    {
      name: "text", description: "text", status: "text", priority: "number", percentComplete: "number", plannedStartDate: "date", plannedCompletionDate: "date",
      projectedCompletionDate: "date", condition: "text", ownerID: "text", sponsorID: "text", groupID: "text", companyID: "text", portfolioID: "text",
      programID: "text", templateID: "text", categoryID: "text", referenceNumber: "number", currency: "text", budget: "number", accessorIDs: "array",
    },
    { owner: "USER", sponsor: "USER", group: "GROUP", company: "CMPY", portfolio: "PORT", program: "PRGM", category: "CTGY" },
    { tasks: "TASK", opTasks: "OPTASK", ...work },
  ),
  TASK: known(
    "TASK",
    "Task",
    ["ID", "name", "objCode", "percentComplete", "plannedCompletionDate", "plannedStartDate", "priority", "progressStatus", "projectedCompletionDate", "projectedStartDate", "status", "taskNumber", "wbs"],
    {
      name: "text", description: "text", status: "text", priority: "number", percentComplete: "number", projectID: "text", parentID: "text", assignedToID: "text",
      roleID: "text", teamID: "text", milestoneID: "text", categoryID: "text", plannedStartDate: "date", plannedCompletionDate: "date", projectedStartDate: "date",
      projectedCompletionDate: "date", progressStatus: "text", taskNumber: "number", wbs: "text", referenceNumber: "number", workRequired: "number",
    },
    { project: "PROJ", parent: "TASK", assignedTo: "USER", category: "CTGY" },
    { children: "TASK", assignments: "ASSGN", ...work },
  ),
  OPTASK: known(
    "OPTASK",
    "Issue",
    ["ID", "name", "objCode", "opTaskType", "percentComplete", "plannedCompletionDate", "priority", "status"],
    {
      name: "text", description: "text", status: "text", priority: "number", severity: "number", opTaskType: "text", percentComplete: "number", projectID: "text",
      assignedToID: "text", ownerID: "text", submittedByID: "text", queueTopicID: "text", resolveProjectID: "text", resolveTaskID: "text", resolveOpTaskID: "text",
      sourceTaskID: "text", categoryID: "text", plannedStartDate: "date", plannedCompletionDate: "date", projectedCompletionDate: "date", referenceNumber: "number",
    },
    { project: "PROJ", assignedTo: "USER", owner: "USER", submittedBy: "USER", sourceTask: "TASK", category: "CTGY" },
    work,
  ),
  USER: known(
    "USER",
    "User",
    ["ID", "name", "objCode", "emailAddr", "isActive", "title", "username"],
    {
      name: "text", firstName: "text", lastName: "text", emailAddr: "text", username: "text", title: "text", isActive: "boolean", accessLevelID: "text",
      companyID: "text", homeGroupID: "text", homeTeamID: "text", managerID: "text", roleID: "text", lastLoginDate: "date",
    },
    { accessLevel: "ACSLVL", company: "CMPY", homeGroup: "GROUP", manager: "USER", category: "CTGY" },
  ),
  PORT: known(
    "PORT",
    "Portfolio",
    ["ID", "name", "objCode", "description", "isActive"],
    { name: "text", description: "text", ownerID: "text", groupID: "text", categoryID: "text", isActive: "boolean" },
    { owner: "USER", group: "GROUP", category: "CTGY" },
    { programs: "PRGM", projects: "PROJ", ...work },
  ),
  PRGM: known(
    "PRGM",
    "Program",
    ["ID", "name", "objCode", "description", "isActive", "portfolioID"],
    { name: "text", description: "text", ownerID: "text", groupID: "text", categoryID: "text", isActive: "boolean", portfolioID: "text" },
    { owner: "USER", group: "GROUP", category: "CTGY", portfolio: "PORT" },
    { projects: "PROJ", ...work },
  ),
  NOTE: known(
    "NOTE",
    "Note",
    ["ID", "objCode", "entryDate", "noteObjCode", "noteText", "objID", "ownerID", "subject"],
    { ...container, noteText: "text", subject: "text", noteObjCode: "text", objID: "text", ownerID: "text", isPrivate: "boolean", documentID: "text", parentNoteID: "text", threadID: "text", topObjID: "text" },
    { owner: "USER", document: "DOCU", parentNote: "NOTE", project: "PROJ", task: "TASK", opTask: "OPTASK" },
    { replies: "NOTE" },
  ),
  DOCU: known(
    "DOCU",
    "Document",
    ["ID", "name", "objCode", "currentVersionID", "description", "downloadURL"],
    { ...container, name: "text", description: "text", docObjCode: "text", objID: "text", ownerID: "text", currentVersionID: "text", downloadURL: "text", categoryID: "text", topObjID: "text" },
    { owner: "USER", currentVersion: "DOCV", category: "CTGY", project: "PROJ", task: "TASK", opTask: "OPTASK" },
    { versions: "DOCV", notes: "NOTE" },
  ),
  DOCV: known(
    "DOCV",
    "Document Version",
    ["ID", "objCode", "docSize", "fileName", "fileType", "version"],
    { documentID: "text", version: "text", fileName: "text", fileType: "text", fileExtension: "text", docSize: "number", downloadURL: "text" },
    { document: "DOCU" },
  ),
  ASSGN: known(
    "ASSGN",
    "Assignment",
    ["ID", "objCode", "assignedToID", "isPrimary", "status", "taskID"],
    { taskID: "text", projectID: "text", assignedToID: "text", roleID: "text", status: "text", isPrimary: "boolean", assignmentPercent: "number", workRequired: "number" },
    { task: "TASK", project: "PROJ", assignedTo: "USER" },
  ),
  CMPY: known("CMPY", "Company", ["ID", "name", "objCode"], { name: "text", description: "text" }),
  GROUP: known("GROUP", "Group", ["ID", "name", "objCode", "description"], { name: "text", description: "text" }),
  JRNLE: known(
    "JRNLE",
    "Journal Entry",
    ["ID", "objCode", "changeType", "entryDate", "fieldName", "objID", "objObjCode"],
    {
      changeType: "text", fieldName: "text", oldTextVal: "text", newTextVal: "text", oldDateVal: "date", newDateVal: "date", oldNumberVal: "number",
      newNumberVal: "number", editedByID: "text", objObjCode: "text", objID: "text", subObjCode: "text", subObjID: "text", topObjCode: "text", topObjID: "text",
    },
    { editedBy: "USER" },
  ),
};

/** Fallback choices when no connection is picked yet (the live list comes from /metadata). */
export const KNOWN_OBJECT_OPTIONS: SelectOption[] = Object.values(KNOWN_OBJECTS)
  .filter((o) => o.objCode !== "JRNLE")
  .map((o) => ({ value: o.objCode, label: `${o.label} (${o.objCode})` }));

export function knownObject(objCode: unknown): KnownObject | undefined {
  return typeof objCode === "string" ? KNOWN_OBJECTS[objCode.toUpperCase()] : undefined;
}

/** Object types whose changes Workfront can journal (the "system updates" an admin enables). */
export const JOURNALED_OBJECTS = ["PROJ", "TASK", "OPTASK", "PORT", "PRGM", "USER", "DOCU"] as const;

/** Object types the Event Subscription API accepts that the connector offers (reference A7). */
export const SUBSCRIBABLE_OBJECTS = ["PROJ", "TASK", "OPTASK", "USER", "DOCU", "DOCV", "NOTE", "PORT", "PRGM", "HOUR", "ASSGN", "CMPY", "TMPL", "TSHET", "EXPNS"] as const;

const SUBSCRIBABLE_LABELS: Record<string, string> = { HOUR: "Hour", TMPL: "Template", TSHET: "Timesheet", EXPNS: "Expense" };

export const SUBSCRIBABLE_OPTIONS: SelectOption[] = SUBSCRIBABLE_OBJECTS.map((code) => ({
  value: code,
  label: `${KNOWN_OBJECTS[code]?.label ?? SUBSCRIBABLE_LABELS[code] ?? code} (${code})`,
}));

/** Containers documents and notes attach to (`docObjCode` / `noteObjCode`). */
export const CONTAINER_OPTIONS: SelectOption[] = ["PROJ", "TASK", "OPTASK", "PORT", "PRGM", "USER"].map((code) => ({ value: code, label: `${KNOWN_OBJECTS[code].label} (${code})` }));
