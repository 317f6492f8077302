import { randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { webhookStateKey, type WebhookLifecycle } from "@/lib/modules/define";
import type { ModuleLogger, ResolvedConnection, ScenarioStore } from "@/lib/modules/context";
import { DataError, InvalidConfigurationError } from "@/lib/modules/errors";
import type { Bundle } from "@/lib/modules/json";
import { webhookPayloadSchema } from "@/modules/webhooks/payload";
import { clientFor, type WorkfrontRecord } from "../client/client";
import { withIsoDates } from "../client/dates";
import type { Generation } from "./versions";

/**
 * Watch events: an Event Subscription (reference A7) created when the scenario is activated, pointing at
 * the scenario's webhook URL with a generated authToken, and deleted when it is deactivated. Workfront
 * POSTs each event with `Authorization: Bearer <authToken>` (the sandbox's reading of the reference);
 * the trigger refuses deliveries without that token. Subscription payload v1 gives a multi-select with
 * one value as a string; v2 always gives a list.
 */
export const webhookStateSchema = z.object({ subscriptionId: z.string().min(1), authToken: z.string().min(1) });
export type WatchEventsState = z.infer<typeof webhookStateSchema>;

export const EVENT_TYPES = ["CREATE", "UPDATE", "DELETE"] as const;
export const FILTER_COMPARISONS = ["eq", "ne", "gt", "gte", "lt", "lte", "contains", "notContains", "containsOnly", "changed"] as const;

const paramsSchema = z.object({
  objCode: z.string({ error: "Choose a record type." }).min(1, "Choose a record type."),
  eventType: z.enum(EVENT_TYPES, { error: "Choose CREATE, UPDATE or DELETE." }),
  objId: z.string().optional(),
  filters: z
    .array(
      z.object({
        fieldName: z.string().min(1),
        comparison: z.enum(FILTER_COMPARISONS).default("eq"),
        fieldValue: z.unknown().optional(),
        state: z.enum(["newState", "oldState"]).default("newState"),
      }),
    )
    .nullish(),
  filterConnector: z.enum(["AND", "OR"]).nullish(),
});

function lifecycleParams(params: Readonly<Record<string, unknown>>) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new InvalidConfigurationError(`Watch events: ${parsed.error.issues[0]?.message ?? "incomplete settings"}`);
  return parsed.data;
}

/** The subscription resource as the API takes it: only documented fields (unknown ones make it fail). */
export function subscriptionResource(params: Readonly<Record<string, unknown>>, url: string, authToken: string): WorkfrontRecord {
  const p = lifecycleParams(params);
  const filters = (p.filters ?? []).map((f) => ({
    fieldName: f.fieldName,
    ...(f.comparison === "changed" ? {} : { fieldValue: f.fieldValue ?? "" }),
    comparison: f.comparison,
    state: f.state,
  }));
  return {
    objCode: p.objCode,
    eventType: p.eventType,
    url,
    authToken,
    ...(p.objId ? { objId: p.objId } : {}),
    ...(filters.length > 0 ? { filters, filterConnector: p.filterConnector ?? "AND" } : {}),
  };
}

export function watchEventsLifecycle(generation: Generation): WebhookLifecycle {
  const client = (connection: ResolvedConnection | null, params: Readonly<Record<string, unknown>>, signal: AbortSignal) =>
    clientFor(connection, { apiVersion: generation.apiVersion(params), signal });
  return {
    async register(ctx) {
      const api = client(ctx.connection, ctx.params, ctx.signal);
      // The URL is this module's own webhook: whatever still points at it is left over from an earlier
      // activation whose clean-up failed. It would deliver with a stale token (refused runs) or make
      // Workfront answer 409 (duplicate), so it goes first.
      for (const stale of await api.listSubscriptions()) {
        if (stale.url === ctx.url && typeof stale.id === "string") await api.deleteSubscription(stale.id);
      }
      // < 255 characters, as the API requires; 256 random bits.
      const authToken = randomBytes(32).toString("base64url");
      const subscriptionId = await api.createSubscription(subscriptionResource(ctx.params, ctx.url, authToken));
      if (generation.subscriptionVersion !== "v2") {
        // New subscriptions get payload v2 (Workfront's default since 25.2); v1 is a version change.
        try {
          await api.setSubscriptionVersion(subscriptionId, generation.subscriptionVersion);
        } catch (error) {
          await api.deleteSubscription(subscriptionId).catch(() => false);
          throw error;
        }
      }
      return { subscriptionId, authToken } satisfies WatchEventsState;
    },
    async unregister(ctx) {
      const state = webhookStateSchema.safeParse(ctx.state);
      if (!state.success) return;
      await client(ctx.connection, ctx.params, ctx.signal).deleteSubscription(state.data.subscriptionId);
    },
  };
}

const stateObject = z.union([z.record(z.string(), z.unknown()), z.string(), z.null()]).optional();
const eventSchema = z
  .object({
    eventType: z.string(),
    subscriptionId: z.string().optional(),
    eventTime: z.object({ nano: z.number().optional(), epochSecond: z.number() }).loose().optional(),
    eventVersion: z.string().optional(),
    subscriptionVersion: z.string().optional(),
    newState: stateObject,
    oldState: stateObject,
  })
  .loose();

