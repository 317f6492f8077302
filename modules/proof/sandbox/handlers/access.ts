import { faults } from "../faults";
import type { Proof, Reviewer } from "../model";
import type { SessionCallContext } from "./types";

/** A proof of the caller's account that is not in the trash; anything else is the permission fault. */
export function ownProof(call: SessionCallContext, id: number): Proof {
  const proof = call.store.proof(id);
  if (proof === undefined || proof.trashed || proof.accountId !== call.user.accountId) throw faults.forbidden();
  return proof;
}

/** FileID is typed string on some methods (reference B5); it must still be a number. */
export function fileIdFromText(call: SessionCallContext, name = "FileID"): number {
  const text = call.args.requiredText(name).trim();
  if (!/^\d+$/.test(text)) throw faults.invalidParameter(name, "expected a proof id");
  return Number(text);
}

export function ownReviewer(call: SessionCallContext, id: number): { reviewer: Reviewer; proof: Proof } {
  const reviewer = call.store.reviewers.find((r) => r.id === id);
  if (reviewer === undefined) throw faults.forbidden();
  return { reviewer, proof: ownProof(call, reviewer.proofId) };
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

export function checkEmail(name: string, email: string): string {
  const trimmed = email.trim();
  if (!EMAIL.test(trimmed)) throw faults.invalidParameter(name, `"${email}" is not an e-mail address`);
  return trimmed;
}

const DATE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/;

/** Dates are "YYYY-MM-DD hh:mm" (reference B4); a date alone is accepted too. */
export function checkDate(name: string, value: string | undefined): string {
  if (value === undefined) return "";
  const trimmed = value.trim();
  if (!DATE.test(trimmed) || Number.isNaN(Date.parse(`${trimmed.slice(0, 10)}T00:00:00Z`))) throw faults.invalidParameter(name, 'expected "YYYY-MM-DD hh:mm"');
  return trimmed;
}
