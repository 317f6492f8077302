import type { TypeRef } from "./soap-types";

/**
 * The methods the sandbox implements, with their parameters in WSDL part order (reference B5). A
 * parameter's type is the reference's where it gives one; elsewhere the most plausible one (the
 * doc lists these choices). `required` parameters fault 400 when missing or empty.
 */
export interface ParamSpec {
  name: string;
  type: TypeRef;
  required?: boolean;
}

export interface OperationSpec {
  name: string;
  params: ParamSpec[];
  returns: TypeRef;
  /** Versioned surface only. */
  since?: string;
  documentation: string;
}

const p = (name: string, type: TypeRef = "xsd:string", required = false): ParamSpec => ({ name, type, ...(required ? { required } : {}) });
const session = p("SessionID", "xsd:string", true);
const fileId = (type: TypeRef = "xsd:int") => p("FileID", type, true);

/** createProof's options after SourceName, shared by createProofVersion (reference B5). */
const PROOF_OPTIONS: ParamSpec[] = [
  p("Subject"),
  p("Message"),
  p("Deadline"),
  p("Recipients"),
  p("WorkspaceId", "xsd:int"),
  p("BatchID", "xsd:int"),
  p("EnableSubscriptions", "xsd:boolean"),
  p("EnableSubscriptionsValidation", "xsd:boolean"),
  p("DefaultEmailNotifications", "xsd:int"),
  p("DefaultRole", "xsd:int"),
  p("AuthorizedOnly", "xsd:boolean"),
  p("EnableAutoLock", "xsd:boolean"),
  p("LockAfterFirstDecision", "xsd:boolean"),
  p("EnableDownload", "xsd:boolean"),
  p("EnableTeamURL", "xsd:boolean"),
  p("EnableEmbedPlayer", "xsd:boolean"),
  ...[
    "ShowDashboardLink",
    "ShowWorkspaceLink",
    "ShowDetailsPageLink",
    "ShowVersionsLink",
    "ShowHelpLink",
    "ShowHelpQuickStartLink",
    "ShowHelpUserGuideLink",
    "ShowHelpWelcomeScreenLink",
    "ShowHelpForumLink",
    "ShowHelpBlogLink",
  ].map((name) => p(name, "xsd:boolean")),
  p("CustomLinkUrl"),
  p("CustomLinkLabel"),
  p("SuppressNewProofNotification", "xsd:boolean"),
  p("SWF", "xsd:boolean"),
  ...[
    "ShowDashboardFunctions",
    "ShowCloseIcon",
    "ShowPublishToTheWeb",
    "ShowPrintComments",
    "ShowEmailAlertSettings",
    "EnableElectronicSignatures",
    "ShowSendDecisionConfirmationCheckbox",
    "ClassicProofViewer",
    "DisableSubscriptionEmail",
    "DisableExcelSummary",
    "DisablePdfSummary",
    "ShowProofDetails",
    "ShowProofWorkflow",
  ].map((name) => p(name, "xsd:boolean")),
  p("ReferenceID"),
];

const paging = [p("StartFrom", "xsd:int"), p("SearchQuery"), p("ItemsPerPage", "xsd:int")];

