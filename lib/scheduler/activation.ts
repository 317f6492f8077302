import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import type { Actor } from "../auth/roles";
import type { Db } from "../db/client";
import { scenarios } from "../db/schema";
import { AppError, notFound } from "../errors";
import type { ModuleRegistry } from "../modules/registry";
import type { ScenarioService } from "../scenarios/service";
import type { ConnectionService } from "../connections/service";
import { webhooks } from "../db/schema";
import { databaseScenarioStore } from "../executions/scenario-store";
import { log } from "../log";
import { webhookStateKey } from "../modules/define";
import { isPastSunset, sunsetMessage, sunsetToday } from "../modules/sunset";
import type { JsonValue } from "../modules/json";
import { hookPath } from "../webhooks/service";
import { DEFAULT_SCHEDULE, ScheduleError, checkSchedule, nextRuns, scheduleSchema, type Schedule } from "./schedule";

export const scheduleInput = z.object({ schedule: scheduleSchema });
export const previewInput = z.object({ schedule: scheduleSchema, timezone: z.string().default("UTC") });

export const fastSchedules = () => process.env.PATCHBAY_DEV_FAST_SCHEDULES === "1";

export interface ActivationView {
  active: boolean;
  instant: boolean;
  schedule: Schedule;
  nextRuns: string[];
  deactivatedReason: string | null;
  consecutiveFailures: number;
}

/** Activation state, schedule and the next five run times of a scenario. */
export class ActivationService {
  constructor(
    private readonly db: Db,
    private readonly scenarios: ScenarioService,
    private readonly registry: ModuleRegistry,
    private readonly connections?: ConnectionService,
  ) {}

  async get(id: string): Promise<ActivationView> {
    const detail = await this.scenarios.get(id);
    const [row] = await this.db.select().from(scenarios).where(eq(scenarios.id, id));
    const schedule = (row.schedule as Schedule | null) ?? DEFAULT_SCHEDULE;
    const instant = this.isInstant(detail.blueprint.modules[0] && this.rootOf(detail.blueprint));
    const tz = detail.blueprint.settings.timezone;
    return {
      active: row.active,
      instant,
      schedule: instant ? { type: "immediately" } : schedule,
      nextRuns: instant ? [] : safeNextRuns(schedule, tz, row.active && row.nextRunAt ? new Date(row.nextRunAt.getTime() - 1) : new Date(), 5),
      deactivatedReason: row.deactivatedReason,
      consecutiveFailures: row.consecutiveFailures,
    };
  }

  async activate(actor: Actor, id: string): Promise<ActivationView> {
    const detail = await this.scenarios.get(id);
    const root = this.rootOf(detail.blueprint);
    if (!root) throw new AppError("validation_failed", "Add a first module before activating the scenario.");
    const today = sunsetToday();
    for (const m of detail.blueprint.modules) {
      const def = this.registry.getModule(m.module, m.version);
      if (def && isPastSunset(def.deprecated, today)) {
        throw new AppError("validation_failed", sunsetMessage(m.id, def, this.registry.latestVersion(m.module)), { moduleId: m.id });
      }
    }
    const [row] = await this.db.select().from(scenarios).where(eq(scenarios.id, id));
    let nextRunAt: Date | null = null;
    if (this.isInstant(root)) {
      if (!root.params.webhook) throw new AppError("validation_failed", `Module ${root.id} has no webhook yet; pick or create one before activating.`);
      await this.registerTrigger(id, root);
    } else {
      const schedule = (row.schedule as Schedule | null) ?? DEFAULT_SCHEDULE;
      const tz = detail.blueprint.settings.timezone;
      try {
        checkSchedule(schedule, tz, { allowSeconds: fastSchedules() });
      } catch (error) {
        if (error instanceof ScheduleError) throw new AppError("validation_failed", error.message);
        throw error;
      }
      nextRunAt = nextRuns(schedule, tz, new Date(), 1, { allowSeconds: fastSchedules() })[0] ?? null;
    }
    await this.db
      .update(scenarios)
      .set({ active: true, nextRunAt, consecutiveFailures: 0, deactivatedReason: null })
      .where(eq(scenarios.id, id));
    await audit(this.db, { actorId: actor.id, action: "scenario.activate", targetType: "scenario", targetId: id, details: { name: detail.name } });
    return this.get(id);
  }

