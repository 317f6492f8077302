import { createHash } from "node:crypto";
import { z } from "zod";
import type { SessionCache } from "@/lib/connections/define";
import { decodeText, formUrlEncoded, multipartFormData, type HttpResponse } from "@/lib/http";
import type { ResolvedConnection } from "@/lib/modules/context";
import { InvalidConfigurationError } from "@/lib/modules/errors";
import { memorySessionCache } from "@/modules/http/session";
import { authenticatorFor, type Authenticator, type Credential } from "./auth";
import { encodedLength, LONG_URI_BYTES, toPairs, type ParamInput, type ParamPairs } from "./encode";
import { toModuleError, WorkfrontApiError } from "./errors";
import { jsonOf, readEnvelope, send, statusError, type WireRequest } from "./transport";
import { apiPrefix, apiUrl, normaliseApiVersion, SUBSCRIPTIONS_PATH } from "./url";
import { ConnectionValuesError, credentialsOf, type WorkfrontCredentials } from "./values";

/** Workfront's maximum `$$LIMIT` (reference A4); larger searches page with `$$FIRST`. */
export const MAX_PAGE_SIZE = 2000;

export type WorkfrontRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is WorkfrontRecord => typeof value === "object" && value !== null && !Array.isArray(value);

export interface ClientOptions {
  apiVersion: string;
  signal?: AbortSignal;
  /** Tests: called on every login or token refresh. */
  onRenew?: (kind: "login" | "refresh") => void;
}

export interface RawAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * A small Workfront REST client bound to one connection and one API version. Every public method
 * throws module errors (DataError, InvalidAccessTokenError, …) with Workfront's refusal as the cause;
 * an expired session or access token is renewed once and the call retried once.
 */
export class WorkfrontClient {
  readonly host: string;
  readonly apiVersion: string;
  private readonly auth: Authenticator;
  private readonly session: SessionCache;

  constructor(
    readonly credentials: WorkfrontCredentials,
    session: SessionCache,
    private readonly options: ClientOptions,
  ) {
    this.host = credentials.values.host;
    this.apiVersion = normaliseApiVersion(options.apiVersion);
    this.session = session;
    this.auth = authenticatorFor(credentials, { session, apiVersion: this.apiVersion, signal: options.signal, onRenew: options.onRenew });
  }

  get connectionType(): WorkfrontCredentials["type"] {
    return this.credentials.type;
  }

  // ---- Records ----

  /** GET /<obj>/<ID>: one record (an unknown ID is a DataError naming it). */
  get(objCode: string, id: string, fields: readonly string[] = []): Promise<WorkfrontRecord> {
    return this.guard(async () => asRecord(await this.call("GET", [objCode, id], { fields: fieldsParam(fields) })));
  }

  /** GET /<obj>/search with filters, sorting and one page (`$$FIRST`, `$$LIMIT` ≤ 2000). */
  search(objCode: string, params: ParamInput, page: { first?: number; limit?: number } = {}): Promise<WorkfrontRecord[]> {
    return this.guard(async () => {
      const pairs = [...toPairs(params)];
      if (page.first) pairs.push(["$$FIRST", String(page.first)]);
      if (page.limit !== undefined) pairs.push(["$$LIMIT", String(page.limit)]);
      const data = await this.call("GET", [objCode, "search"], pairs);
      if (!Array.isArray(data)) throw new WorkfrontApiError("The search answer is not a list", "", 200, this.hostName);
      return data.filter(isRecord);
    });
  }

  /**
   * Every match up to `max`, 2,000 per request. A stable order is what makes `$$FIRST` paging safe
   * (reference A4: without a sort, pages may repeat or skip rows), so `ID_Sort=asc` is added as the
   * last sort key unless the caller sorts by ID already.
   */
  async searchAll(objCode: string, params: ParamInput, max: number): Promise<WorkfrontRecord[]> {
    const pairs = [...toPairs(params)];
    if (!pairs.some(([name]) => /^ID(_\d+)?_Sort$/.test(name))) pairs.push(["ID_Sort", "asc"]);
    const rows: WorkfrontRecord[] = [];
    while (rows.length < max) {
      const limit = Math.min(MAX_PAGE_SIZE, max - rows.length);
      const page = await this.search(objCode, pairs, { first: rows.length, limit });
      rows.push(...page);
      if (page.length < limit) break;
    }
    return rows;
  }

