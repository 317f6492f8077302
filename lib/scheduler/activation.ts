import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import type { Actor } from "../auth/roles";
import type { ConnectionService } from "../connections/service";
import type { Db } from "../db/client";
import { scenarios } from "../db/schema";
import { AppError, notFound } from "../errors";
import type { ModuleRegistry } from "../modules/registry";
import { isPastSunset, sunsetMessage, sunsetToday } from "../modules/sunset";
import type { Blueprint } from "../scenario/blueprint";
import type { ScenarioService } from "../scenarios/service";
import { DEFAULT_SCHEDULE, ScheduleError, checkSchedule, nextRuns, scheduleSchema, type Schedule } from "./schedule";
import { RemoteTriggers, triggerOf, type TriggerModule } from "./triggers";

export { publicUrl } from "./triggers";

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
  private readonly triggers: RemoteTriggers;

  constructor(
    private readonly db: Db,
    private readonly scenarios: ScenarioService,
    private readonly registry: ModuleRegistry,
    connections?: ConnectionService,
  ) {
    this.triggers = new RemoteTriggers(db, registry, connections);
  }

  async get(id: string): Promise<ActivationView> {
    const detail = await this.scenarios.get(id);
    const [row] = await this.db.select().from(scenarios).where(eq(scenarios.id, id));
    const schedule = (row.schedule as Schedule | null) ?? DEFAULT_SCHEDULE;
    const instant = this.triggers.isInstant(triggerOf(detail.blueprint));
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

  /** Instant triggers that subscribe at a remote service register now; a remote refusal keeps the scenario off, with its message. */
  async activate(actor: Actor, id: string): Promise<ActivationView> {
    const detail = await this.scenarios.get(id);
    // A module past its sunset would fail every run: the scenario stays off, naming the upgrade to apply.
    const today = sunsetToday();
    for (const m of detail.blueprint.modules) {
      const def = this.registry.getModule(m.module, m.version);
      if (def && isPastSunset(def.deprecated, today)) {
        throw new AppError("validation_failed", sunsetMessage(m.id, def, this.registry.latestVersion(m.module)), { moduleId: m.id });
      }
    }
    await serialised(id, async () => {
      const nextRunAt = await this.start(id, triggerOf(detail.blueprint), detail.blueprint);
      await this.db
        .update(scenarios)
        .set({ active: true, nextRunAt, consecutiveFailures: 0, deactivatedReason: null })
        .where(eq(scenarios.id, id));
    });
    await audit(this.db, { actorId: actor.id, action: "scenario.activate", targetType: "scenario", targetId: id, details: { name: detail.name } });
    return this.get(id);
  }

  async deactivate(actor: Actor, id: string): Promise<ActivationView> {
    const detail = await this.scenarios.get(id);
    const rows = await serialised(id, async () => {
      const root = triggerOf(detail.blueprint);
      if (root) await this.triggers.unregister(id, root);
      return this.db.update(scenarios).set({ active: false, nextRunAt: null }).where(eq(scenarios.id, id)).returning({ name: scenarios.name });
    });
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
   * A new revision of an active scenario: what the remote service was told follows the new trigger. A
   * changed registering trigger (Watch events upgraded v1 → v2, another proof to watch) is unregistered
   * with its old definition and registered anew; a trigger that can no longer start switches the scenario
   * off with the reason, rather than leaving an old subscription delivering what the new trigger refuses.
   */
  async revisionSaved(actor: Actor, id: string, previous: Blueprint, next: Blueprint): Promise<void> {
    await serialised(id, async () => {
      const [row] = await this.db.select().from(scenarios).where(eq(scenarios.id, id));
      if (!row?.active) return;
      const before = triggerOf(previous);
      const after = triggerOf(next);
      const sameRegistration = this.triggers.registrationKey(before) === this.triggers.registrationKey(after);
      if (sameRegistration && this.triggers.isInstant(before) === this.triggers.isInstant(after)) return;
      if (before) await this.triggers.unregister(id, before);
      try {
        const nextRunAt = await this.start(id, after, next);
        // A scheduled trigger keeps its place in the schedule; an instant one has none.
        await this.db.update(scenarios).set({ nextRunAt: nextRunAt && (row.nextRunAt ?? nextRunAt) }).where(eq(scenarios.id, id));
      } catch (error) {
        // The revision is saved whatever happens here; what must not survive is an active scenario whose trigger cannot start.
        await this.switchOff(actor, id, `Switched off when revision ${row.currentRevision} was saved: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  /** Before a scenario is deleted: what its trigger registered at a remote service goes first. */
  async beforeRemove(_actor: Actor, id: string): Promise<void> {
    await serialised(id, async () => {
      const [row] = await this.db.select().from(scenarios).where(eq(scenarios.id, id));
      if (!row?.active) return;
      const root = triggerOf((await this.scenarios.get(id)).blueprint);
      if (root) await this.triggers.unregister(id, root);
    });
  }

  /** Makes the trigger ready to start runs: registers an instant one, or gives a scheduled one its next run time. */
  private async start(id: string, root: TriggerModule | undefined, blueprint: Blueprint): Promise<Date | null> {
    if (!root) throw new AppError("validation_failed", "Add a first module before activating the scenario.");
    if (this.triggers.isInstant(root)) {
      if (!root.params.webhook) throw new AppError("validation_failed", `Module ${root.id} has no webhook yet; pick or create one before activating.`);
      await this.triggers.register(id, root);
      return null;
    }
    const [row] = await this.db.select().from(scenarios).where(eq(scenarios.id, id));
    const schedule = (row.schedule as Schedule | null) ?? DEFAULT_SCHEDULE;
    const tz = blueprint.settings.timezone;
    try {
      checkSchedule(schedule, tz, { allowSeconds: fastSchedules() });
    } catch (error) {
      if (error instanceof ScheduleError) throw new AppError("validation_failed", error.message);
      throw error;
    }
    return nextRuns(schedule, tz, new Date(), 1, { allowSeconds: fastSchedules() })[0] ?? null;
  }

  private async switchOff(actor: Actor, id: string, reason: string): Promise<void> {
    const rows = await this.db
      .update(scenarios)
      .set({ active: false, nextRunAt: null, deactivatedReason: reason })
      .where(eq(scenarios.id, id))
      .returning({ name: scenarios.name });
    await audit(this.db, { actorId: actor.id, action: "scenario.deactivate", targetType: "scenario", targetId: id, details: { name: rows[0]?.name, reason } });
  }
}

/**
 * One trigger change at a time per scenario in this process, so a save, an activation and a deactivation
 * cannot interleave their remote calls (and leave a subscription nobody knows about). Kept on globalThis:
 * Next bundles each route handler with its own copy of this module.
 */
const pendingKey = Symbol.for("patchbay.triggerChanges");
type GlobalWithChanges = typeof globalThis & { [pendingKey]?: Map<string, Promise<unknown>> };
async function serialised<T>(id: string, work: () => Promise<T>): Promise<T> {
  const pending = ((globalThis as GlobalWithChanges)[pendingKey] ??= new Map<string, Promise<unknown>>());
  const previous = pending.get(id) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(work);
  const settled = current.catch(() => undefined);
  pending.set(id, settled);
  try {
    return await current;
  } finally {
    if (pending.get(id) === settled) pending.delete(id);
  }
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
