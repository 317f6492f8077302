import { recompute } from "../actions";
import type { Args } from "../args";
import { faults } from "../faults";
import type { Proof, Reviewer } from "../model";
import { randomToken } from "../store";
import { checkDate, checkEmail } from "./access";
import type { SessionCallContext } from "./types";

export const ROLES = new Set([1, 3, 4, 5, 6, 7]);
export const NOTIFICATIONS = new Set([0, 1, 2, 3, 4, 5, 6, 9]);
/** [SILENT]: role when none is given. Reviewer & approver, so a proof made with a Recipients string can be decided. */
export const DEFAULT_ROLE = 5;

export interface ReviewerInput {
  email: string;
  name?: string;
  position?: string;
  deadline?: string;
  role?: number;
  notifications?: number;
  primaryDecisionMaker?: boolean;
  stageId?: number;
}

export function checkRole(name: string, role: number | undefined): number | undefined {
  if (role !== undefined && !ROLES.has(role)) throw faults.invalidParameter(name, "expected a role 1, 3, 4, 5, 6 or 7");
  return role;
}

export function checkNotifications(name: string, value: number | undefined): number | undefined {
  if (value !== undefined && !NOTIFICATIONS.has(value)) throw faults.invalidParameter(name, "expected 0-6 or 9");
  return value;
}

/** A recipient structure (SOAPFileRecipientObject or the workflow one), checked. */
export function reviewerFromStruct(item: Args, path: string, notificationsMember: "notifications" | "email_notification"): ReviewerInput {
  return {
    email: checkEmail(`${path}.email`, item.requiredText("email")),
    name: item.text("name"),
    position: item.text("position"),
    deadline: checkDate(`${path}.deadline`, item.text("deadline")),
    role: checkRole(`${path}.role`, item.int("role")),
    notifications: checkNotifications(`${path}.${notificationsMember}`, item.int(notificationsMember)),
    primaryDecisionMaker: item.bool("primary_decision_maker"),
  };
}

/**
 * Adds a reviewer, or returns the one already there with that e-mail (in that stage): adding the same
 * person twice changes nothing ([SILENT]: our choice). One primary decision maker per proof (per stage).
 */
export function addReviewer(call: Pick<SessionCallContext, "store" | "now" | "callbacks" | "sessionTtlMs">, proof: Proof, input: ReviewerInput): Reviewer {
  const stageId = input.stageId ?? 0;
  const existing = call.store.reviewers.find((r) => r.proofId === proof.id && r.stageId === stageId && r.email.toLowerCase() === input.email.toLowerCase());
  if (existing !== undefined) return existing;
  const reviewer: Reviewer = {
    id: call.store.nextId("reviewer"),
    proofId: proof.id,
    name: input.name ?? "",
    email: input.email,
    position: input.position ?? "",
    role: input.role ?? DEFAULT_ROLE,
    deadline: input.deadline ?? "",
    emailNotifications: input.notifications ?? 0,
    primaryDecisionMaker: false,
    decision: "pending",
    stageId,
    token: randomToken(32),
    opened: false,
  };
  call.store.reviewers.push(reviewer);
  if (input.primaryDecisionMaker === true) makePrimary(call.store.reviewersOf(proof.id), reviewer);
  recompute(call, proof);
  return reviewer;
}

export function makePrimary(reviewersOfProof: readonly Reviewer[], reviewer: Reviewer): void {
  for (const other of reviewersOfProof) if (other.stageId === reviewer.stageId) other.primaryDecisionMaker = false;
  reviewer.primaryDecisionMaker = true;
}

/** createProof's Recipients: e-mails separated by spaces, ";" or "," (reference B4). */
export function splitRecipients(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(/[\s;,]+/)
    .filter((e) => e !== "")
    .map((e) => checkEmail("Recipients", e));
}

export { randomToken };
