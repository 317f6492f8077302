import { SOURCE_MODULE_FIELD, type ModuleDefinition } from "@/lib/modules/define";
import type { ModuleRegistry } from "@/lib/modules/registry";
import { validateForRun } from "@/lib/modules/validators";
import type { EngineBlueprint, EngineLink, EngineModule } from "./blueprint";

/** The blueprint resolved against the registry: the tree the runner walks. */
export interface PlanNode {
  id: number;
  module: EngineModule;
  def: ModuleDefinition;
  /** Validated static params, or the error to raise when the module runs. */
  params: { ok: true; value: Record<string, unknown> } | { ok: false; error: unknown };
  /** Outgoing links in blueprint order (route order for a router). */
  outgoing: EngineLink[];
  parent: number | null;
  /** Strict ancestors, root first. */
  ancestors: number[];
  /** For an aggregator: the module whose bundles it collects. */
  source: number | null;
  /** Aggregators that collect this module's bundles. */
  aggregators: number[];
}

export interface ExecutionPlan {
  root: PlanNode;
  nodes: ReadonlyMap<number, PlanNode>;
}

export interface PlanProblem {
  message: string;
  moduleIds: number[];
}

/** The blueprint cannot run; nothing was executed. */
export class BlueprintError extends Error {
  readonly problems: PlanProblem[];

  constructor(problems: PlanProblem[]) {
    super(problems.map((p) => p.message).join(" "));
    this.name = "BlueprintError";
    this.problems = problems;
  }
}

/**
 * Checks what the engine depends on (the lead's graph rules say more, for the editor) and builds the
 * tree: one first module, one incoming link per other module, known module versions, aggregators
 * downstream of their source.
 */
export function buildPlan(blueprint: EngineBlueprint, registry: ModuleRegistry): ExecutionPlan {
  const problems: PlanProblem[] = [];
  const nodes = new Map<number, PlanNode>();
  for (const step of blueprint.modules) {
    const def = registry.getModule(step.module, step.version);
    if (!def) {
      problems.push({ message: `Module ${step.id} uses ${step.module}@${step.version}, which does not exist.`, moduleIds: [step.id] });
      continue;
    }
    if (nodes.has(step.id)) {
      problems.push({ message: `Module id ${step.id} is used twice.`, moduleIds: [step.id] });
      continue;
    }
    nodes.set(step.id, {
      id: step.id,
      module: step,
      def,
      params: validatedParams(def, step),
      outgoing: [],
      parent: null,
      ancestors: [],
      source: null,
      aggregators: [],
    });
  }
  if (problems.length > 0) throw new BlueprintError(problems);

  for (const link of blueprint.links) {
    const from = nodes.get(link.from);
    const to = nodes.get(link.to);
    if (!from || !to) {
      problems.push({ message: `Link ${link.from} → ${link.to} refers to a missing module.`, moduleIds: [link.from, link.to] });
      continue;
    }
    if (to.parent !== null) {
      problems.push({ message: `Module ${to.id} has more than one incoming link.`, moduleIds: [to.id] });
      continue;
    }
    to.parent = from.id;
    from.outgoing.push(link);
  }

  const roots = [...nodes.values()].filter((n) => n.parent === null);
  if (roots.length !== 1) {
    const ids = roots.map((n) => n.id);
    throw new BlueprintError([
      ...problems,
      { message: roots.length === 0 ? "The scenario has no first module." : `The scenario has several first modules (${ids.join(", ")}).`, moduleIds: ids },
    ]);
  }
  const root = roots[0];
  const reached = assignAncestors(root, nodes);
  const unreached = [...nodes.keys()].filter((id) => !reached.has(id));
  if (unreached.length > 0) problems.push({ message: `Modules ${unreached.join(", ")} form a cycle.`, moduleIds: unreached });

  for (const node of nodes.values()) {
    if (node.def.kind === "trigger" && node !== root) {
      problems.push({ message: `Trigger ${node.id} (${node.def.key}) can only be the first module.`, moduleIds: [node.id] });
    }
    if (node.def.kind === "aggregator") bindAggregator(node, nodes, problems);
  }
  if (problems.length > 0) throw new BlueprintError(problems);
  return { root, nodes };
}

function validatedParams(def: ModuleDefinition, module: EngineModule): PlanNode["params"] {
  try {
    return { ok: true, value: validateForRun(def, "params", module.params ?? {}) };
  } catch (error) {
    return { ok: false, error };
  }
}

function assignAncestors(root: PlanNode, nodes: Map<number, PlanNode>): Set<number> {
  const reached = new Set<number>([root.id]);
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const link of node.outgoing) {
      const child = nodes.get(link.to)!;
      if (reached.has(child.id)) continue;
      reached.add(child.id);
      child.ancestors = [...node.ancestors, node.id];
      stack.push(child);
    }
  }
  return reached;
}

function bindAggregator(node: PlanNode, nodes: Map<number, PlanNode>, problems: PlanProblem[]): void {
  if (!node.params.ok) {
    problems.push({ message: `Aggregator ${node.id} has no usable source module: ${messageOf(node.params.error)}`, moduleIds: [node.id] });
    return;
  }
  const source = node.params.value[SOURCE_MODULE_FIELD];
  if (typeof source !== "number" || !node.ancestors.includes(source)) {
    problems.push({
      message: `Aggregator ${node.id}'s source module (${String(source)}) must be a module before it on the same route.`,
      moduleIds: [node.id],
    });
    return;
  }
  node.source = source;
  nodes.get(source)!.aggregators.push(node.id);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
