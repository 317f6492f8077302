import { describe, expect, it } from "vitest";
import { calc, evalError } from "../test-support";

/** 2024-03-05 was a Tuesday. */
const D = '"2024-03-05T07:08:09.012Z"';

describe("formatDate", () => {
  it.each([
    ["YYYY", "2024"],
    ["YY", "24"],
    ["MMMM", "March"],
    ["MMM", "Mar"],
    ["MM", "03"],
    ["M", "3"],
    ["DD", "05"],
    ["D", "5"],
    ["Do", "5th"],
    ["dddd", "Tuesday"],
    ["ddd", "Tue"],
    ["HH", "07"],
    ["H", "7"],
    ["hh", "07"],
    ["h", "7"],
    ["mm", "08"],
    ["m", "8"],
    ["ss", "09"],
    ["s", "9"],
    ["SSS", "012"],
    ["A", "AM"],
    ["a", "am"],
    ["Z", "+00:00"],
    ["ZZ", "+0000"],
    ["X", String(Date.UTC(2024, 2, 5, 7, 8, 9) / 1000)],
    ["x", String(Date.UTC(2024, 2, 5, 7, 8, 9, 12))],
  ])("token %s → %s", (token, expected) => {
    expect(calc(`formatDate(${D}; "${token}")`)).toBe(expected);
  });

  it("combines tokens with literal text and [escaped] words", () => {
    expect(calc(`formatDate(${D}; "YYYY-MM-DD HH:mm:ss")`)).toBe("2024-03-05 07:08:09");
    expect(calc(`formatDate(${D}; "[Today is] dddd, MMMM Do")`)).toBe("Today is Tuesday, March 5th");
  });

  it("writes 12-hour clocks and ordinals correctly", () => {
    expect(calc('formatDate("2024-03-05T15:00:00Z"; "h A")')).toBe("3 PM");
    expect(calc('formatDate("2024-03-05T00:30:00Z"; "hh:mm a")')).toBe("12:30 am");
    expect(calc('formatDate("2024-03-05T12:00:00Z"; "h A")')).toBe("12 PM");
    const ordinals = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map((day) =>
      calc(`formatDate("2024-01-${String(day).padStart(2, "0")}"; "Do")`),
    );
    expect(ordinals).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"]);
  });

  it("shows the clock of the scenario's time zone, or of the zone given as third argument", () => {
    expect(calc('formatDate("2024-07-01T12:00:00Z"; "YYYY-MM-DD HH:mm Z")', "America/New_York")).toBe("2024-07-01 08:00 -04:00");
    expect(calc('formatDate("2024-01-15T12:00:00Z"; "HH:mm ZZ")', "America/New_York")).toBe("07:00 -0500");
    expect(calc('formatDate("2024-01-15T12:00:00Z"; "HH:mm Z"; "Asia/Kolkata")', "America/New_York")).toBe("17:30 +05:30");
    expect(calc('formatDate("2024-01-15T23:30:00Z"; "YYYY-MM-DD dddd")', "Pacific/Auckland")).toBe("2024-01-16 Tuesday");
  });

  it("reads Workfront's date format, ISO text and epoch milliseconds", () => {
    expect(calc('formatDate("2020-05-18T17:00:00:000-0600"; "YYYY-MM-DD HH:mm")')).toBe("2020-05-18 23:00");
    expect(calc('formatDate("2020-05-18T17:00:00.000-06:00"; "HH:mm")')).toBe("23:00");
    expect(calc('formatDate("2020-05-18"; "DD.MM.YYYY")', "Europe/Paris")).toBe("18.05.2020");
    expect(calc(`formatDate(${Date.UTC(2020, 4, 18, 17)}; "YYYY-MM-DD HH")`)).toBe("2020-05-18 17");
    expect(calc('formatDate(1.missing; "YYYY")')).toBeUndefined();
  });

  it("refuses things that are not dates and unknown zones", () => {
    expect(evalError(() => calc('formatDate("18/05/2020"; "YYYY")')).fn).toBe("formatDate");
    expect(evalError(() => calc('formatDate("2021-02-30"; "YYYY")')).fn).toBe("formatDate");
    expect(evalError(() => calc('formatDate(now; "YYYY"; "Nowhere/City")')).message).toMatch(/Unknown time zone/);
  });
});

