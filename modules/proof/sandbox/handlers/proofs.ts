import { archive, removeProof, setLocked } from "../actions";
import { faults } from "../faults";
import type { Proof } from "../model";
import { proofView, reviewUrl } from "../views";
import { fileIdFromText, ownProof } from "./access";
import type { SessionCallContext, SessionHandler } from "./types";

/** [SILENT] paging: StartFrom is a 0-based offset; ItemsPerPage defaults to 50 and is capped at 500. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Proofs of the account on the dashboard: not archived, not in the trash; newest first. */
function listed(call: SessionCallContext): Proof[] {
  return call.store.proofs
    .filter((p) => p.accountId === call.user.accountId && !p.trashed && !p.archived)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
}

function isClosed(proof: Proof): boolean {
  return proof.locked || proof.decision !== "pending";
}

function page(call: SessionCallContext, proofs: Proof[]) {
  const start = call.args.int("StartFrom") ?? 0;
  const size = call.args.int("ItemsPerPage") ?? DEFAULT_PAGE_SIZE;
  if (start < 0) throw faults.invalidParameter("StartFrom", "must be 0 or more");
  if (size < 1) throw faults.invalidParameter("ItemsPerPage", "must be 1 or more");
  return proofs.slice(start, start + Math.min(size, MAX_PAGE_SIZE)).map((p) => proofView(call.store, p, call.baseUrl));
}

/** SearchQuery: part of the name, ignoring case ([SILENT]: our reading). */
function matching(call: SessionCallContext, proofs: Proof[]): Proof[] {
  const query = call.args.text("SearchQuery")?.toLowerCase();
  return query === undefined ? proofs : proofs.filter((p) => p.name.toLowerCase().includes(query));
}

export const proofHandlers: Record<string, SessionHandler> = {
  getProofDetails: (call) => proofView(call.store, ownProof(call, call.args.requiredInt("FileID")), call.baseUrl),
  getAllProofs: (call) => page(call, matching(call, listed(call))),
  getOpenProofs: (call) => page(call, matching(call, listed(call)).filter((p) => !isClosed(p))),
  getClosedProofs: (call) => page(call, matching(call, listed(call)).filter(isClosed)),

  searchByProofName(call) {
    const name = call.args.requiredText("ProofName").toLowerCase();
    const exact = call.args.bool("ExactMatch") ?? false;
    return page(call, listed(call).filter((p) => (exact ? p.name.toLowerCase() === name : p.name.toLowerCase().includes(name))));
  },

  getProofURL: (call) => reviewUrl(call.baseUrl, ownProof(call, call.args.requiredInt("FileID")).id),

  lockProof(call) {
    setLocked(call, ownProof(call, call.args.requiredInt("FileID")), true);
    return true;
  },

  unlockProof(call) {
    setLocked(call, ownProof(call, call.args.requiredInt("FileID")), false);
    return true;
  },

  archiveProof(call) {
    archive(call, ownProof(call, call.args.requiredInt("FileID")));
    return true;
  },

  deleteProof(call) {
    const proof = ownProof(call, fileIdFromText(call));
    const permanent = call.args.bool("Permanent") ?? false;
    const targets = call.args.bool("AllVersions") === true ? call.store.versionChain(proof).filter((p) => !p.trashed || permanent) : [proof];
    for (const target of targets) removeProof(call, target, permanent);
    return true;
  },
};