/** `base64Encoding: true` subscriptions send each state as base64 of its JSON. */
function decodeState(state: unknown): Record<string, unknown> {
  if (typeof state === "string" && state !== "") {
    try {
      const decoded: unknown = JSON.parse(Buffer.from(state, "base64").toString("utf8"));
      if (decoded && typeof decoded === "object" && !Array.isArray(decoded)) return decoded as Record<string, unknown>;
    } catch {
      // fall through: not base64 JSON
    }
    throw new DataError("The event's state is text that is not base64-encoded JSON.");
  }
  return state && typeof state === "object" ? (state as Record<string, unknown>) : {};
}

function sameToken(header: string | undefined, authToken: string): boolean {
  const expected = Buffer.from(`Bearer ${authToken}`);
  const given = Buffer.from(header ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface EventRunInput {
  moduleId: number;
  params: Readonly<Record<string, unknown>>;
  payload: unknown;
  hasPayload: boolean;
  store: ScenarioStore;
  connection: ResolvedConnection | null;
  signal: AbortSignal;
  log: ModuleLogger;
}

/**
 * One delivery → at most one bundle. A delivery through the webhook intake (`{method, query, headers,
 * body}`) must carry the authToken registered for this module. Anything else can only be a hand-written
 * payload for “Run once” and is taken as the event itself.
 */
export async function runWatchEvents(input: EventRunInput, generation: Generation): Promise<Bundle[]> {
  if (!input.hasPayload) {
    throw new DataError("Watch events starts with an event delivered by Workfront. Activate the scenario, or give Run once a sample event.");
  }
  const delivery = webhookPayloadSchema.safeParse(input.payload);
  let body: unknown = input.payload;
  let subscriptionId: string | undefined;
  if (delivery.success) {
    const state = webhookStateSchema.safeParse(await input.store.get(webhookStateKey(input.moduleId)));
    if (!state.success) throw new DataError("Refused a delivery: this Watch events module has no event subscription (activate the scenario to create one).");
    const authorization = Object.entries(delivery.data.headers).find(([name]) => name.toLowerCase() === "authorization")?.[1];
    if (!sameToken(authorization, state.data.authToken)) {
      throw new DataError("Refused a delivery whose authToken does not match this module's event subscription.");
    }
    body = delivery.data.body;
    subscriptionId = state.data.subscriptionId;
  }
  const parsed = eventSchema.safeParse(body);
  if (!parsed.success) throw new DataError(`The delivery is not a Workfront event: ${parsed.error.issues[0]?.message ?? "unexpected shape"}.`);
  const event = parsed.data;
  const expected = generation.subscriptionVersion;
  if (event.subscriptionVersion && event.subscriptionVersion !== expected) {
    // After a version change Workfront sends both formats for five minutes: a copy in the other format is
    // expected then. If the subscription itself is in the other format (a v1 scenario upgraded without
    // re-activating, or a version changed in Workfront), every event would be lost silently: say so.
    const current = subscriptionId
      ? await clientFor(input.connection, { apiVersion: generation.apiVersion(input.params), signal: input.signal }).getSubscription(subscriptionId)
      : {};
    if (current.version === expected) {
      input.log.info(`Ignored the ${event.subscriptionVersion} copy of an event; this module reads ${expected} payloads.`);
      return [];
    }
    throw new DataError(
      `Workfront delivers this module's events in payload format ${event.subscriptionVersion}, but version ${generation.moduleVersion} of Watch events reads ${expected}. ` +
        "Deactivate and activate the scenario to recreate its event subscription.",
    );
  }
  const newState = decodeState(event.newState);
  const oldState = decodeState(event.oldState);
  const p = lifecycleParams(input.params);
  if (input.params.excludeOwnEvents === true && event.eventType !== "DELETE") {
    const actor = event.eventType === "CREATE" ? newState.enteredByID : (newState.lastUpdatedByID ?? newState.enteredByID);
    if (typeof actor === "string" && actor !== "") {
      const own = await clientFor(input.connection, { apiVersion: generation.apiVersion(input.params), signal: input.signal }).currentUserId();
      if (actor === own) {
        input.log.info("Ignored an event caused by this connection's own user.");
        return [];
      }
    }
  }
  const record = Object.keys(newState).length > 0 ? newState : oldState;
  const bundle: Record<string, unknown> = {
    eventType: event.eventType,
    objCode: typeof record.objCode === "string" ? record.objCode : p.objCode,
    ID: typeof record.ID === "string" ? record.ID : null,
    subscriptionId: event.subscriptionId ?? null,
    eventTime: event.eventTime ?? null,
    eventVersion: event.eventVersion ?? null,
    subscriptionVersion: event.subscriptionVersion ?? null,
    newState,
    oldState,
  };
  if (generation.isoDates) {
    const time = event.eventTime;
    bundle.eventTime = time ? new Date(time.epochSecond * 1000 + Math.floor((time.nano ?? 0) / 1_000_000)).toISOString() : null;
    bundle.newState = withIsoDates(newState);
    bundle.oldState = withIsoDates(oldState);
  }
  return [bundle];
}
