import type { Bundle } from "@/lib/modules/json";

export const STOP_IF_EMPTY_FIELD = {
  name: "stopIfEmpty",
  label: "Stop processing after an empty aggregation",
  type: "boolean",
  static: true,
  default: false,
  help: "When nothing reached the aggregator, emit no bundle instead of an empty result.",
} as const;

export const GROUP_BY_FIELD = {
  name: "groupBy",
  label: "Group by",
  type: "text",
  help: "Emit one bundle per distinct value (as `key`), in order of first appearance.",
} as const;

export const SOURCE_MODULE_SPEC = {
  name: "sourceModule",
  label: "Source module",
  type: "number",
  integer: true,
  min: 1,
  static: true,
  required: true,
  help: "The module whose bundles are collected; the aggregator emits when that module's bundles are exhausted.",
} as const;

/**
 * Shared aggregator shape: without grouping, one bundle (or none, when empty and asked to stop);
 * with grouping, one bundle per key in first-seen order.
 */
export function aggregate<T>(
  items: ReadonlyArray<{ key: string | undefined; item: T }>,
  stopIfEmpty: boolean,
  reduce: (group: T[]) => Bundle,
): Bundle[] {
  const grouped = items.some((i) => i.key !== undefined);
  if (!grouped) {
    if (items.length === 0 && stopIfEmpty) return [];
    return [reduce(items.map((i) => i.item))];
  }
  const groups = new Map<string, T[]>();
  for (const { key, item } of items) {
    const k = key ?? "";
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return [...groups].map(([key, group]) => ({ key, ...reduce(group) }));
}
