import type { ModuleDefinition } from "../modules/define";
import { canonicalJson } from "../scenario/canonical";
import type { AttentionField, ModuleState } from "./types";

const isUnset = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/**
 * The fields a person should look at after an upgrade, for the editor to highlight: fields the migration
 * set or changed, fields a migration note names (by their label in quotes, or their key), required fields
 * left empty, keys kept although the new version does not know them, and the connection when it must be
 * picked again. Each carries the notes that concern it.
 */
export function attentionFields(
  def: ModuleDefinition,
  before: ModuleState,
  after: ModuleState,
  notes: readonly string[],
  readded: readonly string[],
  connectionNote: string | null,
  /** What changed the fields, for the reasons: "the upgrade to v2", "the replacement". */
  change = `the upgrade to v${after.version}`,
): AttentionField[] {
  const out = new Map<string, AttentionField>();
  const add = (fieldPath: string, label: string, reason: string) => {
    const item = out.get(fieldPath) ?? { fieldPath, label, reasons: [] };
    if (!item.reasons.includes(reason)) item.reasons.push(reason);
    out.set(fieldPath, item);
  };

  for (const field of def.fields) {
    const area = field.static ? "params" : "mapper";
    const path = `${area}.${field.name}`;
    const was = before[area][field.name];
    const now = after[area][field.name];
    const naming = notes.filter((n) => n.includes(`“${field.label}”`) || n.includes(`“${field.name}”`));
    for (const note of naming) add(path, field.label, note);
    if (now !== undefined && (was === undefined || canonicalJson(was) !== canonicalJson(now))) {
      if (naming.length === 0) add(path, field.label, `Set by ${change}; check the value.`);
    }
    if (field.required && field.default === undefined && isUnset(now)) add(path, field.label, `Required, and not set after ${change}.`);
  }
  for (const key of readded) add(key, key.split(".").slice(1).join("."), `Not a field of ${def.title} v${after.version}: kept as it was. Remove it if it is not needed.`);
  if (connectionNote) add("connection", "Connection", connectionNote);
  return [...out.values()];
}
