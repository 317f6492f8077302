import { defineModule } from "@/lib/modules/define";
import { PROOF_API_12_1 } from "./api";
import { proofCall } from "./client";
import { workspaceOutput } from "./outputs";
import { record } from "./records";

/** Stays v1 on the 12.1 API: the versioned API does not change what it takes or answers. */
export default defineModule({
  key: "proof:createWorkspace",
  version: 1,
  kind: "action",
  title: "Create a workspace",
  description: "Creates a workspace (folder), at the root or inside another.",
  connection: "proof@1|proof@2",
  fields: [
    { name: "name", label: "Name", type: "text", required: true },
    { name: "parentWorkspaceId", label: "Parent workspace ID", type: "number", integer: true, min: 0, help: "Empty or 0: at the root." },
    { name: "description", label: "Description", type: "text", multiline: true },
    { name: "client", label: "Client", type: "text" },
    { name: "project", label: "Project", type: "text" },
    { name: "personal", label: "Personal (only you see it)", type: "boolean", default: false },
    { name: "ownerId", label: "Owner ID", type: "number", integer: true, min: 0, help: "Empty or 0: you." },
  ],
  output: workspaceOutput,
  async run(ctx) {
    const v = ctx.values;
    const result = await proofCall(ctx, PROOF_API_12_1, "createWorkspace", {
      ParentWorkspaceID: v.parentWorkspaceId,
      Name: v.name,
      Description: v.description,
      Client: v.client,
      Project: v.project,
      Personal: v.personal,
      OwnerID: v.ownerId,
    });
    return [record(result, "createWorkspace")];
  },
});
