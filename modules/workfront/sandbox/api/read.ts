import { principalOf } from "../auth/principal";
import { DEFAULT_LIMIT, MAX_LIMIT } from "../constants";
import type { ApiCall, ApiResult, Core } from "../core";
import { notFound, WfError } from "../errors";
import type { ObjectDef } from "../objects";
import type { Row } from "../objects/schema";
import type { Params } from "../params";
import { parseFields, render } from "../query/fields";
import { buildFilter } from "../query/filters";
import { buildSort } from "../query/sort";
import { customFields } from "../store/custom";

/** `id=a,b` (docs) or `id=a&id=b` (WF-JS): accept both. */
export function idsFrom(params: Params): string[] {
  return params
    .getAll("id")
    .flatMap((value) => value.split(","))
    .map((id) => id.trim())
    .filter(Boolean);
}

/** Renders rows with the call's `fields`. */
export function renderRows(core: Core, call: ApiCall, def: ObjectDef, rows: readonly Row[]): Record<string, unknown>[] {
  const tree = parseFields(def, call.params.getAll("fields"), call.version);
  const ctx = { store: core.store, customs: customFields(core.store) };
  return rows.map((row) => render(row, def, tree, ctx));
}

/** One ID answers an object, several an array (fixtures get.json / get_multiple.json). */
export function getByIds(core: Core, call: ApiCall, def: ObjectDef, ids: string[]): ApiResult {
  principalOf(core, call);
  const rows = ids.map((id) => {
    const row = core.store.get(def.objCode, id);
    if (!row) throw notFound(def.objCode, id);
    return row;
  });
  const rendered = renderRows(core, call, def, rows);
  return { data: ids.length === 1 ? rendered[0] : rendered };
}

function integerParam(params: Params, name: string, fallback: number, min: number): number {
  const text = params.get(name);
  if (text === undefined || text === "") return fallback;
  if (!/^-?\d+$/.test(text.trim()) || Number(text) < min) throw new WfError("illegalArgument", `${name} must be an integer of at least ${min} (got ${text})`);
  return Number(text);
}

function matching(core: Core, call: ApiCall, def: ObjectDef): Row[] {
  const principal = principalOf(core, call);
  const filter = buildFilter(def, call.params, { store: core.store, version: call.version, userID: principal.userID });
  const rows = core.store.all(def.objCode).filter(filter);
  const sort = buildSort(core.store, def, call.params, call.version);
  return sort ? rows.sort(sort) : rows;
}

/** `/search`: filters, `_Sort`, `$$FIRST`/`$$LIMIT` (default 100, at most 2000) and `map=true` (reference A4). */
export function search(core: Core, call: ApiCall, def: ObjectDef): ApiResult {
  if (call.method !== "GET") throw new WfError("unsupported", `search needs GET (or method=GET), not ${call.method}`);
  const limit = integerParam(call.params, "$$LIMIT", DEFAULT_LIMIT, 1);
  if (limit > MAX_LIMIT) throw new WfError("illegalArgument", `$$LIMIT may not be greater than ${MAX_LIMIT}; use $$FIRST to page (got ${limit})`);
  const first = integerParam(call.params, "$$FIRST", 0, 0);
  const page = matching(core, call, def).slice(first, first + limit);
  const rendered = renderRows(core, call, def, page);
  if (call.params.flag("map")) return { data: Object.fromEntries(rendered.map((item) => [String(item.ID), item])) };
  return { data: rendered };
}

/** `/count` answers `{"count":n}` inside `data` (fixtures/count.json). */
export function count(core: Core, call: ApiCall, def: ObjectDef): ApiResult {
  if (call.method !== "GET") throw new WfError("unsupported", `count needs GET (or method=GET), not ${call.method}`);
  return { data: { count: matching(core, call, def).length } };
}
