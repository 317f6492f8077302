/**
 * What to tell a person after a blueprint import: data stores, structures, connections and webhooks this
 * instance lacks were cleared from their modules (POST /scenarios/import answers them under `references.missing`).
 */
export function importNotice(imported: { name: string; references?: { missing: Array<{ message: string }> } }): string {
  const missing = imported.references?.missing ?? [];
  if (missing.length === 0) return `Imported “${imported.name}”.`;
  return `Imported “${imported.name}”, but ${missing.length} reference${missing.length === 1 ? "" : "s"} could not be matched here: ${missing.map((m) => m.message).join(" ")}`;
}
