export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** 1–12 for an English month name or its first three letters, any case; undefined otherwise. */
export function monthFromName(text: string): number | undefined {
  const lower = text.toLowerCase();
  const index = MONTH_NAMES.findIndex((name) => name.toLowerCase() === lower || name.slice(0, 3).toLowerCase() === lower);
  return index < 0 ? undefined : index + 1;
}

/** 0 (Sunday) – 6 for an English weekday name or its first three letters, any case. */
export function weekdayFromName(text: string): number | undefined {
  const lower = text.toLowerCase();
  const index = WEEKDAY_NAMES.findIndex((name) => name.toLowerCase() === lower || name.slice(0, 3).toLowerCase() === lower);
  return index < 0 ? undefined : index;
}
