import { defineModule } from "@/lib/modules/define";
import { PROOF_API_12_1 } from "./api";
import { proofCall } from "./client";
import { proofIdField } from "./fields";
import { proofOutput } from "./outputs";
import { record } from "./records";
import { V1_DEPRECATION } from "./versions";

export default defineModule({
  key: "proof:getProof",
  version: 1,
  kind: "action",
  title: "Get a proof",
  description: "Reads one proof: name, status, decision, owner, workspace, team URL (Proof API 12.1).",
  connection: "proof@1|proof@2",
  deprecated: V1_DEPRECATION,
  fields: [proofIdField],
  output: proofOutput.v1,
  async run(ctx) {
    return [record(await proofCall(ctx, PROOF_API_12_1, "getProofDetails", { FileID: ctx.values.proofId }), "getProofDetails")];
  },
});
