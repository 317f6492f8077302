/** The sandbox's in-memory records. Field names follow the SOAP objects they are shown as, where one exists. */

/** Reviewer decisions, numbered as updateProofReviewer takes them (reference B6). */
export const DECISIONS = ["pending", "changes required", "approved with changes", "approved", "not relevant"] as const;
export type Decision = (typeof DECISIONS)[number];

export interface Account {
  id: number;
  name: string;
  domain: string;
}

export interface User {
  id: number;
  accountId: number;
  name: string;
  email: string;
  password: string;
  /** For getSessionId (token login). */
  authToken: string;
}

export interface Session {
  key: string;
  userId: number;
  /** Epoch ms; pushed forward on every call (sliding window). */
  expiresAt: number;
}

export interface LoginFailures {
  count: number;
  lockedUntil: number;
}

export interface Workspace {
  id: number;
  accountId: number;
  name: string;
  description: string;
  client: string;
  project: string;
  personal: boolean;
  /** 0 = at the root. */
  parentId: number;
  ownerId: number;
}

export interface ProofSettings {
  authorized_only: boolean;
  enable_subscriptions: boolean;
  validate_subscriptions: boolean;
  auto_lock: boolean;
  lock_after_first_decision: boolean;
  enable_download: boolean;
  enable_team_url: boolean;
  enable_embed_player: boolean;
}

export interface Stage {
  id: number;
  name: string;
  deadline: string;
  /** 1 = starts when the proof is created, 2 = when the previous stage has a final decision. */
  startTrigger: 1 | 2;
  /** Lock the stage (no more decisions) once it has a final decision. */
  locking: boolean;
  /** When the stage became active; null while waiting. */
  startedAt: Date | null;
  /** As last computed, so a change can be called back. */
  decision: Decision;
  lastStatusChange: Date;
}

export interface Proof {
  id: number;
  accountId: number;
  name: string;
  sourceName: string;
  /** The upload hash, or "web" for a web snapshot. */
  hash: string;
  fileSizeKb: number;
  /** 1 for the first version. */
  version: number;
  /** 0 for a first version; else the previous version's id. */
  parentId: number;
  uploaderId: number;
  ownerId: number;
  createdAt: Date;
  deadline: string;
  workspaceId: number;
  subject: string;
  message: string;
  locked: boolean;
  archived: boolean;
  /** Deleted without Permanent: gone from every list and read, kept for its version chain. */
  trashed: boolean;
  settings: ProofSettings;
  customLinkUrl: string;
  customLinkLabel: string;
  referenceId: string;
  /** Made by createWorkflowProof: reviewers belong to stages. */
  workflow: boolean;
  stages: Stage[];
  /** Unguessable part of the team URL. */
  token: string;
  pages: number;
  /** The overall decision as last computed, so a change can be noticed (and called back). */
  decision: Decision;
  lastDecisionChange: Date | null;
}

export interface Reviewer {
  id: number;
  proofId: number;
  name: string;
  email: string;
  position: string;
  /** 1 read only, 3 reviewer, 4 approver, 5 reviewer & approver, 6 author, 7 moderator. */
  role: number;
  deadline: string;
  emailNotifications: number;
  primaryDecisionMaker: boolean;
  decision: Decision;
  /** 0 outside workflow proofs. */
  stageId: number;
  /** Unguessable part of the personal review URL. */
  token: string;
  opened: boolean;
}

export interface Comment {
  id: number;
  proofId: number;
  reviewerId: number;
  author: string;
  text: string;
  createdAt: Date;
  location: string;
}

export interface Upload {
  hash: string;
  filename: string;
  md5: string;
  sizeBytes: number;
  uploadedAt: Date;
}

export interface CallbackRegistration {
  proofId: number;
  type: string;
  url: string;
  /** RetryInterval as given (echoed as `interval`); the sandbox's own retry schedule is an option. */
  interval: number;
}

export interface CallbackDelivery {
  id: number;
  proofId: number;
  type: string;
  url: string;
  body: string;
  attempts: number;
  status: "pending" | "delivered" | "failed";
  lastError: string | null;
  createdAt: Date;
}