  count(objCode: string, params: ParamInput): Promise<number> {
    return this.guard(async () => {
      const data = await this.call("GET", [objCode, "count"], params);
      return isRecord(data) && typeof data.count === "number" ? data.count : Number(data);
    });
  }

  /** POST /<obj> with `updates` as a JSON body. */
  create(objCode: string, updates: WorkfrontRecord, fields: readonly string[] = []): Promise<WorkfrontRecord> {
    return this.guard(async () => asRecord(await this.call("POST", [objCode], { fields: fieldsParam(fields) }, updates)));
  }

  /** PUT /<obj>/<ID>: sparse at the top level; nested collections are replaced whole (reference A3). */
  edit(objCode: string, id: string, updates: WorkfrontRecord, fields: readonly string[] = []): Promise<WorkfrontRecord> {
    return this.guard(async () => asRecord(await this.call("PUT", [objCode, id], { fields: fieldsParam(fields) }, updates)));
  }

  remove(objCode: string, id: string, options: { force?: boolean } = {}): Promise<void> {
    return this.guard(async () => {
      await this.call("DELETE", [objCode, id], options.force ? { force: "true" } : {});
    });
  }

  /** PUT /<obj>/<ID>/<action> (or `/<obj>?action=` without an object), arguments in a form body; answers `result`. */
  action(objCode: string, id: string | null, action: string, args: ParamInput = {}): Promise<unknown> {
    return this.guard(async () => {
      const data = id ? await this.call("PUT", [objCode, id, action], args) : await this.call("PUT", [objCode], [["action", action], ...toPairs(args)]);
      return isRecord(data) && "result" in data ? data.result : data;
    });
  }

  /** POST /upload, multipart with the file in `uploadedFile`; answers the handle to create a document from. */
  upload(fileName: string, data: Uint8Array, contentType?: string): Promise<string> {
    return this.guard(async () => {
      const body = multipartFormData([{ kind: "file", name: "uploadedFile", fileName, contentType, data }]);
      const answer = await this.authorized((credential) =>
        send({ method: "POST", url: apiUrl(this.host, this.apiVersion, "upload"), headers: credential.headers, body: { contentType: body.contentType, data: body.body }, signal: this.options.signal, timeoutMs: 120_000 }).then(readEnvelope),
      );
      // WF-JS fixtures wrap the handle in `data`; the docs show it bare. readEnvelope has unwrapped `data`.
      if (isRecord(answer) && typeof answer.handle === "string") return answer.handle;
      throw new WorkfrontApiError("The upload answer has no handle", "", 200, this.hostName);
    });
  }

  /** GET /metadata (object types) or /<obj>/metadata (fields, references, collections, actions, custom). */
  metadata(objCode?: string): Promise<WorkfrontRecord> {
    return this.guard(async () => asRecord(await this.call("GET", objCode ? [objCode, "metadata"] : ["metadata"], {})));
  }

  /** The ID of the user this connection acts as (`$$USER`), cached in the connection's session. */
  currentUserId(): Promise<string> {
    return this.guard(async () => {
      const known = await this.auth.knownUserId();
      if (known) return known;
      const name = `wf:userID:${createHash("sha256").update(JSON.stringify(this.credentials.values)).digest("hex").slice(0, 16)}`;
      return this.session.obtain(name, async () => {
        const rows = await this.call("GET", ["user", "search"], { ID: "$$USER", fields: "ID", $$LIMIT: "1" });
        const id = Array.isArray(rows) && isRecord(rows[0]) ? rows[0].ID : undefined;
        if (typeof id !== "string") throw new WorkfrontApiError("Workfront did not say who the connection's user is", "", 200, this.hostName);
        return { value: id };
      });
    });
  }

