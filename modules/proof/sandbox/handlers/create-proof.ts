import type { SoapValue } from "@/lib/soap";
import { recompute } from "../actions";
import { faults } from "../faults";
import type { Proof, ProofSettings, Stage } from "../model";
import { randomToken } from "../store";
import { proofView } from "../views";
import { checkDate, ownProof } from "./access";
import { addReviewer, checkNotifications, checkRole, DEFAULT_ROLE, reviewerFromStruct, splitRecipients } from "./reviewer-input";
import type { SessionHandler, SessionCallContext } from "./types";

/** The fields createProof, createProofVersion and createWorkflowProof share, checked. */
function baseProof(call: SessionCallContext, parent: Proof | null): Proof {
  const { args, store, user } = call;
  const ownerId = args.requiredInt("OwnerID");
  if (ownerId !== 0 && !store.users.some((u) => u.id === ownerId && u.accountId === user.accountId)) {
    throw faults.invalidParameter("OwnerID", "not a user of this account (0 means you)");
  }
  const hash = args.requiredText("Hash");
  const sourceName = args.requiredText("SourceName");
  let fileSizeKb = 0;
  if (hash === "web") {
    if (!sourceName.split(/\s+/).every((url) => /^https?:\/\/\S+$/.test(url))) throw faults.invalidParameter("SourceName", "a web proof needs URLs");
  } else {
    const upload = store.uploads.get(hash);
    if (upload === undefined) throw faults.invalidParameter("Hash", "no uploaded file has this hash");
    // The file type is taken from SourceName's extension (reference B4).
    if (!/\.[A-Za-z0-9]{1,8}$/.test(sourceName)) throw faults.invalidParameter("SourceName", "must include the file extension");
    fileSizeKb = Math.max(1, Math.ceil(upload.sizeBytes / 1024));
  }
  const workspaceId = args.int("WorkspaceId") ?? parent?.workspaceId ?? 0;
  if (workspaceId !== 0 && !store.workspaces.some((w) => w.id === workspaceId && w.accountId === user.accountId)) throw faults.invalidParameter("WorkspaceId", "no such workspace");
  if ((args.int("BatchID") ?? 0) !== 0) throw faults.invalidParameter("BatchID", "batches are not simulated by the sandbox");
  // Everything that can fault is read before an id is taken.
  const name = args.requiredText("Name");
  const deadline = checkDate("Deadline", args.text("Deadline"));
  const settings = settingsFrom(call);
  return {
    id: store.nextId("proof"),
    accountId: user.accountId,
    name,
    sourceName,
    hash,
    fileSizeKb,
    version: parent === null ? 1 : parent.version + 1,
    parentId: parent?.id ?? 0,
    uploaderId: user.id,
    ownerId: ownerId === 0 ? user.id : ownerId,
    createdAt: call.now(),
    deadline,
    workspaceId,
    subject: args.text("Subject") ?? "",
    message: args.text("Message") ?? "",
    locked: false,
    archived: false,
    trashed: false,
    settings,
    customLinkUrl: args.text("CustomLinkUrl") ?? "",
    customLinkLabel: args.text("CustomLinkLabel") ?? "",
    referenceId: args.text("ReferenceID") ?? "",
    workflow: false,
    stages: [],
    token: randomToken(20),
    pages: 1,
    decision: "pending",
    lastDecisionChange: null,
  };
}

function settingsFrom(call: SessionCallContext): ProofSettings {
  const flag = (name: string, fallback: boolean) => call.args.bool(name) ?? fallback;
  return {
    authorized_only: flag("AuthorizedOnly", false),
    enable_subscriptions: flag("EnableSubscriptions", false),
    validate_subscriptions: flag("EnableSubscriptionsValidation", false),
    auto_lock: flag("EnableAutoLock", false),
    lock_after_first_decision: flag("LockAfterFirstDecision", false),
    enable_download: flag("EnableDownload", true),
    enable_team_url: flag("EnableTeamURL", true),
    enable_embed_player: flag("EnableEmbedPlayer", false),
  };
}

