import type { Blueprint } from "./blueprint";

export interface GraphViolation {
  code:
    | "duplicate-module-id"
    | "unknown-module-in-link"
    | "self-link"
    | "duplicate-link"
    | "several-roots"
    | "several-incoming"
    | "several-outgoing"
    | "cycle"
    | "trigger-not-root"
    | "fallback-not-from-router"
    | "several-fallbacks";
  message: string;
  moduleIds: number[];
}

export const ROUTER_KEY = "flow:router";

/** What the graph rules need to know about a module; unknown modules are not judged by kind. */
export type ModuleKindLookup = (key: string, version: number) => string | undefined;

/**
 * Fusion's graph rules: a tree with exactly one first module, one incoming link per other module,
 * several outgoing links only from a router, no cycles, triggers only in first place (a non-trigger
 * first module runs once per run, as in Make; see docs/decisions.md). Reported, never fixed silently.
 */
export function checkGraph(blueprint: Blueprint, kindOf?: ModuleKindLookup): GraphViolation[] {
  const violations: GraphViolation[] = [];
  const ids = new Set<number>();
  const moduleById = new Map(blueprint.modules.map((m) => [m.id, m]));
  for (const m of blueprint.modules) {
    if (ids.has(m.id)) {
      violations.push({ code: "duplicate-module-id", message: `Module id ${m.id} is used twice.`, moduleIds: [m.id] });
    }
    ids.add(m.id);
  }

  const incoming = new Map<number, number[]>();
  const outgoing = new Map<number, number[]>();
  const seenLinks = new Set<string>();
  for (const link of blueprint.links) {
    const missing = [link.from, link.to].filter((id) => !ids.has(id));
    if (missing.length > 0) {
      violations.push({
        code: "unknown-module-in-link",
        message: `Link ${link.from} → ${link.to} refers to a module that does not exist (${missing.join(", ")}).`,
        moduleIds: missing,
      });
      continue;
    }
    if (link.from === link.to) {
      violations.push({ code: "self-link", message: `Module ${link.from} links to itself.`, moduleIds: [link.from] });
      continue;
    }
    const key = `${link.from}->${link.to}`;
    if (seenLinks.has(key)) {
      violations.push({ code: "duplicate-link", message: `Link ${link.from} → ${link.to} appears twice.`, moduleIds: [link.from, link.to] });
      continue;
    }
    seenLinks.add(key);
    incoming.set(link.to, [...(incoming.get(link.to) ?? []), link.from]);
    outgoing.set(link.from, [...(outgoing.get(link.from) ?? []), link.to]);
  }

  for (const [to, froms] of incoming) {
    if (froms.length > 1) {
      violations.push({
        code: "several-incoming",
        message: `Module ${to} has ${froms.length} incoming links (from ${froms.join(", ")}); a module takes bundles from one module only.`,
        moduleIds: [to],
      });
    }
  }
  for (const [from, tos] of outgoing) {
    const m = moduleById.get(from);
    if (tos.length > 1 && m?.module !== ROUTER_KEY) {
      violations.push({
        code: "several-outgoing",
        message: `Module ${from} has ${tos.length} outgoing links; only a router (${ROUTER_KEY}) may have several.`,
        moduleIds: [from],
      });
    }
  }

  const fallbacksByRouter = new Map<number, number>();
  for (const link of blueprint.links) {
    if (!link.fallback) continue;
    if (moduleById.get(link.from)?.module !== ROUTER_KEY) {
      violations.push({
        code: "fallback-not-from-router",
        message: `Link ${link.from} → ${link.to} is marked as a fallback route, but module ${link.from} is not a router.`,
        moduleIds: [link.from],
      });
    }
    fallbacksByRouter.set(link.from, (fallbacksByRouter.get(link.from) ?? 0) + 1);
  }
  for (const [router, count] of fallbacksByRouter) {
    if (count > 1) {
      violations.push({ code: "several-fallbacks", message: `Router ${router} has ${count} fallback routes; at most one is allowed.`, moduleIds: [router] });
    }
  }

  const roots = blueprint.modules.filter((m) => !incoming.has(m.id)).map((m) => m.id);
  if (blueprint.modules.length > 0 && roots.length > 1) {
    violations.push({
      code: "several-roots",
      message: `A scenario has exactly one first module (its trigger); modules ${roots.join(", ")} have no incoming link.`,
      moduleIds: roots,
    });
  }

  const onCycle = modulesOnCycles(blueprint.modules.map((m) => m.id), outgoing);
  if (onCycle.length > 0) {
    violations.push({ code: "cycle", message: `Modules ${onCycle.join(", ")} form a cycle.`, moduleIds: onCycle });
  }

  if (kindOf) {
    for (const m of blueprint.modules) {
      const kind = kindOf(m.module, m.version);
      if (kind === undefined) continue;
      const isRoot = roots.length === 1 && roots[0] === m.id;
      if (!isRoot && kind === "trigger") {
        violations.push({ code: "trigger-not-root", message: `Trigger ${m.id} (${m.module}) can only be the first module.`, moduleIds: [m.id] });
      }
    }
  }
  return violations;
}

/** Tarjan's strongly connected components: every module in a component of two or more sits on a cycle. */
function modulesOnCycles(ids: number[], outgoing: Map<number, number[]>): number[] {
  let counter = 0;
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  const result: number[] = [];
  const visit = (v: number) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of outgoing.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) result.push(...component);
    }
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return result.sort((a, b) => a - b);
}

/**
 * Why a new link from → to would break the rules above, or null when it may be drawn. The editor asks
 * before drawing one, so a person learns the rule at the moment of linking rather than at save.
 */
export function linkProblem(blueprint: Blueprint, from: number, to: number): string | null {
  if (from === to) return "A module cannot link to itself.";
  const incoming = new Map(blueprint.links.map((l) => [l.to, l.from]));
  if (incoming.has(to)) return `Module ${to} already has an incoming link; a module takes bundles from one module only.`;
  const source = blueprint.modules.find((m) => m.id === from);
  if (source?.module !== ROUTER_KEY && blueprint.links.some((l) => l.from === from)) return `Only a router can have several routes; add a router after module ${from}.`;
  for (let at: number | undefined = from, steps = 0; at !== undefined && steps <= blueprint.modules.length; at = incoming.get(at), steps++) {
    if (at === to) return `Module ${to} runs before module ${from}; linking back to it would make a loop.`;
  }
  return null;
}
