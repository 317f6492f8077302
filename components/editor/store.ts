"use client";

import { applyNodeChanges, type NodeChange } from "@xyflow/react";
import { create } from "zustand";
import type { LogEntry } from "@/lib/engine/types";
import type { Blueprint, BlueprintModule, Filter } from "@/lib/scenario/blueprint";
import { linkProblem, ROUTER_KEY } from "@/lib/scenario/graph";
import { autoLayout, copyModules, pasteModules, withPositions, type Clipboard } from "@/lib/scenario/edits";

const HISTORY_LIMIT = 100;

export type LinkKey = { from: number; to: number };

/** What the editor changes: one blueprint, its undo history, the selection, and what the shown run did. */
interface EditorState {
  scenarioId: string;
  baseRevision: number;
  blueprint: Blueprint;
  dirty: boolean;
  past: Blueprint[];
  future: Blueprint[];
  /** The module the inspector shows. */
  selected: number | null;
  /** Every selected module (box or shift-click selection), for copy and delete. */
  selection: number[];
  selectedLink: LinkKey | null;
  /** Where the palette adds the next module ("+" on a module sets it). */
  addAfter: number | null;
  /** Operations per module id in the run being shown (bubbles). */
  operations: Record<number, { count: number; failed: boolean; running?: boolean }>;
  /** Save-time check results per module id, refreshed as the blueprint changes. */
  problems: Record<number, { errors: number; warnings: number }>;
  /** Node sizes React Flow measured; a node without one stays hidden. */
  measured: Record<number, { width: number; height: number }>;
  load(scenarioId: string, revision: number, blueprint: Blueprint): void;
  saved(revision: number, blueprint: Blueprint): void;
  undo(): void;
  redo(): void;
  select(id: number | null): void;
  selectLink(link: LinkKey | null): void;
  setAddAfter(id: number | null): void;
  onNodesChange(changes: NodeChange[]): void;
  /** Called when a drag starts, so the whole drag is one undo step. */
  beginDrag(): void;
  addModule(module: string, version: number, after: number | null): number;
  updateModule(id: number, patch: Partial<Pick<BlueprintModule, "params" | "mapper" | "connection" | "onError">>): void;
  setNote(id: number, note: string): void;
  removeModules(ids: number[]): void;
  connect(from: number, to: number): string | null;
  removeLink(from: number, to: number): void;
  setLinkFilter(link: LinkKey, filter: Filter | null): void;
  setFallback(link: LinkKey, fallback: boolean): void;
  align(): void;
  copySelection(): Clipboard | null;
  paste(clipboard: Clipboard): number[];
  /** The per-operation log of the run being shown (inspector, mapping panel samples). */
  runLog: LogEntry[];
  /** Whether the run shown is a past execution opened from history rather than the live one. */
  runIsPast: boolean;
  showRun(log: LogEntry[], options?: { running?: number | null; past?: boolean }): void;
  setProblems(problems: EditorState["problems"]): void;
}

const empty: Blueprint = { schemaVersion: 1, modules: [], links: [], settings: {} as Blueprint["settings"] };

