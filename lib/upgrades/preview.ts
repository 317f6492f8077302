import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { hasRole, type Actor } from "../auth/roles";
import { executionLogs, executions } from "../db/schema";
import { previewRequest, type RequestPreview } from "../engine/preview";
import type { LoggedRequest } from "../engine/redact";
import type { LogEntry } from "../engine/types";
import { AppError } from "../errors";
import type { ResolvedConnection } from "../modules/context";
import { acceptsConnectionType, type ModuleDefinition } from "../modules/define";
import type { Blueprint } from "../scenario/blueprint";
import { blueprintCheckers } from "../scenarios/checkers";
import { planUpgrade } from "../versioning";
import type { UpgradeDeps } from "./service";

export const previewInput = z.object({
  moduleId: z.number().int().positive(),
  /** The connection the new version would use (the dialog's pick); default the one the plan keeps. */
  connection: z.string().min(1).max(200).optional(),
});

export const requestSchema = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string().optional(),
  bodyBytes: z.number().int(),
});

export const upgradePreviewSchema = z.object({
  moduleId: z.number().int(),
  title: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  execution: z.object({ id: z.string(), createdAt: z.iso.datetime(), status: z.string() }).nullable().describe("The last execution that ran the old version of the module; its input feeds both sides."),
  before: z.object({
    source: z.enum(["recorded", "built"]).describe("recorded: what the old version sent in that execution (a sign-in first, if it made one); built: made now from the same input, not sent."),
    requests: z.array(requestSchema),
    note: z.string().optional(),
  }),
  after: z.object({ requests: z.array(requestSchema).describe("The first request the new version would send; empty when it sends none."), note: z.string().optional() }),
});

export type UpgradePreview = z.infer<typeof upgradePreviewSchema>;

/** How many recent log entries of the module are looked through for one that ran the old version. */
const RECENT_ENTRIES = 50;

/** The last execution in which the module ran at `version`, with its log. */
async function lastRun(deps: UpgradeDeps, scenarioId: string, moduleId: number, key: string, version: number) {
  const candidates = await deps.db
    .select({ executionId: executionLogs.executionId, entry: executionLogs.entry, createdAt: executions.createdAt, status: executions.status })
    .from(executionLogs)
    .innerJoin(executions, eq(executions.id, executionLogs.executionId))
    .where(and(eq(executions.scenarioId, scenarioId), eq(executionLogs.moduleId, moduleId)))
    .orderBy(desc(executions.createdAt), asc(executionLogs.seq))
    .limit(RECENT_ENTRIES);
  const hit = candidates.find((c) => (c.entry as LogEntry).module === key && (c.entry as LogEntry).version === version);
  if (!hit) return null;
  const log = await deps.db.select({ entry: executionLogs.entry }).from(executionLogs).where(eq(executionLogs.executionId, hit.executionId)).orderBy(asc(executionLogs.seq));
  return { id: hit.executionId, createdAt: hit.createdAt, status: hit.status, entry: hit.entry as LogEntry, log: log.map((l) => l.entry as LogEntry) };
}

/** What the modules before `moduleId` output in that execution (each one's first bundle): the input both versions get. */
function upstreamOutputs(blueprint: Blueprint, moduleId: number, log: readonly LogEntry[]): Record<string, unknown> {
  const parentOf = new Map(blueprint.links.map((l) => [l.to, l.from]));
  const scope: Record<string, unknown> = {};
  for (let p = parentOf.get(moduleId); p !== undefined && !(String(p) in scope); p = parentOf.get(p)) {
    const output = log.find((e) => e.moduleId === p && Array.isArray(e.output) && e.output.length > 0)?.output as unknown[] | undefined;
    if (output) scope[String(p)] = output[0];
  }
  return scope;
}

/**
 * The request preview of the upgrade dialog: for one module, what the old version sent in the last
 * execution (or, when that was not recorded, what it would send) beside what the new version would send
 * for the same input, built without sending.
 */