  /**
   * Any call under `/attask/api/v<N>.0` (Custom API call). `path` is relative to that prefix and cannot
   * leave it. The answer is returned as it came; an `error` envelope still fails, whatever the status.
   */
  raw(request: { method: WireRequest["method"]; path: string; query?: ParamPairs; headers?: Array<[string, string]>; body?: unknown }): Promise<RawAnswer> {
    return this.guard(async () => {
      const url = this.relativeUrl(request.path);
      const body = request.body === undefined || request.body === null || request.body === "" ? undefined : request.body;
      const response = await this.authorized((credential) =>
        send({
          method: request.method,
          url,
          query: request.query,
          headers: [...(request.headers ?? []).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())), ...credential.headers],
          body: body === undefined ? undefined : { contentType: "application/json", data: typeof body === "string" ? body : JSON.stringify(body) },
          signal: this.options.signal,
        }).then((answer) => {
          const json = jsonOf(answer);
          if ((isRecord(json) && "error" in json) || answer.status >= 400) readEnvelope(answer);
          return answer;
        }),
      );
      const json = jsonOf(response);
      return { statusCode: response.status, headers: response.headers, body: json === undefined ? decodeText(response.body) : json };
    });
  }

  // ---- Event subscriptions (reference A7) ----

  /** POST …/subscriptions; answers the new subscription's id (from the body, or the Location header). */
  createSubscription(resource: WorkfrontRecord): Promise<string> {
    return this.guard(async () => {
      const response = await this.subscriptionCall("POST", "", resource);
      const json = jsonOf(response);
      if (isRecord(json) && typeof json.id === "string") return json.id;
      const location = response.headers.location ?? "";
      const id = location.slice(location.lastIndexOf("/") + 1);
      if (!id) throw new WorkfrontApiError("The subscription was created but its id was not returned", "", response.status, this.hostName);
      return id;
    });
  }

  /** DELETE …/subscriptions/<id>; `false` when it was already gone (404). */
  deleteSubscription(id: string): Promise<boolean> {
    return this.guard(async () => {
      try {
        await this.subscriptionCall("DELETE", `/${encodeURIComponent(id)}`);
        return true;
      } catch (error) {
        if (error instanceof WorkfrontApiError && error.status === 404) return false;
        throw error;
      }
    });
  }

  /** PUT …/subscriptions/<id>/version: which payload format deliveries use (v1 or v2). */
  setSubscriptionVersion(id: string, version: "v1" | "v2"): Promise<void> {
    return this.guard(async () => {
      await this.subscriptionCall("PUT", `/${encodeURIComponent(id)}/version`, { version });
    });
  }

  /** Every subscription of the customer (GET …/subscriptions, paged with `page`/`limit`, at most 1,000 a page). */
  listSubscriptions(): Promise<WorkfrontRecord[]> {
    return this.guard(async () => {
      const all: WorkfrontRecord[] = [];
      for (let page = 1; page <= 100; page++) {
        const json = jsonOf(await this.subscriptionCall("GET", `?page=${page}&limit=1000`));
        const list = isRecord(json) && Array.isArray(json.subscriptions) ? json.subscriptions.filter(isRecord) : Array.isArray(json) ? json.filter(isRecord) : [];
        all.push(...list);
        const meta = isRecord(json) && isRecord(json.meta) ? json.meta : {};
        if (list.length === 0 || typeof meta.page_count !== "number" || page >= meta.page_count) break;
      }
      return all;
    });
  }

  getSubscription(id: string): Promise<WorkfrontRecord> {
    return this.guard(async () => {
      const json = jsonOf(await this.subscriptionCall("GET", `/${encodeURIComponent(id)}`));
      return isRecord(json) ? json : {};
    });
  }

  // ---- Plumbing ----

  private get hostName(): string {
    return new URL(this.host).host;
  }

  private async subscriptionCall(method: WireRequest["method"], suffix: string, body?: unknown): Promise<HttpResponse> {
    return this.authorized(async (credential) => {
      const response = await send({
        method,
        url: `${this.host}${SUBSCRIPTIONS_PATH}${suffix}`,
        headers: this.auth.subscriptionHeaders(credential),
        body: body === undefined ? undefined : { contentType: "application/json", data: JSON.stringify(body) },
        signal: this.options.signal,
      });
      if (response.status < 200 || response.status >= 300) throw statusError(response);
      return response;
    });
  }

  private relativeUrl(path: string): string {
    const trimmed = path.trim();
    if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith("//")) {
      throw new InvalidConfigurationError(`The URL must be relative to ${apiPrefix(this.apiVersion)}/ (e.g. /task/search), not “${trimmed}”.`);
    }
    const prefix = `${this.host}${apiPrefix(this.apiVersion)}`;
    const url = new URL(`${prefix}/${trimmed.replace(/^\/+/, "")}`);
    // `..` segments are resolved by URL; whatever is left must still sit under the API prefix.
    if (!`${url.origin}${url.pathname}`.startsWith(`${prefix}/`)) throw new InvalidConfigurationError(`The URL “${trimmed}” leaves ${apiPrefix(this.apiVersion)}/.`);
    return url.href;
  }

  /**
   * One REST call with the reference's encoding. `updates` (an object) goes as a JSON body with the other
   * parameters in the query; POST/PUT without updates send a form body; long GETs go as POST + method=GET.
   */
  private call(method: WireRequest["method"], segments: string[], params: ParamInput, updates?: WorkfrontRecord): Promise<unknown> {
    const url = apiUrl(this.host, this.apiVersion, ...segments);
    const pairs = toPairs(params);
    return this.authorized((credential) => {
      const base = { url, headers: credential.headers, signal: this.options.signal };
      let request: WireRequest;
      if (method === "GET" || method === "DELETE") {
        if (method === "GET" && encodedLength(url, pairs) > LONG_URI_BYTES) {
          const form = formUrlEncoded([...pairs, ["method", "GET"]]);
          request = { ...base, method: "POST", body: { contentType: form.contentType, data: form.body } };
        } else request = { ...base, method, query: pairs };
      } else if (updates !== undefined) {
        request = { ...base, method, query: pairs, body: { contentType: "application/json", data: JSON.stringify(updates) } };
      } else {
        const form = formUrlEncoded(pairs);
        request = { ...base, method, body: { contentType: form.contentType, data: form.body } };
      }
      return send(request).then(readEnvelope);
    });
  }

  /** Sends with the current credential; an authentication refusal renews it once and retries once. */
  private async authorized<T>(attempt: (credential: Credential) => Promise<T>): Promise<T> {
    const credential = await this.auth.current();
    try {
      return await attempt(credential);
    } catch (error) {
      if (!(error instanceof WorkfrontApiError && error.isAuthentication)) throw error;
      const fresh = await this.auth.renew(credential);
      if (!fresh) throw error;
      return attempt(fresh);
    }
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toModuleError(error, this.apiVersion);
    }
  }
}

