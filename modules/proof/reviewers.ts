import type { FieldSpec } from "@/lib/modules/field-spec";
import type { Bundle } from "@/lib/modules/json";
import type { ProofApi } from "./api";
import { proofCall, type ProofTarget } from "./client";
import { DECISION_OPTIONS, flag, int, NOTIFICATION_OPTIONS, proofDate, proofIdField, reviewerIdField, ROLE_OPTIONS } from "./fields";
import { record, records } from "./records";

/** Reviewer modules: v1 and v2 share fields and calls; the API surface and the output differ. */

export const addReviewerFields = [
  proofIdField,
  { name: "email", label: "E-mail address", type: "text", required: true },
  { name: "name", label: "Name", type: "text" },
  { name: "position", label: "Position", type: "text" },
  { name: "role", label: "Role", type: "select", required: true, default: "5", options: ROLE_OPTIONS },
  { name: "deadline", label: "Deadline", type: "date", help: "Sent to Proof as YYYY-MM-DD hh:mm, in UTC." },
  { name: "emailNotifications", label: "E-mail notifications", type: "select", options: NOTIFICATION_OPTIONS },
  { name: "primaryDecisionMaker", label: "Primary decision maker", type: "boolean", help: "This reviewer's decision becomes the proof's." },
  { name: "suppressNotification", label: "Do not send the “new proof” e-mail", type: "boolean" },
] as const satisfies readonly FieldSpec[];

export async function addReviewer(
  target: ProofTarget,
  api: ProofApi,
  values: { proofId: number; email: string; name?: string; position?: string; role: string; deadline?: string; emailNotifications?: string; primaryDecisionMaker?: boolean; suppressNotification?: boolean },
): Promise<Bundle[]> {
  const result = await proofCall(target, api, "addProofReviewer", {
    FileID: String(values.proofId),
    RecipientEmail: values.email.trim(),
    RecipientName: values.name,
    RecipientPosition: values.position,
    RecipientDeadline: proofDate(values.deadline),
    RecipientRole: Number(values.role),
    RecipientEmailNotifications: int(values.emailNotifications),
    SuppressNewProofNotification: values.suppressNotification,
    PrimaryDecisionMaker: flag(values.primaryDecisionMaker),
  });
  return [record(result, "addProofReviewer")];
}

export async function listReviewers(target: ProofTarget, api: ProofApi, values: { proofId: number }): Promise<Bundle[]> {
  return records(await proofCall(target, api, "getProofReviewers", { FileID: String(values.proofId) }), "getProofReviewers");
}

export const updateDecisionFields = [
  reviewerIdField,
  { name: "decision", label: "Decision", type: "select", required: true, options: DECISION_OPTIONS },
] as const satisfies readonly FieldSpec[];

/** Sets the decision only: updateProofReviewer leaves the parameters it is not given as they are. */
export async function updateDecision(target: ProofTarget, api: ProofApi, values: { reviewerId: number; decision: string }): Promise<Bundle[]> {
  return [record(await proofCall(target, api, "updateProofReviewer", { RecipientID: values.reviewerId, RecipientDecision: values.decision }), "updateProofReviewer")];
}