export async function upgradePreview(deps: UpgradeDeps, actor: Actor, scenarioId: string, input: z.infer<typeof previewInput>): Promise<UpgradePreview> {
  const scenario = await deps.scenarios.get(scenarioId);
  const plan = planUpgrade(scenario.blueprint, deps.registry, [input.moduleId], { check: blueprintCheckers(deps.registry).extra });
  const upgrade = plan.modules[0];
  if (!upgrade) {
    throw new AppError("validation_failed", plan.kept[0]?.reason ?? `Module ${input.moduleId} is on its latest version: there is no upgrade to preview.`);
  }
  const oldDef = deps.registry.getModule(upgrade.module, upgrade.before.version)!;
  const newDef = deps.registry.getModule(upgrade.module, upgrade.after.version)!;
  const run = await lastRun(deps, scenarioId, input.moduleId, upgrade.module, upgrade.before.version);
  const scope = run ? upstreamOutputs(scenario.blueprint, input.moduleId, run.log) : {};
  const timezone = scenario.blueprint.settings.timezone;
  const common = { scope, timezone };
  const noRunNote = run ? undefined : "No execution has run this module yet, so references to earlier modules are empty.";

  const oldConnection = await connectionFor(deps, actor, oldDef, upgrade.before.connection, false);
  const recorded: LoggedRequest[] = run?.entry.requests ?? [];
  const before: UpgradePreview["before"] =
    recorded.length > 0
      ? { source: "recorded", requests: recorded }
      : { source: "built", ...sides(await build(oldDef, upgrade.before, oldConnection, common), noRunNote ?? (run ? "That execution did not record its requests; this one is built from its input." : undefined)) };

  const chosen = input.connection ?? upgrade.after.connection;
  const newConnection = await connectionFor(deps, actor, newDef, chosen, input.connection !== undefined);
  const after: UpgradePreview["after"] = sides(await build(newDef, upgrade.after, newConnection, common), noRunNote);

  return {
    moduleId: input.moduleId,
    title: upgrade.title,
    from: upgrade.before.version,
    to: upgrade.after.version,
    execution: run ? { id: run.id, createdAt: run.createdAt.toISOString(), status: run.status } : null,
    before,
    after,
  };
}

type Resolved = ResolvedConnection | { missing: string } | null;

/**
 * The connection a side of the preview runs with. A connection newly picked in the dialog must be one
 * the caller may use; a missing or unfit one is explained instead of failing the preview.
 */
async function connectionFor(deps: UpgradeDeps, actor: Actor, def: ModuleDefinition, id: string | null, picked: boolean): Promise<Resolved> {
  if (!def.connection) return null;
  if (!id) return { missing: `Pick a ${def.connection.split("|").join(" or ")} connection to see the request v${def.version} would send.` };
  if (picked && !hasRole(actor.role, "admin") && !(await deps.connections.canUse(actor, id))) throw new AppError("forbidden", "That connection is not shared with you.");
  let resolved: ResolvedConnection;
  try {
    resolved = await deps.connections.resolve(id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return { missing: `Connection ${id} no longer exists; pick another one.` };
    throw error;
  }
  if (!acceptsConnectionType(def.connection, resolved.type)) {
    return { missing: `That is a ${resolved.type} connection; v${def.version} needs ${def.connection.split("|").join(" or ")}.` };
  }
  return resolved;
}

async function build(
  def: ModuleDefinition,
  state: { params: Record<string, unknown>; mapper: Record<string, unknown> },
  connection: Resolved,
  common: { scope: Record<string, unknown>; timezone: string },
): Promise<RequestPreview> {
  if (connection && "missing" in connection) return { request: null, note: connection.missing };
  return previewRequest({ def, params: state.params, mapper: state.mapper, connection, ...common });
}

function sides(preview: RequestPreview, extra: string | undefined): { requests: LoggedRequest[]; note?: string } {
  const note = [preview.note, extra].filter(Boolean).join(" ");
  return { requests: preview.request ? [preview.request] : [], ...(note ? { note } : {}) };
}
