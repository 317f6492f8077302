import type { FieldSpec } from "@/lib/modules/field-spec";

/** Field specs the Proof modules share. Enumerations are the reference's (B6). */

export const proofIdField = { name: "proofId", label: "Proof ID", type: "number", integer: true, min: 1, required: true } as const satisfies FieldSpec;
export const reviewerIdField = { name: "reviewerId", label: "Reviewer ID", type: "number", integer: true, min: 1, required: true } as const satisfies FieldSpec;

export const ROLE_OPTIONS = [
  { value: "1", label: "Read only" },
  { value: "3", label: "Reviewer" },
  { value: "4", label: "Approver" },
  { value: "5", label: "Reviewer & approver" },
  { value: "6", label: "Author" },
  { value: "7", label: "Moderator" },
] as const;

export const NOTIFICATION_OPTIONS = [
  { value: "0", label: "The person's own default" },
  { value: "1", label: "All new comments and replies" },
  { value: "2", label: "Replies to my comments" },
  { value: "3", label: "Daily summary" },
  { value: "4", label: "Hourly summary" },
  { value: "5", label: "Decisions only" },
  { value: "6", label: "Final decision" },
  { value: "9", label: "None" },
] as const;

export const DECISION_OPTIONS = [
  { value: "0", label: "Pending" },
  { value: "1", label: "Changes required" },
  { value: "2", label: "Approved with changes" },
  { value: "3", label: "Approved" },
  { value: "4", label: "Not relevant" },
] as const;

export const limitField = { name: "limit", label: "Maximum number of results", type: "number", integer: true, min: 1, max: 5000, default: 50 } as const satisfies FieldSpec;
export const itemsPerPageField = {
  name: "itemsPerPage",
  label: "Items per page",
  type: "number",
  integer: true,
  min: 1,
  max: 500,
  default: 100,
  help: "How many proofs each request to Proof asks for; more results take more requests.",
} as const satisfies FieldSpec;

/** "2026-04-01T17:00:00.000Z" → "2026-04-01 17:00", the API's date format (reference B4), in UTC. */
export function proofDate(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  return iso.slice(0, 16).replace("T", " ");
}

/** Proof's string booleans ("true"/"false", e.g. PrimaryDecisionMaker). */
export function flag(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? "true" : "false";
}

export function int(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}
