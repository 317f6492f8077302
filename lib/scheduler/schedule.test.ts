import { describe, expect, it } from "vitest";
import { ScheduleError, checkSchedule, nextRuns, scheduleSchema, type Schedule } from "./schedule";

const from = new Date("2026-03-27T12:00:00Z"); // a Friday, two days before Europe's DST switch
const iso = (ds: Date[]) => ds.map((d) => d.toISOString());
const parse = (s: unknown) => scheduleSchema.parse(s) as Schedule;

describe("nextRuns", () => {
  it("counts intervals from the last run", () => {
    expect(iso(nextRuns(parse({ type: "interval", minutes: 15 }), "UTC", from, 2))).toEqual(["2026-03-27T12:15:00.000Z", "2026-03-27T12:30:00.000Z"]);
  });

  it("follows the scenario's wall clock across a DST change", () => {
    const daily = nextRuns(parse({ type: "daily", times: ["09:00"] }), "Europe/Paris", from, 3);
    // 09:00 Paris is 08:00Z before 29 March and 07:00Z after.
    expect(iso(daily)).toEqual(["2026-03-28T08:00:00.000Z", "2026-03-29T07:00:00.000Z", "2026-03-30T07:00:00.000Z"]);
  });

  it("merges several daily times in order", () => {
    const runs = nextRuns(parse({ type: "daily", times: ["18:00", "08:30"] }), "UTC", from, 3);
    expect(iso(runs)).toEqual(["2026-03-27T18:00:00.000Z", "2026-03-28T08:30:00.000Z", "2026-03-28T18:00:00.000Z"]);
  });

  it("runs on chosen weekdays (1 = Monday … 7 = Sunday) and month days, skipping days a month lacks", () => {
    const weekly = nextRuns(parse({ type: "weekly", days: [1, 7], time: "10:00" }), "UTC", from, 2);
    expect(iso(weekly)).toEqual(["2026-03-29T10:00:00.000Z", "2026-03-30T10:00:00.000Z"]);
    const monthly = nextRuns(parse({ type: "monthly", days: [31], time: "06:00" }), "UTC", from, 2);
    expect(iso(monthly)).toEqual(["2026-03-31T06:00:00.000Z", "2026-05-31T06:00:00.000Z"]);
  });

  it("runs once at a local time, and never again", () => {
    const once = parse({ type: "once", at: "2026-04-01T09:00" });
    expect(iso(nextRuns(once, "America/New_York", from, 5))).toEqual(["2026-04-01T13:00:00.000Z"]);
    expect(nextRuns(once, "UTC", new Date("2026-05-01T00:00:00Z"), 5)).toEqual([]);
  });

  it("accepts cron expressions and names a bad one", () => {
    expect(iso(nextRuns(parse({ type: "cron", expression: "*/20 13 * * *" }), "UTC", from, 2))).toEqual(["2026-03-27T13:00:00.000Z", "2026-03-27T13:20:00.000Z"]);
    expect(() => nextRuns(parse({ type: "cron", expression: "61 * * * *" }), "UTC", from, 1)).toThrow(ScheduleError);
  });
});

describe("checkSchedule", () => {
  it("keeps intervals at a minute or more unless fast schedules are on", () => {
    const fast = parse({ type: "interval", minutes: 0, seconds: 5 });
    expect(() => checkSchedule(fast, "UTC")).toThrow(/shortest interval is 1 minute/);
    expect(() => checkSchedule(fast, "UTC", { allowSeconds: true })).not.toThrow();
    expect(nextRuns(fast, "UTC", from, 1, { allowSeconds: true })[0].getTime() - from.getTime()).toBe(5000);
  });

  it("refuses a one-off time in the past and bad times of day", () => {
    expect(() => checkSchedule(parse({ type: "once", at: "2020-01-01T00:00" }), "UTC", {}, from)).toThrow(/in the past/);
    expect(scheduleSchema.safeParse({ type: "daily", times: ["25:00"] }).success).toBe(false);
  });
});
