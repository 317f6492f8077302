import { defineModule } from "@/lib/modules/define";
import { PROOF_API_16_24_0 } from "./api";
import { recipientOutput } from "./outputs";
import { proofIdField } from "./fields";
import { listReviewers } from "./reviewers";
import { sameFieldsUpgrade } from "./versions";

export default defineModule({
  key: "proof:listReviewers",
  version: 2,
  kind: "search",
  title: "List reviewers",
  description: "The reviewers of a proof with their decisions; one bundle per reviewer (Proof API 16.24.0, with the reviewer's stage and workflow decision).",
  connection: "proof@1|proof@2",
  fields: [proofIdField],
  output: recipientOutput.v2,
  upgradeFrom: sameFieldsUpgrade("each reviewer's stage ID, progress and workflow decision (wf_decision)"),
  run: (ctx) => listReviewers(ctx, PROOF_API_16_24_0, ctx.values),
});
