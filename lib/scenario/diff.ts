import type { Blueprint, BlueprintLink, BlueprintModule } from "./blueprint";
import { canonicalJson } from "./canonical";

/**
 * What changed between two revisions of a scenario, for people comparing them side by side.
 *
 * Modules are matched by id. A module whose id now holds a different module key (an id freed by a delete
 * and reused by the next add) is reported as removed and added: "changed from JSON to HTTP" would suggest
 * an edit nobody made. Positions never make a module "changed": a move is reported on its own
 * (`moved`), so a revision that only tidied the canvas reads as "no changes, 3 modules moved".
 */
export interface FieldChange {
  /** "version", "connection", "onError", "note", "params.<key>", "mapper.<key>", "filter", "fallback", a settings key, "name", "description". */
  path: string;
  /** `undefined` when the field is not set on that side. */
  before: unknown;
  after: unknown;
}

export type ModuleStatus = "added" | "removed" | "changed" | "unchanged";

export interface ModuleDiff {
  id: number;
  status: ModuleStatus;
  before: BlueprintModule | null;
  after: BlueprintModule | null;
  /** Field-level changes; empty unless the status is "changed". */
  fields: FieldChange[];
  /** Where the module sat and sits now, when it moved on the canvas (content may or may not have changed). */
  moved: { before: Position; after: Position } | null;
}

export interface LinkDiff {
  from: number;
  to: number;
  status: "added" | "removed" | "changed";
  before: BlueprintLink | null;
  after: BlueprintLink | null;
  /** "filter" and/or "fallback" when the status is "changed" (the route itself identifies the link). */
  fields: FieldChange[];
}

export interface BlueprintDiff {
  /** Every module of either side, by id; unchanged ones included so a side-by-side view can show context. */
  modules: ModuleDiff[];
  /** Only links that were added, removed or changed. */
  links: LinkDiff[];
  settings: FieldChange[];
}

export interface RevisionContent {
  name: string;
  description: string;
  blueprint: Blueprint;
}

export interface RevisionDiff extends BlueprintDiff {
  /** The scenario's name and description, which revisions carry beside the blueprint. */
  meta: FieldChange[];
}

interface Position {
  x: number;
  y: number;
}

export function diffRevisions(before: RevisionContent, after: RevisionContent): RevisionDiff {
  const meta = compareFields(
    [["name", before.name], ["description", before.description]],
    [["name", after.name], ["description", after.description]],
  );
  return { meta, ...diffBlueprints(before.blueprint, after.blueprint) };
}

export function diffBlueprints(before: Blueprint, after: Blueprint): BlueprintDiff {
  return {
    modules: diffModules(before.modules, after.modules),
    links: diffLinks(before.links, after.links),
    settings: compareFields(Object.entries(before.settings ?? {}), Object.entries(after.settings ?? {})),
  };
}

/** Counts for a one-line summary ("2 added, 1 changed …"); `identical` ignores moves. */
export function summarizeDiff(diff: BlueprintDiff & { meta?: FieldChange[] }) {
  const count = (status: ModuleStatus) => diff.modules.filter((m) => m.status === status).length;
  const links = (status: LinkDiff["status"]) => diff.links.filter((l) => l.status === status).length;
  const summary = {
    added: count("added"),
    removed: count("removed"),
    changed: count("changed"),
    moved: diff.modules.filter((m) => m.moved !== null).length,
    links: { added: links("added"), removed: links("removed"), changed: links("changed") },
    settings: diff.settings.length,
    meta: diff.meta?.length ?? 0,
  };
  return { ...summary, identical: summary.added + summary.removed + summary.changed + diff.links.length + summary.settings + summary.meta === 0 };
}

/**
 * A module's comparable fields in the order the inspector shows them, with defaults made explicit
 * (`connection: null` and an absent connection mean the same). Used for diffing and for drawing a side.
 */
export function moduleFields(m: BlueprintModule): Array<[path: string, value: unknown]> {
  const fields: Array<[string, unknown]> = [
    ["version", m.version],
    ["connection", m.connection ?? undefined],
  ];
  for (const [key, value] of Object.entries(m.params ?? {})) fields.push([`params.${key}`, value]);
  for (const [key, value] of Object.entries(m.mapper ?? {})) fields.push([`mapper.${key}`, value]);
  fields.push(["onError", m.onError ?? undefined], ["note", m.ui?.note || undefined]);
  return fields.filter(([, value]) => value !== undefined);
}

