import { defineModule } from "@/lib/modules/define";
import { proofIdField } from "./fields";
import { proofActionOutput } from "./outputs";
import { proofAction } from "./proof-action";

/** Stays v1 on the 12.1 API: the versioned API does not change what it takes or answers. */
export default defineModule({
  key: "proof:archiveProof",
  version: 1,
  kind: "action",
  title: "Archive a proof",
  description: "Archives a proof: it leaves the lists but can still be read.",
  connection: "proof@1|proof@2",
  fields: [proofIdField],
  output: proofActionOutput,
  run: (ctx) => proofAction(ctx, "archiveProof", ctx.values.proofId),
});
