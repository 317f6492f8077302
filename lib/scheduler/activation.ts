import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import type { Actor } from "../auth/roles";
import type { Db } from "../db/client";
import { scenarios } from "../db/schema";
import { AppError, notFound } from "../errors";
import type { ModuleRegistry } from "../modules/registry";
import type { ScenarioService } from "../scenarios/service";
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
    const [row] = await this.db.select().from(scenarios).where(eq(scenarios.id, id));
    let nextRunAt: Date | null = null;
    if (this.isInstant(root)) {
      if (!root.params.webhook) throw new AppError("validation_failed", `Module ${root.id} has no webhook yet; pick or create one before activating.`);
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

  private rootOf(blueprint: { modules: Array<{ id: number; module: string; version: number; params: Record<string, unknown> }>; links: Array<{ to: number }> }) {
    const targets = new Set(blueprint.links.map((l) => l.to));
    return blueprint.modules.find((m) => !targets.has(m.id));
  }

  private isInstant(root: { module: string; version: number } | undefined | false): boolean {
    return root ? this.registry.getModule(root.module, root.version)?.instant === true : false;
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
