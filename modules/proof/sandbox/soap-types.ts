/**
 * The SOAP types the sandbox implements, as data: the WSDL of each version is rendered from this, and
 * the responses are encoded through that WSDL, so a member can only appear where its WSDL declares it.
 * `since` is the version tag from the reference (B2/B6); a member or type with one exists on the
 * versioned (16.24.0) surface only. Members without a tag are on both.
 */

export type XsdType = "xsd:string" | "xsd:int" | "xsd:boolean";
export type TypeRef = XsdType | `tns:${string}`;

export interface MemberSpec {
  name: string;
  type: TypeRef;
  since?: string;
  /** Required in requests (minOccurs 1); every other member is optional. */
  required?: boolean;
  /** May be xsi:nil. */
  nullable?: boolean;
}

export type TypeSpec = { kind: "struct"; name: string; since?: string; members: MemberSpec[] } | { kind: "array"; name: string; since?: string; item: TypeRef };

const text = (name: string, extra: Partial<MemberSpec> = {}): MemberSpec => ({ name, type: "xsd:string", ...extra });
const int = (name: string, extra: Partial<MemberSpec> = {}): MemberSpec => ({ name, type: "xsd:int", ...extra });
const bool = (name: string, extra: Partial<MemberSpec> = {}): MemberSpec => ({ name, type: "xsd:boolean", ...extra });
const array = (name: string, item: TypeRef, since?: string): TypeSpec => ({ kind: "array", name, item, ...(since === undefined ? {} : { since }) });

/** The proof-setting booleans, shared by SOAPLoginObject (as default_*) and SOAPFileSettingsObject. */
export const SETTING_NAMES = [
  "authorized_only",
  "enable_subscriptions",
  "validate_subscriptions",
  "auto_lock",
  "lock_after_first_decision",
  "enable_download",
  "enable_team_url",
  "enable_embed_player",
] as const;

/** SOAPFileObject's members; SOAPWorkflowProofObject has the same with `proof_id` as its key (reference B6). */
function proofMembers(key: "file_id" | "proof_id"): MemberSpec[] {
  return [
    int(key),
    text("type"),
    text("filename"),
    text("sourcename", { since: "15.17" }),
    text("filesize"),
    int("version"),
    int("versions"),
    text("upload_time"),
    int("uploader_id"),
    text("uploader"),
    int("owner_id"),
    text("owner"),
    text("owner_email", { since: "18.2" }),
    text("deadline"),
    int("workspace_id"),
    text("workspace_name"),
    int("workflow_template_id", { since: "16.7" }),
    text("status"),
    text("decision"),
    text("team_url"),
    { name: "settings", type: "tns:SOAPFileSettingsObject" },
    text("custom_link_url"),
    text("custom_link_label"),
    text("menus_links"),
    text("swf"),
    text("decision_reasons"),
    int("parent_file_id"),
    int("automated_workflow", { since: "13.17" }),
    { name: "stages", type: "tns:SOAPProofStageObjectArray", since: "13.17" },
    { name: "progress", type: "tns:SOAPProgressObject", since: "13.17" },
    int("last_decision_change_date", { nullable: true }),
    text("token"),
    int("pages"),
    text("reference_id"),
  ];
}

