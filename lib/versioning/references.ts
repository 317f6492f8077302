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
 * Rewrites references to `target`'s renamed outputs inside one value. Text is edited in place by
 * rewriteReferences, so everything but the renamed path segments stays byte-for-byte; each changed
 * string is recorded with its text before and after.
 */
export function rewriteValue<T>(
  value: T,
  where: { moduleId: number; prefix: string },
  target: number,
  renames: Renames,
  out: RewrittenReference[],
): T {
  const fn = (ref: Reference): Reference => {
    if (ref.moduleId !== target) return ref;
    const path = renamePath(ref.path, renames);
    return path ? { ...ref, path } : ref;
  };
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
 * Rewrites, in every module downstream of `target`, the references to its renamed outputs: mappers,
 * error-handler settings and the filters on links into those modules. Nothing else is touched.
 */
export function rewriteDownstream(
  blueprint: Blueprint,
  target: number,
  renames: Renames,
): { blueprint: Blueprint; rewritten: RewrittenReference[] } {
  if (Object.keys(renames).length === 0) return { blueprint, rewritten: [] };
  const downstream = downstreamOf(blueprint, target);
  const rewritten: RewrittenReference[] = [];
  const modules = blueprint.modules.map((m): BlueprintModule => {
    if (!downstream.has(m.id)) return m;
    const mapper = rewriteValue(m.mapper, { moduleId: m.id, prefix: "mapper" }, target, renames, rewritten);
    const onError = m.onError ? rewriteValue(m.onError, { moduleId: m.id, prefix: "onError" }, target, renames, rewritten) : m.onError;
    return mapper === m.mapper && onError === m.onError ? m : { ...m, mapper, ...(m.onError === undefined ? {} : { onError }) };
  });
  const links = blueprint.links.map((l): BlueprintLink => {
    if (!downstream.has(l.to) || !l.filter) return l;
    const conditions = rewriteValue(l.filter.conditions, { moduleId: l.to, prefix: "filter" }, target, renames, rewritten);
    return conditions === l.filter.conditions ? l : { ...l, filter: { ...l.filter, conditions } };
  });
  return { blueprint: { ...blueprint, modules, links }, rewritten };
}
