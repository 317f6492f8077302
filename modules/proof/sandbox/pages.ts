import type { IncomingMessage, ServerResponse } from "node:http";
import { addComment, decide, markOpened } from "./actions";
import { formatDateTime } from "./callbacks";
import type { SandboxContext } from "./context";
import { canComment, canDecide, stageIsOpen } from "./decisions";
import { PROOF_SANDBOX_DEMO } from "./demo";
import { ProofFault } from "./faults";
import { html, page, PAGE_HEADERS, type Html } from "./html";
import { readBody, send, sendAndClose } from "./http";
import { DECISIONS, type Proof, type Reviewer } from "./model";

/**
 * Server-rendered pages where a person plays a reviewer: the sandbox home ({base}/) and a proof's
 * review page ({base}/review/<id>, with ?r=<reviewer token> for one reviewer). Links are relative to
 * the base path; nothing runs in the browser.
 */

const sendPage = (res: ServerResponse, status: number, title: string, body: Html) => send(res, status, "text/html; charset=utf-8", page(title, body), PAGE_HEADERS);

export function homePage(ctx: SandboxContext, res: ServerResponse, basePath: string): void {
  const { store } = ctx;
  const proofs = store.proofs.filter((p) => !p.trashed).sort((a, b) => a.id - b.id);
  const deliveries = store.deliveries.slice(-20).reverse();
  sendPage(
    res,
    200,
    "Home",
    html`<h1>Workfront Proof sandbox</h1>
<p class="note">A simulated Workfront Proof (ProofHQ) SOAP API. Everything lives in memory and is lost on restart.</p>
<h2>Endpoints</h2>
<ul>
<li>SOAP, frozen 12.1 surface: <code>${basePath}/soap</code> · <a href="${basePath}/soap?wsdl">WSDL</a></li>
<li>SOAP, versioned 16.24.0 surface: <code>${basePath}/16_24_0/soap</code> · <a href="${basePath}/16_24_0/soap.wsdl">WSDL</a></li>
<li>Upload: <code>POST ${basePath}/upload.php</code> (multipart, field <code>file</code>)</li>
</ul>
<h2>Demo account</h2>
<p>E-mail <code>${PROOF_SANDBOX_DEMO.email}</code>, password <code>${PROOF_SANDBOX_DEMO.password}</code>, token (getSessionId) <code>${PROOF_SANDBOX_DEMO.authToken}</code>.</p>
<h2>Proofs</h2>
<table><thead><tr><th>ID</th><th>Name</th><th>Version</th><th>Status</th><th>Decision</th><th>Reviewers (open as)</th></tr></thead><tbody>
${proofs.map(
  (proof) => html`<tr><td>${proof.id}</td><td><a href="${basePath}/review/${proof.id}">${proof.name}</a></td><td>${proof.version}</td>
<td>${proof.locked ? "locked" : "unlocked"}${proof.archived ? ", archived" : ""}</td><td>${proof.decision}</td>
<td>${store.reviewersOf(proof.id).map((r) => html`<a href="${basePath}/review/${proof.id}?r=${r.token}">${r.name || r.email}</a> (${r.decision}) `)}</td></tr>`,
)}
</tbody></table>
<h2>Recent callbacks</h2>
${deliveries.length === 0 ? html`<p class="note">None yet.</p>` : html`<table><thead><tr><th>Type</th><th>Proof</th><th>URL</th><th>Status</th><th>Attempts</th><th>Last error</th></tr></thead><tbody>
${deliveries.map((d) => html`<tr><td>${d.type}</td><td>${d.proofId}</td><td>${d.url}</td><td>${d.status}</td><td>${d.attempts}</td><td>${d.lastError ?? ""}</td></tr>`)}
</tbody></table>`}`,
  );
}

function findProof(ctx: SandboxContext, idText: string): Proof | undefined {
  const proof = ctx.store.proof(Number(idText));
  return proof === undefined || proof.trashed ? undefined : proof;
}

function findReviewer(ctx: SandboxContext, proof: Proof, token: string | null): Reviewer | null | "invalid" {
  if (token === null || token === "") return null;
  return ctx.store.reviewersOf(proof.id).find((r) => r.token === token) ?? "invalid";
}

export function reviewPage(ctx: SandboxContext, res: ServerResponse, basePath: string, idText: string, token: string | null, message?: string): void {
  const proof = findProof(ctx, idText);
  if (proof === undefined) return sendPage(res, 404, "Not found", html`<h1>No such proof</h1><p><a href="${basePath}/">Sandbox home</a></p>`);
  const reviewer = findReviewer(ctx, proof, token);
  if (reviewer === "invalid") return sendPage(res, 403, "Not allowed", html`<h1>This review link is not valid</h1><p><a href="${basePath}/review/${proof.id}">Open the proof without it</a></p>`);
  if (reviewer !== null) markOpened(ctx, proof, reviewer);
  sendPage(res, message === undefined ? 200 : 400, proof.name, renderReview(ctx, basePath, proof, reviewer, message));
}

