import type { ModuleDefinition } from "@/lib/modules/define";
import type { FieldSpec } from "@/lib/modules/field-spec";

const cache = new WeakMap<ModuleDefinition, ReadonlySet<string>>();

/** Names of fields a module declares `sensitive`, at any depth: redacted in its log entries. */
export function sensitiveKeys(def: ModuleDefinition): ReadonlySet<string> {
  let keys = cache.get(def);
  if (!keys) cache.set(def, (keys = new Set(collect(def.fields))));
  return keys;
}

function collect(fields: readonly FieldSpec[]): string[] {
  return fields.flatMap((f) => [
    ...(f.sensitive ? [f.name] : []),
    ...(f.type === "collection" ? collect(f.fields) : []),
    ...(f.type === "array" && f.items.type === "collection" ? collect(f.items.fields) : []),
  ]);
}
