import type { IncomingMessage, ServerResponse } from "node:http";
import { and, eq } from "drizzle-orm";
import { DataStoreService } from "../datastores/service";
import { getDb } from "../db/client";
import { scenarioRevisions, scenarios, webhooks } from "../db/schema";
import { enqueueRun } from "../executions/service";
import { log } from "../log";
import type { WebhookResponse } from "../modules/context";
import { getRuntime, type ExecutionFinished } from "../runtime";
import { metrics } from "../metrics";
import type { Blueprint } from "../scenario/blueprint";
import { consumeListening } from "./listen";
import { CUSTOM_WEBHOOK_KEY, RESPOND_KEY } from "./service";
import { expectedOutputSpec, structureProblems, webhookBundle, type ExpectedField, type WebhookPayload } from "../../modules/webhooks/payload";

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

const responseTimeoutMs = () => Number(process.env.PATCHBAY_WEBHOOK_RESPONSE_TIMEOUT_MS ?? 40_000);

/**
 * POST/GET/… /hooks/{token}. The payload is stored as a queued execution before any 2xx: a 2xx means
 * "stored", so a crash right after answering loses nothing (the next start re-queues it).
 */
export async function handleWebhook(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  const db = await getDb();
  const [hook] = await db
    .select({ hook: webhooks, scenario: scenarios, blueprint: scenarioRevisions.blueprint })
    .from(webhooks)
    .leftJoin(scenarios, eq(scenarios.id, webhooks.scenarioId))
    .leftJoin(scenarioRevisions, and(eq(scenarioRevisions.scenarioId, scenarios.id), eq(scenarioRevisions.number, scenarios.currentRevision)))
    .where(eq(webhooks.token, token));
  const counted = metrics().webhooks;
  if (!hook || !hook.hook.enabled || !hook.scenario) {
    counted.inc({ outcome: "not_found" });
    return send(res, 404, { error: { code: "not_found", message: "There is no webhook at this address." } });
  }
  if (!hook.scenario.active && !(await consumeListening(db, hook.scenario.id))) {
    counted.inc({ outcome: "inactive" });
    return send(res, 410, { error: { code: "gone", message: `The scenario “${hook.scenario.name}” behind this webhook is inactive; activate it to accept data.` } });
  }

  const blueprint = hook.blueprint as Blueprint;
  const listener = blueprint.modules.find((m) => m.params.webhook === hook.hook.id);
  // A connector trigger registered at a remote service (Workfront's Watch events) checks the shared
  // secret the service sends in Authorization; for everyone else it is the caller's credential, not data.
  const keepAuthorization = listener ? getRuntime().registry.getModule(listener.module, listener.version)?.webhookLifecycle != null : false;

  let payload: WebhookPayload;
  try {
    payload = await readPayload(req, keepAuthorization);
  } catch (error) {
    if (error instanceof PayloadError) {
      counted.inc({ outcome: error.status === 413 ? "too_large" : "rejected" });
      return send(res, error.status, { error: { code: error.status === 413 ? "payload_too_large" : "bad_request", message: error.message } });
    }
    throw error;
  }

  const trigger = blueprint.modules.find((m) => m.module === CUSTOM_WEBHOOK_KEY && m.params.webhook === hook.hook.id);
  // Other listeners (Watch events…) check their deliveries themselves, in the trigger.
  const expected = (trigger?.params.expected ?? []) as ExpectedField[];
  const structureId = trigger?.params.structure;
  if (expectedOutputSpec(expected) || typeof structureId === "string") {
    const bundle = webhookBundle(payload, { includeHeaders: false, includeMethod: false });
    const problems = [
      ...structureProblems(bundle, expected),
      ...(typeof structureId === "string" ? await new DataStoreService(db).incomingDataProblems(structureId, bundle) : []),
    ];
    if (problems.length > 0) {
      // Recorded as a failed run so the scenario's history shows what was refused and why.
      await enqueueRun(db, getRuntime().queue, { scenarioId: hook.scenario.id, trigger: "webhook", input: payload });
      counted.inc({ outcome: "rejected" });
      return send(res, 400, { error: { code: "bad_request", message: `The data does not fit the expected structure: ${problems.join(" ")}` } });
    }
  }

  const runtime = getRuntime();
  const waitsForResponse = blueprint.modules.some((m) => m.module === RESPOND_KEY);
  // Listen before enqueueing: a fast run could otherwise answer before anyone waits.
  const pending: { id?: string } = {};
  const response = waitsForResponse ? waitForResponse(runtime.events, pending) : undefined;
  const execution = await enqueueRun(db, runtime.queue, { scenarioId: hook.scenario.id, trigger: "webhook", input: payload });
  pending.id = execution.id;
  counted.inc({ outcome: "accepted" });
  if (!response) return sendText(res, 200, "Accepted");

  const outcome = await response.result;
  if (outcome.kind === "response") {
    res.writeHead(outcome.response.status, { "content-type": "text/plain; charset=utf-8", ...outcome.response.headers });
    res.end(outcome.response.body);
  } else if (outcome.kind === "failed") {
    send(res, 500, { error: { code: "internal", message: `The scenario failed before responding: ${outcome.message}`, details: { executionId: execution.id } } });
  } else if (outcome.kind === "finished") {
    sendText(res, 200, "Accepted");
  } else {
    send(res, 202, { accepted: true, executionId: execution.id, message: "The scenario is still running; its response will not reach this request." });
  }
}

type Outcome = { kind: "response"; response: WebhookResponse } | { kind: "failed"; message: string } | { kind: "finished" } | { kind: "timeout" };

function waitForResponse(events: NodeJS.EventEmitter, pending: { id?: string }): { result: Promise<Outcome> } {
  return {
    result: new Promise<Outcome>((resolve) => {
      const done = (outcome: Outcome) => {
        clearTimeout(timer);
        events.off("respond", onRespond);
        events.off("finished", onFinished);
        resolve(outcome);
      };
      const onRespond = (e: { executionId: string; response: WebhookResponse }) => {
        if (e.executionId === pending.id) done({ kind: "response", response: e.response });
      };
      const onFinished = (e: ExecutionFinished) => {
        if (e.executionId !== pending.id) return;
        done(e.status === "error" ? { kind: "failed", message: e.error?.message ?? "see the execution log" } : { kind: "finished" });
      };
      const timer = setTimeout(() => done({ kind: "timeout" }), responseTimeoutMs());
      events.on("respond", onRespond);
      events.on("finished", onFinished);
    }),
  };
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
