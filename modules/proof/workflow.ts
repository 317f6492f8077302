import { DataError } from "@/lib/modules/errors";
import type { FieldSpec } from "@/lib/modules/field-spec";
import type { Bundle } from "@/lib/modules/json";
import type { SoapValue } from "@/lib/soap";
import { NOTIFICATION_OPTIONS, proofDate, ROLE_OPTIONS } from "./fields";

/**
 * Create a proof v2: a workflow proof (createWorkflowProof, 16.24.0). Stages run in order; recipients are
 * objects with an e-mail, a role and the stage (1-based) they review in. `recipientEmails` keeps the v1
 * habit of one mapped e-mail string: those people join the first stage with the default role, which is
 * where the v1 → v2 migration puts a mapped recipients string.
 */
export const DEFAULT_STAGE_NAME = "Review";

export const stagesField = {
  name: "stages",
  label: "Stages",
  type: "array",
  minItems: 1,
  default: [{ name: DEFAULT_STAGE_NAME }],
  items: {
    type: "collection",
    fields: [
      { name: "name", label: "Stage name", type: "text", required: true },
      { name: "deadline", label: "Deadline", type: "date", help: "Sent to Proof as YYYY-MM-DD hh:mm, in UTC." },
      {
        name: "startTrigger",
        label: "Starts",
        type: "select",
        options: [
          { value: "1", label: "When the proof is created" },
          { value: "2", label: "When the previous stage has a final decision" },
        ],
        help: "Default: the first stage with the proof, each later one after the previous stage.",
      },
      { name: "stageLocking", label: "Close the stage to decisions once it is decided", type: "boolean" },
    ],
  },
} as const satisfies FieldSpec;

export const workflowRecipientsField = {
  name: "recipients",
  label: "Recipients",
  type: "array",
  items: {
    type: "collection",
    fields: [
      { name: "email", label: "E-mail address", type: "text", required: true },
      { name: "name", label: "Name", type: "text" },
      { name: "role", label: "Role", type: "select", options: ROLE_OPTIONS, help: "Default: the default role below." },
      { name: "stage", label: "Stage", type: "number", integer: true, min: 1, default: 1, help: "Which stage (1 = the first)." },
      { name: "position", label: "Position", type: "text" },
      { name: "primaryDecisionMaker", label: "Primary decision maker of the stage", type: "boolean" },
      { name: "emailNotifications", label: "E-mail notifications", type: "select", options: NOTIFICATION_OPTIONS },
    ],
  },
} as const satisfies FieldSpec;

export const recipientEmailsField = {
  name: "recipientEmails",
  label: "More recipients (e-mail addresses)",
  type: "text",
  help: "Separated by commas, semicolons or spaces; they review in the first stage with the default role.",
} as const satisfies FieldSpec;

interface StageValue {
  name: string;
  deadline?: string;
  startTrigger?: string;
  stageLocking?: boolean;
}

interface RecipientValue {
  email: string;
  name?: string;
  role?: string;
  stage: number;
  position?: string;
  primaryDecisionMaker?: boolean;
  emailNotifications?: string;
}

export interface WorkflowValues {
  stages: ReadonlyArray<StageValue | null>;
  recipients?: ReadonlyArray<RecipientValue | null>;
  recipientEmails?: string;
  defaultRole: string;
}

/** The Stages parameter: SOAPWorkflowProofStageRequestObject items, each with its recipients. */
export function workflowStages(values: WorkflowValues): SoapValue[] {
  const stages = values.stages.map((stage, index) => {
    if (stage === null) throw new DataError(`Stage ${index + 1} is empty; give each stage a name or remove it.`);
    return {
      name: stage.name,
      ...(stage.deadline === undefined ? {} : { deadline: proofDate(stage.deadline) ?? "" }),
      ...(stage.startTrigger === undefined ? {} : { start_trigger: Number(stage.startTrigger) }),
      ...(stage.stageLocking === undefined ? {} : { stage_locking: stage.stageLocking }),
      recipients: [] as { [key: string]: SoapValue }[],
    };
  });
  const role = Number(values.defaultRole);
  (values.recipients ?? []).forEach((recipient, index) => {
    if (recipient === null) return;
    const stage = stages[recipient.stage - 1];
    if (stage === undefined) throw new DataError(`Recipient ${index + 1} (${recipient.email}) is in stage ${recipient.stage}, but there ${stages.length === 1 ? "is 1 stage" : `are ${stages.length} stages`}.`);
    stage.recipients.push({
      email: recipient.email.trim(),
      role: recipient.role === undefined ? role : Number(recipient.role),
      ...(recipient.name === undefined ? {} : { name: recipient.name }),
      ...(recipient.position === undefined ? {} : { position: recipient.position }),
      ...(recipient.primaryDecisionMaker === undefined ? {} : { primary_decision_maker: recipient.primaryDecisionMaker }),
      ...(recipient.emailNotifications === undefined ? {} : { email_notification: Number(recipient.emailNotifications) }),
    });
  });
  for (const email of splitEmails(values.recipientEmails)) stages[0].recipients.push({ email, role });
  return stages;
}

/** The v1 Recipients convention (reference B4): separated by spaces, ";" or ",". */
export function splitEmails(text: string | undefined): string[] {
  return (text ?? "").split(/[\s;,]+/).filter((e) => e !== "");
}

/** createWorkflowProof answers SOAPWorkflowProofObjects keyed `proof_id`; every other proof module says `file_id`. */
export function asFileRecord(proof: Bundle): Bundle {
  if (!("proof_id" in proof)) return proof;
  const { proof_id: id, ...rest } = proof;
  return { file_id: id, ...rest };
}