  async deactivate(actor: Actor, id: string): Promise<ActivationView> {
    const detail = await this.scenarios.get(id);
    const root = this.rootOf(detail.blueprint);
    if (root) await this.unregisterTrigger(id, root);
    const rows = await this.db.update(scenarios).set({ active: false, nextRunAt: null }).where(eq(scenarios.id, id)).returning({ name: scenarios.name });
    if (rows.length === 0) throw notFound("Scenario");
    await audit(this.db, { actorId: actor.id, action: "scenario.deactivate", targetType: "scenario", targetId: id, details: { name: rows[0].name } });
    return this.get(id);
  }

  async setSchedule(actor: Actor, id: string, schedule: Schedule): Promise<ActivationView> {
    const detail = await this.scenarios.get(id);
    const tz = detail.blueprint.settings.timezone;
    try {
      checkSchedule(schedule, tz, { allowSeconds: fastSchedules() });
    } catch (error) {
      if (error instanceof ScheduleError) throw new AppError("validation_failed", error.message, { field: "schedule" });
      throw error;
    }
    const [row] = await this.db.select().from(scenarios).where(eq(scenarios.id, id));
    const nextRunAt = row.active ? (nextRuns(schedule, tz, new Date(), 1, { allowSeconds: fastSchedules() })[0] ?? null) : null;
    await this.db.update(scenarios).set({ schedule, nextRunAt }).where(and(eq(scenarios.id, id)));
    await audit(this.db, { actorId: actor.id, action: "scenario.schedule", targetType: "scenario", targetId: id, details: { name: detail.name, schedule } });
    return this.get(id);
  }

