import { defineModule } from "@/lib/modules/define";
import type { OutputSpec } from "@/lib/scenario/output-spec";
import { EVENT_TYPES, FILTER_COMPARISONS, runWatchEvents, watchEventsLifecycle } from "./common/events";
import { SUBSCRIBABLE_OPTIONS } from "./common/objects";
import { recordFields } from "./common/output";
import { V1, V1_DEPRECATION, type Generation } from "./common/versions";

/**
 * Instant trigger on a Workfront Event Subscription. Activating the scenario creates the subscription
 * (pointing at the module's webhook, with a generated authToken); deactivating deletes it. Version 1
 * reads subscription payload v1: a multi-select custom field with one value arrives as text.
 */
export const watchEventsFields = [
  { name: "webhook", label: "Webhook", type: "text", static: true, required: true, help: "The webhook Workfront delivers events to (create one under Webhooks)." },
  { name: "objCode", label: "Record type", type: "select", static: true, required: true, options: SUBSCRIBABLE_OPTIONS },
  {
    name: "eventType",
    label: "Event",
    type: "select",
    static: true,
    required: true,
    default: "UPDATE",
    options: EVENT_TYPES.map((t) => ({ value: t, label: { CREATE: "Created", UPDATE: "Updated", DELETE: "Deleted" }[t] })),
  },
  { name: "objId", label: "Only this record (ID)", type: "text", static: true, help: "Optional: events of one record only." },
  {
    name: "filters",
    label: "Event filters",
    type: "array",
    static: true,
    help: "Workfront only sends events that pass these filters. They are fixed when the scenario is activated.",
    items: {
      type: "collection",
      fields: [
        { name: "fieldName", label: "Field", type: "text", required: true, help: "e.g. status, or DE:<custom field>" },
        { name: "comparison", label: "Comparison", type: "select", default: "eq", options: FILTER_COMPARISONS.map((c) => ({ value: c, label: c })) },
        { name: "fieldValue", label: "Value", type: "any", help: "Not used by “changed”." },
        {
          name: "state",
          label: "State",
          type: "select",
          default: "newState",
          options: [
            { value: "newState", label: "New state" },
            { value: "oldState", label: "Old state" },
          ],
        },
      ],
    },
  },
  {
    name: "filterConnector",
    label: "Filters must",
    type: "select",
    static: true,
    default: "AND",
    options: [
      { value: "AND", label: "All match (AND)" },
      { value: "OR", label: "Any match (OR)" },
    ],
  },
  {
    name: "excludeOwnEvents",
    label: "Exclude events made by this connection",
    type: "boolean",
    static: true,
    default: false,
    help: "Ignores changes made by the connection's own user, so a scenario that writes back does not trigger itself.",
  },
] as const;

export function watchEventsSpec(objCode: unknown, generation: Generation): OutputSpec {
  const state = [...recordFields(objCode ?? "", generation), { name: "parameterValues", label: "Custom fields", type: "collection" as const, spec: [] }];
  return [
    { name: "eventType", type: "text" },
    { name: "objCode", type: "text" },
    { name: "ID", type: "text" },
    { name: "subscriptionId", type: "text" },
    generation.isoDates ? { name: "eventTime", type: "date" } : { name: "eventTime", type: "collection", spec: [{ name: "epochSecond", type: "number" }, { name: "nano", type: "number" }] },
    { name: "eventVersion", type: "text" },
    { name: "subscriptionVersion", type: "text" },
    { name: "newState", type: "collection", spec: state },
    { name: "oldState", type: "collection", spec: state },
  ];
}

export default defineModule({
  key: "workfront:watchEvents",
  version: 1,
  kind: "trigger",
  instant: true,
  title: "Watch events",
  description: "Starts the scenario when Workfront reports that a record was created, updated or deleted (event payload v1, username/password).",
  connection: V1.connection,
  deprecated: V1_DEPRECATION,
  fields: watchEventsFields,
  webhookLifecycle: watchEventsLifecycle(V1),
  output: (params) => watchEventsSpec(params.objCode, V1),
  run: (ctx) =>
    runWatchEvents(
      { moduleId: ctx.moduleId, params: ctx.params, payload: ctx.trigger.payload, hasPayload: ctx.trigger.hasPayload, store: ctx.store, connection: ctx.connection, signal: ctx.signal, log: ctx.log },
      V1,
    ),
});
