import { Cron } from "croner";
import { z } from "zod";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Times look like 09:30 (24-hour clock).");

/** When a scenario runs by itself. Times are in the scenario's time zone. */
export const scheduleSchema = z.discriminatedUnion("type", [
  /** Instant triggers (webhooks): runs as data arrives. */
  z.object({ type: z.literal("immediately") }),
  z.object({
    type: z.literal("interval"),
    minutes: z.number().int().min(0).max(60 * 24 * 31),
    /** Only with PATCHBAY_DEV_FAST_SCHEDULES=1, for tests. */
    seconds: z.number().int().min(0).max(59).default(0),
  }),
  z.object({ type: z.literal("once"), at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Give a local date and time, e.g. 2026-12-01T09:00.") }),
  z.object({ type: z.literal("daily"), times: z.array(time).min(1).max(48) }),
  z.object({ type: z.literal("weekly"), days: z.array(z.number().int().min(1).max(7)).min(1).max(7), time }),
  z.object({ type: z.literal("monthly"), days: z.array(z.number().int().min(1).max(31)).min(1).max(31), time }),
  z.object({ type: z.literal("cron"), expression: z.string().trim().min(1).max(200) }),
]);

export type Schedule = z.infer<typeof scheduleSchema>;

export const DEFAULT_SCHEDULE: Schedule = { type: "interval", minutes: 15, seconds: 0 };

export class ScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScheduleError";
  }
}

export interface ScheduleOptions {
  /** Intervals under a minute (PATCHBAY_DEV_FAST_SCHEDULES=1). */
  allowSeconds?: boolean;
}

/** Refuses what parses but cannot run: too-short intervals, bad cron, a one-off time in the past. */
export function checkSchedule(schedule: Schedule, timezone: string, options: ScheduleOptions = {}, now = new Date()): void {
  if (schedule.type === "interval") {
    const total = schedule.minutes * 60 + schedule.seconds;
    if (total <= 0) throw new ScheduleError("The interval must be longer than zero.");
    if (total < 60 && !options.allowSeconds) throw new ScheduleError("The shortest interval is 1 minute.");
  }
  if (schedule.type === "once" && nextRuns(schedule, timezone, now, 1, options).length === 0) {
    throw new ScheduleError(`${schedule.at} (${timezone}) is in the past.`);
  }
  if (schedule.type === "cron") nextRuns(schedule, timezone, now, 1, options);
}

/**
 * The next `count` run times after `from`. Intervals count from `from` (the last run, or activation);
 * everything else follows the wall clock of `timezone` (croner handles DST: skipped times are skipped).
 */
export function nextRuns(schedule: Schedule, timezone: string, from: Date, count: number, options: ScheduleOptions = {}): Date[] {
  switch (schedule.type) {
    case "immediately":
      return [];
    case "interval": {
      const ms = (schedule.minutes * 60 + (options.allowSeconds ? schedule.seconds : 0)) * 1000;
      if (ms <= 0) return [];
      return Array.from({ length: count }, (_, i) => new Date(from.getTime() + ms * (i + 1)));
    }
    case "once":
      return cronRuns(schedule.at.length === 16 ? `${schedule.at}:00` : schedule.at, timezone, from, Math.min(count, 1));
    case "daily": {
      const all = schedule.times.flatMap((t) => cronRuns(`${minute(t)} ${hour(t)} * * *`, timezone, from, count));
      return all.sort((a, b) => a.getTime() - b.getTime()).slice(0, count);
    }
    case "weekly":
      return cronRuns(`${minute(schedule.time)} ${hour(schedule.time)} * * ${schedule.days.map((d) => d % 7).join(",")}`, timezone, from, count);
    case "monthly":
      // A day a month lacks (the 31st in April) is skipped, as in Fusion.
      return cronRuns(`${minute(schedule.time)} ${hour(schedule.time)} ${schedule.days.join(",")} * *`, timezone, from, count);
    case "cron":
      return cronRuns(schedule.expression, timezone, from, count);
  }
}

function cronRuns(pattern: string, timezone: string, from: Date, count: number): Date[] {
  let job: Cron;
  try {
    job = new Cron(pattern, { timezone, paused: true });
  } catch (error) {
    throw new ScheduleError(`The schedule "${pattern}" is not valid: ${error instanceof Error ? error.message : String(error)}`);
  }
  return job.nextRuns(count, from);
}

const hour = (t: string) => Number(t.slice(0, 2));
const minute = (t: string) => Number(t.slice(3, 5));
