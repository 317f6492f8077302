import { defineModule } from "@/lib/modules/define";
import { DataError } from "@/lib/modules/errors";
import { PROOF_API_12_1 } from "./api";
import { proofCall } from "./client";
import { proofIdField } from "./fields";

/** Stays v1 on the 12.1 API: the versioned API does not change what it takes or answers. */
export default defineModule({
  key: "proof:getProofUrl",
  version: 1,
  kind: "action",
  title: "Get the proof URL",
  description: "The proof's team URL (reviewers' personal URLs come with List reviewers).",
  connection: "proof@1|proof@2",
  fields: [proofIdField],
  output: [
    { name: "file_id", label: "Proof ID", type: "number" },
    { name: "url", label: "Team URL", type: "text" },
  ],
  async run(ctx) {
    const url = await proofCall(ctx, PROOF_API_12_1, "getProofURL", { FileID: ctx.values.proofId });
    if (typeof url !== "string") throw new DataError("Workfront Proof answered getProofURL without a URL.");
    return [{ file_id: ctx.values.proofId, url }];
  },
});
