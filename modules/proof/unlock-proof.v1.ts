import { defineModule } from "@/lib/modules/define";
import { proofIdField } from "./fields";
import { proofActionOutput } from "./outputs";
import { proofAction } from "./proof-action";

/** Stays v1 on the 12.1 API: the versioned API does not change what it takes or answers. */
export default defineModule({
  key: "proof:unlockProof",
  version: 1,
  kind: "action",
  title: "Unlock a proof",
  description: "Unlocks a locked proof.",
  connection: "proof@1|proof@2",
  fields: [proofIdField],
  output: proofActionOutput,
  run: (ctx) => proofAction(ctx, "unlockProof", ctx.values.proofId),
});
