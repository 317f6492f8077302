import { defineModule } from "@/lib/modules/define";
import { PROOF_API_12_1 } from "./api";
import { proofCall } from "./client";
import { proofIdField } from "./fields";
import { commentOutput } from "./outputs";
import { records } from "./records";

/** Stays v1 on the 12.1 API: the versioned API does not change what it takes or answers. */
export default defineModule({
  key: "proof:listComments",
  version: 1,
  kind: "search",
  title: "List comments",
  description: "The comments on a proof, oldest first; one bundle per comment.",
  connection: "proof@1|proof@2",
  fields: [proofIdField],
  output: commentOutput,
  async run(ctx) {
    return records(await proofCall(ctx, PROOF_API_12_1, "getProofComments", { FileID: ctx.values.proofId }), "getProofComments");
  },
});
