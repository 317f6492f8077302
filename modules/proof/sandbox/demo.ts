import { recompute, setLocked } from "./actions";
import type { SandboxContext } from "./context";
import type { Decision, Proof, ProofSettings, Reviewer, Workspace } from "./model";
import { randomToken } from "./store";

/** The demo account: always present, seeded or not. Shown on the sandbox home page and in the docs. */
export const PROOF_SANDBOX_DEMO = {
  email: "demo@patchbay.example",
  password: "proof-demo-2026",
  /** For getSessionId(EmailAddress, AuthToken). */
  authToken: "pbx-proof-demo-token-7f3a9c1e",
  userName: "Dana Demo",
  organisation: "Patchbay Demo Studio",
} as const;

/** A second, unrelated account: its proofs must stay invisible to the demo account. */
export const PROOF_SANDBOX_OTHER = {
  email: "other@patchbay.example",
  password: "proof-other-2026",
  authToken: "pbx-proof-other-token-2b8d4e60",
  userName: "Olli Other",
  organisation: "Another Agency",
} as const;

/** An upload the seed provides, so a demo scenario can call createProof without uploading first. */
export const PROOF_SANDBOX_DEMO_FILE = { hash: "5eed0000000000000000000000000001", filename: "spring-brochure.pdf", sizeBytes: 482_133 } as const;

const DEFAULT_SETTINGS: ProofSettings = {
  authorized_only: false,
  enable_subscriptions: false,
  validate_subscriptions: false,
  auto_lock: false,
  lock_after_first_decision: false,
  enable_download: true,
  enable_team_url: true,
  enable_embed_player: false,
};

export function addDemoAccounts(ctx: SandboxContext): void {
  for (const person of [PROOF_SANDBOX_DEMO, PROOF_SANDBOX_OTHER]) {
    const account = { id: ctx.store.nextId("account"), name: person.organisation, domain: person.email.split("@")[1] };
    ctx.store.accounts.push(account);
    ctx.store.users.push({ id: ctx.store.nextId("user"), accountId: account.id, name: person.userName, email: person.email, password: person.password, authToken: person.authToken });
  }
}

/** Demo content: workspaces, proofs (one with two versions, one closed, one workflow), reviewers, comments. */
export function seedDemoContent(ctx: SandboxContext): void {
  const { store } = ctx;
  const [demo, other] = store.users;
  const now = ctx.now().getTime();
  const daysAgo = (days: number) => new Date(now - days * 86_400_000);
  store.uploads.set(PROOF_SANDBOX_DEMO_FILE.hash, { ...PROOF_SANDBOX_DEMO_FILE, md5: "d41d8cd98f00b204e9800998ecf8427e", uploadedAt: daysAgo(10) });

  const workspace = (name: string, parentId: number, extra: Partial<Workspace> = {}): Workspace => {
    const w: Workspace = { id: store.nextId("workspace"), accountId: demo.accountId, name, description: "", client: "", project: "", personal: false, parentId, ownerId: demo.id, ...extra };
    store.workspaces.push(w);
    return w;
  };
  const marketing = workspace("Marketing", 0, { client: "Patchbay Foods" });
  const spring = workspace("Spring campaign", marketing.id, { project: "Spring 2026" });
  const packaging = workspace("Packaging", 0);
  workspace("My drafts", 0, { personal: true });

  const proof = (name: string, sourceName: string, workspaceId: number, createdAt: Date, extra: Partial<Proof> = {}): Proof => {
    const p: Proof = {
      id: store.nextId("proof"), accountId: demo.accountId, name, sourceName, hash: PROOF_SANDBOX_DEMO_FILE.hash, fileSizeKb: 471, version: 1, parentId: 0,
      uploaderId: demo.id, ownerId: demo.id, createdAt, deadline: "", workspaceId, subject: "Please review", message: "", locked: false, archived: false,
      trashed: false, settings: { ...DEFAULT_SETTINGS }, customLinkUrl: "", customLinkLabel: "", referenceId: "", workflow: false, stages: [],
      token: randomToken(20), pages: 4, decision: "pending", lastDecisionChange: null, ...extra,
    };
    store.proofs.push(p);
    return p;
  };
  const reviewer = (p: Proof, name: string, email: string, role: number, decision: Decision, extra: Partial<Reviewer> = {}): Reviewer => {
    const r: Reviewer = {
      id: store.nextId("reviewer"), proofId: p.id, name, email, position: "", role, deadline: "", emailNotifications: 1, primaryDecisionMaker: false,
      decision, stageId: 0, token: randomToken(32), opened: decision !== "pending", ...extra,
    };
    store.reviewers.push(r);
    return r;
  };
  const comment = (p: Proof, r: Reviewer, text: string, createdAt: Date, location = "") => {
    store.comments.push({ id: store.nextId("comment"), proofId: p.id, reviewerId: r.id, author: r.name, text, createdAt, location });
  };

  const brochure1 = proof("Spring brochure", "spring-brochure.pdf", spring.id, daysAgo(9), { deadline: "2026-03-20 17:00" });
  const alice = reviewer(brochure1, "Alice Approver", "alice@patchbay.example", 5, "changes required", { position: "Brand lead" });
  const bob = reviewer(brochure1, "Bob Reviewer", "bob@patchbay.example", 3, "pending");
  comment(brochure1, alice, "The logo is too small on page 2.", daysAgo(8), "page 2");
  comment(brochure1, bob, "Typo in the headline: \"Sprign\".", daysAgo(8), "page 1");

  const brochure2 = proof("Spring brochure", "spring-brochure-v2.pdf", spring.id, daysAgo(2), { version: 2, parentId: brochure1.id, deadline: "2026-03-27 17:00" });
  reviewer(brochure2, "Alice Approver", "alice@patchbay.example", 5, "pending", { position: "Brand lead" });
  reviewer(brochure2, "Bob Reviewer", "bob@patchbay.example", 3, "pending");

  const cereal = proof("Cereal box front", "cereal-front.png", packaging.id, daysAgo(5), { settings: { ...DEFAULT_SETTINGS, auto_lock: true } });
  reviewer(cereal, "Carol Checker", "carol@patchbay.example", 4, "approved", { primaryDecisionMaker: true });

  const storyboard = proof("Launch video storyboard", "storyboard.pdf", marketing.id, daysAgo(1), { workflow: true });
  storyboard.stages = [
    { id: store.nextId("stage"), name: "Legal", deadline: "", startTrigger: 1, locking: true, startedAt: daysAgo(1), decision: "pending", lastStatusChange: daysAgo(1) },
    { id: store.nextId("stage"), name: "Brand", deadline: "", startTrigger: 2, locking: false, startedAt: null, decision: "pending", lastStatusChange: daysAgo(1) },
  ];
  reviewer(storyboard, "Lena Legal", "lena@patchbay.example", 4, "pending", { stageId: storyboard.stages[0].id });
  reviewer(storyboard, "Alice Approver", "alice@patchbay.example", 5, "pending", { stageId: storyboard.stages[1].id });

  const rival = proof("Rival poster", "poster.pdf", 0, daysAgo(3), { accountId: other.accountId, ownerId: other.id, uploaderId: other.id });
  reviewer(rival, "Rita Rival", "rita@another.example", 5, "pending");

  // Decisions and locks as the rules make them (no callbacks are registered yet, so none fire).
  for (const p of [brochure1, brochure2, cereal, storyboard, rival]) recompute(ctx, p);
  setLocked(ctx, brochure1, true);
}
