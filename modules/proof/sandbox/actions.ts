import { formatDateTime } from "./callbacks";
import type { SandboxContext } from "./context";
import { canComment, canDecide, overallDecision, stageDecision, stageIsOpen } from "./decisions";
import { ProofFault } from "./faults";
import { DECISIONS, type Comment, type Decision, type Proof, type Reviewer } from "./model";

/**
 * What reviewers and owners do to a proof, shared by the SOAP methods and the review pages, so both
 * go through the same rules and fire the same callbacks.
 */

const notAllowed = (why: string) => new ProofFault("403", why);

export function decide(ctx: SandboxContext, proof: Proof, reviewer: Reviewer, decision: Decision): void {
  if (proof.locked) throw notAllowed("The proof is locked.");
  if (!canDecide(reviewer) && decision !== "pending") throw notAllowed("This reviewer's role cannot make decisions.");
  if (proof.workflow) {
    const stage = proof.stages.find((s) => s.id === reviewer.stageId);
    if (stage !== undefined && !stageIsOpen(stage, ctx.store.reviewersOf(proof.id))) throw notAllowed("The reviewer's stage is not open for decisions.");
  }
  if (reviewer.decision === decision) return;
  reviewer.decision = decision;
  ctx.callbacks.emit(proof, "decisions", {
    reviewer_id: reviewer.id,
    reviewer_name: reviewer.name,
    reviewer_email: reviewer.email,
    decision,
    decision_id: DECISIONS.indexOf(decision),
  });
  recompute(ctx, proof);
}

export function addComment(ctx: SandboxContext, proof: Proof, reviewer: Reviewer, text: string): Comment {
  if (proof.locked) throw notAllowed("The proof is locked.");
  if (!canComment(reviewer)) throw notAllowed("Read-only reviewers cannot comment.");
  if (text.trim() === "") throw new ProofFault("400", "A comment needs some text.");
  const comment: Comment = {
    id: ctx.store.nextId("comment"),
    proofId: proof.id,
    reviewerId: reviewer.id,
    author: reviewer.name === "" ? reviewer.email : reviewer.name,
    text,
    createdAt: ctx.now(),
    location: "",
  };
  ctx.store.comments.push(comment);
  ctx.callbacks.emit(proof, "comments", { comment_id: comment.id, reviewer_id: reviewer.id, author: comment.author, comment: text });
  return comment;
}

export function markOpened(ctx: SandboxContext, proof: Proof, reviewer: Reviewer): void {
  if (reviewer.opened) return;
  reviewer.opened = true;
  ctx.callbacks.emit(proof, "opened", { reviewer_id: reviewer.id, reviewer_email: reviewer.email });
}

export function setLocked(ctx: SandboxContext, proof: Proof, locked: boolean): void {
  if (proof.locked === locked) return;
  proof.locked = locked;
  ctx.callbacks.emit(proof, "state", { state: locked ? "locked" : "unlocked" });
}

export function archive(ctx: SandboxContext, proof: Proof): void {
  if (proof.archived) return;
  proof.archived = true;
  ctx.callbacks.emit(proof, "archived", { state: "archived" });
}

/** To the trash (kept for its version chain, gone from reads) or permanently, with its reviewers and comments. */
export function removeProof(ctx: SandboxContext, proof: Proof, permanent: boolean): void {
  ctx.callbacks.emit(proof, permanent ? "deleted" : "trashed", { state: permanent ? "deleted" : "trashed" });
  if (!permanent) {
    proof.trashed = true;
    return;
  }
  const { store } = ctx;
  store.proofs = store.proofs.filter((p) => p.id !== proof.id);
  store.reviewers = store.reviewers.filter((r) => r.proofId !== proof.id);
  store.comments = store.comments.filter((c) => c.proofId !== proof.id);
  store.callbacks = store.callbacks.filter((c) => c.proofId !== proof.id);
  // Later versions keep their place in the chain: they now start where the deleted one did.
  for (const child of store.proofs.filter((p) => p.parentId === proof.id)) child.parentId = proof.parentId;
}

/** After any change to reviewers or decisions: move stages on, update the overall decision, auto-lock. */
export function recompute(ctx: SandboxContext, proof: Proof): void {
  const reviewers = ctx.store.reviewersOf(proof.id);
  if (proof.workflow) advanceStages(ctx, proof, reviewers);
  const decision = overallDecision(proof, reviewers);
  if (decision !== proof.decision) {
    proof.decision = decision;
    proof.lastDecisionChange = ctx.now();
    ctx.callbacks.emit(proof, "overall_decision", { decision });
  }
  const anyDecision = reviewers.some((r) => r.decision !== "pending");
  if ((proof.settings.auto_lock && decision !== "pending") || (proof.settings.lock_after_first_decision && anyDecision)) setLocked(ctx, proof, true);
}

function advanceStages(ctx: SandboxContext, proof: Proof, reviewers: readonly Reviewer[]): void {
  proof.stages.forEach((stage, index) => {
    const decision = stageDecision(stage, reviewers);
    if (decision !== stage.decision) {
      stage.decision = decision;
      stage.lastStatusChange = ctx.now();
      ctx.callbacks.emit(proof, "stage_decision", { stage_id: stage.id, stage_name: stage.name, decision });
    }
    const next = proof.stages[index + 1];
    if (next !== undefined && next.startedAt === null && next.startTrigger === 2 && decision !== "pending") {
      next.startedAt = ctx.now();
      next.lastStatusChange = ctx.now();
      ctx.callbacks.emit(proof, "active_stage_changed", { stage_id: next.id, stage_name: next.name, started_at: formatDateTime(ctx.now()) });
    }
  });
}
