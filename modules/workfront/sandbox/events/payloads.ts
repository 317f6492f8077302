import { formatEventDate } from "../dates";
import { objectDef } from "../objects";
import type { Row } from "../objects/schema";
import { customOut, type ParamInfo } from "../store/custom";

export type EventVersion = "v1" | "v2";

/**
 * An object as event payloads show it: every direct field (the ones Workfront lists as always present
 * among them, null when empty), `parameterValues`, dates with a dot before the milliseconds. Multi-selects
 * with one value are a string in v1 and always an array in v2 (reference A7).
 */
export function eventState(row: Row, version: EventVersion, timeZone: string, customs: Map<string, ParamInfo>): Record<string, unknown> {
  const def = objectDef(row.objCode);
  const format = (date: Date) => formatEventDate(date, timeZone);
  const state: Record<string, unknown> = { objCode: row.objCode };
  for (const [name, fieldDef] of Object.entries(def.fields)) {
    if (fieldDef.writeOnly) continue;
    const value = row.fields[name];
    state[name] = value instanceof Date ? format(value) : Array.isArray(value) ? [...value] : (value ?? null);
  }
  if (def.custom) {
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row.custom)) values[`DE:${name}`] = customOut(value, customs.get(name), version, format);
    state.parameterValues = values;
  }
  for (const name of def.eventFields ?? []) if (!(name in state)) state[name] = null;
  return state;
}

export interface EventPayload {
  eventType: string;
  subscriptionId: string;
  eventTime: { nano: number; epochSecond: number };
  eventVersion: EventVersion;
  subscriptionVersion: EventVersion;
  newState: Record<string, unknown> | string;
  oldState: Record<string, unknown> | string;
}

/**
 * The delivery body. CREATE has `oldState: {}`; DELETE has the last state in `oldState` and
 * `newState: {}` (our reading of "the before state", reference A7). With `base64Encoding` both states
 * are base64 strings of their JSON.
 */
export function buildPayload(
  subscriptionId: string,
  eventType: string,
  at: Date,
  version: EventVersion,
  states: { newState: Record<string, unknown>; oldState: Record<string, unknown> },
  base64: boolean,
): EventPayload {
  const encode = (state: Record<string, unknown>) => (base64 ? Buffer.from(JSON.stringify(state)).toString("base64") : state);
  const ms = at.getTime();
  return {
    eventType,
    subscriptionId,
    eventTime: { nano: (ms % 1000) * 1_000_000, epochSecond: Math.floor(ms / 1000) },
    eventVersion: version,
    subscriptionVersion: version,
    newState: encode(states.newState),
    oldState: encode(states.oldState),
  };
}
