import type { BlueprintModule } from "../scenario/blueprint";
import { canonicalJson } from "../scenario/canonical";

/**
 * The stored value at "mapper.body", "params.apiVersion" or "connection", as canonical JSON (null when
 * empty): what an attention item remembers, and what tells whether someone has edited the field since.
 * Plain code, so the editor compares its unsaved values the same way the server does.
 */
export function valueAt(step: Pick<BlueprintModule, "params" | "mapper" | "connection">, fieldPath: string): string | null {
  if (fieldPath === "connection") return step.connection ? canonicalJson(step.connection) : null;
  const [area, ...rest] = fieldPath.split(".");
  const source = area === "params" ? step.params : area === "mapper" ? step.mapper : undefined;
  const value = source?.[rest.join(".")];
  return value === undefined || value === null ? null : canonicalJson(value);
}
