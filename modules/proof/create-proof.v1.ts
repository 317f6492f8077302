import { defineModule } from "@/lib/modules/define";
import { PROOF_API_12_1 } from "./api";
import { proofCall } from "./client";
import { proofArgs, proofDetailFields } from "./create-proof-fields";
import { proofOutput } from "./outputs";
import { record } from "./records";
import { resolveSource, sourceFields, sourceParam } from "./source";
import { V1_DEPRECATION } from "./versions";

/**
 * Create a proof on the 12.1 API: upload the file (or name a web page), then createProof with the
 * recipients as one e-mail string. Version 2 makes a workflow proof with stages instead.
 */
export default defineModule({
  key: "proof:createProof",
  version: 1,
  kind: "action",
  title: "Create a proof",
  description: "Creates a proof from a file (uploaded first) or a web page, and invites the recipients (Proof API 12.1).",
  connection: "proof@1|proof@2",
  deprecated: V1_DEPRECATION,
  fields: [sourceParam, ...sourceFields, ...proofDetailFields],
  output: proofOutput.v1,
  async run(ctx) {
    const source = await resolveSource(ctx, ctx.params.source, ctx.values);
    return [record(await proofCall(ctx, PROOF_API_12_1, "createProof", proofArgs(source, ctx.values)), "createProof")];
  },
});
