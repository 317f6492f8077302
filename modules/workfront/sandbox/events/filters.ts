/**
 * Event-subscription filters (reference A7), evaluated on the payload states of the subscription's
 * version. A filter with bad syntax never matches; it is not an error.
 */

export interface States {
  newState: Record<string, unknown>;
  oldState: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function deepEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) || isObject(b)) return isObject(a) && isObject(b) && Object.keys({ ...a, ...b }).every((k) => deepEqual(a[k], b[k]));
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  // Filter values are often strings for numbers ("3" for a priority of 3).
  return String(a) === String(b);
}

/** `{"fieldValue":{"DE:x":"y"}}` matches when the state's object holds at least those keys and values. */
function subset(actual: unknown, wanted: Record<string, unknown>): boolean {
  return isObject(actual) && Object.entries(wanted).every(([k, v]) => (isObject(v) ? subset(actual[k], v) : deepEqual(actual[k], v)));
}

function order(a: unknown, b: unknown): number | undefined {
  if (a === null || a === undefined || b === null || b === undefined) return undefined;
  const x = Number(a);
  const y = Number(b);
  if (a !== "" && b !== "" && !Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  const s = Date.parse(String(a).replace(/(\d{2})(\d{2})$/, "$1:$2"));
  const t = Date.parse(String(b).replace(/(\d{2})(\d{2})$/, "$1:$2"));
  if (!Number.isNaN(s) && !Number.isNaN(t)) return s - t;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Custom fields live in `parameterValues`; `fieldName: "DE:x"` looks there. */
function lookup(state: Record<string, unknown>, fieldName: string): unknown {
  if (fieldName.startsWith("DE:") && !(fieldName in state) && isObject(state.parameterValues)) return state.parameterValues[fieldName];
  return state[fieldName];
}

function contains(actual: unknown, value: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((item) => deepEqual(item, value));
  return typeof actual === "string" && typeof value === "string" && actual.includes(value);
}

function matchOne(filter: unknown, states: States, eventType: string): boolean {
  if (!isObject(filter)) return false;
  if (filter.type === "group") {
    if (!Array.isArray(filter.filters)) return false;
    const connector = filter.connector ?? "AND";
    if (connector === "OR") return filter.filters.some((f) => matchOne(f, states, eventType));
    return connector === "AND" && filter.filters.every((f) => matchOne(f, states, eventType));
  }
  if (typeof filter.fieldName !== "string") return false;
  const stateName = filter.state ?? "newState";
  if (stateName !== "newState" && stateName !== "oldState") return false;
  if (stateName === "oldState" && eventType === "CREATE") return false;
  const comparison = filter.comparison ?? "eq";
  if (comparison === "changed") return !deepEqual(lookup(states.newState, filter.fieldName), lookup(states.oldState, filter.fieldName));
  const actual = lookup(states[stateName], filter.fieldName);
  const value = filter.fieldValue;
  const c = order(actual, value);
  switch (comparison) {
    case "eq":
      return isObject(value) ? subset(actual, value) : deepEqual(actual, value);
    case "ne":
      return isObject(value) ? !subset(actual, value) : !deepEqual(actual, value);
    case "gt":
      return c !== undefined && c > 0;
    case "gte":
      return c !== undefined && c >= 0;
    case "lt":
      return c !== undefined && c < 0;
    case "lte":
      return c !== undefined && c <= 0;
    case "contains":
      return contains(actual, value);
    case "notContains":
      return !contains(actual, value);
    case "containsOnly":
      return Array.isArray(actual) && Array.isArray(value) && actual.length === new Set(value).size && value.every((v) => contains(actual, v)) && actual.every((a) => contains(value, a));
    default:
      return false;
  }
}

export function matchesFilters(filters: readonly unknown[], connector: "AND" | "OR", states: States, eventType: string): boolean {
  if (filters.length === 0) return true;
  return connector === "OR" ? filters.some((f) => matchOne(f, states, eventType)) : filters.every((f) => matchOne(f, states, eventType));
}
