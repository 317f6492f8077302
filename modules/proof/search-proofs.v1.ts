import { defineModule } from "@/lib/modules/define";
import { PROOF_API_12_1 } from "./api";
import { searchProofs, searchProofsFields } from "./list-proofs";
import { proofOutput } from "./outputs";
import { V1_DEPRECATION } from "./versions";

export default defineModule({
  key: "proof:searchProofs",
  version: 1,
  kind: "search",
  title: "Search proofs by name",
  description: "Proofs whose name contains (or is) the text, ignoring case; one bundle per proof (Proof API 12.1).",
  connection: "proof@1|proof@2",
  deprecated: V1_DEPRECATION,
  fields: searchProofsFields,
  output: proofOutput.v1,
  run: (ctx) => searchProofs(ctx, PROOF_API_12_1, ctx.values),
});
