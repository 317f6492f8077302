import { defineModule } from "@/lib/modules/define";
import { PROOF_API_16_24_0 } from "./api";
import { listProofsFields, listProofs } from "./list-proofs";
import { proofOutput } from "./outputs";
import { sameFieldsUpgrade } from "./versions";

export default defineModule({
  key: "proof:listProofs",
  version: 2,
  kind: "search",
  title: "List proofs",
  description: "Open, closed or all proofs, newest first, read page by page; one bundle per proof (Proof API 16.24.0, with workflow stages).",
  connection: "proof@1|proof@2",
  fields: listProofsFields,
  output: proofOutput.v2,
  upgradeFrom: sameFieldsUpgrade("the source file name, owner e-mail, workflow template, workflow stages and progress of each proof"),
  run: (ctx) => listProofs(ctx, PROOF_API_16_24_0, ctx.values),
});
