import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatInZone } from "./format";
import { parseWithFormat } from "./parse";
import { zonedEpoch, zonedFields } from "./zone";

const ZONES = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/Sao_Paulo"];
const RANGE = { min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) };

describe("zonedFields", () => {
  it("reads the wall clock and offset, half-hour zones included", () => {
    expect(zonedFields(Date.UTC(2024, 0, 15, 12), "Asia/Kolkata")).toMatchObject({ hour: 17, minute: 30, offsetMinutes: 330 });
    expect(zonedFields(Date.UTC(2024, 6, 1, 12), "Europe/Paris")).toMatchObject({ day: 1, hour: 14, weekday: 1, offsetMinutes: 120 });
    expect(zonedFields(Date.parse("0001-01-01T00:00:00Z"), "UTC")).toMatchObject({ year: 1, month: 1, day: 1 });
    // Before 1914 São Paulo kept local mean time, 3:06:28 behind UTC.
    expect(zonedFields(Date.UTC(1900, 0, 1), "America/Sao_Paulo")).toMatchObject({ hour: 20, minute: 53, second: 32 });
  });
});

describe("zonedEpoch", () => {
  it("inverts zonedFields: the wall clock of any instant maps back to an instant with that wall clock", () => {
    fc.assert(
      fc.property(fc.integer(RANGE), fc.constantFrom(...ZONES), (epoch, zone) => {
        const fields = zonedFields(epoch, zone);
        const back = zonedEpoch(fields, zone);
        const again = zonedFields(back, zone);
        expect([again.year, again.month, again.day, again.hour, again.minute, again.second]).toEqual([
          fields.year,
          fields.month,
          fields.day,
          fields.hour,
          fields.minute,
          fields.second,
        ]);
        // Only a repeated hour may map to another instant, and then to the earlier one.
        expect(back <= epoch).toBe(true);
        expect(epoch - back).toBeLessThanOrEqual(3_600_000);
      }),
      { numRuns: 500 },
    );
  });

  it("handles Lord Howe's half-hour DST jump", () => {
    // 2024-10-06 02:00 → 02:30 local; 02:15 does not exist and moves forward by the jump.
    const epoch = zonedEpoch({ year: 2024, month: 10, day: 6, hour: 2, minute: 15, second: 0, millisecond: 0 }, "Australia/Lord_Howe");
    expect(zonedFields(epoch, "Australia/Lord_Howe")).toMatchObject({ hour: 2, minute: 45, offsetMinutes: 660 });
  });
});

describe("format and parse", () => {
  it("parseDate reads back what formatDate wrote, whatever the zone", () => {
    const format = "YYYY-MM-DD HH:mm:ss.SSS Z";
    // Since 1970 every zone's offset is whole minutes, which is all "Z" can write.
    const modern = { min: 0, max: RANGE.max };
    fc.assert(
      fc.property(fc.integer(modern), fc.constantFrom(...ZONES), fc.constantFrom(...ZONES), (epoch, writeZone, readZone) => {
        const text = formatInZone(epoch, format, writeZone);
        expect(parseWithFormat(text, format, readZone, 0)).toBe(epoch);
      }),
      { numRuns: 500 },
    );
  });
});
