/**
 * Calendar dates, one way everywhere: a date is the string YYYY-MM-DD (what PostgreSQL's `date`
 * takes and gives, and what sorts as text). `calendarDate` is the one check that a year, month and
 * day exist on the calendar; every form, file and command line that takes a date goes through it.
 */

/** The shape of an ISO date (not yet a check that it exists). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The ISO date of year/month/day, or null when there is no such day (Feb 30, month 13). */
export function calendarDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** True for YYYY-MM-DD naming a day that exists. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  return calendarDate(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))) === value;
}

/**
 * YYYY-MM-DD or M/D/YYYY (how US files and people write dates) → YYYY-MM-DD; "format" when it is
 * neither, "impossible" when it has the shape but names no day.
 */
export function parseDateText(value: string): { date: string; year: number } | "format" | "impossible" {
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value))) [m, d, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return "format";
  const date = calendarDate(y, m, d);
  return date ? { date, year: y } : "impossible";
}
