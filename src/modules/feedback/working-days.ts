/**
 * Working days in Vietnam: Monday to Friday, minus public holidays, plus weekend days that are worked in
 * exchange for a bridge holiday (ngày làm bù). Dates are plain 'YYYY-MM-DD' strings in Vietnam time.
 */
export interface WorkCalendar {
  /** Weekdays off (Tết, 30/4, 1/5, 2/9...). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days. */
  workdays: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new Error(`Expected a date YYYY-MM-DD, got "${date}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The calendar date in Vietnam (UTC+7, no daylight saving) of an instant. */
export function vnDate(at: Date | string = new Date()): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return fromUtc(ms + 7 * 3600_000);
}

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.workdays.has(date)) return true;
  const dow = new Date(toUtc(date)).getUTCDay();
  if (dow === 0 || dow === 6) return false;
  return !cal.holidays.has(date);
}

/**
 * The date of the n-th working day after `start` (the day of receipt does not count).
 *
 * @example
 * addWorkingDays('2026-11-27', 15, cal); // '2026-12-18': 15 working days after a Friday
 */
export function addWorkingDays(start: string, n: number, cal: WorkCalendar): string {
  let ms = toUtc(start);
  let left = Math.max(0, Math.floor(n));
  while (left > 0) {
    ms += DAY_MS;
    if (isWorkingDay(fromUtc(ms), cal)) left -= 1;
  }
  return fromUtc(ms);
}

/** Number of working days d with from < d <= to (0 when to <= from). */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  const end = toUtc(to);
  let count = 0;
  for (let ms = toUtc(from) + DAY_MS; ms <= end; ms += DAY_MS) {
    if (isWorkingDay(fromUtc(ms), cal)) count += 1;
  }
  return count;
}
