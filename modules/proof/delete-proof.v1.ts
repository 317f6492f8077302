import { defineModule } from "@/lib/modules/define";
import { proofIdField } from "./fields";
import { proofActionOutput } from "./outputs";
import { proofAction } from "./proof-action";

/** Stays v1 on the 12.1 API: the versioned API does not change what it takes or answers. */
export default defineModule({
  key: "proof:deleteProof",
  version: 1,
  kind: "action",
  title: "Delete a proof",
  description: "Moves a proof to the trash, or deletes it permanently; optionally all its versions.",
  connection: "proof@1|proof@2",
  fields: [
    proofIdField,
    { name: "permanent", label: "Delete permanently", type: "boolean", default: false, help: "Off: the proof goes to the trash." },
    { name: "allVersions", label: "All versions", type: "boolean", default: false },
  ],
  output: proofActionOutput,
  run: (ctx) => proofAction(ctx, "deleteProof", ctx.values.proofId, { Permanent: ctx.values.permanent, AllVersions: ctx.values.allVersions }),
});
