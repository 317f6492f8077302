import type { IncomingMessage, ServerResponse } from "node:http";
import { eq } from "drizzle-orm";
import { DataStoreService } from "../datastores/service";
import { getDb, type Db } from "../db/client";
import { scenarios, webhooks } from "../db/schema";
import { cachedRevision } from "../executions/revision-cache";
import { enqueueRun } from "../executions/service";
import { newId } from "../ids";
import { log } from "../log";
import { getRuntime } from "../runtime";
import { metrics } from "../metrics";
import type { Blueprint } from "../scenario/blueprint";
import { acceptWebhook } from "./accept";
import { consumeListening } from "./listen";
import { CUSTOM_WEBHOOK_KEY, RESPOND_KEY } from "./service";
import { waitForResponse } from "./waiters";
import { expectedOutputSpec, structureProblems, webhookBundle, type ExpectedField, type WebhookPayload } from "../../modules/webhooks/payload";

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

const responseTimeoutMs = () => Number(process.env.PATCHBAY_WEBHOOK_RESPONSE_TIMEOUT_MS ?? 40_000);

/** Where a token leads: kept in memory, re-checked by the statement that stores each call (see accept.ts). */
interface HookRoute {
  hookId: string;
  scenarioId: string;
  revision: number;
}

const MAX_ROUTES = 10_000;
const routes = new Map<string, HookRoute>();

type Resolved = { kind: "route"; route: HookRoute } | { kind: "not_found" } | { kind: "inactive"; name: string; hookId: string; scenarioId: string; revision: number };

/** The full lookup, for a token not in memory (or whose route turned out stale). */
async function resolveRoute(db: Db, token: string): Promise<Resolved> {
  const [hook] = await db
    .select({ hookId: webhooks.id, enabled: webhooks.enabled, scenarioId: scenarios.id, name: scenarios.name, active: scenarios.active, revision: scenarios.currentRevision })
    .from(webhooks)
    .leftJoin(scenarios, eq(scenarios.id, webhooks.scenarioId))
    .where(eq(webhooks.token, token));
  routes.delete(token);
  if (!hook || !hook.enabled || !hook.scenarioId) return { kind: "not_found" };
  if (!hook.active) return { kind: "inactive", name: hook.name ?? "", hookId: hook.hookId, scenarioId: hook.scenarioId, revision: hook.revision ?? 1 };
  const route = { hookId: hook.hookId, scenarioId: hook.scenarioId, revision: hook.revision ?? 1 };
  if (routes.size >= MAX_ROUTES) routes.clear();
  routes.set(token, route);
  return { kind: "route", route };
}

/** What the intake needs to know from the revision that runs; revisions never change, so this is cached with them. */
async function revisionFacts(db: Db, route: HookRoute) {
  const blueprint = (await cachedRevision(db, route.scenarioId, route.revision)).blueprint as Blueprint;
  const listener = blueprint.modules.find((m) => m.params.webhook === route.hookId);
  const trigger = blueprint.modules.find((m) => m.module === CUSTOM_WEBHOOK_KEY && m.params.webhook === route.hookId);
  return {
    // A connector trigger registered at a remote service (Workfront's Watch events) checks the shared
    // secret the service sends in Authorization; for everyone else it is the caller's credential, not data.
    keepAuthorization: listener ? getRuntime().registry.getModule(listener.module, listener.version)?.webhookLifecycle != null : false,
    // Other listeners (Watch events…) check their deliveries themselves, in the trigger.
    expected: (trigger?.params.expected ?? []) as ExpectedField[],
    structureId: typeof trigger?.params.structure === "string" ? trigger.params.structure : null,
    waitsForResponse: blueprint.modules.some((m) => m.module === RESPOND_KEY),
  };
}

/** The data a call brings, against the custom webhook's expected fields and its data structure, if any. */
async function dataProblems(db: Db, payload: WebhookPayload, facts: { expected: ExpectedField[]; structureId: string | null }): Promise<string[]> {
  const bundle = webhookBundle(payload, { includeHeaders: false, includeMethod: false });
  return [...structureProblems(bundle, facts.expected), ...(facts.structureId ? await new DataStoreService(db).incomingDataProblems(facts.structureId, bundle) : [])];
}

/**
 * "Run once" from the editor on an inactive scenario: the one call it waits for is stored and run like any
 * other, off the group-commit path (which only takes active scenarios), and answered once stored.
 */
async function runOnce(req: IncomingMessage, res: ServerResponse, db: Db, target: HookRoute): Promise<void> {
  const facts = await revisionFacts(db, target);
  let payload: WebhookPayload;
  try {
    payload = await readPayload(req, facts.keepAuthorization);
  } catch (error) {
    if (error instanceof PayloadError) return send(res, error.status, { error: { code: error.status === 413 ? "payload_too_large" : "bad_request", message: error.message } });
    throw error;
  }
  await enqueueRun(db, getRuntime().queue, { scenarioId: target.scenarioId, trigger: "webhook", input: payload });
  metrics().webhooks.inc({ outcome: "accepted" });
  sendText(res, 200, "Accepted");
}

