import { defineModule } from "@/lib/modules/define";
import { PROOF_API_16_24_0 } from "./api";
import { proofCall } from "./client";
import { proofIdField } from "./fields";
import { proofOutput } from "./outputs";
import { record } from "./records";
import { sameFieldsUpgrade } from "./versions";

export default defineModule({
  key: "proof:getProof",
  version: 2,
  kind: "action",
  title: "Get a proof",
  description: "Reads one proof, with its workflow stages, progress and owner e-mail (Proof API 16.24.0).",
  connection: "proof@1|proof@2",
  fields: [proofIdField],
  output: proofOutput.v2,
  upgradeFrom: sameFieldsUpgrade("the source file name, owner e-mail, workflow template, workflow stages and progress"),
  async run(ctx) {
    return [record(await proofCall(ctx, PROOF_API_16_24_0, "getProofDetails", { FileID: ctx.values.proofId }), "getProofDetails")];
  },
});
