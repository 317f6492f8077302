import type { Template } from "./ast";
import { parseTemplate } from "./parser";

/**
 * The same mapper strings are evaluated for every bundle of every run; parsing once per distinct
 * string saves most of the work. Templates are never mutated after parsing, so sharing is safe.
 */
const MAX_ENTRIES = 2000;
const MAX_CACHED_LENGTH = 20_000;
const templates = new Map<string, Template>();

export function parseCached(source: string): Template {
  const hit = templates.get(source);
  if (hit) return hit;
  const template = parseTemplate(source);
  if (source.length <= MAX_CACHED_LENGTH) {
    if (templates.size >= MAX_ENTRIES) templates.delete(templates.keys().next().value as string);
    templates.set(source, template);
  }
  return template;
}
