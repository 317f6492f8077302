import { defineModule } from "@/lib/modules/define";
import { PROOF_API_12_1 } from "./api";
import { proofOutput } from "./outputs";
import { watchProofs, watchProofsFields, watchProofsOutput } from "./watch-proofs";
import { V1_DEPRECATION } from "./versions";

export default defineModule({
  key: "proof:watchProofs",
  version: 1,
  kind: "trigger",
  title: "Watch proofs",
  description: "Polls for new proofs, or for proofs whose decision or lock status changed (Proof API 12.1).",
  connection: "proof@1|proof@2",
  deprecated: V1_DEPRECATION,
  fields: watchProofsFields,
  output: watchProofsOutput(proofOutput.v1),
  run: (ctx) => watchProofs(ctx, PROOF_API_12_1),
});
