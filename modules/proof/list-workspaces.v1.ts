import { defineModule } from "@/lib/modules/define";
import { PROOF_API_12_1 } from "./api";
import { proofCall } from "./client";
import { workspaceOutput } from "./outputs";
import { records } from "./records";

/** Stays v1 on the 12.1 API: the versioned API does not change what it takes or answers. */
export default defineModule({
  key: "proof:listWorkspaces",
  version: 1,
  kind: "search",
  title: "List workspaces",
  description: "The account's workspaces (folders) you can see; one bundle per workspace.",
  connection: "proof@1|proof@2",
  fields: [],
  output: workspaceOutput,
  async run(ctx) {
    return records(await proofCall(ctx, PROOF_API_12_1, "getWorkspaces"), "getWorkspaces");
  },
});