export const useEditor = create<EditorState>((set, get) => {
  /** Every edit goes through here: one undo step, dirty, redo cleared. */
  const edit = (next: Blueprint, extra: Partial<EditorState> = {}) => {
    const { blueprint, past } = get();
    set({ blueprint: next, past: [...past, blueprint].slice(-HISTORY_LIMIT), future: [], dirty: true, ...extra });
  };
  const updateLink = (link: LinkKey, patch: (l: Blueprint["links"][number]) => Blueprint["links"][number]) => {
    const { blueprint } = get();
    edit({ ...blueprint, links: blueprint.links.map((l) => (l.from === link.from && l.to === link.to ? patch(l) : l)) });
  };
  return {
    scenarioId: "",
    baseRevision: 0,
    blueprint: empty,
    dirty: false,
    past: [],
    future: [],
    selected: null,
    selection: [],
    selectedLink: null,
    addAfter: null,
    operations: {},
    runLog: [],
    runIsPast: false,
    problems: {},
    measured: {},
    load: (scenarioId, revision, blueprint) =>
      set({ scenarioId, baseRevision: revision, blueprint: withPositions(blueprint), dirty: false, past: [], future: [], selected: null, selection: [], selectedLink: null, addAfter: null, operations: {}, runLog: [], runIsPast: false, problems: {} }),
    saved: (revision, blueprint) => set({ baseRevision: revision, blueprint: withPositions(blueprint), dirty: false }),
    undo: () => {
      const { past, future, blueprint } = get();
      const previous = past.at(-1);
      if (!previous) return;
      set({ blueprint: previous, past: past.slice(0, -1), future: [blueprint, ...future], dirty: true, ...keepSelectionIn(previous, get()) });
    },
    redo: () => {
      const { past, future, blueprint } = get();
      const next = future[0];
      if (!next) return;
      set({ blueprint: next, past: [...past, blueprint], future: future.slice(1), dirty: true, ...keepSelectionIn(next, get()) });
    },
    select: (id) => set({ selected: id, selectedLink: null, ...(id === null ? { selection: [] } : {}) }),
    selectLink: (link) => set({ selectedLink: link, selected: null }),
    setAddAfter: (id) => set({ addAfter: id }),
    beginDrag: () => {
      const { blueprint, past } = get();
      set({ past: [...past, blueprint].slice(-HISTORY_LIMIT), future: [] });
    },
    onNodesChange: (changes) => {
      const { blueprint, measured, selection } = get();
      const nodes = applyNodeChanges(changes, blueprint.modules.map((m) => ({ ...toNode(m, measured[m.id]), selected: selection.includes(m.id) })));
      const moved = changes.some((c) => c.type === "position" && c.position);
      const selectionChanged = changes.some((c) => c.type === "select");
      const byId = new Map(nodes.map((n) => [Number(n.id), n]));
      const sizes = { ...measured };
      for (const n of nodes) if (n.measured?.width && n.measured.height) sizes[Number(n.id)] = { width: n.measured.width, height: n.measured.height };
      set({
        measured: sizes,
        ...(selectionChanged ? { selection: nodes.filter((n) => n.selected).map((n) => Number(n.id)) } : {}),
        // Only moved modules get new objects, so the other nodes' selectors return what they had and do not re-render.
        blueprint: moved
          ? {
              ...blueprint,
              modules: blueprint.modules.map((m) => {
                const position = byId.get(m.id)?.position;
                if (!position || (position.x === m.ui?.x && position.y === m.ui?.y)) return m;
                return { ...m, ui: { ...m.ui, x: position.x, y: position.y } };
              }),
            }
          : blueprint,
        dirty: get().dirty || moved,
      });
    },
    addModule: (module, version, after) => {
      const { blueprint } = get();
      const id = Math.max(0, ...blueprint.modules.map((m) => m.id)) + 1;
      const anchor = blueprint.modules.find((m) => m.id === after);
      // A module takes bundles from one module; a non-router anchor that already feeds one gets the new module on its own.
      const canLink = anchor !== undefined && (anchor.module === ROUTER_KEY || !blueprint.links.some((l) => l.from === anchor.id));
      const siblings = anchor ? blueprint.links.filter((l) => l.from === anchor.id).length : 0;
      const ui = anchor ? { x: (anchor.ui?.x ?? 0) + 300, y: (anchor.ui?.y ?? 0) + siblings * 140 } : { x: 0, y: 0 };
      const links = canLink ? [...blueprint.links, { from: anchor.id, to: id }] : blueprint.links;
      edit({ ...blueprint, modules: [...blueprint.modules, { id, module, version, connection: null, params: {}, mapper: {}, onError: null, ui }], links }, { selected: id, selection: [id], selectedLink: null, addAfter: null });
      return id;
    },
    updateModule: (id, patch) => {
      const { blueprint } = get();
      edit({ ...blueprint, modules: blueprint.modules.map((m) => (m.id === id ? { ...m, ...patch } : m)) });
    },
    setNote: (id, note) => {
      const { blueprint } = get();
      edit({
        ...blueprint,
        modules: blueprint.modules.map((m) => {
          if (m.id !== id) return m;
          const { note: _old, ...ui } = m.ui ?? { x: 0, y: 0 };
          return { ...m, ui: note.trim() === "" ? ui : { ...ui, note } };
        }),
      });
    },
    removeModules: (ids) => {
      if (ids.length === 0) return;
      const { blueprint, selected } = get();
      const gone = new Set(ids);
      edit(
        { ...blueprint, modules: blueprint.modules.filter((m) => !gone.has(m.id)), links: blueprint.links.filter((l) => !gone.has(l.from) && !gone.has(l.to)) },
        { selected: selected !== null && gone.has(selected) ? null : selected, selection: [] },
      );
    },
    connect: (from, to) => {
      const { blueprint } = get();
      const problem = linkProblem(blueprint, from, to);
      if (problem === null) edit({ ...blueprint, links: [...blueprint.links, { from, to }] });
      return problem;
    },
    removeLink: (from, to) => {
      const { blueprint, selectedLink } = get();
      const wasSelected = selectedLink?.from === from && selectedLink.to === to;
      edit({ ...blueprint, links: blueprint.links.filter((l) => !(l.from === from && l.to === to)) }, wasSelected ? { selectedLink: null } : {});
    },
    setLinkFilter: (link, filter) => updateLink(link, (l) => ({ ...l, filter })),
    setFallback: (link, fallback) => {
      const { blueprint } = get();
      // One fallback route per router: marking one unmarks its siblings.
      edit({
        ...blueprint,
        links: blueprint.links.map((l) => {
          if (l.from !== link.from) return l;
          if (l.to === link.to) return fallback ? { ...l, fallback: true } : withoutFallback(l);
          return fallback ? withoutFallback(l) : l;
        }),
      });
    },
    align: () => edit(autoLayout(get().blueprint)),
    copySelection: () => {
      const { blueprint, selection, selected } = get();
      const ids = selection.length > 0 ? selection : selected !== null ? [selected] : [];
      return ids.length > 0 ? copyModules(blueprint, ids) : null;
    },
    paste: (clipboard) => {
      const { blueprint } = get();
      const { blueprint: next, ids } = pasteModules(blueprint, clipboard);
      if (ids.length > 0) edit(next, { selection: ids, selected: ids[0], selectedLink: null });
      return ids;
    },
    showRun: (log, options = {}) => {
      const operations: EditorState["operations"] = {};
      for (const e of log) {
        const prev = operations[e.moduleId];
        operations[e.moduleId] = { count: (prev?.count ?? 0) + 1, failed: (prev?.failed ?? false) || e.status === "error" };
      }
      if (options.running != null) operations[options.running] = { ...(operations[options.running] ?? { count: 0, failed: false }), running: true };
      set({ operations, runLog: log, runIsPast: options.past ?? false });
    },
    setProblems: (problems) => {
      // Unchanged counts keep their objects, so only modules whose problems changed re-render.
      const previous = get().problems;
      const next: EditorState["problems"] = {};
      for (const [id, counts] of Object.entries(problems)) {
        const old = previous[Number(id)];
        next[Number(id)] = old && old.errors === counts.errors && old.warnings === counts.warnings ? old : counts;
      }
      set({ problems: next });
    },
  };
});

function withoutFallback(link: Blueprint["links"][number]): Blueprint["links"][number] {
  const { fallback: _dropped, ...rest } = link;
  return rest;
}

/** After undo/redo the inspector must not point at a module or link that no longer exists. */
function keepSelectionIn(blueprint: Blueprint, state: Pick<EditorState, "selected" | "selection" | "selectedLink">): Partial<EditorState> {
  const ids = new Set(blueprint.modules.map((m) => m.id));
  const link = state.selectedLink;
  return {
    selected: state.selected !== null && ids.has(state.selected) ? state.selected : null,
    selection: state.selection.filter((id) => ids.has(id)),
    selectedLink: link && blueprint.links.some((l) => l.from === link.from && l.to === link.to) ? link : null,
  };
}

export function toNode(m: BlueprintModule, measured?: { width: number; height: number }) {
  return { id: String(m.id), type: "module", position: { x: m.ui?.x ?? 0, y: m.ui?.y ?? 0 }, data: { moduleId: m.id }, ...(measured ? { measured } : {}) };
}