  /**
   * Moves an active scenario from one blueprint to another whose first module subscribes differently at
   * the remote service (an upgraded Watch events, say): the new subscription is registered first, then
   * `write` stores the new revision, then the old subscription is removed. If registering fails nothing
   * is written; if the write fails the new subscription is removed again. So the scenario switches only
   * when its new revision is in place, and is never left without a subscription. An inactive scenario, or
   * one whose first module is unchanged, just writes.
   */
  async switchTrigger<T>(scenarioId: string, before: TriggerBlueprint, after: TriggerBlueprint, write: () => Promise<T>): Promise<T> {
    const [row] = await this.db.select({ active: scenarios.active }).from(scenarios).where(eq(scenarios.id, scenarioId));
    const oldRoot = this.rootOf(before);
    const newRoot = this.rootOf(after);
    const oldDef = oldRoot && this.registry.getModule(oldRoot.module, oldRoot.version);
    const newDef = newRoot && this.registry.getModule(newRoot.module, newRoot.version);
    const same = JSON.stringify(oldRoot ?? null) === JSON.stringify(newRoot ?? null);
    if (!row?.active || same || (!oldDef?.webhookLifecycle && !newDef?.webhookLifecycle)) return write();

    const store = databaseScenarioStore(this.db, scenarioId);
    let newState: JsonValue | undefined;
    if (newRoot && newDef?.webhookLifecycle) {
      const ctx = await this.lifecycleContext(newRoot);
      try {
        newState = await newDef.webhookLifecycle.register(ctx);
      } catch (error) {
        throw new AppError("validation_failed", `Module ${newRoot.id} could not register with the remote service: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    let result: T;
    try {
      result = await write();
    } catch (error) {
      if (newRoot && newDef?.webhookLifecycle && newState !== undefined) {
        const state = newState;
        await newDef.webhookLifecycle.unregister({ ...(await this.lifecycleContext(newRoot)), state }).catch((err: unknown) => log.warn({ err, scenarioId }, "could not remove a subscription after a failed write"));
      }
      throw error;
    }
    const oldState = oldRoot ? await store.get(webhookStateKey(oldRoot.id)) : undefined;
    if (oldRoot && oldDef?.webhookLifecycle && oldState !== undefined) {
      await oldDef.webhookLifecycle
        .unregister({ ...(await this.lifecycleContext(oldRoot)), state: oldState })
        .catch((err: unknown) => log.warn({ err, scenarioId }, "could not unregister the replaced trigger's remote subscription"));
    }
    if (oldRoot) await store.delete(webhookStateKey(oldRoot.id));
    if (newRoot && newState !== undefined) await store.set(webhookStateKey(newRoot.id), newState);
    return result;
  }

  /**
   * Instant triggers that subscribe at the remote service (Workfront event subscriptions, Proof callbacks)
   * register the scenario's webhook URL now; a remote refusal keeps the scenario off, with its message.
   */
  private async registerTrigger(scenarioId: string, root: RootModule): Promise<void> {
    const def = this.registry.getModule(root.module, root.version);
    if (!def?.webhookLifecycle) return;
    await this.unregisterTrigger(scenarioId, root);
    const ctx = await this.lifecycleContext(root);
    let state: JsonValue;
    try {
      state = await def.webhookLifecycle.register(ctx);
    } catch (error) {
      throw new AppError("validation_failed", `Module ${root.id} could not register with the remote service: ${error instanceof Error ? error.message : String(error)}`);
    }
    await databaseScenarioStore(this.db, scenarioId).set(webhookStateKey(root.id), state);
  }

  private async unregisterTrigger(scenarioId: string, root: RootModule): Promise<void> {
    const def = this.registry.getModule(root.module, root.version);
    if (!def?.webhookLifecycle) return;
    const store = databaseScenarioStore(this.db, scenarioId);
    const state = await store.get(webhookStateKey(root.id));
    if (state === undefined) return;
    try {
      await def.webhookLifecycle.unregister({ ...(await this.lifecycleContext(root)), state });
    } catch (error) {
      // The remote subscription may already be gone; switching off must still work.
      log.warn({ err: error, scenarioId }, "could not unregister a trigger's remote subscription");
    }
    await store.delete(webhookStateKey(root.id));
  }

  private async lifecycleContext(root: RootModule) {
    const [hook] = await this.db.select().from(webhooks).where(eq(webhooks.id, String(root.params.webhook)));
    if (!hook) throw new AppError("validation_failed", `Module ${root.id}'s webhook no longer exists.`);
    const connection = root.connection && this.connections ? await this.connections.resolve(root.connection) : null;
    return { moduleId: root.id, params: root.params, connection, url: publicUrl() + hookPath(hook.token), signal: AbortSignal.timeout(30_000) };
  }

  private rootOf(blueprint: { modules: RootModule[]; links: Array<{ to: number }> }) {
    const targets = new Set(blueprint.links.map((l) => l.to));
    return blueprint.modules.find((m) => !targets.has(m.id));
  }

  private isInstant(root: { module: string; version: number } | undefined | false): boolean {
    return root ? this.registry.getModule(root.module, root.version)?.instant === true : false;
  }
}

type RootModule = { id: number; module: string; version: number; params: Record<string, unknown>; connection?: string | null };
type TriggerBlueprint = { modules: RootModule[]; links: Array<{ to: number }> };

/** Where remote services reach this instance: PATCHBAY_PUBLIC_URL, or the address the server listens on. */
export function publicUrl(): string {
  return (process.env.PATCHBAY_PUBLIC_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
}

export function previewRuns(schedule: Schedule, timezone: string): string[] {
  try {
    checkSchedule(schedule, timezone, { allowSeconds: fastSchedules() });
    return nextRuns(schedule, timezone, new Date(), 5, { allowSeconds: fastSchedules() }).map((d) => d.toISOString());
  } catch (error) {
    if (error instanceof ScheduleError) throw new AppError("validation_failed", error.message, { field: "schedule" });
    throw error;
  }
}

function safeNextRuns(schedule: Schedule, tz: string, from: Date, count: number): string[] {
  try {
    return nextRuns(schedule, tz, from, count, { allowSeconds: fastSchedules() }).map((d) => d.toISOString());
  } catch {
    return [];
  }
}
