import type { Bundle } from "@/lib/modules/json";
import { PROOF_API_12_1 } from "./api";
import { proofCall, type ProofTarget } from "./client";

/** Lock, unlock, archive, delete: one method on one proof, answering a boolean. All on the 12.1 API. */
export async function proofAction(target: ProofTarget, operation: string, proofId: number, extra: Record<string, boolean | undefined> = {}): Promise<Bundle[]> {
  const result = await proofCall(target, PROOF_API_12_1, operation, { FileID: operation === "deleteProof" ? String(proofId) : proofId, ...extra });
  return [{ file_id: proofId, success: result === true }];
}
