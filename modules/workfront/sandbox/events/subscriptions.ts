import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { isAdmin } from "../auth/principal";
import type { Core } from "../core";
import { formatSubscriptionDate } from "../dates";
import { WfError } from "../errors";
import { header, originOf, readBody, send, sendJson } from "../http";
import type { EventVersion } from "./payloads";

/** Object codes the Event Subscription API accepts (reference A7); JRNLE is not among them. */
export const SUBSCRIBABLE = [
  "PROJ", "TASK", "OPTASK", "USER", "DOCU", "DOCV", "NOTE", "PORT", "PRGM", "HOUR", "ASSGN", "CMPY", "EXPNS", "FIELD", "TMPL", "TSHET", "PTLSEC", "PTLTAB",
  "PRFAPL", "RECORD", "RECORD_TYPE", "WORKSPACE", "STAFFP", "SPVAL", "STAFFR", "SPAVAL", "SAVSET", "SRPVAL", "approval", "approval_stage",
  "approval_stage_participant",
] as const;

export interface Subscription {
  id: string;
  objCode: string;
  eventType: "CREATE" | "UPDATE" | "DELETE";
  url: string;
  authToken: string;
  objId: string | null;
  filters: unknown[];
  filterConnector: "AND" | "OR";
  base64Encoding: boolean;
  version: EventVersion;
  /** Set on a version change: both formats are delivered for a while (reference A7). */
  previousVersion?: EventVersion;
  versionChangedAt?: number;
  dateCreated: Date;
  dateModified: Date;
  dateVersionUpdated: Date | null;
}

export interface UrlStats {
  dateCreated: Date;
  successes: number;
  failures: number;
}

export class SubscriptionState {
  readonly byId = new Map<string, Subscription>();
  readonly urls = new Map<string, UrlStats>();

  clear(): void {
    this.byId.clear();
    this.urls.clear();
  }
}

const versionSchema = z.enum(["v1", "v2"]);

// Unknown fields fail, as the best-practice page warns (reference A7).
const createSchema = z
  .object({
    objCode: z.enum(SUBSCRIBABLE),
    eventType: z.enum(["CREATE", "UPDATE", "DELETE"]),
    url: z.string().refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), "must be an http(s) URL"),
    authToken: z.string().min(1).max(254),
    objId: z.string().min(1).nullable().optional(),
    filters: z.array(z.unknown()).optional(),
    filterConnector: z.enum(["AND", "OR"]).optional(),
    base64Encoding: z.union([z.boolean(), z.enum(["true", "false", ""])]).optional(),
    version: versionSchema.optional(),
  })
  .strict();

const oneVersionSchema = z.object({ version: versionSchema }).strict();
const manyVersionSchema = z.union([
  z.object({ subscriptionIds: z.array(z.string()).min(1), version: versionSchema }).strict(),
  z.object({ allCustomerSubscriptions: z.literal(true), version: versionSchema }).strict(),
]);

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** "Each group needs at least 2 filters; at most 10 groups and 5 filters per group." */
function checkGroups(filters: readonly unknown[]): void {
  const groups = filters.filter((f): f is { type: string; filters?: unknown } => typeof f === "object" && f !== null && (f as { type?: unknown }).type === "group");
  if (groups.length > 10) throw new HttpProblem(400, "At most 10 filter groups are allowed");
  for (const group of groups) {
    const size = Array.isArray(group.filters) ? group.filters.length : 0;
    if (size < 2 || size > 5) throw new HttpProblem(400, "A filter group needs between 2 and 5 filters");
  }
}

export function maskToken(token: string): string {
  return token.length <= 8 ? "*".repeat(token.length) : `****${token.slice(-4)}`;
}

function view(core: Core, sub: Subscription): Record<string, unknown> {
  const stats = core.subscriptions.urls.get(sub.url);
  return {
    id: sub.id,
    date_created: formatSubscriptionDate(sub.dateCreated),
    date_modified: formatSubscriptionDate(sub.dateModified),
    version: sub.version,
    dateVersionUpdated: sub.dateVersionUpdated ? formatSubscriptionDate(sub.dateVersionUpdated) : null,
    customerId: core.store.env.customerID,
    objId: sub.objId,
    objCode: sub.objCode,
    url: sub.url,
    eventType: sub.eventType,
    authToken: maskToken(sub.authToken),
    filters: sub.filters,
    filterConnector: sub.filterConnector,
    base64Encoding: sub.base64Encoding,
    subscription_url: {
      url: sub.url,
      date_created: formatSubscriptionDate(stats?.dateCreated ?? sub.dateCreated),
      successes: stats?.successes ?? 0,
      failures: stats?.failures ?? 0,
      disabled_at: null,
      frozen_at: null,
    },
  };
}

/** A session (header), an `apiKey` header, or the API key alone in `Authorization` (older docs); admins only. */
function authorize(core: Core, req: IncomingMessage): void {
  const sessionID = header(req, "sessionid");
  const apiKey = header(req, "apikey") ?? header(req, "authorization");
  let userID: string | undefined;
  if (sessionID) {
    const lookup = core.auth.useSession(sessionID);
    if (lookup.status === "ok") userID = lookup.session.userID;
  } else if (apiKey) userID = core.auth.userForApiKey(apiKey);
  const user = userID ? core.store.get("USER", userID) : undefined;
  if (!user || user.fields.isActive === false) throw new HttpProblem(401, "Missing or invalid session");
  if (!isAdmin(core.store, user.ID)) throw new HttpProblem(403, "Only System Administrators can manage event subscriptions");
}

async function jsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const text = (await readBody(req, 1024 * 1024)).toString("utf8");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HttpProblem(400, "The body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HttpProblem(400, parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  return parsed.data;
}

