import { baseFields, baseReferences, collection, CONTAINER_CODES, enumField, field, opts, ref, type ObjectDef } from "./schema";

const containerOptions = (enumType: string, label: string) =>
  enumField(label, enumType, opts(CONTAINER_CODES.map((code) => [code, code] as const)), { required: true, createOnly: true });

/** IDs a note or document derives from the object it is attached to. */
const containerLinks = {
  projectID: field("Project ID", "string", { system: true }),
  taskID: field("Task ID", "string", { system: true }),
  opTaskID: field("Issue ID", "string", { system: true }),
  portfolioID: field("Portfolio ID", "string", { system: true }),
  programID: field("Program ID", "string", { system: true }),
  userID: field("User ID", "string", { system: true }),
};

const containerRefs = {
  project: ref("Project", "PROJ", "projectID"),
  task: ref("Task", "TASK", "taskID"),
  opTask: ref("Issue", "OPTASK", "opTaskID"),
  portfolio: ref("Portfolio", "PORT", "portfolioID"),
  program: ref("Program", "PRGM", "programID"),
  user: ref("User", "USER", "userID"),
};

export const NOTE: ObjectDef = {
  objCode: "NOTE",
  name: "Note",
  label: "Note",
  aliases: [],
  fields: {
    ...baseFields(),
    ...containerLinks,
    noteText: field("Note Text", "string", { required: true }),
    subject: field("Subject", "string", { system: true }),
    noteObjCode: containerOptions("NoteObjCodeEnum", "Note Obj Code"),
    objID: field("Obj ID", "string", { required: true, createOnly: true }),
    ownerID: field("Owner ID", "string"),
    isPrivate: field("Is Private", "boolean", { default: false }),
    documentID: field("Document ID", "string", { system: true }),
    parentNoteID: field("Parent Note ID", "string", { createOnly: true }),
    parentJournalEntryID: field("Parent Journal Entry ID", "string", { createOnly: true }),
    threadID: field("Thread ID", "string", { system: true }),
    topObjID: field("Top Obj ID", "string", { system: true }),
    topNoteObjCode: field("Top Note Obj Code", "string", { system: true }),
  },
  references: {
    ...baseReferences(),
    ...containerRefs,
    owner: ref("Owner", "USER", "ownerID"),
    document: ref("Document", "DOCU", "documentID"),
    parentNote: ref("Parent Note", "NOTE", "parentNoteID"),
  },
  collections: { replies: collection("Replies", "NOTE", "parentNoteID", "cascade") },
  defaultFields: ["ID", "objCode", "entryDate", "noteObjCode", "noteText", "objID", "ownerID", "subject"],
  eventFields: [
    "ID", "objCode", "noteText", "subject", "entryDate", "ownerID", "objID", "projectID", "taskID", "opTaskID", "documentID", "portfolioID", "programID",
    "parentNoteID", "threadID", "topObjID", "parentJournalEntryID", "userID",
  ],
};

export const DOCU: ObjectDef = {
  objCode: "DOCU",
  name: "Document",
  label: "Document",
  aliases: [],
  custom: true,
  fields: {
    ...baseFields(),
    ...containerLinks,
    name: field("Name", "string", { required: true, tracked: true }),
    description: field("Description", "string"),
    docObjCode: containerOptions("DocObjCodeEnum", "Doc Obj Code"),
    objID: field("Obj ID", "string", { required: true, createOnly: true }),
    ownerID: field("Owner ID", "string"),
    templateID: field("Template ID", "string", { system: true }),
    currentVersionID: field("Current Version ID", "string", { system: true }),
    referenceObjID: field("Reference Obj ID", "string", { system: true }),
    referenceObjCode: field("Reference Obj Code", "string", { system: true }),
    topObjID: field("Top Obj ID", "string", { system: true }),
    topDocObjCode: field("Top Doc Obj Code", "string", { system: true }),
    downloadURL: field("Download URL", "string", { system: true }),
    categoryID: field("Category ID", "string"),
    handle: field("Handle", "string", { writeOnly: true, createOnly: true }),
  },
  references: {
    ...baseReferences(),
    ...containerRefs,
    owner: ref("Owner", "USER", "ownerID"),
    currentVersion: ref("Current Version", "DOCV", "currentVersionID"),
    category: ref("Category", "CTGY", "categoryID"),
  },
  collections: {
    versions: collection("Versions", "DOCV", "documentID", "cascade"),
    notes: collection("Notes", "NOTE", "documentID", "cascade"),
  },
  defaultFields: ["ID", "name", "objCode", "currentVersionID", "description", "downloadURL"],
  eventFields: [
    "ID", "name", "objCode", "description", "objID", "projectID", "taskID", "opTaskID", "userID", "portfolioID", "programID", "templateID",
    "currentVersionID", "ownerID", "lastUpdateDate", "referenceObjID", "topObjID", "parameterValues",
  ],
};

export const DOCV: ObjectDef = {
  objCode: "DOCV",
  name: "DocumentVersion",
  label: "Document Version",
  aliases: [],
  fields: {
    ...baseFields(),
    documentID: field("Document ID", "string", { required: true, createOnly: true }),
    version: field("Version", "string"),
    fileName: field("File Name", "string"),
    fileType: field("File Type", "string", { system: true }),
    fileExtension: field("File Extension", "string", { system: true }),
    docSize: field("Doc Size", "int", { system: true }),
    downloadURL: field("Download URL", "string", { system: true }),
    handle: field("Handle", "string", { writeOnly: true, createOnly: true, required: true }),
  },
  references: { ...baseReferences(), document: ref("Document", "DOCU", "documentID") },
  collections: {},
  defaultFields: ["ID", "objCode", "docSize", "fileName", "fileType", "version"],
};

export const JRNLE: ObjectDef = {
  objCode: "JRNLE",
  name: "JournalEntry",
  label: "Journal Entry",
  aliases: [],
  readOnly: true,
  fields: {
    ...baseFields(),
    changeType: field("Change Type", "string"),
    fieldName: field("Field Name", "string"),
    oldTextVal: field("Old Text Value", "string"),
    newTextVal: field("New Text Value", "string"),
    oldDateVal: field("Old Date Value", "dateTime"),
    newDateVal: field("New Date Value", "dateTime"),
    oldNumberVal: field("Old Number Value", "double"),
    newNumberVal: field("New Number Value", "double"),
    editedByID: field("Edited By ID", "string"),
    objObjCode: field("Obj Obj Code", "string"),
    objID: field("Obj ID", "string"),
    subObjCode: field("Sub Obj Code", "string"),
    subObjID: field("Sub Obj ID", "string"),
    topObjCode: field("Top Obj Code", "string"),
    topObjID: field("Top Obj ID", "string"),
    aux1: field("Aux 1", "string"),
    aux2: field("Aux 2", "string"),
    aux3: field("Aux 3", "string"),
    flags: field("Flags", "int"),
  },
  references: { ...baseReferences(), editedBy: ref("Edited By", "USER", "editedByID") },
  collections: {},
  defaultFields: ["ID", "objCode", "changeType", "entryDate", "fieldName", "objID", "objObjCode"],
};