/** Headers a Custom API call may not set: the connection's credentials replace them. */
const CREDENTIAL_HEADERS = new Set(["sessionid", "apikey", "authorization", "cookie"]);

function fieldsParam(fields: readonly string[]): string | undefined {
  const list = [...new Set(fields.map((f) => f.trim()).filter(Boolean))];
  return list.length > 0 ? list.join(",") : undefined;
}

function asRecord(data: unknown): WorkfrontRecord {
  if (isRecord(data)) return data;
  if (Array.isArray(data) && isRecord(data[0])) return data[0];
  throw new WorkfrontApiError("The answer is not a record", "", 200, "workfront");
}

const connectionValuesShape = z.object({ id: z.string(), type: z.string(), values: z.record(z.string(), z.unknown()) });

/**
 * The client for a module's connection. A connection without a run-time session (tests, ad-hoc runs) gets
 * a cache that lives as long as this client, so it still logs in once rather than per request.
 */
export function clientFor(connection: ResolvedConnection | null, options: ClientOptions): WorkfrontClient {
  if (!connection) throw new InvalidConfigurationError("Choose a Workfront connection.");
  const parsed = connectionValuesShape.parse(connection);
  let credentials: WorkfrontCredentials;
  try {
    credentials = credentialsOf(parsed.type, parsed.values);
  } catch (error) {
    if (error instanceof ConnectionValuesError) throw new InvalidConfigurationError(`Connection ${parsed.id}: ${error.message}`);
    throw error;
  }
  return new WorkfrontClient(credentials, connection.session ?? memorySessionCache(), options);
}