export interface FieldRow extends FieldChange {
  changed: boolean;
}

/** One row per field either side has, for drawing two versions of a module next to each other. */
export function alignModuleFields(before: BlueprintModule | null, after: BlueprintModule | null): FieldRow[] {
  return alignFields(before ? moduleFields(before) : [], after ? moduleFields(after) : []);
}

function diffModules(before: BlueprintModule[], after: BlueprintModule[]): ModuleDiff[] {
  const old = new Map(before.map((m) => [m.id, m]));
  const next = new Map(after.map((m) => [m.id, m]));
  const ids = [...new Set([...old.keys(), ...next.keys()])].sort((a, b) => a - b);
  const diffs: ModuleDiff[] = [];
  for (const id of ids) {
    const a = old.get(id);
    const b = next.get(id);
    if (a && b && a.module === b.module) {
      const fields = compareFields(moduleFields(a), moduleFields(b));
      diffs.push({ id, status: fields.length > 0 ? "changed" : "unchanged", before: a, after: b, fields, moved: movement(a, b) });
      continue;
    }
    if (a) diffs.push({ id, status: "removed", before: a, after: null, fields: [], moved: null });
    if (b) diffs.push({ id, status: "added", before: null, after: b, fields: [], moved: null });
  }
  return diffs;
}

function movement(a: BlueprintModule, b: BlueprintModule): ModuleDiff["moved"] {
  // A side without a position is laid out automatically by the editor: nothing to compare it with.
  if (!a.ui || !b.ui) return null;
  const from = { x: a.ui.x, y: a.ui.y };
  const to = { x: b.ui.x, y: b.ui.y };
  return from.x === to.x && from.y === to.y ? null : { before: from, after: to };
}

function diffLinks(before: BlueprintLink[], after: BlueprintLink[]): LinkDiff[] {
  const key = (l: BlueprintLink) => `${l.from}->${l.to}`;
  const old = new Map(before.map((l) => [key(l), l]));
  const next = new Map(after.map((l) => [key(l), l]));
  const diffs: LinkDiff[] = [];
  for (const [k, a] of old) {
    const b = next.get(k);
    if (!b) {
      diffs.push({ from: a.from, to: a.to, status: "removed", before: a, after: null, fields: [] });
      continue;
    }
    const fields = compareFields(linkFields(a), linkFields(b));
    if (fields.length > 0) diffs.push({ from: a.from, to: a.to, status: "changed", before: a, after: b, fields });
  }
  for (const [k, b] of next) if (!old.has(k)) diffs.push({ from: b.from, to: b.to, status: "added", before: null, after: b, fields: [] });
  return diffs.sort((x, y) => x.from - y.from || x.to - y.to);
}

/** One row per link field either side has; "route" ("2 → 3") makes an added or removed link visible. */
export function alignLinkFields(before: BlueprintLink | null, after: BlueprintLink | null): FieldRow[] {
  return alignFields(before ? linkFields(before) : [], after ? linkFields(after) : []);
}

function linkFields(l: BlueprintLink): Array<[string, unknown]> {
  return [["route", `${l.from} → ${l.to}`], ["filter", l.filter ?? undefined], ["fallback", l.fallback || undefined]];
}

const FIELD_ORDER = ["version", "connection", "params", "mapper", "onError", "note"];
const rank = (path: string) => FIELD_ORDER.indexOf(path.split(".")[0]);

/** Pairs fields by path (inspector order; within a group, the older side's order first). */
function alignFields(before: Array<[string, unknown]>, after: Array<[string, unknown]>): FieldRow[] {
  const a = new Map(before.filter(([, v]) => v !== undefined));
  const b = new Map(after.filter(([, v]) => v !== undefined));
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => rank(x) - rank(y));
  return paths.map((path) => ({ path, before: a.get(path), after: b.get(path), changed: canonicalJson(a.get(path)) !== canonicalJson(b.get(path)) }));
}

function compareFields(before: Array<[string, unknown]>, after: Array<[string, unknown]>): FieldChange[] {
  return alignFields(before, after)
    .filter((row) => row.changed)
    .map(({ path, before: a, after: b }) => ({ path, before: a, after: b }));
}
