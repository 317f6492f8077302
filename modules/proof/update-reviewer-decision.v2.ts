import { defineModule } from "@/lib/modules/define";
import { PROOF_API_16_24_0 } from "./api";
import { recipientOutput } from "./outputs";
import { updateDecisionFields, updateDecision } from "./reviewers";
import { sameFieldsUpgrade } from "./versions";

export default defineModule({
  key: "proof:updateReviewerDecision",
  version: 2,
  kind: "action",
  title: "Update a reviewer's decision",
  description: "Records a reviewer's decision (pending, changes required, approved with changes, approved, not relevant) (Proof API 16.24.0, with the reviewer's stage and workflow decision).",
  connection: "proof@1|proof@2",
  fields: updateDecisionFields,
  output: recipientOutput.v2,
  upgradeFrom: sameFieldsUpgrade("each reviewer's stage ID, progress and workflow decision (wf_decision)"),
  run: (ctx) => updateDecision(ctx, PROOF_API_16_24_0, ctx.values),
});
