import { defineModule } from "@/lib/modules/define";
import { DataError } from "@/lib/modules/errors";
import { PROOF_API_16_24_0 } from "./api";
import { proofCall } from "./client";
import { ROLE_OPTIONS } from "./fields";
import { migrateCreateProofV1 } from "./migrate-create-proof";
import { proofOutput } from "./outputs";
import { records } from "./records";
import { resolveSource, sourceFields, sourceParam } from "./source";
import { asFileRecord, recipientEmailsField, stagesField, workflowRecipientsField, workflowStages } from "./workflow";

/**
 * Create a proof on the versioned API (16.24.0): a workflow proof whose reviewers sit in stages
 * (createWorkflowProof). The output is the new proof with the newer members (stages, progress,
 * owner_email…), keyed file_id like every other proof module.
 */
export default defineModule({
  key: "proof:createProof",
  version: 2,
  kind: "action",
  title: "Create a proof",
  description: "Creates a workflow proof from a file (uploaded first) or a web page, with reviewers in stages (Proof API 16.24.0).",
  connection: "proof@1|proof@2",
  fields: [
    sourceParam,
    ...sourceFields,
    { name: "name", label: "Proof name", type: "text", required: true },
    stagesField,
    workflowRecipientsField,
    recipientEmailsField,
    { name: "defaultRole", label: "Default role", type: "select", default: "5", options: ROLE_OPTIONS, help: "For recipients given without a role." },
    { name: "subject", label: "E-mail subject", type: "text" },
    { name: "message", label: "E-mail message", type: "text", multiline: true },
    { name: "workspaceId", label: "Workspace ID", type: "number", integer: true, min: 0, help: "Empty or 0: no workspace." },
    { name: "ownerId", label: "Owner ID", type: "number", integer: true, min: 0, default: 0, help: "0: you." },
    { name: "referenceId", label: "Reference ID", type: "text" },
    { name: "suppressNotification", label: "Do not e-mail the recipients", type: "boolean" },
  ],
  output: proofOutput.v2,
  upgradeFrom: { version: 1, migrate: migrateCreateProofV1 },
  async run(ctx) {
    const v = ctx.values;
    const stages = workflowStages(v);
    const source = await resolveSource(ctx, ctx.params.source, v);
    const result = await proofCall(ctx, PROOF_API_16_24_0, "createWorkflowProof", {
      OwnerID: v.ownerId,
      Hash: source.hash,
      Name: v.name,
      SourceName: source.sourceName,
      Subject: v.subject,
      Message: v.message,
      Stages: stages,
      WorkspaceId: v.workspaceId,
      SuppressNewProofNotification: v.suppressNotification,
      ReferenceID: v.referenceId,
    });
    const [proof] = records(result, "createWorkflowProof");
    if (proof === undefined) throw new DataError("Workfront Proof answered createWorkflowProof without the new proof.");
    return [asFileRecord(proof)];
  },
});
