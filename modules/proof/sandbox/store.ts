import { randomBytes } from "node:crypto";
import type {
  Account,
  CallbackDelivery,
  CallbackRegistration,
  Comment,
  LoginFailures,
  Proof,
  Reviewer,
  Session,
  Upload,
  User,
  Workspace,
} from "./model";

/** First ids, so sandbox ids look like the six-digit ones in Adobe's examples and never collide across kinds. */
const FIRST_IDS = { account: 31, user: 101, workspace: 5001, proof: 280750, reviewer: 1_000_001, comment: 9001, stage: 71, delivery: 1 };
type IdKind = keyof typeof FIRST_IDS;

/** Everything the sandbox knows, in memory. Tests read it to check what a call did. */
export class ProofSandboxStore {
  accounts: Account[] = [];
  users: User[] = [];
  sessions = new Map<string, Session>();
  loginFailures = new Map<string, LoginFailures>();
  workspaces: Workspace[] = [];
  proofs: Proof[] = [];
  reviewers: Reviewer[] = [];
  comments: Comment[] = [];
  uploads = new Map<string, Upload>();
  callbacks: CallbackRegistration[] = [];
  deliveries: CallbackDelivery[] = [];
  private nextIds = { ...FIRST_IDS };

  nextId(kind: IdKind): number {
    return this.nextIds[kind]++;
  }

  clear(): void {
    this.accounts = [];
    this.users = [];
    this.sessions.clear();
    this.loginFailures.clear();
    this.workspaces = [];
    this.proofs = [];
    this.reviewers = [];
    this.comments = [];
    this.uploads.clear();
    this.callbacks = [];
    this.deliveries = [];
    this.nextIds = { ...FIRST_IDS };
  }

  proof(id: number): Proof | undefined {
    return this.proofs.find((p) => p.id === id);
  }

  reviewersOf(proofId: number): Reviewer[] {
    return this.reviewers.filter((r) => r.proofId === proofId);
  }

  commentsOf(proofId: number): Comment[] {
    return this.comments.filter((c) => c.proofId === proofId);
  }

  user(id: number): User | undefined {
    return this.users.find((u) => u.id === id);
  }

  /** Every version of the proof's chain, first version first. */
  versionChain(proof: Proof): Proof[] {
    let first = proof;
    for (let parent = this.proof(first.parentId); parent !== undefined; parent = this.proof(first.parentId)) first = parent;
    const chain = [first];
    for (let next = this.proofs.find((p) => p.parentId === first.id); next !== undefined; next = this.proofs.find((p) => p.parentId === chain[chain.length - 1].id)) {
      chain.push(next);
    }
    return chain;
  }
}

/** A random lower-case token, like a PHP session id ("7viklshodc6cnsh4s5vu75mqk0"). */
export function randomToken(length = 26): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(length);
  let token = "";
  for (const byte of bytes) token += alphabet[byte % alphabet.length];
  return token;
}
