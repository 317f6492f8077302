import { defineModule } from "@/lib/modules/define";
import { PROOF_API_12_1 } from "./api";
import { listProofsFields, listProofs } from "./list-proofs";
import { proofOutput } from "./outputs";
import { V1_DEPRECATION } from "./versions";

export default defineModule({
  key: "proof:listProofs",
  version: 1,
  kind: "search",
  title: "List proofs",
  description: "Open, closed or all proofs, newest first, read page by page; one bundle per proof (Proof API 12.1).",
  connection: "proof@1|proof@2",
  deprecated: V1_DEPRECATION,
  fields: listProofsFields,
  output: proofOutput.v1,
  run: (ctx) => listProofs(ctx, PROOF_API_12_1, ctx.values),
});
