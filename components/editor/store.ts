"use client";

import { applyNodeChanges, type NodeChange } from "@xyflow/react";
import { create } from "zustand";
import type { Blueprint, BlueprintLink, BlueprintModule } from "@/lib/scenario/blueprint";

/** What the editor changes: one blueprint, plus where its modules sit and what the last run did. */
interface EditorState {
  scenarioId: string;
  baseRevision: number;
  blueprint: Blueprint;
  dirty: boolean;
  selected: number | null;
  /** Operations per module id in the run being shown (bubbles). */
  operations: Record<number, { count: number; failed: boolean }>;
  /** Node sizes React Flow measured; a node without one stays hidden. */
  measured: Record<number, { width: number; height: number }>;
  load(scenarioId: string, revision: number, blueprint: Blueprint): void;
  saved(revision: number, blueprint: Blueprint): void;
  select(id: number | null): void;
  onNodesChange(changes: NodeChange[]): void;
  addModule(module: string, version: number, after: number | null): number;
  updateModule(id: number, patch: Partial<Pick<BlueprintModule, "params" | "mapper" | "connection" | "onError">>): void;
  removeModule(id: number): void;
  connect(from: number, to: number): string | null;
  removeLink(from: number, to: number): void;
  showRun(operations: EditorState["operations"]): void;
}

const ROUTER = "flow:router";

export const useEditor = create<EditorState>((set, get) => ({
  scenarioId: "",
  baseRevision: 0,
  blueprint: { schemaVersion: 1, modules: [], links: [], settings: {} as Blueprint["settings"] },
  dirty: false,
  selected: null,
  operations: {},
  measured: {},
  load: (scenarioId, revision, blueprint) => set({ scenarioId, baseRevision: revision, blueprint: withPositions(blueprint), dirty: false, selected: null, operations: {} }),
  saved: (revision, blueprint) => set({ baseRevision: revision, blueprint: withPositions(blueprint), dirty: false }),
  select: (id) => set({ selected: id }),
  onNodesChange: (changes) => {
    const { blueprint, measured } = get();
    const nodes = applyNodeChanges(changes, blueprint.modules.map((m) => toNode(m, measured[m.id])));
    const moved = changes.some((c) => c.type === "position" && c.position);
    const byId = new Map(nodes.map((n) => [Number(n.id), n]));
    const sizes = { ...measured };
    for (const n of nodes) if (n.measured?.width && n.measured.height) sizes[Number(n.id)] = { width: n.measured.width, height: n.measured.height };
    set({
      measured: sizes,
      blueprint: moved
        ? { ...blueprint, modules: blueprint.modules.map((m) => ({ ...m, ui: { ...m.ui, x: byId.get(m.id)?.position.x ?? m.ui?.x ?? 0, y: byId.get(m.id)?.position.y ?? m.ui?.y ?? 0 } })) }
        : blueprint,
      dirty: get().dirty || moved,
    });
  },
  addModule: (module, version, after) => {
    const { blueprint } = get();
    const id = Math.max(0, ...blueprint.modules.map((m) => m.id)) + 1;
    const anchor = blueprint.modules.find((m) => m.id === after);
    const siblings = anchor ? blueprint.links.filter((l) => l.from === anchor.id).length : 0;
    const ui = anchor ? { x: (anchor.ui?.x ?? 0) + 260, y: (anchor.ui?.y ?? 0) + siblings * 140 } : { x: 0, y: 0 };
    const links: BlueprintLink[] = anchor ? [...blueprint.links, { from: anchor.id, to: id }] : blueprint.links;
    set({ blueprint: { ...blueprint, modules: [...blueprint.modules, { id, module, version, connection: null, params: {}, mapper: {}, onError: null, ui }], links }, dirty: true, selected: id });
    return id;
  },
  updateModule: (id, patch) => {
    const { blueprint } = get();
    set({ blueprint: { ...blueprint, modules: blueprint.modules.map((m) => (m.id === id ? { ...m, ...patch } : m)) }, dirty: true });
  },
  removeModule: (id) => {
    const { blueprint, selected } = get();
    set({
      blueprint: { ...blueprint, modules: blueprint.modules.filter((m) => m.id !== id), links: blueprint.links.filter((l) => l.from !== id && l.to !== id) },
      dirty: true,
      selected: selected === id ? null : selected,
    });
  },
  connect: (from, to) => {
    const { blueprint } = get();
    if (from === to) return "A module cannot link to itself.";
    if (blueprint.links.some((l) => l.to === to)) return `Module ${to} already has an incoming link; a module takes bundles from one module only.`;
    const source = blueprint.modules.find((m) => m.id === from);
    if (source?.module !== ROUTER && blueprint.links.some((l) => l.from === from)) return `Only a router can have several routes; add a router after module ${from}.`;
    set({ blueprint: { ...blueprint, links: [...blueprint.links, { from, to }] }, dirty: true });
    return null;
  },
  removeLink: (from, to) => {
    const { blueprint } = get();
    set({ blueprint: { ...blueprint, links: blueprint.links.filter((l) => !(l.from === from && l.to === to)) }, dirty: true });
  },
  showRun: (operations) => set({ operations }),
}));

export function toNode(m: BlueprintModule, measured?: { width: number; height: number }) {
  return { id: String(m.id), type: "module", position: { x: m.ui?.x ?? 0, y: m.ui?.y ?? 0 }, data: { moduleId: m.id }, ...(measured ? { measured } : {}) };
}

/** Blueprints saved without positions (API, import) get a left-to-right layout along the tree. */
function withPositions(blueprint: Blueprint): Blueprint {
  if (blueprint.modules.every((m) => m.ui)) return blueprint;
  const children = new Map<number, number[]>();
  for (const l of blueprint.links) children.set(l.from, [...(children.get(l.from) ?? []), l.to]);
  const targets = new Set(blueprint.links.map((l) => l.to));
  const placed = new Map<number, { x: number; y: number }>();
  let row = 0;
  const place = (id: number, depth: number) => {
    placed.set(id, { x: depth * 260, y: row * 140 });
    const kids = children.get(id) ?? [];
    kids.forEach((k, i) => {
      if (i > 0) row++;
      place(k, depth + 1);
    });
  };
  for (const m of blueprint.modules) if (!targets.has(m.id) && !placed.has(m.id)) {
    place(m.id, 0);
    row++;
  }
  return { ...blueprint, modules: blueprint.modules.map((m) => (m.ui ? m : { ...m, ui: { x: placed.get(m.id)?.x ?? 0, y: placed.get(m.id)?.y ?? 0 } })) };
}
