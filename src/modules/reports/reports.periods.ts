import type { Frequency } from './reports.table.js';

const ROMAN = ['I', 'II', 'III', 'IV'];

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The periods of a year: 12 months or 4 quarters, each due `deadlineDays` after its last day. */
export function periodsForYear(
  frequency: Frequency,
  year: number,
  deadlineDays: number,
): Array<{ label: string; start_date: string; end_date: string; deadline: string }> {
  const out = [];
  if (frequency === 'monthly') {
    for (let m = 1; m <= 12; m++) {
      const end = iso(year, m, lastDay(year, m));
      out.push({ label: `Tháng ${m}/${year}`, start_date: iso(year, m, 1), end_date: end, deadline: addDays(end, deadlineDays) });
    }
  } else {
    for (let q = 0; q < 4; q++) {
      const end = iso(year, q * 3 + 3, lastDay(year, q * 3 + 3));
      out.push({
        label: `Quý ${ROMAN[q]}/${year}`,
        start_date: iso(year, q * 3 + 1, 1),
        end_date: end,
        deadline: addDays(end, deadlineDays),
      });
    }
  }
  return out;
}

/** The moment a deadline day ends in Vietnam (UTC+7): a report submitted after it is late. */
export function deadlineEnd(deadline: string): string {
  return new Date(Date.parse(`${deadline}T23:59:59.999+07:00`)).toISOString();
}

/** Today's date in Vietnam. */
export function vnToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** "2025-03" -> first or last day; a full date passes through; anything else is undefined. */
export function monthBound(v: string | undefined, end: boolean): string | undefined {
  if (!v) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
  return end ? iso(Number(m[1]), Number(m[2]), lastDay(Number(m[1]), Number(m[2]))) : `${v}-01`;
}
