// Figures per unit and period, for /cong-khai and for the KPI module.
import type { DbOrTrx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './feedback.repository.js';
import { vnDate, workingDaysBetween, type WorkCalendar } from './working-days.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM'..'YYYY-MM' (inclusive) -> [first day, first day after). Throws a 400 on a malformed month. */
export function monthRange(from?: string, to?: string): { fromOn?: string; beforeOn?: string } {
  const out: { fromOn?: string; beforeOn?: string } = {};
  if (from) {
    if (!MONTH.test(from)) throw new AppError('validation_failed', `Tháng không hợp lệ: "${from}" (cần dạng YYYY-MM).`);
    out.fromOn = `${from}-01`;
  }
  if (to) {
    const m = MONTH.exec(to);
    if (!m) throw new AppError('validation_failed', `Tháng không hợp lệ: "${to}" (cần dạng YYYY-MM).`);
    const y = Number(m[1]);
    const mo = Number(m[2]);
    out.beforeOn = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  }
  return out;
}

type FigureRow = Awaited<ReturnType<typeof repo.itemsForFigures>>[number];

/** Open past its deadline (not waiting for the citizen): counts as late. */
function overdue(r: FigureRow, today: string): boolean {
  return (r.status === 'new' || r.status === 'in_progress') && !r.first_answered_at && today > r.deadline_on;
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface Figures {
  received: number;
  answered: number;
  answeredOnTime: number;
  /** Answered late, or still open past the deadline. */
  late: number;
  /** answeredOnTime / (answered + open past deadline); null when nothing is decided yet. */
  onTimeRate: number | null;
  /** Median working days from receipt to first answer. */
  medianDays: number | null;
  rated: number;
  satisfied: number;
  /** satisfied / rated; null without ratings. */
  satisfiedRate: number | null;
}

export function figuresOf(rows: FigureRow[], cal: WorkCalendar, today = vnDate()): Figures {
  let answered = 0;
  let onTime = 0;
  let openLate = 0;
  let rated = 0;
  let satisfied = 0;
  const days: number[] = [];
  for (const r of rows) {
    if (r.first_answered_at) {
      answered += 1;
      if (r.on_time === 1) onTime += 1;
      days.push(workingDaysBetween(r.received_on, vnDate(r.first_answered_at), cal));
    } else if (overdue(r, today)) {
      openLate += 1;
    }
    if (r.rating) {
      rated += 1;
      if (r.rating === 'satisfied') satisfied += 1;
    }
  }
  const decided = answered + openLate;
  return {
    received: rows.length,
    answered,
    answeredOnTime: onTime,
    late: decided - onTime,
    onTimeRate: decided ? onTime / decided : null,
    medianDays: median(days),
    rated,
    satisfied,
    satisfiedRate: rated ? satisfied / rated : null,
  };
}

export interface UnitFigures extends Figures {
  unitId: number;
  unitName: string;
  /** 1 = best; null when the unit has too few items to be ranked. */
  rank: number | null;
}

/**
 * Figures per unit for a period; units with fewer than `minItems` items received are listed but not ranked.
 * Ranking: on-time rate, then satisfied rate, then median days (lower is better).
 */
export async function unitFigures(
  db: DbOrTrx,
  cal: WorkCalendar,
  opts: { from?: string; to?: string; minItems: number; today?: string },
): Promise<{ units: UnitFigures[]; total: Figures }> {
  const range = monthRange(opts.from, opts.to);
  const rows = await repo.itemsForFigures(db, range);
  const byUnit = new Map<number, FigureRow[]>();
  for (const r of rows) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
  const ids = [...byUnit.keys()];
  const names = new Map(
    ids.length
      ? (await db.selectFrom('org_units').select(['id', 'full_name']).where('id', 'in', ids).execute()).map((u) => [
          u.id,
          u.full_name,
        ])
      : [],
  );
  const units: UnitFigures[] = ids.map((id) => ({
    unitId: id,
    unitName: names.get(id) ?? '',
    rank: null,
    ...figuresOf(byUnit.get(id)!, cal, opts.today),
  }));
  const rankable = units
    .filter((u) => u.received >= opts.minItems)
    .sort(
      (a, b) =>
        (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
        (b.satisfiedRate ?? -1) - (a.satisfiedRate ?? -1) ||
        (a.medianDays ?? Infinity) - (b.medianDays ?? Infinity) ||
        a.unitName.localeCompare(b.unitName, 'vi'),
    );
  rankable.forEach((u, i) => (u.rank = i + 1));
  const rest = units
    .filter((u) => u.rank === null)
    .sort((a, b) => b.received - a.received || a.unitName.localeCompare(b.unitName, 'vi'));
  return { units: [...rankable, ...rest], total: figuresOf(rows, cal, opts.today) };
}

/**
 * On-time answering of feedback for the KPI module (Decision 766, indicator 5.2).
 * Period by received date, months inclusive; merged duplicates are not counted.
 * `rate` = answeredOnTime / (answered + items still open past their deadline), null when none is decided.
 *
 * @example
 * const s = await feedbackOnTimeSummary(db, { from: '2026-01', to: '2026-06', unitIds: [12] });
 * // { received: 40, answered: 35, answeredOnTime: 31, rate: 0.84 }
 */
export async function feedbackOnTimeSummary(
  db: DbOrTrx,
  opts: { from?: string; to?: string; unitIds?: number[] },
): Promise<{ received: number; answered: number; answeredOnTime: number; rate: number | null }> {
  const rows = await repo.itemsForFigures(db, { ...monthRange(opts.from, opts.to), unitIds: opts.unitIds });
  const today = vnDate();
  let answered = 0;
  let onTime = 0;
  let openLate = 0;
  for (const r of rows) {
    if (r.first_answered_at) {
      answered += 1;
      if (r.on_time === 1) onTime += 1;
    } else if (overdue(r, today)) {
      openLate += 1;
    }
  }
  const decided = answered + openLate;
  return { received: rows.length, answered, answeredOnTime: onTime, rate: decided ? onTime / decided : null };
}