/** Reviewers from the Recipients string, with DefaultRole and DefaultEmailNotifications. */
function addRecipients(call: SessionCallContext, proof: Proof): void {
  const role = checkRole("DefaultRole", call.args.int("DefaultRole")) ?? DEFAULT_ROLE;
  const notifications = checkNotifications("DefaultEmailNotifications", call.args.int("DefaultEmailNotifications"));
  for (const email of splitRecipients(call.args.text("Recipients"))) addReviewer(call, proof, { email, role, ...(notifications === undefined ? {} : { notifications }) });
}

export const createHandlers: Record<string, SessionHandler> = {
  createProof(call) {
    const emails = splitRecipients(call.args.text("Recipients"));
    const proof = baseProof(call, null);
    call.store.proofs.push(proof);
    if (emails.length > 0) addRecipients(call, proof);
    return proofView(call.store, proof, call.baseUrl);
  },

  /** Versions chain (reference B4): v2 names v1 as parent, v3 names v2. Reviewers carry over, undecided. */
  createProofVersion(call) {
    const parent = ownProof(call, call.args.requiredInt("ParentFileID"));
    const newer = call.store.proofs.find((p) => p.parentId === parent.id);
    if (newer !== undefined) throw faults.invalidParameter("ParentFileID", `proof ${parent.id} already has a newer version (${newer.id})`);
    splitRecipients(call.args.text("Recipients"));
    const proof = baseProof(call, parent);
    call.store.proofs.push(proof);
    for (const previous of call.store.reviewersOf(parent.id)) {
      const copy = addReviewer(call, proof, { email: previous.email, name: previous.name, position: previous.position, role: previous.role, notifications: previous.emailNotifications, deadline: previous.deadline });
      copy.primaryDecisionMaker = previous.primaryDecisionMaker;
    }
    addRecipients(call, proof);
    recompute(call, proof);
    return proofView(call.store, proof, call.baseUrl);
  },

  createWorkflowProof(call) {
    const stageInputs = call.args.list("Stages");
    if (stageInputs.length === 0) throw faults.missingParameter("Stages");
    const plans = stageInputs.map((input, index) => {
      const path = `Stages[${index + 1}]`;
      const trigger = input.int("start_trigger") ?? (index === 0 ? 1 : 2);
      if (trigger !== 1 && trigger !== 2) throw faults.invalidParameter(`${path}.start_trigger`, "expected 1 (at creation) or 2 (after the previous stage)");
      return {
        name: input.requiredText("name"),
        deadline: checkDate(`${path}.deadline`, input.text("deadline")),
        trigger: trigger as 1 | 2,
        locking: input.bool("stage_locking") ?? false,
        recipients: input.list("recipients").map((r, i) => reviewerFromStruct(r, `${path}.recipients[${i + 1}]`, "email_notification")),
      };
    });
    const proof = baseProof(call, null);
    proof.workflow = true;
    proof.stages = plans.map((plan, index): Stage => ({
      id: call.store.nextId("stage"),
      name: plan.name,
      deadline: plan.deadline,
      startTrigger: plan.trigger,
      locking: plan.locking,
      // The first stage always starts with the proof; later ones at creation only when asked (trigger 1).
      startedAt: index === 0 || plan.trigger === 1 ? call.now() : null,
      decision: "pending",
      lastStatusChange: call.now(),
    }));
    call.store.proofs.push(proof);
    plans.forEach((plan, index) => {
      // A recipient's own stage_id is ignored here: the stage is the one it is listed under.
      for (const recipient of plan.recipients) addReviewer(call, proof, { ...recipient, stageId: proof.stages[index].id });
    });
    return [proofView(call.store, proof, call.baseUrl, "proof_id")] satisfies SoapValue;
  },
};