export const SOAP_TYPES: TypeSpec[] = [
  {
    kind: "struct",
    name: "SOAPLoginObject",
    members: [
      text("session"),
      int("user_id"),
      text("user_name"),
      text("user_email"),
      int("organisation_id"),
      text("organisation_name"),
      int("limit_storage"),
      int("limit_proofs"),
      int("max_file_size"),
      text("default_subject"),
      text("default_message"),
      text("default_upload_host"),
      int("default_email_notifications"),
      ...SETTING_NAMES.map((name) => bool(`default_${name}`)),
      text("domain"),
      bool("can_create_folder"),
      bool("can_create_private_folder"),
    ],
  },
  { kind: "struct", name: "SOAPFileSettingsObject", members: SETTING_NAMES.map((name) => bool(name)) },
  { kind: "struct", name: "SOAPProgressObject", since: "13.17", members: [int("sent"), int("opened"), int("comment_made"), int("decision_made")] },
  {
    kind: "struct",
    name: "SOAPProofStageObject",
    since: "13.17",
    members: [
      int("file_id"),
      int("stage_id"),
      text("name"),
      { name: "progress", type: "tns:SOAPProgressObject" },
      text("deadline_date"),
      int("start_trigger"),
      int("start_dependent_stage_id"),
      text("start_dependent_date"),
      bool("stage_locking"),
      int("stage_primary_decision_maker_recipient_id"),
      bool("stage_one_decision_only"),
      bool("stage_private"),
      int("comments_count"),
      int("recipients_count"),
      text("decision"),
      text("stage_start_date"),
      text("last_status_change_date"),
      text("deadline_calculate_on"),
      bool("active"),
    ],
  },
  array("SOAPProofStageObjectArray", "tns:SOAPProofStageObject", "13.17"),
  { kind: "struct", name: "SOAPFileObject", members: proofMembers("file_id") },
  array("SOAPFileObjectArray", "tns:SOAPFileObject"),
  { kind: "struct", name: "SOAPWorkflowProofObject", since: "13.17", members: proofMembers("proof_id") },
  array("SOAPWorkflowProofObjectArray", "tns:SOAPWorkflowProofObject", "13.17"),
  {
    kind: "struct",
    name: "SOAPRecipientObject",
    members: [
      int("id"),
      int("file_id"),
      text("name"),
      text("email"),
      text("position"),
      int("role"),
      text("proof_url"),
      text("dowload_url"), // sic: the real member is misspelt (reference B6)
      text("decision"),
      text("deadline"),
      int("email_notifications"),
      int("replies_count"),
      int("comments_count"),
      text("primary_decision_maker"),
      text("decision_reasons"),
      int("stage_id", { since: "13.17" }),
      { name: "progress", type: "tns:SOAPProgressObject", since: "13.17" },
      int("wf_decision", { since: "18.2", nullable: true }),
    ],
  },
  array("SOAPRecipientObjectArray", "tns:SOAPRecipientObject"),
  {
    kind: "struct",
    name: "SOAPFileRecipientObject",
    members: [text("name"), text("email", { required: true }), int("role"), int("notifications"), text("deadline"), text("position"), bool("primary_decision_maker")],
  },
  array("SOAPFileRecipientObjectArray", "tns:SOAPFileRecipientObject"),
  {
    kind: "struct",
    name: "SOAPWorkflowProofAddRecipientRequestObject",
    since: "13.17",
    members: [text("email", { required: true }), int("role"), int("email_notification"), text("name"), text("position"), bool("primary_decision_maker"), int("stage_id")],
  },
  array("SOAPWorkflowProofAddRecipientRequestObjectArray", "tns:SOAPWorkflowProofAddRecipientRequestObject", "13.17"),
  {
    // [SILENT] in the reference: our choice, named after SOAPProofStageObject's members.
    kind: "struct",
    name: "SOAPWorkflowProofStageRequestObject",
    since: "13.17",
    members: [
      text("name", { required: true }),
      text("deadline"),
      int("start_trigger"),
      bool("stage_locking"),
      { name: "recipients", type: "tns:SOAPWorkflowProofAddRecipientRequestObjectArray" },
    ],
  },
  array("SOAPWorkflowProofStageRequestObjectArray", "tns:SOAPWorkflowProofStageRequestObject", "13.17"),
  {
    kind: "struct",
    name: "SOAPWorkspaceObject",
    members: [int("id"), text("name"), bool("root_level"), text("description"), text("client"), text("project"), bool("personal"), int("parent_workspace_id"), int("owner_id")],
  },
  array("SOAPWorkspaceObjectArray", "tns:SOAPWorkspaceObject"),
  { kind: "struct", name: "SOAPCommentReplyObject", members: [int("id"), int("comment_id"), int("reviewer_id"), text("author"), text("reply"), text("created_at")] },
  array("SOAPCommentReplyObjectArray", "tns:SOAPCommentReplyObject"),
  array("StringArray", "xsd:string"),
  {
    kind: "struct",
    name: "SOAPCommentObject",
    members: [
      int("id"),
      int("reviewer_id"),
      text("author"),
      text("comment"),
      text("created_at"),
      int("replies_count"),
      { name: "replies", type: "tns:SOAPCommentReplyObjectArray" },
      text("url"),
      text("drawing_xml"),
      text("location"),
      { name: "attachments", type: "tns:StringArray" },
    ],
  },
  array("SOAPCommentObjectArray", "tns:SOAPCommentObject"),
  { kind: "struct", name: "SOAPCallbackObject", members: [text("type"), text("url"), int("interval"), text("proof_name")] },
  array("SOAPCallbackObjectArray", "tns:SOAPCallbackObject"),
];
