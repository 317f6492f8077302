import { DECISIONS, type Decision, type Proof, type Reviewer, type Stage } from "./model";

/** Roles whose decision counts: 4 approver, 5 reviewer & approver. A primary decision maker always counts. */
const DECIDING_ROLES = new Set([4, 5]);

export function canDecide(reviewer: Reviewer): boolean {
  return DECIDING_ROLES.has(reviewer.role) || reviewer.primaryDecisionMaker;
}

/** Role 1 is read only; everyone else may comment. */
export function canComment(reviewer: Reviewer): boolean {
  return reviewer.role !== 1;
}

/**
 * The decision of a group of decisions ([SILENT] in the reference; our rule): pending until every one
 * is made; then "changes required" if any asks for changes, else "approved with changes" if any, else
 * "approved"; "not relevant" only when all are. No decision makers at all: pending.
 */
export function combineDecisions(decisions: readonly Decision[]): Decision {
  if (decisions.length === 0 || decisions.includes("pending")) return "pending";
  const relevant = decisions.filter((d) => d !== "not relevant");
  if (relevant.length === 0) return "not relevant";
  if (relevant.includes("changes required")) return "changes required";
  if (relevant.includes("approved with changes")) return "approved with changes";
  return "approved";
}

/** A group of reviewers: the primary decision maker's decision when there is one, else everyone's combined. */
export function groupDecision(reviewers: readonly Reviewer[]): Decision {
  const primary = reviewers.find((r) => r.primaryDecisionMaker);
  if (primary !== undefined) return primary.decision;
  return combineDecisions(reviewers.filter(canDecide).map((r) => r.decision));
}

export function stageDecision(stage: Stage, reviewers: readonly Reviewer[]): Decision {
  return groupDecision(reviewers.filter((r) => r.stageId === stage.id));
}

/** A workflow proof's decision combines its stages'; any other proof's, its reviewers'. */
export function overallDecision(proof: Proof, reviewers: readonly Reviewer[]): Decision {
  if (!proof.workflow) return groupDecision(reviewers);
  return combineDecisions(proof.stages.map((stage) => stageDecision(stage, reviewers)));
}

/** A stage takes decisions once started, until it has a final one if it locks. */
export function stageIsOpen(stage: Stage, reviewers: readonly Reviewer[]): boolean {
  if (stage.startedAt === null) return false;
  return !(stage.locking && stageDecision(stage, reviewers) !== "pending");
}

/** Decision ids as updateProofReviewer takes them: 0 pending … 4 not relevant (reference B6). */
export function parseDecision(value: string): Decision | null {
  const trimmed = value.trim().toLowerCase();
  if (/^[0-4]$/.test(trimmed)) return DECISIONS[Number(trimmed)];
  return DECISIONS.find((d) => d === trimmed) ?? null;
}

/** wf_decision (18.2) numbers differently: 0 pending, 1 reject, 2 changes required, 3 approved, 4 not relevant. */
export function workflowDecisionNumber(decision: Decision): number {
  switch (decision) {
    case "pending":
      return 0;
    case "changes required":
      return 2;
    case "not relevant":
      return 4;
    default:
      return 3;
  }
}
