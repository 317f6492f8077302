import { defineModule } from "@/lib/modules/define";
import { PROOF_API_12_1 } from "./api";
import { recipientOutput } from "./outputs";
import { proofIdField } from "./fields";
import { listReviewers } from "./reviewers";
import { V1_DEPRECATION } from "./versions";

export default defineModule({
  key: "proof:listReviewers",
  version: 1,
  kind: "search",
  title: "List reviewers",
  description: "The reviewers of a proof with their decisions; one bundle per reviewer (Proof API 12.1).",
  connection: "proof@1|proof@2",
  deprecated: V1_DEPRECATION,
  fields: [proofIdField],
  output: recipientOutput.v1,
  run: (ctx) => listReviewers(ctx, PROOF_API_12_1, ctx.values),
});
