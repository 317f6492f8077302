import type { FieldSpec } from "@/lib/modules/field-spec";
import type { SoapArgs } from "@/lib/soap";
import { int, proofDate, ROLE_OPTIONS } from "./fields";
import type { ProofSource } from "./source";

/**
 * The fields createProof v1 and createProofVersion (v1 and v2) share, and their mapping to the API's
 * parameters (reference B4/B5). Released versions rely on these names: add, never rename.
 */
export const recipientsField = { name: "recipients", label: "Recipients", type: "text", help: "E-mail addresses separated by commas, semicolons or spaces." } as const satisfies FieldSpec;
export const defaultRoleField = { name: "defaultRole", label: "Recipients' role", type: "select", options: ROLE_OPTIONS, help: "Default: reviewer & approver." } as const satisfies FieldSpec;

export const proofDetailFields = [
  { name: "name", label: "Proof name", type: "text", required: true },
  recipientsField,
  defaultRoleField,
  { name: "subject", label: "E-mail subject", type: "text" },
  { name: "message", label: "E-mail message", type: "text", multiline: true },
  { name: "deadline", label: "Deadline", type: "date", help: "Sent to Proof as YYYY-MM-DD hh:mm, in UTC." },
  { name: "workspaceId", label: "Workspace ID", type: "number", integer: true, min: 0, help: "Empty or 0: no workspace (a new version keeps its parent's)." },
  { name: "ownerId", label: "Owner ID", type: "number", integer: true, min: 0, default: 0, help: "0: you." },
  { name: "lockAfterFirstDecision", label: "Lock the proof after the first decision", type: "boolean" },
  { name: "enableAutoLock", label: "Lock the proof when its decision is final", type: "boolean" },
  { name: "enableDownload", label: "Allow the original file to be downloaded", type: "boolean" },
  { name: "referenceId", label: "Reference ID", type: "text" },
  { name: "suppressNotification", label: "Do not e-mail the recipients", type: "boolean" },
] as const satisfies readonly FieldSpec[];

export interface ProofDetailValues {
  name: string;
  recipients?: string;
  defaultRole?: string;
  subject?: string;
  message?: string;
  deadline?: string;
  workspaceId?: number;
  ownerId: number;
  lockAfterFirstDecision?: boolean;
  enableAutoLock?: boolean;
  enableDownload?: boolean;
  referenceId?: string;
  suppressNotification?: boolean;
}

export function proofArgs(source: ProofSource, v: ProofDetailValues): SoapArgs {
  return {
    OwnerID: v.ownerId,
    Hash: source.hash,
    Name: v.name,
    SourceName: source.sourceName,
    Subject: v.subject,
    Message: v.message,
    Deadline: proofDate(v.deadline),
    Recipients: v.recipients?.trim() || undefined,
    WorkspaceId: v.workspaceId,
    DefaultRole: int(v.defaultRole),
    LockAfterFirstDecision: v.lockAfterFirstDecision,
    EnableAutoLock: v.enableAutoLock,
    EnableDownload: v.enableDownload,
    ReferenceID: v.referenceId,
    SuppressNewProofNotification: v.suppressNotification,
  };
}
