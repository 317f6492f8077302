import type { SoapValue } from "@/lib/soap";
import { formatDateTime, formatMinute } from "./callbacks";
import { stageDecision, stageIsOpen, workflowDecisionNumber } from "./decisions";
import { SETTING_NAMES } from "./soap-types";
import type { CallbackRegistration, Comment, Proof, Reviewer, Session, Stage, User, Workspace } from "./model";
import type { ProofSandboxStore } from "./store";

/**
 * Records as the SOAP objects of reference B6, with every member of the newest surface. Responses are
 * encoded through the WSDL of the surface asked, so on 12.1 the newer members simply drop out.
 */

type SoapObject = { [key: string]: SoapValue };

export function reviewUrl(baseUrl: string, proofId: number, reviewerToken?: string): string {
  return `${baseUrl}/review/${proofId}${reviewerToken === undefined ? "" : `?r=${reviewerToken}`}`;
}

export function loginView(user: User, session: Session, store: ProofSandboxStore, baseUrl: string): SoapObject {
  const account = store.accounts.find((a) => a.id === user.accountId);
  const defaults = Object.fromEntries(SETTING_NAMES.map((name) => [`default_${name}`, name === "enable_team_url" || name === "enable_download"]));
  return {
    session: session.key,
    user_id: user.id,
    user_name: user.name,
    user_email: user.email,
    organisation_id: account?.id ?? 0,
    organisation_name: account?.name ?? "",
    limit_storage: 10_240,
    limit_proofs: 0,
    max_file_size: 50,
    default_subject: "Please review",
    default_message: "Please review the attached proof.",
    // [SILENT]: where to upload. The sandbox's own base URL, so clients can find its upload.php.
    default_upload_host: baseUrl,
    default_email_notifications: 1,
    ...defaults,
    domain: account?.domain ?? "",
    can_create_folder: true,
    can_create_private_folder: true,
  };
}

export function proofView(store: ProofSandboxStore, proof: Proof, baseUrl: string, key: "file_id" | "proof_id" = "file_id"): SoapObject {
  const owner = store.user(proof.ownerId);
  const uploader = store.user(proof.uploaderId);
  const workspace = store.workspaces.find((w) => w.id === proof.workspaceId);
  const reviewers = store.reviewersOf(proof.id);
  return {
    [key]: proof.id,
    type: "proof",
    filename: proof.name,
    sourcename: proof.sourceName,
    filesize: String(proof.fileSizeKb),
    version: proof.version,
    versions: store.versionChain(proof).length,
    upload_time: formatMinute(proof.createdAt),
    uploader_id: proof.uploaderId,
    uploader: uploader?.name ?? "",
    owner_id: proof.ownerId,
    owner: owner?.name ?? "",
    owner_email: owner?.email ?? "",
    deadline: proof.deadline,
    workspace_id: proof.workspaceId,
    workspace_name: workspace?.name ?? "",
    workflow_template_id: 0,
    status: proof.locked ? "locked" : "unlocked",
    decision: proof.decision,
    team_url: reviewUrl(baseUrl, proof.id),
    settings: { ...proof.settings },
    custom_link_url: proof.customLinkUrl,
    custom_link_label: proof.customLinkLabel,
    menus_links: "",
    swf: "",
    decision_reasons: "",
    parent_file_id: proof.parentId,
    automated_workflow: proof.workflow ? 1 : 0,
    stages: proof.stages.map((stage, index) => stageView(store, proof, stage, index)),
    progress: progressOf(store, reviewers),
    last_decision_change_date: proof.lastDecisionChange === null ? null : Math.floor(proof.lastDecisionChange.getTime() / 1000),
    token: proof.token,
    pages: proof.pages,
    reference_id: proof.referenceId,
  };
}

function stageView(store: ProofSandboxStore, proof: Proof, stage: Stage, index: number): SoapObject {
  const reviewers = store.reviewersOf(proof.id);
  const members = reviewers.filter((r) => r.stageId === stage.id);
  const previous = proof.stages[index - 1];
  return {
    file_id: proof.id,
    stage_id: stage.id,
    name: stage.name,
    progress: progressOf(store, members),
    deadline_date: stage.deadline,
    start_trigger: stage.startTrigger,
    start_dependent_stage_id: stage.startTrigger === 2 && previous !== undefined ? previous.id : 0,
    start_dependent_date: "",
    stage_locking: stage.locking,
    stage_primary_decision_maker_recipient_id: members.find((r) => r.primaryDecisionMaker)?.id ?? 0,
    stage_one_decision_only: false,
    stage_private: false,
    comments_count: store.comments.filter((c) => members.some((r) => r.id === c.reviewerId)).length,
    recipients_count: members.length,
    decision: stageDecision(stage, reviewers),
    stage_start_date: stage.startedAt === null ? "" : formatMinute(stage.startedAt),
    last_status_change_date: formatMinute(stage.lastStatusChange),
    deadline_calculate_on: "",
    active: stageIsOpen(stage, reviewers),
  };
}

/** Counts of reviewers sent, opened, commented, decided ([SILENT] types: our choice, ints). */
function progressOf(store: ProofSandboxStore, reviewers: readonly Reviewer[]): SoapObject {
  return {
    sent: reviewers.length,
    opened: reviewers.filter((r) => r.opened).length,
    comment_made: reviewers.filter((r) => store.comments.some((c) => c.reviewerId === r.id)).length,
    decision_made: reviewers.filter((r) => r.decision !== "pending").length,
  };
}

export function recipientView(store: ProofSandboxStore, reviewer: Reviewer, baseUrl: string): SoapObject {
  const proof = store.proof(reviewer.proofId);
  return {
    id: reviewer.id,
    file_id: reviewer.proofId,
    name: reviewer.name,
    email: reviewer.email,
    position: reviewer.position,
    role: reviewer.role,
    proof_url: reviewUrl(baseUrl, reviewer.proofId, reviewer.token),
    dowload_url: "",
    decision: reviewer.decision,
    deadline: reviewer.deadline,
    email_notifications: reviewer.emailNotifications,
    replies_count: 0,
    comments_count: store.comments.filter((c) => c.reviewerId === reviewer.id).length,
    primary_decision_maker: reviewer.primaryDecisionMaker ? "true" : "false",
    decision_reasons: "",
    stage_id: reviewer.stageId,
    progress: progressOf(store, [reviewer]),
    wf_decision: proof?.workflow === true ? workflowDecisionNumber(reviewer.decision) : null,
  };
}

export function commentView(comment: Comment, baseUrl: string): SoapObject {
  return {
    id: comment.id,
    reviewer_id: comment.reviewerId,
    author: comment.author,
    comment: comment.text,
    created_at: formatDateTime(comment.createdAt),
    replies_count: 0,
    replies: [],
    url: `${reviewUrl(baseUrl, comment.proofId)}#comment-${comment.id}`,
    drawing_xml: "",
    location: comment.location,
    attachments: [],
  };
}

export function workspaceView(workspace: Workspace): SoapObject {
  return {
    id: workspace.id,
    name: workspace.name,
    root_level: workspace.parentId === 0,
    description: workspace.description,
    client: workspace.client,
    project: workspace.project,
    personal: workspace.personal,
    parent_workspace_id: workspace.parentId,
    owner_id: workspace.ownerId,
  };
}

export function callbackView(registration: CallbackRegistration, proof: Proof): SoapObject {
  return { type: registration.type, url: registration.url, interval: registration.interval, proof_name: proof.name };
}
