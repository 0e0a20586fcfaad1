// Indicators that come from other modules, behind a small registry: each source is looked up at run time through
// the other module's index.ts, so the dashboard works (showing "not available") while a module is missing.
import * as campaign from '../campaign/index.js';
import * as feedback from '../feedback/index.js';
import * as reports from '../reports/index.js';
import * as surveys from '../surveys/index.js';
import type { DbOrTrx } from '../../platform/db/index.js';

/** The query every source gets: months inclusive, and the counting units (undefined = whole city). */
export interface IndicatorQuery {
  from: string;
  to: string;
  unitIds?: number[];
}

export type IndicatorValue =
  | { kind: 'count'; value: number }
  | { kind: 'rate'; value: number | null; numerator: number; denominator: number }
  | { kind: 'breakdown'; rows: Array<{ label: string; count: number; views: number }> };

export interface IndicatorDef {
  key: string;
  label: string;
  /** How it is computed, in words (shown beside the figure). */
  definition: string;
  /** Where the data comes from (a module, in words). */
  source: string;
}

export interface IndicatorSource extends IndicatorDef {
  /** null when the source module is not available (yet). */
  compute: (db: DbOrTrx, q: IndicatorQuery) => Promise<IndicatorValue | null>;
}

export interface IndicatorResult extends IndicatorDef {
  value: IndicatorValue | null;
  /** Why there is no value (module missing, or its function failed). */
  note: string | null;
}

type AnyFn = (...args: unknown[]) => Promise<unknown>;

/** A function another module's index.ts exports, or undefined while it does not (yet). */
function exported(ns: object, name: string): AnyFn | undefined {
  const f = (ns as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as AnyFn) : undefined;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || 0);

/** Several indicators share one call to another module within one dashboard render. */
function memo<T>(fn: (db: DbOrTrx, q: IndicatorQuery) => Promise<T>) {
  const cache = new WeakMap<IndicatorQuery, Promise<T>>();
  return (db: DbOrTrx, q: IndicatorQuery): Promise<T> => {
    let p = cache.get(q);
    if (!p) {
      p = fn(db, q);
      cache.set(q, p);
    }
    return p;
  };
}

/** Every report field's total over the query (null while the reports module does not offer it). */
export const reportTotals = memo(async (db, q): Promise<Record<string, number> | null> => {
  const f = exported(reports, 'reportTotals');
  if (!f) return null;
  return ((await f(db, q)) ?? {}) as Record<string, number>;
});

function reportCount(key: string, label: string, definition: string): IndicatorSource {
  return {
    key,
    label,
    definition,
    source: 'Báo cáo định kỳ của đơn vị',
    compute: async (db, q) => {
      const t = await reportTotals(db, q);
      return t ? { kind: 'count', value: num(t[key]) } : null;
    },
  };
}

const registry: IndicatorSource[] = [
  reportCount(
    'people_guided',
    'Số người được hướng dẫn',
    'Tổng số người dân, doanh nghiệp được hướng dẫn sử dụng dịch vụ công trực tuyến, theo báo cáo của các đơn vị trong kỳ.',
  ),
  reportCount('trainings_held', 'Số buổi tập huấn', 'Tổng số buổi tập huấn, hội nghị hướng dẫn do các đơn vị báo cáo trong kỳ.'),
  reportCount('leaflets_distributed', 'Số tờ rơi đã phát', 'Tổng số tờ rơi, tài liệu in đã phát, theo báo cáo của các đơn vị.'),
  reportCount(
    'posts_published',
    'Số tin, bài đã đăng',
    'Tổng số tin, bài về dịch vụ công trực tuyến các đơn vị báo cáo đã đăng.',
  ),
  {
    key: 'content_published',
    label: 'Sản phẩm truyền thông đã đăng theo kênh',
    definition: 'Số lần đăng sản phẩm truyền thông (đã xuất bản) trên từng kênh trong kỳ, kèm lượt xem ghi nhận được.',
    source: 'Kế hoạch truyền thông (sản phẩm, bằng chứng đăng tải)',
    compute: async (db, q) => {
      const f = exported(campaign, 'publishedContentByChannel');
      if (!f) return null;
      const rows = ((await f(db, q)) ?? []) as Array<{ channel: string; count: number; views: number }>;
      return {
        kind: 'breakdown',
        rows: rows.map((r) => ({ label: String(r.channel), count: num(r.count), views: num(r.views) })),
      };
    },
  },
  {
    key: 'satisfaction_index',
    label: 'Chỉ số hài lòng',
    definition: 'Số phiếu khảo sát trả lời hài lòng / tổng số phiếu khảo sát trong kỳ.',
    source: 'Khảo sát mức độ hài lòng',
    compute: async (db, q) => {
      const f = exported(surveys, 'satisfactionSummary');
      if (!f) return null;
      const s = (await f(db, q)) as { responses: number; satisfied: number; index: number | null };
      return { kind: 'rate', value: s.index ?? null, numerator: num(s.satisfied), denominator: num(s.responses) };
    },
  },
  {
    key: 'feedback_on_time_rate',
    label: 'Tỷ lệ phản ánh, kiến nghị được trả lời đúng hạn',
    definition: 'Số phản ánh, kiến nghị trả lời đúng hạn / số phản ánh, kiến nghị nhận được trong kỳ.',
    source: 'Phản ánh, góp ý',
    compute: async (db, q) => {
      const f = exported(feedback, 'feedbackOnTimeSummary');
      if (!f) return null;
      const s = (await f(db, q)) as { received: number; answered: number; answeredOnTime: number; rate: number | null };
      return { kind: 'rate', value: s.rate ?? null, numerator: num(s.answeredOnTime), denominator: num(s.received) };
    },
  },
];

