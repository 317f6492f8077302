/**
 * Pure edits the scenario editor makes to a blueprint: layout, copy and paste. Kept framework-free so
 * they are unit-tested and the same rules hold wherever a blueprint is edited.
 */
import { z } from "zod";
import { rewriteReferences } from "../mapping/client";
import { blueprintLinkSchema, blueprintModuleSchema, type Blueprint, type BlueprintLink, type BlueprintModule } from "./blueprint";

const COLUMN = 300;
const ROW = 140;

/** Blueprints saved without positions (API, import) get a left-to-right layout along the tree. */
export function withPositions(blueprint: Blueprint): Blueprint {
  if (blueprint.modules.every((m) => m.ui)) return blueprint;
  return layout(blueprint, (m) => m.ui === undefined);
}

/** Auto-align: every module placed on the tree layout, notes kept. */
export function autoLayout(blueprint: Blueprint): Blueprint {
  return layout(blueprint, () => true);
}

function layout(blueprint: Blueprint, move: (m: BlueprintModule) => boolean): Blueprint {
  const children = new Map<number, number[]>();
  for (const l of blueprint.links) children.set(l.from, [...(children.get(l.from) ?? []), l.to]);
  const targets = new Set(blueprint.links.map((l) => l.to));
  const placed = new Map<number, { x: number; y: number }>();
  let row = 0;
  const place = (id: number, depth: number) => {
    if (placed.has(id)) return;
    placed.set(id, { x: depth * COLUMN, y: row * ROW });
    (children.get(id) ?? []).forEach((k, i) => {
      if (i > 0) row++;
      place(k, depth + 1);
    });
  };
  const roots = blueprint.modules.filter((m) => !targets.has(m.id));
  for (const m of [...roots, ...blueprint.modules]) {
    if (placed.has(m.id)) continue;
    place(m.id, 0);
    row++;
  }
  return {
    ...blueprint,
    modules: blueprint.modules.map((m) => (move(m) ? { ...m, ui: { ...m.ui, x: placed.get(m.id)?.x ?? 0, y: placed.get(m.id)?.y ?? 0 } } : m)),
  };
}

export const CLIPBOARD_KIND = "patchbay/modules";

export const clipboardSchema = z.object({
  kind: z.literal(CLIPBOARD_KIND),
  modules: z.array(blueprintModuleSchema).min(1).max(500),
  links: z.array(blueprintLinkSchema),
});

export type Clipboard = z.infer<typeof clipboardSchema>;

/** The chosen modules and the links between them, ready to paste into this or another scenario. */
export function copyModules(blueprint: Blueprint, ids: readonly number[]): Clipboard | null {
  const chosen = new Set(ids);
  const modules = blueprint.modules.filter((m) => chosen.has(m.id));
  if (modules.length === 0) return null;
  return { kind: CLIPBOARD_KIND, modules: structuredClone(modules), links: structuredClone(blueprint.links.filter((l) => chosen.has(l.from) && chosen.has(l.to))) };
}

/** Clipboard text from anywhere: our modules, or null for anything else. */
export function parseClipboard(text: string): Clipboard | null {
  try {
    const parsed = clipboardSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Pastes modules under fresh ids, below the modules already there so they cover nothing. References between pasted
 * modules follow them to their new ids; references to modules outside the paste are kept as written.
 */
export function pasteModules(blueprint: Blueprint, clipboard: Clipboard): { blueprint: Blueprint; ids: number[] } {
  let next = Math.max(0, ...blueprint.modules.map((m) => m.id));
  const newId = new Map<number, number>();
  for (const m of clipboard.modules) newId.set(m.id, ++next);
  const remap = <T>(value: T): T => rewriteReferences(value, (ref) => (newId.has(ref.moduleId) ? { ...ref, moduleId: newId.get(ref.moduleId)! } : ref)) as T;
  // Pasted modules go below everything already on the canvas, keeping their own arrangement.
  const lowest = Math.max(...blueprint.modules.map((m) => m.ui?.y ?? 0));
  const top = Math.min(...clipboard.modules.map((m) => m.ui?.y ?? 0));
  const offsetY = blueprint.modules.length > 0 ? lowest + ROW - top : 0;
  const modules: BlueprintModule[] = clipboard.modules.map((m) => ({
    ...m,
    id: newId.get(m.id)!,
    mapper: remap(m.mapper),
    onError: m.onError ? remap(m.onError) : m.onError,
    ui: { ...m.ui, x: m.ui?.x ?? 0, y: (m.ui?.y ?? 0) + offsetY },
  }));
  const links: BlueprintLink[] = clipboard.links
    .filter((l) => newId.has(l.from) && newId.has(l.to))
    .map((l) => ({ ...l, from: newId.get(l.from)!, to: newId.get(l.to)!, ...(l.filter ? { filter: remap(l.filter) } : {}) }));
  return { blueprint: { ...blueprint, modules: [...blueprint.modules, ...modules], links: [...blueprint.links, ...links] }, ids: modules.map((m) => m.id) };
}
