import { defineModule } from "@/lib/modules/define";
import { PROOF_API_12_1 } from "./api";
import { recipientOutput } from "./outputs";
import { addReviewerFields, addReviewer } from "./reviewers";
import { V1_DEPRECATION } from "./versions";

export default defineModule({
  key: "proof:addReviewer",
  version: 1,
  kind: "action",
  title: "Add a reviewer",
  description: "Adds a person to a proof with a role; outputs the reviewer, with their personal proof URL (Proof API 12.1).",
  connection: "proof@1|proof@2",
  deprecated: V1_DEPRECATION,
  fields: addReviewerFields,
  output: recipientOutput.v1,
  run: (ctx) => addReviewer(ctx, PROOF_API_12_1, ctx.values),
});
