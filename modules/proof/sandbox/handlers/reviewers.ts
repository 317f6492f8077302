import { decide, recompute } from "../actions";
import { parseDecision } from "../decisions";
import { faults } from "../faults";
import { commentView, recipientView } from "../views";
import { checkDate, checkEmail, fileIdFromText, ownProof, ownReviewer } from "./access";
import { addReviewer, checkNotifications, checkRole, makePrimary, reviewerFromStruct } from "./reviewer-input";
import type { SessionHandler } from "./types";

export const reviewerHandlers: Record<string, SessionHandler> = {
  getProofReviewers(call) {
    const proof = ownProof(call, fileIdFromText(call));
    return call.store.reviewersOf(proof.id).map((r) => recipientView(call.store, r, call.baseUrl));
  },

  addProofReviewer(call) {
    const { args } = call;
    const proof = ownProof(call, fileIdFromText(call));
    const reviewer = addReviewer(call, proof, {
      email: checkEmail("RecipientEmail", args.requiredText("RecipientEmail")),
      name: args.text("RecipientName"),
      position: args.text("RecipientPosition"),
      deadline: checkDate("RecipientDeadline", args.text("RecipientDeadline")),
      role: checkRole("RecipientRole", args.requiredInt("RecipientRole")),
      notifications: checkNotifications("RecipientEmailNotifications", args.int("RecipientEmailNotifications")),
      primaryDecisionMaker: args.bool("PrimaryDecisionMaker"),
    });
    return recipientView(call.store, reviewer, call.baseUrl);
  },

  addProofReviewers(call) {
    const proof = ownProof(call, call.args.requiredInt("FileID"));
    const items = call.args.list("Recipients");
    if (items.length === 0) throw faults.missingParameter("Recipients");
    // All checked before any is added: a bad item leaves the proof as it was.
    const inputs = items.map((item, index) => reviewerFromStruct(item, `Recipients[${index + 1}]`, "notifications"));
    for (const input of inputs) addReviewer(call, proof, input);
    return true;
  },

  /** Parameters left out keep their value ([SILENT]; unlike updateProof, which the docs say overwrites). */
  updateProofReviewer(call) {
    const { args } = call;
    const { reviewer, proof } = ownReviewer(call, args.requiredInt("RecipientID"));
    const decisionText = args.text("RecipientDecision");
    const decision = decisionText === undefined ? undefined : parseDecision(decisionText);
    if (decision === null) throw faults.invalidParameter("RecipientDecision", "expected 0-4 or pending, changes required, approved with changes, approved, not relevant");
    const role = checkRole("RecipientRole", args.int("RecipientRole"));
    const notifications = checkNotifications("RecipientEmailNotifications", args.int("RecipientEmailNotifications"));
    const deadline = args.has("RecipientDeadline") ? checkDate("RecipientDeadline", args.text("RecipientDeadline")) : undefined;
    const primary = args.bool("PrimaryDecisionMaker");

    if (args.has("RecipientName")) reviewer.name = args.text("RecipientName") ?? "";
    if (args.has("RecipientPosition")) reviewer.position = args.text("RecipientPosition") ?? "";
    if (deadline !== undefined) reviewer.deadline = deadline;
    if (role !== undefined) reviewer.role = role;
    if (notifications !== undefined) reviewer.emailNotifications = notifications;
    if (primary === true) makePrimary(call.store.reviewersOf(proof.id), reviewer);
    if (primary === false) reviewer.primaryDecisionMaker = false;
    if (decision !== undefined) decide(call, proof, reviewer, decision);
    recompute(call, proof);
    return recipientView(call.store, reviewer, call.baseUrl);
  },

  deleteProofReviewer(call) {
    const { reviewer, proof } = ownReviewer(call, call.args.requiredInt("ReviewerID"));
    call.store.reviewers = call.store.reviewers.filter((r) => r.id !== reviewer.id);
    recompute(call, proof);
    return true;
  },

  getProofComments(call) {
    const proof = ownProof(call, call.args.requiredInt("FileID"));
    return call.store
      .commentsOf(proof.id)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)
      .map((c) => commentView(c, call.baseUrl));
  },
};
