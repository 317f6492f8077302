import { defineModule } from "@/lib/modules/define";
import { PROOF_API_16_24_0 } from "./api";
import { proofCall } from "./client";
import { proofArgs, proofDetailFields } from "./create-proof-fields";
import { proofOutput } from "./outputs";
import { record } from "./records";
import { resolveSource, sourceFields, sourceParam } from "./source";
import { sameFieldsUpgrade } from "./versions";

/** The next version of a proof: a new proof with its own id, chained to the latest version (reference B4). */
export default defineModule({
  key: "proof:createProofVersion",
  version: 2,
  kind: "action",
  title: "Create a proof version",
  description: "Adds a new version to a proof from a file or a web page; the reviewers carry over (Proof API 16.24.0).",
  connection: "proof@1|proof@2",
  fields: [
    sourceParam,
    { name: "parentProofId", label: "Latest version's proof ID", type: "number", integer: true, min: 1, required: true, help: "Each version is a proof with its own ID; give the newest one." },
    ...sourceFields,
    ...proofDetailFields,
  ],
  output: proofOutput.v2,
  upgradeFrom: sameFieldsUpgrade("the source file name, owner e-mail, workflow template, workflow stages and progress"),
  async run(ctx) {
    const source = await resolveSource(ctx, ctx.params.source, ctx.values);
    const args = { ParentFileID: ctx.values.parentProofId, ...proofArgs(source, ctx.values) };
    return [record(await proofCall(ctx, PROOF_API_16_24_0, "createProofVersion", args), "createProofVersion")];
  },
});
