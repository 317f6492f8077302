import type { MigrationResult, ModuleSnapshot } from "@/lib/modules/define";
import { DEFAULT_STAGE_NAME, splitEmails } from "./workflow";

/**
 * proof:createProof v1 → v2, pure. v1 made a plain proof with the recipients as one e-mail string;
 * v2 makes a workflow proof whose recipients are objects in stages. The v1 recipients become a first
 * stage ("Review"): typed addresses become recipient objects in stage 1; a mapped string ({{…}}) cannot
 * be split before the run, so it moves to `recipientEmails`, which v2 splits at run time into stage 1.
 * Nothing is renamed in the output (v2 outputs every v1 member, keyed file_id). Unknown keys are kept.
 */
const isTemplate = (value: unknown): value is string => typeof value === "string" && value.includes("{{");
const isSet = (value: unknown) => value !== undefined && value !== null && value !== "";

const ROLE_NAMES: Record<string, string> = { "1": "read only", "3": "reviewer", "4": "approver", "5": "reviewer & approver", "6": "author", "7": "moderator" };

export function migrateCreateProofV1(old: ModuleSnapshot): MigrationResult {
  const { recipients, deadline, lockAfterFirstDecision, enableAutoLock, enableDownload, ...rest } = old.mapper;
  const mapper: Record<string, unknown> = { ...rest };
  const notes: string[] = [];
  const stage: Record<string, unknown> = { name: DEFAULT_STAGE_NAME };

  const role = old.mapper.defaultRole;
  const roleText = isTemplate(role) ? "the mapped “Recipients' role”" : isSet(role) ? `“${ROLE_NAMES[String(role)] ?? String(role)}”, from “Recipients' role”` : "reviewer & approver, the default";
  notes.push(`Version 2 creates a workflow proof: the recipients now review in a first stage named “${DEFAULT_STAGE_NAME}”. Check the stage name, and the recipients' role (${roleText}).`);

  if (isTemplate(recipients) || (isSet(recipients) && typeof recipients !== "string")) {
    mapper.recipientEmails = recipients;
    notes.push("The recipients were mapped, so they cannot be split before the run: they moved to “More recipients (e-mail addresses)”, which puts everyone in the first stage with the default role. To give people their own role or stage, list them under “Recipients”.");
  } else if (typeof recipients === "string" && recipients.trim() !== "") {
    mapper.recipients = splitEmails(recipients).map((email) => ({ email, stage: 1 }));
  }

  if (isSet(deadline)) {
    stage.deadline = deadline;
    notes.push("The proof's deadline is now the first stage's deadline.");
  }
  if (enableAutoLock === true || isTemplate(enableAutoLock)) {
    stage.stageLocking = enableAutoLock;
    notes.push("“Lock the proof when its decision is final” became the stage's “Close the stage to decisions once it is decided”: the stage takes no more decisions, but the proof is not locked. Add “Lock a proof” after this module if it must be.");
  }
  if (lockAfterFirstDecision === true || isTemplate(lockAfterFirstDecision)) {
    notes.push("“Lock the proof after the first decision” does not exist for workflow proofs and was dropped. Use “Close the stage to decisions once it is decided”, or lock the proof with “Lock a proof”.");
  }
  if (isSet(enableDownload)) {
    notes.push("“Allow the original file to be downloaded” cannot be set when creating a workflow proof and was dropped: the account's default applies.");
  }
  mapper.stages = [stage];

  return { params: { ...old.params }, mapper, renamedOutputs: {}, notes };
}
