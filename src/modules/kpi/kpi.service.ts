// KPI rules: definitions, month ranges, which units a request covers, who may see what, dashboard figures.
import type { DbOrTrx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { SignedInUser } from '../../platform/html/index.js';
import { listUnits, unitScopeIds, type OrgUnitRow } from '../org/index.js';
import { buildAttribution, type AttributionMap } from './kpi.attribution.js';
import { D766_SOURCES, estimatePoints, load766, type D766Indicator } from './kpi.d766.js';
import {
  computeIndicators,
  planTargets,
  reportTotals,
  type IndicatorQuery,
  type IndicatorResult,
  type PlanTarget,
} from './kpi.indicators.js';
import * as repo from './kpi.repository.js';
import type { Counts } from './kpi.repository.js';

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export type RateKey = 'online_rate' | 'on_time_rate' | 'online_payment_rate';

export interface Rates {
  dossiers: number;
  online_rate: number | null;
  on_time_rate: number | null;
  online_payment_rate: number | null;
}

/** The three dossier rates, each with its definition (shown beside each figure). */
export const RATE_DEFS: Record<RateKey, { label: string; definition: string; short: string }> = {
  online_rate: {
    label: 'Tỷ lệ hồ sơ nộp trực tuyến',
    short: 'Nộp trực tuyến',
    definition: 'Số hồ sơ tiếp nhận qua mạng / tổng số hồ sơ tiếp nhận, theo tháng tiếp nhận (received_at).',
  },
  on_time_rate: {
    label: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
    short: 'Đúng hạn',
    definition:
      'Số hồ sơ hoàn thành có ngày hoàn thành không muộn hơn hạn trả (finished_at <= due_at) / số hồ sơ hoàn thành, theo tháng hoàn thành (finished_at).',
  },
  online_payment_rate: {
    label: 'Tỷ lệ thanh toán trực tuyến',
    short: 'Thanh toán trực tuyến',
    definition:
      'Số hồ sơ đã thanh toán phí, lệ phí trực tuyến / số hồ sơ phải nộp phí, lệ phí (fee_required = 1), theo tháng tiếp nhận.',
  },
};

export const DOSSIERS_DEF = 'Số hồ sơ tiếp nhận trong kỳ (theo ngày tiếp nhận received_at), mọi kênh.';

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

export function ratesOf(c: Counts): Rates {
  return {
    dossiers: c.received,
    online_rate: ratio(c.received_online, c.received),
    on_time_rate: ratio(c.finished_on_time, c.finished),
    online_payment_rate: ratio(c.paid_online, c.fee_required),
  };
}

/** Numerator and denominator of each rate, for tables that show both. */
export function partsOf(c: Counts): Record<RateKey, [number, number]> {
  return {
    online_rate: [c.received_online, c.received],
    on_time_rate: [c.finished_on_time, c.finished],
    online_payment_rate: [c.paid_online, c.fee_required],
  };
}

// ---- Months -------------------------------------------------------------------------------------

export function monthsBetween(from: string, to: string, max = 120): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  while (out.length < max) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    if (s > to) break;
    out.push(s);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

function shiftMonth(month: string, delta: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

const thisMonth = (): string => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);

/** The months shown when none are asked for: the last 12 months with data, or the current month. */
export async function defaultRange(db: DbOrTrx): Promise<{ from: string; to: string }> {
  const r = await repo.dataRange(db);
  if (!r) return { from: thisMonth(), to: thisMonth() };
  const from = shiftMonth(r.to, -11);
  return { from: from < r.from ? r.from : from, to: r.to };
}

export interface RangeProblem {
  field: 'from' | 'to';
  message: string;
}

/** Check a requested month range; missing ends take the default range's. */
export async function checkRange(
  db: DbOrTrx,
  from: string | undefined,
  to: string | undefined,
): Promise<{ from: string; to: string } | { problems: RangeProblem[] }> {
  const problems: RangeProblem[] = [];
  if (from && !MONTH_RE.test(from)) problems.push({ field: 'from', message: `Tháng bắt đầu "${from}" không đúng dạng YYYY-MM.` });
  if (to && !MONTH_RE.test(to)) problems.push({ field: 'to', message: `Tháng kết thúc "${to}" không đúng dạng YYYY-MM.` });
  if (problems.length) return { problems };
  const dflt = from && to ? { from, to } : await defaultRange(db);
  const range = { from: from || (to && to < dflt.from ? to : dflt.from), to: to || (from && from > dflt.to ? from : dflt.to) };
  if (range.from > range.to) {
    return { problems: [{ field: 'from', message: 'Tháng bắt đầu phải trước hoặc bằng tháng kết thúc.' }] };
  }
  return range;
}

// ---- Units --------------------------------------------------------------------------------------

const today = (): string => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

let attributionCache: { db: DbOrTrx; at: number; map: Promise<AttributionMap> } | null = null;
/** The attribution map, rebuilt at most once a minute (units change only with a reorganization). */
export function attribution(db: DbOrTrx): Promise<AttributionMap> {
  if (!attributionCache || attributionCache.db !== db || Date.now() - attributionCache.at > 60_000) {
    attributionCache = { db, at: Date.now(), map: buildAttribution(db) };
  }
  return attributionCache.map;
}

export interface Scope {
  /** The unit the figures are for (a current unit). */
  unit: OrgUnitRow;
  /** Counting units to sum; undefined = the whole city. */
  unitIds: number[] | undefined;
  /** When an old code was asked for: the old unit it was resolved from. */
  resolvedFrom: OrgUnitRow | null;
}

/** The figures' scope for a current unit: the city is everything; otherwise the unit and the units below it. */
export async function scopeOf(db: DbOrTrx, unit: OrgUnitRow): Promise<Scope> {
  if (unit.type === 'city') return { unit, unitIds: undefined, resolvedFrom: null };
  return { unit, unitIds: await unitScopeIds(db, unit.id), resolvedFrom: null };
}

/**
 * A unit code as asked for (API, pages): the unit carrying it today; an old code (before July 2025) is resolved to
 * the current unit its figures count under (docs/kpi.md). Unknown codes are a 400.
 */
export async function resolveUnitCode(db: DbOrTrx, code: string | undefined): Promise<Scope> {
  const map = await attribution(db);
  if (!code) {
    if (!map.city) throw new AppError('not_found', 'Chưa có dữ liệu đơn vị hành chính.');
    return scopeOf(db, map.city);
  }
  const day = today();
  const current = map.counting.find((u) => u.code === code && u.valid_from <= day);
  if (current) return scopeOf(db, current);
  // The most recent old unit that carried the code.
  const old = [...map.byUnitId.values()]
    .filter((a) => a.unit.code === code && a.target)
    .sort((a, b) => b.unit.valid_from.localeCompare(a.unit.valid_from))[0];
  if (old?.target) return { ...(await scopeOf(db, old.target)), resolvedFrom: old.unit };
  throw new AppError('validation_failed', `Không có đơn vị nào mang mã "${code.slice(0, 20)}".`);
}

/** The public JSON summary. */
export interface Summary extends Rates {
  unit: string;
  from: string;
  to: string;
}

/**
 * Figures for a unit (code; none = the city) over months 'YYYY-MM'..'YYYY-MM'. Bad input is a 400 AppError.
 *
 * @example
 * await kpiSummary(db, { unit: '00004', from: '2025-07', to: '2025-12' })
 * // { unit: '00004', from: '2025-07', to: '2025-12', dossiers: 1234, online_rate: 0.61, on_time_rate: 0.97, online_payment_rate: 0.4 }
 */
export async function kpiSummary(db: DbOrTrx, q: { unit?: string; from?: string; to?: string }): Promise<Summary> {
  const range = await checkRange(db, q.from, q.to);
  if ('problems' in range) throw new AppError('validation_failed', range.problems[0]!.message);
  const scope = await resolveUnitCode(db, q.unit);
  const counts = await repo.totals(db, { ...range, unitIds: scope.unitIds });
  return { unit: scope.unit.code ?? '', from: range.from, to: range.to, ...ratesOf(counts) };
}

// ---- Who sees what ------------------------------------------------------------------------------

/** Counting units a staff member may see: undefined = everything (Center staff, admins, viewers). */
export async function visibleUnitIds(db: DbOrTrx, user: SignedInUser): Promise<Set<number> | undefined> {
  if (user.role !== 'unit_officer') return undefined;
  if (user.unitId === null) return new Set();
  const map = await attribution(db);
  const ids = await unitScopeIds(db, user.unitId);
  if (map.city && ids.includes(map.city.id)) return undefined;
  return new Set(ids);
}

/** The scope a staff member asks for, or a 403 when it is outside their unit. */
export async function staffScope(db: DbOrTrx, user: SignedInUser, code: string | undefined): Promise<Scope> {
  const visible = await visibleUnitIds(db, user);
  if (visible && !code) {
    // A unit officer's dashboard opens on their own unit.
    const own = (await listUnits(db)).find((u) => u.id === user.unitId);
    if (!own) throw new AppError('forbidden', 'Tài khoản của bạn chưa gắn với đơn vị nào.');
    return scopeOf(db, own);
  }
  const scope = await resolveUnitCode(db, code);
  if (visible && (!scope.unitIds || scope.unitIds.some((id) => !visible.has(id)))) {
    throw new AppError('forbidden', 'Bạn chỉ xem được số liệu của đơn vị mình.');
  }
  return scope;
}

// ---- Dashboard ----------------------------------------------------------------------------------

export interface UnitFigures extends Rates {
  unit: OrgUnitRow;
  counts: Counts;
}

export interface MonthFigures extends Rates {
  month: string;
  counts: Counts;
}

export interface D766Row {
  group: { id: string; name: string; maxPoints: number };
  indicator: D766Indicator;
  value: number | null;
  /** Which of our figures, and how it differs; null when the data here does not allow it. */
  ours: { label: string; difference: string } | null;
  points: number | null;
}

export interface TargetProgress extends PlanTarget {
  current: number | null;
  /** Why there is no current figure, or what is known instead. */
  note: string | null;
  /** current / target, when both are known. */
  progress: number | null;
}

export interface Dashboard {
  scope: Scope;
  range: { from: string; to: string };
  totals: Counts;
  rates: Rates;
  months: MonthFigures[];
  /** Counting units under the scope with their figures (the city: every commune and city-level body). */
  units: UnitFigures[];
  indicators: IndicatorResult[];
  targets: TargetProgress[] | null;
  d766: D766Row[];
  /** The reference file's own warning about its sources. */
  d766Caveat: string;
}

const RATE_KEYS = new Set(['online_rate', 'on_time_rate', 'online_payment_rate']);

/** The current figure of a plan target, when this system can measure it; otherwise a note saying why not. */
async function targetCurrent(
  db: DbOrTrx,
  t: PlanTarget,
  q: IndicatorQuery,
  rates: Rates,
  indicators: IndicatorResult[],
): Promise<{ current: number | null; note: string | null }> {
  if (t.actual !== null) return { current: t.actual, note: null };
  const key = t.sourceKey;
  const asShare = (r: number | null) => (r === null ? null : t.unit === '%' ? r * 100 : r);
  if (key === 'dossiers') return { current: rates.dossiers, note: null };
  if (RATE_KEYS.has(key)) return { current: asShare(rates[key as RateKey]), note: null };
  const ind = indicators.find((i) => i.key === key);
  if (ind?.value?.kind === 'rate') return { current: asShare(ind.value.value), note: null };
  if (t.source === 'reports_sum' || (ind?.value?.kind === 'count' && t.unit !== '%')) {
    const totals = await reportTotals(db, q);
    const total = totals ? (totals[key] ?? 0) : null;
    if (total === null) return { current: null, note: 'Phân hệ báo cáo chưa sẵn sàng.' };
    if (t.unit !== '%') return { current: total, note: null };
    return {
      current: null,
      note: `Tổng theo báo cáo của các đơn vị: ${new Intl.NumberFormat('vi-VN').format(total)}; cần số liệu mẫu số để tính tỷ lệ.`,
    };
  }
  return { current: null, note: 'Chưa đo được tự động từ dữ liệu của hệ thống.' };
}

/** Everything the back-office dashboard (and the public page) shows for one scope and range. */
export async function dashboard(
  db: DbOrTrx,
  scope: Scope,
  range: { from: string; to: string },
  opts: { withUnits: boolean; withIndicators: boolean },
): Promise<Dashboard> {
  const q = { ...range, unitIds: scope.unitIds };
  const [totals, series] = await Promise.all([repo.totals(db, q), repo.series(db, q)]);
  const byMonth = new Map(series.map((s) => [s.month, s]));
  const months = monthsBetween(range.from, range.to).map((month) => {
    const counts = byMonth.get(month) ?? { ...repo.ZERO };
    return { month, counts, ...ratesOf(counts) };
  });
  const rates = ratesOf(totals);

  let units: UnitFigures[] = [];
  const map = await attribution(db);
  const hasChildren = !scope.unitIds || scope.unitIds.length > 1;
  if (opts.withUnits && hasChildren) {
    const rows = new Map((await repo.byUnit(db, q)).map((r) => [r.commune_id, r]));
    const allowed = scope.unitIds ? new Set(scope.unitIds) : undefined;
    units = map.counting
      .filter((u) => u.type === 'commune' || rows.has(u.id))
      .filter((u) => !allowed || allowed.has(u.id))
      .map((u) => {
        const counts = rows.get(u.id) ?? { ...repo.ZERO };
        return { unit: u, counts, ...ratesOf(counts) };
      });
  }

  const iq = { from: range.from, to: range.to, unitIds: scope.unitIds };
  const indicators = opts.withIndicators ? await computeIndicators(db, iq) : [];
  let targets: TargetProgress[] | null = null;
  if (opts.withIndicators) {
    const list = await planTargets(db, Number(range.to.slice(0, 4))).catch(() => null);
    targets = list
      ? await Promise.all(
          list.map(async (t) => {
            const { current, note } = await targetCurrent(db, t, iq, rates, indicators);
            const progress = current !== null && t.targetValue ? current / t.targetValue : null;
            return { ...t, current, progress, note };
          }),
        )
      : null;
  }

  const figure = (key: string): { value: number | null; label: string } | null => {
    if (key === 'online_rate' || key === 'on_time_rate' || key === 'online_payment_rate') {
      return { value: rates[key], label: RATE_DEFS[key].label };
    }
    const ind = indicators.find((i) => i.key === key);
    if (!ind) return null;
    return { value: ind.value?.kind === 'rate' ? ind.value.value : null, label: ind.label };
  };
  const d766: D766Row[] = load766().groups.flatMap((g) =>
    g.indicators.map((indicator) => {
      const src = D766_SOURCES[indicator.id];
      const f = src ? figure(src.figure) : null;
      const value = f?.value ?? null;
      return {
        group: { id: g.id, name: g.name, maxPoints: g.maxPoints },
        indicator,
        value,
        ours: src && f ? { label: f.label, difference: src.difference } : null,
        points: estimatePoints(indicator, value),
      };
    }),
  );
  return { scope, range, totals, rates, months, units, indicators, targets, d766, d766Caveat: load766().status };
}
