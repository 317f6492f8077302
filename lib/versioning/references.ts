import { rewriteReferences, type Reference } from "../mapping";
import { mapStrings } from "../mapping/mapper";
import type { Blueprint, BlueprintLink, BlueprintModule } from "../scenario/blueprint";
import { renamePath, type Renames } from "./renames";
import type { RewrittenReference } from "./types";

/** Every module reachable from `id` through links: the only ones that can read its output. */
export function downstreamOf(blueprint: Blueprint, id: number): Set<number> {
  const seen = new Set<number>();
  const queue = [id];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const link of blueprint.links) {
      if (link.from === from && !seen.has(link.to) && link.to !== id) {
        seen.add(link.to);
        queue.push(link.to);
      }
    }
  }
  return seen;
}

const joinPath = (prefix: string, fieldPath: string) =>
  fieldPath === "" ? prefix : fieldPath.startsWith("[") ? `${prefix}${fieldPath}` : `${prefix}.${fieldPath}`;

/**
 * Rewrites references inside one value with `fn` (return the reference to keep it). Text is edited in
 * place by rewriteReferences, so everything but the changed parts stays byte-for-byte; each changed
 * string is recorded with its text before and after.
 */
export function rewriteValueWith<T>(
  value: T,
  where: { moduleId: number; prefix: string },
  fn: (ref: Reference) => Reference,
  out: RewrittenReference[],
): T {
  const found: RewrittenReference[] = [];
  let next: unknown;
  try {
    next = mapStrings(value, (text, fieldPath) => {
      if (!text.includes("{{")) return text;
      const after = rewriteReferences(text, fn) as string;
      if (after !== text) found.push({ moduleId: where.moduleId, fieldPath: joinPath(where.prefix, fieldPath), before: text, after });
      return after;
    });
  } catch {
    // Too deep to walk: the checker reports it; the value is left as it is.
    return value;
  }
  if (found.length === 0) return value;
  out.push(...found);
  return next as T;
}

/**
 * Applies `fn` to every reference in the given modules: their mappers, error-handler settings and the
 * filters on links into them. Nothing else is touched.
 */
export function rewriteModules(
  blueprint: Blueprint,
  moduleIds: ReadonlySet<number>,
  fn: (ref: Reference) => Reference,
): { blueprint: Blueprint; rewritten: RewrittenReference[] } {
  const rewritten: RewrittenReference[] = [];
  const modules = blueprint.modules.map((m): BlueprintModule => {
    if (!moduleIds.has(m.id)) return m;
    const mapper = rewriteValueWith(m.mapper, { moduleId: m.id, prefix: "mapper" }, fn, rewritten);
    const onError = m.onError ? rewriteValueWith(m.onError, { moduleId: m.id, prefix: "onError" }, fn, rewritten) : m.onError;
    return mapper === m.mapper && onError === m.onError ? m : { ...m, mapper, ...(m.onError === undefined ? {} : { onError }) };
  });
  const links = blueprint.links.map((l): BlueprintLink => {
    if (!moduleIds.has(l.to) || !l.filter) return l;
    const conditions = rewriteValueWith(l.filter.conditions, { moduleId: l.to, prefix: "filter" }, fn, rewritten);
    return conditions === l.filter.conditions ? l : { ...l, filter: { ...l.filter, conditions } };
  });
  return { blueprint: { ...blueprint, modules, links }, rewritten };
}

/**
 * Rewrites, in every module downstream of `target`, the references to its renamed outputs: mappers,
 * error-handler settings and the filters on links into those modules. Nothing else is touched.
 */
export function rewriteDownstream(
  blueprint: Blueprint,
  target: number,
  renames: Renames,
): { blueprint: Blueprint; rewritten: RewrittenReference[] } {
  if (Object.keys(renames).length === 0) return { blueprint, rewritten: [] };
  return rewriteModules(blueprint, downstreamOf(blueprint, target), (ref) => {
    if (ref.moduleId !== target) return ref;
    const path = renamePath(ref.path, renames);
    return path ? { ...ref, path } : ref;
  });
}
