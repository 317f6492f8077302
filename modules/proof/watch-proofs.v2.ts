import { defineModule } from "@/lib/modules/define";
import { PROOF_API_16_24_0 } from "./api";
import { proofOutput } from "./outputs";
import { watchProofs, watchProofsFields, watchProofsOutput } from "./watch-proofs";
import { sameFieldsUpgrade } from "./versions";

export default defineModule({
  key: "proof:watchProofs",
  version: 2,
  kind: "trigger",
  title: "Watch proofs",
  description: "Polls for new proofs, or for proofs whose decision or lock status changed (Proof API 16.24.0).",
  connection: "proof@1|proof@2",
  fields: watchProofsFields,
  output: watchProofsOutput(proofOutput.v2),
  upgradeFrom: sameFieldsUpgrade("the source file name, owner e-mail, workflow template, workflow stages and progress of each proof; the stored position is kept, so no proof is emitted twice"),
  run: (ctx) => watchProofs(ctx, PROOF_API_16_24_0),
});
