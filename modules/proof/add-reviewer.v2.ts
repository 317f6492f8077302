import { defineModule } from "@/lib/modules/define";
import { PROOF_API_16_24_0 } from "./api";
import { recipientOutput } from "./outputs";
import { addReviewerFields, addReviewer } from "./reviewers";
import { sameFieldsUpgrade } from "./versions";

export default defineModule({
  key: "proof:addReviewer",
  version: 2,
  kind: "action",
  title: "Add a reviewer",
  description: "Adds a person to a proof with a role; outputs the reviewer, with their personal proof URL (Proof API 16.24.0, with the reviewer's stage and workflow decision).",
  connection: "proof@1|proof@2",
  fields: addReviewerFields,
  output: recipientOutput.v2,
  upgradeFrom: sameFieldsUpgrade("each reviewer's stage ID, progress and workflow decision (wf_decision)"),
  run: (ctx) => addReviewer(ctx, PROOF_API_16_24_0, ctx.values),
});
