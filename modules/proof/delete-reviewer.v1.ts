import { defineModule } from "@/lib/modules/define";
import { PROOF_API_12_1 } from "./api";
import { proofCall } from "./client";
import { reviewerIdField } from "./fields";

/** Stays v1 on the 12.1 API: the versioned API does not change what it takes or answers. */
export default defineModule({
  key: "proof:deleteReviewer",
  version: 1,
  kind: "action",
  title: "Delete a reviewer",
  description: "Removes a reviewer from their proof.",
  connection: "proof@1|proof@2",
  fields: [reviewerIdField],
  output: [
    { name: "reviewerId", label: "Reviewer ID", type: "number" },
    { name: "success", label: "Success", type: "boolean" },
  ],
  async run(ctx) {
    const result = await proofCall(ctx, PROOF_API_12_1, "deleteProofReviewer", { ReviewerID: ctx.values.reviewerId });
    return [{ reviewerId: ctx.values.reviewerId, success: result === true }];
  },
});