describe("parseDate", () => {
  it("reads text laid out as a format, in the scenario's zone or the given one", () => {
    expect(calc('parseDate("18/05/2020 17:30"; "DD/MM/YYYY HH:mm")')).toBe("2020-05-18T17:30:00.000Z");
    expect(calc('parseDate("18/05/2020 17:30"; "DD/MM/YYYY HH:mm")', "Europe/Paris")).toBe("2020-05-18T15:30:00.000Z");
    expect(calc('parseDate("18/05/2020 17:30"; "DD/MM/YYYY HH:mm"; "America/New_York")', "Europe/Paris")).toBe(
      "2020-05-18T21:30:00.000Z",
    );
  });

  it("uses an offset written in the text over any zone", () => {
    expect(calc('parseDate("2020-05-18T17:00:00-0600"; "YYYY-MM-DDTHH:mm:ssZZ")', "Asia/Tokyo")).toBe("2020-05-18T23:00:00.000Z");
    expect(calc('parseDate("2020-05-18 17:00 +02:00"; "YYYY-MM-DD HH:mm Z")')).toBe("2020-05-18T15:00:00.000Z");
  });

  it("reads 12-hour times, month names, ordinals, milliseconds and Unix times", () => {
    expect(calc('parseDate("5/18/2020 5:30 PM"; "M/D/YYYY h:mm A")')).toBe("2020-05-18T17:30:00.000Z");
    expect(calc('parseDate("5/18/2020 12:05 am"; "M/D/YYYY h:mm a")')).toBe("2020-05-18T00:05:00.000Z");
    expect(calc('parseDate("May 18, 2020"; "MMMM D, YYYY")')).toBe("2020-05-18T00:00:00.000Z");
    expect(calc('parseDate("18 mar 21"; "DD MMM YY")')).toBe("2021-03-18T00:00:00.000Z");
    expect(calc('parseDate("Monday, May 18th 2020"; "dddd, MMMM Do YYYY")')).toBe("2020-05-18T00:00:00.000Z");
    expect(calc('parseDate("10:11:12.5"; "HH:mm:ss.SSS")')).toBe("2024-03-15T10:11:12.500Z");
    expect(calc('parseDate("1589821200"; "X")')).toBe("2020-05-18T17:00:00.000Z");
    expect(calc('parseDate("1589821200123"; "x")')).toBe("2020-05-18T17:00:00.123Z");
  });

  it("fills missing parts like Moment: today for a time alone, the 1st for a month alone", () => {
    expect(calc('parseDate("2020-05"; "YYYY-MM")')).toBe("2020-05-01T00:00:00.000Z");
    expect(calc('parseDate("10:30"; "HH:mm")')).toBe("2024-03-15T10:30:00.000Z");
    expect(calc('parseDate("10:30"; "HH:mm")', "Pacific/Auckland")).toBe("2024-03-15T21:30:00.000Z");
  });

  it("refuses text that does not match or names no real date", () => {
    expect(evalError(() => calc('parseDate("2021-02-30"; "YYYY-MM-DD")')).fn).toBe("parseDate");
    expect(evalError(() => calc('parseDate("yesterday"; "YYYY-MM-DD")')).message).toMatch(/does not match/);
    expect(evalError(() => calc('parseDate("2021-01-01 junk"; "YYYY-MM-DD")')).message).toMatch(/does not match/);
    expect(evalError(() => calc('parseDate("13:00 PM"; "h:mm A")')).fn).toBe("parseDate");
    expect(calc('parseDate(""; "YYYY")')).toBeUndefined();
  });
});

