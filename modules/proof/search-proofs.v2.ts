import { defineModule } from "@/lib/modules/define";
import { PROOF_API_16_24_0 } from "./api";
import { searchProofs, searchProofsFields } from "./list-proofs";
import { proofOutput } from "./outputs";
import { sameFieldsUpgrade } from "./versions";

export default defineModule({
  key: "proof:searchProofs",
  version: 2,
  kind: "search",
  title: "Search proofs by name",
  description: "Proofs whose name contains (or is) the text, ignoring case; one bundle per proof (Proof API 16.24.0, with workflow stages).",
  connection: "proof@1|proof@2",
  fields: searchProofsFields,
  output: proofOutput.v2,
  upgradeFrom: sameFieldsUpgrade("the source file name, owner e-mail, workflow template, workflow stages and progress of each proof"),
  run: (ctx) => searchProofs(ctx, PROOF_API_16_24_0, ctx.values),
});
