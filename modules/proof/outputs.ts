import type { OutputField, OutputFieldType } from "@/lib/scenario/output-spec";
import { labelFor } from "@/lib/soap";

/**
 * Declared outputs: the SOAP objects of reference B6 as each API surface returns them. 12.1 lacks the
 * members tagged later than 12.1 (sourcename, owner_email, workflow_template_id, the workflow members;
 * a reviewer's stage_id, progress, wf_decision); 16.24.0 has them all.
 */
type Primitive = Exclude<OutputFieldType, "collection" | "array">;

const field = (name: string, type: Primitive, label = labelFor(name)): OutputField => ({ name, label, type });
const text = (name: string, label?: string) => field(name, "text", label);
const number = (name: string, label?: string) => field(name, "number", label);
const bool = (name: string, label?: string) => field(name, "boolean", label);

const progress: OutputField = {
  name: "progress",
  label: "Progress",
  type: "collection",
  spec: [number("sent", "Reviewers sent"), number("opened", "Reviewers who opened"), number("comment_made", "Reviewers who commented"), number("decision_made", "Reviewers who decided")],
};

const settings: OutputField = {
  name: "settings",
  label: "Settings",
  type: "collection",
  spec: ["authorized_only", "enable_subscriptions", "validate_subscriptions", "auto_lock", "lock_after_first_decision", "enable_download", "enable_team_url", "enable_embed_player"].map((n) => bool(n)),
};

const stages: OutputField = {
  name: "stages",
  label: "Stages",
  type: "array",
  spec: [
    number("file_id", "Proof ID"),
    number("stage_id", "Stage ID"),
    text("name"),
    progress,
    text("deadline_date"),
    number("start_trigger"),
    number("start_dependent_stage_id", "Start dependent stage ID"),
    text("start_dependent_date"),
    bool("stage_locking"),
    number("stage_primary_decision_maker_recipient_id", "Stage primary decision maker (reviewer ID)"),
    bool("stage_one_decision_only"),
    bool("stage_private"),
    number("comments_count"),
    number("recipients_count"),
    text("decision"),
    text("stage_start_date"),
    text("last_status_change_date"),
    text("deadline_calculate_on"),
    bool("active"),
  ],
};

const PROOF_12_1: OutputField[] = [
  number("file_id", "Proof ID"),
  text("type"),
  text("filename", "Proof name"),
  text("filesize", "File size (KB)"),
  number("version"),
  number("versions", "Number of versions"),
  text("upload_time", "Upload time (YYYY-MM-DD hh:mm)"),
  number("uploader_id", "Uploader ID"),
  text("uploader"),
  number("owner_id", "Owner ID"),
  text("owner"),
  text("deadline"),
  number("workspace_id", "Workspace ID"),
  text("workspace_name"),
  text("status", "Status (locked / unlocked)"),
  text("decision"),
  text("team_url", "Team URL"),
  settings,
  text("custom_link_url", "Custom link URL"),
  text("custom_link_label"),
  text("menus_links"),
  text("swf", "SWF"),
  text("decision_reasons"),
  number("parent_file_id", "Previous version's proof ID"),
  number("last_decision_change_date", "Last decision change (Unix time)"),
  text("token"),
  number("pages"),
  text("reference_id", "Reference ID"),
];

/** 16.24.0 members, in the WSDL's order around the 12.1 ones. */
const PROOF_16_24_0: OutputField[] = PROOF_12_1.flatMap((f): OutputField[] => {
  switch (f.name) {
    case "filename":
      return [f, text("sourcename", "Source file name")];
    case "owner":
      return [f, text("owner_email", "Owner e-mail")];
    case "workspace_name":
      return [f, number("workflow_template_id", "Workflow template ID")];
    case "parent_file_id":
      return [f, number("automated_workflow", "Automated workflow (1 = workflow proof)"), stages, progress];
    default:
      return [f];
  }
});

const RECIPIENT_12_1: OutputField[] = [
  number("id", "Reviewer ID"),
  number("file_id", "Proof ID"),
  text("name"),
  text("email", "E-mail"),
  text("position"),
  number("role", "Role (1 read only, 3 reviewer, 4 approver, 5 reviewer & approver, 6 author, 7 moderator)"),
  text("proof_url", "Personal proof URL"),
  text("dowload_url", "Download URL"),
  text("decision"),
  text("deadline"),
  number("email_notifications"),
  number("replies_count"),
  number("comments_count"),
  text("primary_decision_maker", "Primary decision maker (true / false)"),
  text("decision_reasons"),
];

const RECIPIENT_16_24_0: OutputField[] = [
  ...RECIPIENT_12_1,
  number("stage_id", "Stage ID"),
  progress,
  number("wf_decision", "Workflow decision (0 pending, 1 reject, 2 changes required, 3 approved, 4 not relevant)"),
];

export const proofOutput = { v1: PROOF_12_1, v2: PROOF_16_24_0 } as const;
export const recipientOutput = { v1: RECIPIENT_12_1, v2: RECIPIENT_16_24_0 } as const;

export const commentOutput: OutputField[] = [
  number("id", "Comment ID"),
  number("reviewer_id", "Reviewer ID"),
  text("author"),
  text("comment"),
  text("created_at", "Created at (YYYY-MM-DD hh:mm:ss)"),
  number("replies_count"),
  { name: "replies", label: "Replies", type: "array", spec: [number("id", "Reply ID"), number("comment_id", "Comment ID"), number("reviewer_id", "Reviewer ID"), text("author"), text("reply"), text("created_at")] },
  text("url", "URL"),
  text("drawing_xml", "Drawing XML"),
  text("location"),
  { name: "attachments", label: "Attachments", type: "array", of: "text" },
];

export const workspaceOutput: OutputField[] = [
  number("id", "Workspace ID"),
  text("name"),
  bool("root_level", "At the root"),
  text("description"),
  text("client"),
  text("project"),
  bool("personal"),
  number("parent_workspace_id", "Parent workspace ID"),
  number("owner_id", "Owner ID"),
];

/** What a Proof callback carries (the sandbox's format; the real one is [SILENT] in the reference). */
export const decisionEventOutput: OutputField[] = [
  text("type", "Event type"),
  number("file_id", "Proof ID"),
  text("proof_name"),
  text("timestamp", "Time (UTC, YYYY-MM-DD hh:mm:ss)"),
  number("reviewer_id", "Reviewer ID"),
  text("reviewer_name"),
  text("reviewer_email", "Reviewer e-mail"),
  text("decision"),
  number("decision_id", "Decision ID (0 pending … 4 not relevant)"),
  number("stage_id", "Stage ID"),
  text("stage_name"),
];

/** A proof's id as output by simple actions (lock, archive…): which proof, and whether Proof said it worked. */
export const proofActionOutput: OutputField[] = [number("file_id", "Proof ID"), bool("success")];