function renderReview(ctx: SandboxContext, basePath: string, proof: Proof, reviewer: Reviewer | null, message: string | undefined): Html {
  const reviewers = ctx.store.reviewersOf(proof.id);
  const comments = ctx.store.commentsOf(proof.id).sort((a, b) => a.id - b.id);
  const stage = reviewer !== null && proof.workflow ? proof.stages.find((s) => s.id === reviewer.stageId) : undefined;
  const stageOpen = stage === undefined || stageIsOpen(stage, reviewers);
  const action = `${basePath}/review/${proof.id}`;
  return html`<p><a href="${basePath}/">Sandbox home</a></p>
<h1>${proof.name}</h1>
<p>Proof ${proof.id}, version ${proof.version} · ${proof.sourceName} · ${proof.locked ? "locked" : "unlocked"} · decision: <strong>${proof.decision}</strong></p>
${message === undefined ? null : html`<p class="error">${message}</p>`}
${proof.workflow ? html`<h2>Stages</h2><ol>${proof.stages.map((s) => html`<li>${s.name}: ${s.decision}${s.startedAt === null ? " (waiting)" : ""}</li>`)}</ol>` : null}
<h2>Reviewers</h2>
<ul>${reviewers.map((r) => html`<li>${r.name || r.email} · role ${r.role} · ${r.decision}${r.primaryDecisionMaker ? " · primary decision maker" : ""} · <a href="${basePath}/review/${proof.id}?r=${r.token}">open as</a></li>`)}</ul>
<h2>Comments</h2>
${comments.length === 0 ? html`<p class="note">No comments yet.</p>` : comments.map((c) => html`<div class="comment" id="comment-${c.id}"><strong>${c.author}</strong> <span class="note">${formatDateTime(c.createdAt)}</span><br>${c.text}</div>`)}
${reviewer === null ? html`<p class="note">Open the page as a reviewer (links above) to comment or decide.</p>` : html`<h2>As ${reviewer.name || reviewer.email}</h2>
${proof.locked ? html`<p class="note">The proof is locked: no more comments or decisions.</p>` : null}
${!proof.locked && canComment(reviewer) ? html`<form method="post" action="${action}">
<input type="hidden" name="r" value="${reviewer.token}"><input type="hidden" name="action" value="comment">
<label>Comment<br><textarea name="comment" required maxlength="5000"></textarea></label><br><button type="submit">Add comment</button>
</form>` : null}
${!proof.locked && canDecide(reviewer) && stageOpen ? html`<form method="post" action="${action}">
<input type="hidden" name="r" value="${reviewer.token}"><input type="hidden" name="action" value="decide">
<p>Your decision: <strong>${reviewer.decision}</strong></p>
<button type="submit" name="decision" value="3">Approve</button>
<button type="submit" name="decision" value="2">Approve with changes</button>
<button type="submit" name="decision" value="1">Request changes</button>
<button type="submit" name="decision" value="4">Not relevant</button>
</form>` : null}`}`;
}

/** POST {base}/review/<id>: a comment or a decision from the form, then back to the page (303). */
export async function reviewPost(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, basePath: string, idText: string): Promise<void> {
  const body = await readBody(req, 64 * 1024);
  if (body === null) return sendAndClose(res, 413, "text/plain; charset=utf-8", "Too large");
  const form = new URLSearchParams(body.toString("utf8"));
  const proof = findProof(ctx, idText);
  if (proof === undefined) return sendPage(res, 404, "Not found", html`<h1>No such proof</h1>`);
  const reviewer = findReviewer(ctx, proof, form.get("r"));
  if (reviewer === null || reviewer === "invalid") return sendPage(res, 403, "Not allowed", html`<h1>This review link is not valid</h1>`);
  try {
    if (form.get("action") === "comment") addComment(ctx, proof, reviewer, (form.get("comment") ?? "").slice(0, 5000));
    else if (form.get("action") === "decide") {
      const decision = DECISIONS[Number(form.get("decision"))];
      if (decision === undefined || decision === "pending") throw new ProofFault("400", "Choose a decision.");
      decide(ctx, proof, reviewer, decision);
    } else throw new ProofFault("400", "Unknown action.");
  } catch (error) {
    if (error instanceof ProofFault) return reviewPage(ctx, res, basePath, idText, reviewer.token, error.faultstring);
    throw error;
  }
  res.writeHead(303, { Location: `${basePath}/review/${proof.id}?r=${reviewer.token}` }).end();
}
