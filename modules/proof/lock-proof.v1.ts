import { defineModule } from "@/lib/modules/define";
import { proofIdField } from "./fields";
import { proofActionOutput } from "./outputs";
import { proofAction } from "./proof-action";

/** Stays v1 on the 12.1 API: the versioned API does not change what it takes or answers. */
export default defineModule({
  key: "proof:lockProof",
  version: 1,
  kind: "action",
  title: "Lock a proof",
  description: "Locks a proof: no more comments or decisions.",
  connection: "proof@1|proof@2",
  fields: [proofIdField],
  output: proofActionOutput,
  run: (ctx) => proofAction(ctx, "lockProof", ctx.values.proofId),
});
