import type { ModuleRegistry } from "../modules/registry";
import { blueprintSchema, type Blueprint } from "../scenario/blueprint";
import { scenarioExportSchema, type ExportReferences } from "../scenario/export";
import { DATA_STORE_OPTIONS, DATA_STRUCTURE_OPTIONS, type DataStoreDirectory } from "./directory";

/**
 * Blueprints refer to data stores and structures by id (a module's store or structure picker). Ids are
 * per instance, so an export names them and an import on another instance matches them by name.
 */
export type ReferenceKind = "dataStore" | "dataStructure";

interface ReferenceSite {
  moduleId: number;
  moduleTitle: string;
  param: string;
  paramLabel: string;
  kind: ReferenceKind;
  id: string;
}

export interface ImportedReference {
  moduleId: number;
  param: string;
  kind: ReferenceKind;
  name: string | null;
  /** Matched: the id on this instance. Missing: the id in the file (now cleared from the module). */
  id: string;
}

export interface ReferenceReport {
  matched: ImportedReference[];
  missing: Array<ImportedReference & { message: string }>;
}

const KIND_OF_OPTIONS: Record<string, ReferenceKind> = { [DATA_STORE_OPTIONS]: "dataStore", [DATA_STRUCTURE_OPTIONS]: "dataStructure" };
type StoreReferences = Pick<ExportReferences, "dataStores" | "dataStructures">;
const LIST_OF: Record<ReferenceKind, keyof StoreReferences> = { dataStore: "dataStores", dataStructure: "dataStructures" };
const NOUN: Record<ReferenceKind, string> = { dataStore: "data store", dataStructure: "data structure" };

/** Where a blueprint refers to a store or structure: static pickers of either kind holding an id. */
function referenceSites(blueprint: Blueprint, registry: ModuleRegistry): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const m of blueprint.modules) {
    const def = registry.getModule(m.module, m.version);
    for (const field of def?.fields ?? []) {
      if (field.type !== "select" || !("dynamicOptions" in field) || !field.static) continue;
      const kind = KIND_OF_OPTIONS[field.dynamicOptions];
      const id = m.params[field.name];
      if (kind && typeof id === "string" && id !== "") {
        sites.push({ moduleId: m.id, moduleTitle: def?.title ?? m.module, param: field.name, paramLabel: field.label, kind, id });
      }
    }
  }
  return sites;
}

const itemsOf = (directory: DataStoreDirectory, kind: ReferenceKind) => (kind === "dataStore" ? directory.stores : directory.structures);

/** The names of every store and structure the blueprint uses, for the export file. */
export function exportReferences(blueprint: unknown, registry: ModuleRegistry, directory: DataStoreDirectory): StoreReferences {
  const references: StoreReferences = { dataStores: [], dataStructures: [] };
  const parsed = blueprintSchema.safeParse(blueprint);
  if (!parsed.success) return references;
  for (const site of referenceSites(parsed.data, registry)) {
    const list = references[LIST_OF[site.kind]];
    if (list.some((r) => r.id === site.id)) continue;
    // A store deleted since the scenario was saved has no name left to carry; the import reports it missing.
    list.push({ id: site.id, name: itemsOf(directory, site.kind).find((i) => i.id === site.id)?.name ?? null });
  }
  return references;
}

/**
 * Rewrites an export file's store and structure ids to this instance's, matching by name (the same id is
 * kept when it exists here: an import into the instance it came from). What has no match is cleared from
 * its module and reported, as Fusion leaves such a picker empty: the scenario imports and can't run until
 * someone picks one. A file that is not a valid export is passed through for the importer to refuse.
 */
export function resolveImportReferences(file: unknown, registry: ModuleRegistry, directory: DataStoreDirectory): { file: unknown; report: ReferenceReport } {
  const report: ReferenceReport = { matched: [], missing: [] };
  const parsedFile = scenarioExportSchema.safeParse(file);
  if (!parsedFile.success) return { file, report };
  const parsedBlueprint = blueprintSchema.safeParse(parsedFile.data.blueprint);
  if (!parsedBlueprint.success) return { file, report };
  const blueprint = structuredClone(parsedBlueprint.data);
  const named: StoreReferences = parsedFile.data.references ?? { dataStores: [], dataStructures: [] };

  for (const site of referenceSites(blueprint, registry)) {
    const name = named[LIST_OF[site.kind]].find((r) => r.id === site.id)?.name ?? null;
    const items = itemsOf(directory, site.kind);
    const sameId = items.find((i) => i.id === site.id);
    const target = sameId && (name === null || sameId.name === name) ? sameId : (items.find((i) => name !== null && i.name === name) ?? sameId);
    const holder = blueprint.modules.find((m) => m.id === site.moduleId)!;
    if (target) {
      holder.params[site.param] = target.id;
      report.matched.push({ moduleId: site.moduleId, param: site.param, kind: site.kind, name: target.name, id: target.id });
    } else {
      delete holder.params[site.param];
      const what = name === null ? `${NOUN[site.kind]} ${site.id}` : `${NOUN[site.kind]} “${name}”`;
      report.missing.push({
        moduleId: site.moduleId,
        param: site.param,
        kind: site.kind,
        name,
        id: site.id,
        message: `Module ${site.moduleId} (${site.moduleTitle}): there is no ${what} here; its “${site.paramLabel}” setting was cleared. Create it and pick it in the editor.`,
      });
    }
  }
  if (report.matched.length + report.missing.length === 0) return { file, report };
  return { file: { ...(file as Record<string, unknown>), blueprint }, report };
}
