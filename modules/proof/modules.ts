import type { ModuleDefinition } from "@/lib/modules/define";
import createProofV1 from "./create-proof.v1";
import createProofV2 from "./create-proof.v2";
import createProofVersionV1 from "./create-proof-version.v1";
import createProofVersionV2 from "./create-proof-version.v2";
import getProofV1 from "./get-proof.v1";
import getProofV2 from "./get-proof.v2";
import listProofsV1 from "./list-proofs.v1";
import listProofsV2 from "./list-proofs.v2";
import searchProofsV1 from "./search-proofs.v1";
import searchProofsV2 from "./search-proofs.v2";
import addReviewerV1 from "./add-reviewer.v1";
import addReviewerV2 from "./add-reviewer.v2";
import listReviewersV1 from "./list-reviewers.v1";
import listReviewersV2 from "./list-reviewers.v2";
import updateReviewerDecisionV1 from "./update-reviewer-decision.v1";
import updateReviewerDecisionV2 from "./update-reviewer-decision.v2";
import deleteReviewerV1 from "./delete-reviewer.v1";
import getProofUrlV1 from "./get-proof-url.v1";
import listCommentsV1 from "./list-comments.v1";
import lockProofV1 from "./lock-proof.v1";
import unlockProofV1 from "./unlock-proof.v1";
import archiveProofV1 from "./archive-proof.v1";
import deleteProofV1 from "./delete-proof.v1";
import listWorkspacesV1 from "./list-workspaces.v1";
import createWorkspaceV1 from "./create-workspace.v1";
import watchProofsV1 from "./watch-proofs.v1";
import watchProofsV2 from "./watch-proofs.v2";
import watchDecisionsV1 from "./watch-decisions.v1";

/**
 * Every Proof module version (modules/index.ts spreads this into allModules). v1s speak the 12.1 API,
 * v2s the versioned 16.24.0 API; every version stays registered (docs/proof.md).
 */
export const proofModules: readonly ModuleDefinition[] = [
  createProofV1,
  createProofV2,
  createProofVersionV1,
  createProofVersionV2,
  getProofV1,
  getProofV2,
  listProofsV1,
  listProofsV2,
  searchProofsV1,
  searchProofsV2,
  addReviewerV1,
  addReviewerV2,
  listReviewersV1,
  listReviewersV2,
  updateReviewerDecisionV1,
  updateReviewerDecisionV2,
  deleteReviewerV1,
  getProofUrlV1,
  listCommentsV1,
  lockProofV1,
  unlockProofV1,
  archiveProofV1,
  deleteProofV1,
  listWorkspacesV1,
  createWorkspaceV1,
  watchProofsV1,
  watchProofsV2,
  watchDecisionsV1,
];