/**
 * POST/GET/… /hooks/{token}. The payload is stored as a queued execution before any 2xx: a 2xx means
 * "stored", so a crash right after answering loses nothing (the next start re-queues it).
 */
export async function handleWebhook(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  const db = await getDb();
  const runtime = getRuntime();
  const counted = metrics().webhooks;
  let route = routes.get(token);
  if (!route) {
    const resolved = await resolveRoute(db, token);
    if (resolved.kind === "inactive" && (await consumeListening(db, resolved.scenarioId))) return runOnce(req, res, db, resolved);
    if (resolved.kind !== "route") return refuse(res, resolved);
    route = resolved.route;
  }
  let facts = await revisionFacts(db, route);

  let payload: WebhookPayload;
  try {
    payload = await readPayload(req, facts.keepAuthorization);
  } catch (error) {
    if (error instanceof PayloadError) {
      counted.inc({ outcome: error.status === 413 ? "too_large" : "rejected" });
      return send(res, error.status, { error: { code: error.status === 413 ? "payload_too_large" : "bad_request", message: error.message } });
    }
    throw error;
  }

  if (expectedOutputSpec(facts.expected) || facts.structureId) {
    const problems = await dataProblems(db, payload, facts);
    if (problems.length > 0) {
      // Recorded as a failed run so the scenario's history shows what was refused and why.
      await enqueueRun(db, runtime.queue, { scenarioId: route.scenarioId, trigger: "webhook", input: payload });
      counted.inc({ outcome: "rejected" });
      return send(res, 400, { error: { code: "bad_request", message: `The data does not fit the expected structure: ${problems.join(" ")}` } });
    }
  }

  // Listen before storing: a fast run could otherwise answer before anyone waits.
  const executionId = newId("exe");
  const waiter = waitForResponse(runtime.events, executionId, responseTimeoutMs());
  let accepted = await acceptWebhook(db, runtime.queue, { executionId, token, input: payload });
  if (!accepted) {
    // The route in memory was stale (webhook disabled or moved, scenario switched off): look again.
    const resolved = await resolveRoute(db, token);
    if (resolved.kind !== "route") {
      waiter.cancel();
      return refuse(res, resolved);
    }
    accepted = await acceptWebhook(db, runtime.queue, { executionId, token, input: payload });
    if (!accepted) {
      waiter.cancel();
      return refuse(res, { kind: "not_found" });
    }
    route = resolved.route;
  }
  if (accepted.revision !== route.revision) {
    // Edited meanwhile (possibly in another process): remember the new revision and answer as it says.
    route.revision = accepted.revision;
    facts = await revisionFacts(db, route);
  }
  counted.inc({ outcome: "accepted" });
  if (!facts.waitsForResponse) {
    waiter.cancel();
    return sendText(res, 200, "Accepted");
  }

  const outcome = await waiter.result;
  if (outcome.kind === "response") {
    res.writeHead(outcome.response.status, { "content-type": "text/plain; charset=utf-8", ...outcome.response.headers });
    res.end(outcome.response.body);
  } else if (outcome.kind === "failed") {
    send(res, 500, { error: { code: "internal", message: `The scenario failed before responding: ${outcome.message}`, details: { executionId } } });
  } else if (outcome.kind === "finished") {
    sendText(res, 200, "Accepted");
  } else {
    send(res, 202, { accepted: true, executionId, message: "The scenario is still running; its response will not reach this request." });
  }
}

function refuse(res: ServerResponse, resolved: Exclude<Resolved, { kind: "route" }>): void {
  const counted = metrics().webhooks;
  if (resolved.kind === "not_found") {
    counted.inc({ outcome: "not_found" });
    return send(res, 404, { error: { code: "not_found", message: "There is no webhook at this address." } });
  }
  counted.inc({ outcome: "inactive" });
  send(res, 410, { error: { code: "gone", message: `The scenario “${resolved.name}” behind this webhook is inactive; activate it to accept data.` } });
}

class PayloadError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

async function readPayload(req: IncomingMessage, keepAuthorization: boolean): Promise<WebhookPayload> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) throw new PayloadError(413, "Webhook payloads are limited to 1 MB.");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_WEBHOOK_BYTES) throw new PayloadError(413, "Webhook payloads are limited to 1 MB.");
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString("utf8");
  const url = new URL(req.url ?? "/", "http://localhost");
  const query: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  let body: unknown = undefined;
  if (raw.trim() !== "") {
    if (type === "application/json" || type.endsWith("+json")) {
      try {
        body = JSON.parse(raw);
      } catch {
        throw new PayloadError(400, "The body is not valid JSON.");
      }
    } else if (type === "application/x-www-form-urlencoded") {
      body = Object.fromEntries(new URLSearchParams(raw));
    } else {
      body = raw;
    }
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    // Credentials a caller sends to us are not data for the scenario's log.
    if (v === undefined || k === "cookie" || (k === "authorization" && !keepAuthorization)) continue;
    headers[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return { method: req.method ?? "POST", query, headers, body };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
}

export function logIntakeError(err: unknown): void {
  log.error({ err }, "webhook intake failed");
}
