import { defineModule } from "@/lib/modules/define";
import { runWatchEvents, watchEventsLifecycle } from "./common/events";
import { migrateFromV1 } from "./common/migrate";
import { apiVersionField, V2 } from "./common/versions";
import { watchEventsFields, watchEventsSpec } from "./watch-events.v1";

export const WATCH_EVENTS_NOTES = [
  "Events now come in subscription payload v2: a multi-select custom field in newState/oldState.parameterValues is always a list, also with one value. Mappings that used it as text need e.g. join(…; \", \") or first(…).",
  "eventTime is now an ISO 8601 date instead of {epochSecond, nano}.",
  "If the scenario is active, saving the upgrade replaces the v1 event subscription with a v2 one (the v2 module needs an API-key or OAuth2 connection first; without one the scenario is switched off).",
];

export default defineModule({
  key: "workfront:watchEvents",
  version: 2,
  kind: "trigger",
  instant: true,
  title: "Watch events",
  description: "Starts the scenario when Workfront reports that a record was created, updated or deleted (event payload v2; dates as ISO 8601).",
  connection: V2.connection,
  fields: [...watchEventsFields, apiVersionField],
  webhookLifecycle: watchEventsLifecycle(V2),
  output: (params) => watchEventsSpec(params.objCode, V2),
  run: (ctx) =>
    runWatchEvents(
      { moduleId: ctx.moduleId, params: ctx.params, payload: ctx.trigger.payload, hasPayload: ctx.trigger.hasPayload, store: ctx.store, connection: ctx.connection, signal: ctx.signal, log: ctx.log },
      V2,
    ),
  upgradeFrom: { version: 1, migrate: (old) => migrateFromV1(old, { notes: WATCH_EVENTS_NOTES }) },
});