/**
 * Add an indicator computed elsewhere. A key already registered is replaced.
 *
 * @example
 * registerIndicatorSource({ key: 'x', label: 'X', definition: '...', source: '...', compute: async () => ({ kind: 'count', value: 1 }) });
 */
export function registerIndicatorSource(src: IndicatorSource): void {
  const i = registry.findIndex((s) => s.key === src.key);
  if (i >= 0) registry[i] = src;
  else registry.push(src);
}

export function indicatorSources(): readonly IndicatorSource[] {
  return registry;
}

/** Every registered indicator for a query; a failing or missing source gives a note, never an error page. */
export async function computeIndicators(db: DbOrTrx, q: IndicatorQuery): Promise<IndicatorResult[]> {
  return Promise.all(
    registry.map(async ({ compute, ...def }) => {
      try {
        const value = await compute(db, q);
        return { ...def, value, note: value ? null : 'Chưa có dữ liệu: phân hệ nguồn chưa sẵn sàng.' };
      } catch {
        return { ...def, value: null, note: 'Không tính được lúc này (phân hệ nguồn báo lỗi).' };
      }
    }),
  );
}

// ---- Plan targets -------------------------------------------------------------------------------

/** A plan target as the campaign module gives it, read tolerantly (snake_case or camelCase). */
export interface PlanTarget {
  text: string;
  targetValue: number | null;
  unit: string;
  source: string;
  sourceKey: string;
  measure: string;
  /** A figure the campaign module already measured, if it gives one. */
  actual: number | null;
}

function pick(o: Record<string, unknown>, ...keys: string[]): unknown {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

/** The plan's targets for a year, or null when the campaign module does not offer them (yet). */
export async function planTargets(db: DbOrTrx, year: number): Promise<PlanTarget[] | null> {
  const f = exported(campaign, 'planTargets');
  if (!f) return null;
  const raw = (await f(db, year)) as unknown;
  const list = Array.isArray(raw)
    ? raw
    : raw && typeof raw === 'object' && Array.isArray((raw as { targets?: unknown }).targets)
      ? (raw as { targets: unknown[] }).targets
      : [];
  return list
    .filter((t): t is Record<string, unknown> => typeof t === 'object' && t !== null)
    .map((t) => {
      const target = pick(t, 'targetValue', 'target_value', 'target');
      const actual = pick(t, 'actual', 'current', 'value', 'achieved');
      return {
        text: String(pick(t, 'text', 'title', 'name', 'label') ?? ''),
        targetValue: typeof target === 'number' ? target : target === undefined ? null : Number(target) || null,
        unit: String(pick(t, 'unit') ?? ''),
        source: String(pick(t, 'source') ?? ''),
        sourceKey: String(pick(t, 'sourceKey', 'source_key', 'metricKey', 'metric_key', 'indicator') ?? ''),
        measure: String(pick(t, 'measure', 'definition') ?? ''),
        actual: typeof actual === 'number' && Number.isFinite(actual) ? actual : null,
      };
    });
}