describe("daylight saving time", () => {
  it("addDays keeps the clock time across a DST change; addHours adds exact hours", () => {
    // Paris moves from +01:00 to +02:00 on 2024-03-31 at 02:00.
    expect(calc('addDays("2024-03-30T09:00:00"; 1)', "Europe/Paris")).toBe("2024-03-31T07:00:00.000Z");
    expect(calc('addHours("2024-03-30T09:00:00"; 24)', "Europe/Paris")).toBe("2024-03-31T08:00:00.000Z");
    // And back on 2024-10-27 at 03:00.
    expect(calc('addDays("2024-10-26T09:00:00"; 1)', "Europe/Paris")).toBe("2024-10-27T08:00:00.000Z");
  });

  it("moves a skipped wall time forward and takes the first of a repeated one", () => {
    // New York skips 02:00–03:00 on 2024-03-10 and repeats 01:00–02:00 on 2024-11-03.
    expect(calc('parseDate("2024-03-10 02:30"; "YYYY-MM-DD HH:mm")', "America/New_York")).toBe("2024-03-10T07:30:00.000Z");
    expect(calc('parseDate("2024-11-03 01:30"; "YYYY-MM-DD HH:mm")', "America/New_York")).toBe("2024-11-03T05:30:00.000Z");
  });

  it("starts and ends days at local midnight on short days", () => {
    expect(calc('startOfDay("2024-03-31T12:00:00+02:00")', "Europe/Paris")).toBe("2024-03-30T23:00:00.000Z");
    expect(calc('endOfDay("2024-03-31T12:00:00+02:00")', "Europe/Paris")).toBe("2024-03-31T21:59:59.999Z");
  });

  it("counts calendar days across a 23-hour day", () => {
    expect(calc('dateDifference("2024-04-01T00:00:00"; "2024-03-31T00:00:00"; "days")', "Europe/Paris")).toBe(1);
    expect(calc('dateDifference("2024-04-01T00:00:00"; "2024-03-31T00:00:00"; "hours")', "Europe/Paris")).toBe(23);
  });
});

describe("adding", () => {
  it("addSeconds, addMinutes, addHours take negative and fractional amounts", () => {
    expect(calc('addSeconds("2024-01-01T00:00:00Z"; 90)')).toBe("2024-01-01T00:01:30.000Z");
    expect(calc('addMinutes("2024-01-01T00:00:00Z"; -90)')).toBe("2023-12-31T22:30:00.000Z");
    expect(calc('addHours("2024-01-01T00:00:00Z"; 1.5)')).toBe("2024-01-01T01:30:00.000Z");
  });

  it("addMonths and addYears clamp to the end of shorter months", () => {
    expect(calc('addMonths("2024-01-31"; 1)')).toBe("2024-02-29T00:00:00.000Z");
    expect(calc('addMonths("2023-01-31"; 1)')).toBe("2023-02-28T00:00:00.000Z");
    expect(calc('addMonths("2024-03-15"; -14)')).toBe("2023-01-15T00:00:00.000Z");
    expect(calc('addYears("2024-02-29"; 1)')).toBe("2025-02-28T00:00:00.000Z");
    expect(calc('addDays("2024-02-28"; 2)')).toBe("2024-03-01T00:00:00.000Z");
  });

  it("refuses absurd amounts instead of producing invalid dates", () => {
    expect(evalError(() => calc('addDays(now; 1e12)')).fn).toBe("addDays");
    expect(evalError(() => calc('addSeconds(now; 1e300)')).fn).toBe("addSeconds");
  });
});

describe("setting parts", () => {
  it("sets seconds, minutes and hours on the local clock", () => {
    expect(calc('setSecond("2024-07-01T12:34:56Z"; 5)')).toBe("2024-07-01T12:34:05.000Z");
    expect(calc('setMinute("2024-07-01T12:34:56Z"; 0)')).toBe("2024-07-01T12:00:56.000Z");
    expect(calc('setHour("2024-07-01T12:00:00Z"; 9)', "Europe/Paris")).toBe("2024-07-01T07:00:00.000Z");
    expect(calc('setHour("2024-07-01T12:00:00Z"; 25)')).toBe("2024-07-02T01:00:00.000Z");
  });

  it("sets the day of the month, rolling over past the month's end", () => {
    expect(calc('setDate("2024-02-10"; 20)')).toBe("2024-02-20T00:00:00.000Z");
    expect(calc('setDate("2024-02-10"; 31)')).toBe("2024-03-02T00:00:00.000Z");
  });

  it("sets the month by number or name, clamping the day", () => {
    expect(calc('setMonth("2024-01-31"; 2)')).toBe("2024-02-29T00:00:00.000Z");
    expect(calc('setMonth("2024-01-15"; "March")')).toBe("2024-03-15T00:00:00.000Z");
    expect(calc('setMonth("2024-01-15"; 13)')).toBe("2025-01-15T00:00:00.000Z");
    expect(evalError(() => calc('setMonth(now; "Brumaire")')).fn).toBe("setMonth");
  });

  it("sets the year, clamping February 29th", () => {
    expect(calc('setYear("2024-02-29"; 2023)')).toBe("2023-02-28T00:00:00.000Z");
    expect(calc('setYear("2024-05-01"; 1999)')).toBe("1999-05-01T00:00:00.000Z");
  });

  it("sets the day of the week within the Sunday-to-Saturday week (1 = Sunday)", () => {
    // 2024-03-13 was a Wednesday.
    expect(calc('setDay("2024-03-13"; 1)')).toBe("2024-03-10T00:00:00.000Z");
    expect(calc('setDay("2024-03-13"; "Friday")')).toBe("2024-03-15T00:00:00.000Z");
    expect(calc('setDay("2024-03-13"; 8)')).toBe("2024-03-17T00:00:00.000Z");
  });
});

