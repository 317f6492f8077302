import { defineModule } from "@/lib/modules/define";
import { PROOF_API_12_1 } from "./api";
import { recipientOutput } from "./outputs";
import { updateDecisionFields, updateDecision } from "./reviewers";
import { V1_DEPRECATION } from "./versions";

export default defineModule({
  key: "proof:updateReviewerDecision",
  version: 1,
  kind: "action",
  title: "Update a reviewer's decision",
  description: "Records a reviewer's decision (pending, changes required, approved with changes, approved, not relevant) (Proof API 12.1).",
  connection: "proof@1|proof@2",
  deprecated: V1_DEPRECATION,
  fields: updateDecisionFields,
  output: recipientOutput.v1,
  run: (ctx) => updateDecision(ctx, PROOF_API_12_1, ctx.values),
});