function filtersKey(sub: Pick<Subscription, "objCode" | "eventType" | "url" | "objId" | "filters" | "filterConnector">): string {
  return JSON.stringify([sub.objCode, sub.eventType, sub.url, sub.objId, sub.filters, sub.filterConnector]);
}

async function create(core: Core, req: IncomingMessage, res: ServerResponse, base: string): Promise<void> {
  const body = await jsonBody(req, createSchema);
  const filters = body.filters ?? [];
  checkGroups(filters);
  const now = core.options.now();
  const sub: Subscription = {
    id: randomUUID(),
    objCode: body.objCode,
    eventType: body.eventType,
    url: body.url,
    authToken: body.authToken,
    objId: body.objId ?? null,
    filters,
    filterConnector: body.filterConnector ?? "AND",
    base64Encoding: body.base64Encoding === true || body.base64Encoding === "true",
    version: body.version ?? "v2",
    dateCreated: now,
    dateModified: now,
    dateVersionUpdated: null,
  };
  const key = filtersKey(sub);
  if ([...core.subscriptions.byId.values()].some((other) => filtersKey(other) === key)) throw new HttpProblem(409, "A subscription with the same object, event, URL and filters already exists");
  core.subscriptions.byId.set(sub.id, sub);
  if (!core.subscriptions.urls.has(sub.url)) core.subscriptions.urls.set(sub.url, { dateCreated: now, successes: 0, failures: 0 });
  sendJson(res, 201, { id: sub.id, version: sub.version }, { Location: `${originOf(req)}${base}/${sub.id}` });
}

function list(core: Core, res: ServerResponse, url: URL): void {
  const page = Number(url.searchParams.get("page") ?? "1");
  const limit = Number(url.searchParams.get("limit") ?? "100");
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpProblem(400, "page must be ≥ 1 and limit between 1 and 1000");
  const all = [...core.subscriptions.byId.values()];
  const items = all.slice((page - 1) * limit, page * limit).map((sub) => view(core, sub));
  sendJson(res, 200, { subscriptions: items, meta: { page, page_count: Math.ceil(all.length / limit), limit, total_count: all.length } });
}

function changeVersion(core: Core, sub: Subscription, version: EventVersion): void {
  if (sub.version === version) return;
  const now = core.options.now();
  sub.previousVersion = sub.version;
  sub.versionChangedAt = now.getTime();
  sub.version = version;
  sub.dateVersionUpdated = now;
  sub.dateModified = now;
}

function find(core: Core, id: string): Subscription {
  const sub = core.subscriptions.byId.get(id);
  if (!sub) throw new HttpProblem(404, `No subscription ${id}`);
  return sub;
}

async function route(core: Core, req: IncomingMessage, res: ServerResponse, rest: string, url: URL, base: string): Promise<void> {
  authorize(core, req);
  const method = req.method ?? "GET";
  const [id, sub] = rest.split("/").filter(Boolean);
  if (!id) {
    if (method === "POST") return create(core, req, res, base);
    if (method === "GET") return list(core, res, url);
  } else if (id === "list" && method === "GET") {
    const legacy = [...core.subscriptions.byId.values()].map((s) => ({
      id: s.id,
      customer_id: core.store.env.customerID,
      obj_id: s.objId,
      obj_code: s.objCode,
      url: s.url,
      event_type: s.eventType,
      auth_token: maskToken(s.authToken),
    }));
    return sendJson(res, 200, legacy);
  } else if (id === "version" && method === "PUT") {
    const body = await jsonBody(req, manyVersionSchema);
    const ids = "subscriptionIds" in body ? body.subscriptionIds : [...core.subscriptions.byId.keys()];
    const missing = ids.filter((one) => !core.subscriptions.byId.has(one));
    if (missing.length > 0) throw new HttpProblem(400, `Unknown subscriptions: ${missing.join(", ")}`);
    for (const one of ids) changeVersion(core, find(core, one), body.version);
    return sendJson(res, 200, { subscription_ids: ids, version: body.version });
  } else if (sub === "version" && method === "PUT") {
    const subscription = find(core, id);
    const body = await jsonBody(req, oneVersionSchema);
    changeVersion(core, subscription, body.version);
    return sendJson(res, 200, { id, version: subscription.version });
  } else if (!sub && method === "GET") {
    return sendJson(res, 200, view(core, find(core, id)));
  } else if (!sub && method === "DELETE") {
    find(core, id);
    core.subscriptions.byId.delete(id);
    return send(res, 200, "");
  }
  throw new HttpProblem(method === "GET" || method === "POST" || method === "PUT" || method === "DELETE" ? 404 : 405, `No such endpoint: ${method} ${url.pathname}`);
}

export const SUBSCRIPTIONS_PATH = "/attask/eventsubscription/api/v1/subscriptions";

/** The Event Subscription API. Errors are `{"message":…}` with the documented status codes. */
export async function handleSubscriptions(core: Core, req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<boolean> {
  if (path !== SUBSCRIPTIONS_PATH && !path.startsWith(`${SUBSCRIPTIONS_PATH}/`)) return false;
  try {
    await route(core, req, res, path.slice(SUBSCRIPTIONS_PATH.length), url, `${core.options.basePath}${SUBSCRIPTIONS_PATH}`);
  } catch (error) {
    if (error instanceof HttpProblem) sendJson(res, error.status, { message: error.message });
    else if (error instanceof WfError && error.kind === "tooLarge") sendJson(res, 413, { message: error.message });
    else sendJson(res, 500, { message: error instanceof Error ? error.message : "Internal error" });
  }
  return true;
}