describe("start and end of periods", () => {
  it("start of week is Sunday by default, or the given first day", () => {
    expect(calc('startOfWeek("2024-03-13T15:00:00Z")')).toBe("2024-03-10T00:00:00.000Z");
    expect(calc('startOfWeek("2024-03-13T15:00:00Z"; "Monday")')).toBe("2024-03-11T00:00:00.000Z");
    expect(calc('startOfWeek("2024-03-10T15:00:00Z"; 2)')).toBe("2024-03-04T00:00:00.000Z");
    expect(calc('endOfWeek("2024-03-13T15:00:00Z")')).toBe("2024-03-16T23:59:59.999Z");
  });

  it("start and end of day, month and year", () => {
    expect(calc('startOfDay("2024-03-13T15:00:00Z")')).toBe("2024-03-13T00:00:00.000Z");
    expect(calc('startOfDay("2024-03-13T15:00:00Z")', "Asia/Tokyo")).toBe("2024-03-13T15:00:00.000Z");
    expect(calc('startOfMonth("2024-03-13T15:00:00Z")')).toBe("2024-03-01T00:00:00.000Z");
    expect(calc('endOfMonth("2024-02-10")')).toBe("2024-02-29T23:59:59.999Z");
    expect(calc('startOfYear("2024-03-13")')).toBe("2024-01-01T00:00:00.000Z");
    expect(calc('endOfYear("2024-03-13")', "Europe/Paris")).toBe("2024-12-31T22:59:59.999Z");
  });
});

describe("dateDifference", () => {
  it("is date1 − date2, in milliseconds by default, truncated toward zero", () => {
    expect(calc('dateDifference("2024-01-01T00:00:01Z"; "2024-01-01T00:00:00Z")')).toBe(1000);
    expect(calc('dateDifference("2024-01-01T01:30:00Z"; "2024-01-01T00:00:00Z"; "hours")')).toBe(1);
    expect(calc('dateDifference("2024-01-01"; "2024-01-02"; "days")')).toBe(-1);
    expect(calc('dateDifference("2024-01-15"; "2024-01-01"; "weeks")')).toBe(2);
    expect(calc('dateDifference("2024-01-01T00:10:00Z"; "2024-01-01T00:00:00Z"; "minutes")')).toBe(10);
    expect(calc('dateDifference("2024-01-01T00:00:10Z"; "2024-01-01T00:00:00Z"; "seconds")')).toBe(10);
  });

  it("counts calendar months and years", () => {
    expect(calc('dateDifference("2024-03-01"; "2024-01-31"; "months")')).toBe(1);
    expect(calc('dateDifference("2024-02-29"; "2024-01-31"; "months")')).toBe(1);
    expect(calc('dateDifference("2024-01-31"; "2024-02-29"; "months")')).toBe(-1);
    expect(calc('dateDifference("2024-06-01"; "2020-06-02"; "years")')).toBe(3);
    expect(calc('dateDifference("2024-06-02"; "2020-06-02"; "years")')).toBe(4);
    expect(evalError(() => calc('dateDifference(now; now; "fortnights")')).fn).toBe("dateDifference");
  });
});

describe("today and now", () => {
  it("today is local midnight of the frozen now", () => {
    // Frozen now is 2024-03-15T12:34:56.789Z: already the 16th in Auckland (+13:00).
    expect(calc("today()")).toBe("2024-03-15T00:00:00.000Z");
    expect(calc("today()", "Pacific/Auckland")).toBe("2024-03-15T11:00:00.000Z");
    expect(calc("today", "Pacific/Auckland")).toBe("2024-03-15T11:00:00.000Z");
  });

  it("dates computed from now stay dates until output", () => {
    expect(calc('formatDate(addDays(now; 1); "YYYY-MM-DD")')).toBe("2024-03-16");
    expect(calc("addDays(now; 1) > now")).toBe(true);
  });
});
