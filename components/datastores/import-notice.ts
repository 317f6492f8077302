/**
 * What to tell a person after a blueprint import: data stores and structures that this instance lacks
 * were cleared from their modules (POST /scenarios/import answers them under `references.missing`).
 */
export function importNotice(imported: { name: string; references?: { missing: Array<{ message: string }> } }): string {
  const missing = imported.references?.missing ?? [];
  if (missing.length === 0) return `Imported “${imported.name}”.`;
  return `Imported “${imported.name}”, but ${missing.length} data store or structure reference${missing.length === 1 ? "" : "s"} could not be matched by name: ${missing.map((m) => m.message).join(" ")}`;
}