export const OPERATIONS: OperationSpec[] = [
  { name: "doLogin", params: [p("Login", "xsd:string", true), p("Password", "xsd:string", true)], returns: "tns:SOAPLoginObject", documentation: "Logs in with e-mail and password; the session key is valid 24 h, renewed on every call." },
  { name: "getSessionId", params: [p("EmailAddress", "xsd:string", true), p("AuthToken", "xsd:string", true)], returns: "tns:SOAPLoginObject", documentation: "Logs in with e-mail and API token." },
  // Not required: checkSession answers false for a missing or unknown session rather than faulting.
  { name: "checkSession", params: [p("SessionID")], returns: "xsd:boolean", documentation: "True while the session is valid (and renews it); false otherwise." },
  { name: "doLogout", params: [session], returns: "xsd:boolean", documentation: "Ends the session." },
  {
    name: "createProof",
    params: [session, p("OwnerID", "xsd:int", true), p("Hash", "xsd:string", true), p("Name", "xsd:string", true), p("SourceName", "xsd:string", true), ...PROOF_OPTIONS],
    returns: "tns:SOAPFileObject",
    documentation: "Creates a proof from an uploaded file hash (or Hash=web and SourceName=URL).",
  },
  {
    name: "createProofVersion",
    params: [session, p("ParentFileID", "xsd:int", true), p("OwnerID", "xsd:int", true), p("Hash", "xsd:string", true), p("Name", "xsd:string", true), p("SourceName", "xsd:string", true), ...PROOF_OPTIONS],
    returns: "tns:SOAPFileObject",
    documentation: "Creates the next version of a proof; the new version is a proof with its own id.",
  },
  {
    name: "createWorkflowProof",
    since: "13.17",
    params: [
      session,
      p("OwnerID", "xsd:int", true),
      p("Hash", "xsd:string", true),
      p("Name", "xsd:string", true),
      p("SourceName", "xsd:string", true),
      p("Subject"),
      p("Message"),
      p("Stages", "tns:SOAPWorkflowProofStageRequestObjectArray", true),
      p("WorkspaceId", "xsd:int"),
      p("SuppressNewProofNotification", "xsd:boolean"),
      p("ReferenceID"),
    ],
    returns: "tns:SOAPWorkflowProofObjectArray",
    documentation: "Creates a proof whose reviewers are organised in stages.",
  },
  { name: "getProofDetails", params: [session, fileId()], returns: "tns:SOAPFileObject", documentation: "One proof." },
  { name: "getAllProofs", params: [session, ...paging], returns: "tns:SOAPFileObjectArray", documentation: "Proofs that are not archived or deleted, newest first." },
  { name: "getOpenProofs", params: [session, ...paging], returns: "tns:SOAPFileObjectArray", documentation: "Proofs still open: unlocked and without a final decision." },
  { name: "getClosedProofs", params: [session, ...paging], returns: "tns:SOAPFileObjectArray", documentation: "Proofs that are locked or have a final decision." },
  {
    name: "searchByProofName",
    params: [session, p("ProofName", "xsd:string", true), p("StartFrom", "xsd:int"), p("ItemsPerPage", "xsd:int"), p("ExactMatch", "xsd:boolean")],
    returns: "tns:SOAPFileObjectArray",
    documentation: "Proofs by name: contains (default) or exact, ignoring case.",
  },
  { name: "getProofReviewers", params: [session, fileId("xsd:string")], returns: "tns:SOAPRecipientObjectArray", documentation: "Reviewers of a proof; proof_url is each one's personal URL." },
  {
    name: "addProofReviewer",
    params: [
      session,
      fileId("xsd:string"),
      p("RecipientEmail", "xsd:string", true),
      p("RecipientName"),
      p("RecipientPosition"),
      p("RecipientDeadline"),
      p("RecipientRole", "xsd:int", true),
      p("RecipientEmailNotifications", "xsd:int"),
      p("SuppressNewProofNotification", "xsd:boolean"),
      p("PrimaryDecisionMaker"),
    ],
    returns: "tns:SOAPRecipientObject",
    documentation: "Adds one reviewer.",
  },
  {
    name: "addProofReviewers",
    params: [session, fileId(), p("Recipients", "tns:SOAPFileRecipientObjectArray", true), p("SuppressNewProofNotification", "xsd:boolean")],
    returns: "xsd:boolean",
    documentation: "Adds several reviewers.",
  },
  {
    name: "updateProofReviewer",
    params: [
      session,
      p("RecipientID", "xsd:int", true),
      p("RecipientDecision"),
      p("RecipientDeadline"),
      p("RecipientName"),
      p("RecipientPosition"),
      p("RecipientRole", "xsd:int"),
      p("RecipientEmailNotifications", "xsd:int"),
      p("PrimaryDecisionMaker"),
    ],
    returns: "tns:SOAPRecipientObject",
    documentation: "Changes a reviewer; parameters left out keep their value. RecipientDecision takes an id (0-4) or its text.",
  },
  { name: "deleteProofReviewer", params: [session, p("ReviewerID", "xsd:int", true)], returns: "xsd:boolean", documentation: "Removes a reviewer." },
  { name: "getProofURL", params: [session, fileId()], returns: "xsd:string", documentation: "The proof's team URL." },
  { name: "getProofComments", params: [session, fileId()], returns: "tns:SOAPCommentObjectArray", documentation: "Comments on a proof, oldest first." },
  { name: "lockProof", params: [session, fileId()], returns: "xsd:boolean", documentation: "Locks a proof: no more comments or decisions." },
  { name: "unlockProof", params: [session, fileId()], returns: "xsd:boolean", documentation: "Unlocks a proof." },
  { name: "archiveProof", params: [session, fileId()], returns: "xsd:boolean", documentation: "Archives a proof: it leaves the lists but can still be read." },
  {
    name: "deleteProof",
    params: [session, fileId("xsd:string"), p("Permanent", "xsd:boolean"), p("AllVersions", "xsd:boolean")],
    returns: "xsd:boolean",
    documentation: "Deletes a proof (to the trash, or permanently), optionally with all its versions.",
  },
  { name: "getWorkspaces", params: [session], returns: "tns:SOAPWorkspaceObjectArray", documentation: "The account's workspaces (folders)." },
  {
    name: "createWorkspace",
    params: [session, p("ParentWorkspaceID", "xsd:int"), p("Name", "xsd:string", true), p("Description"), p("Client"), p("Project"), p("Personal", "xsd:boolean"), p("OwnerID", "xsd:int")],
    returns: "tns:SOAPWorkspaceObject",
    documentation: "Creates a workspace; ParentWorkspaceID 0 (or none) puts it at the root.",
  },
  {
    name: "setProofCallback",
    params: [session, fileId(), p("Type", "xsd:string", true), p("Url", "xsd:string", true), p("RetryInterval", "xsd:int")],
    returns: "tns:SOAPCallbackObject",
    documentation: "Asks for an HTTP POST to Url when an event of Type happens on the proof; one URL per type.",
  },
  { name: "getProofCallbacks", params: [session, fileId()], returns: "tns:SOAPCallbackObjectArray", documentation: "The proof's callbacks." },
  { name: "removeProofCallback", params: [session, p("Type", "xsd:string", true), fileId()], returns: "xsd:boolean", documentation: "Removes the proof's callback of that type." },
];
