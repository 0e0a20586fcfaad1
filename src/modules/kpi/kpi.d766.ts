// Decision 766/QĐ-TTg indicator groups, from content/reference/kpi-766/indicators.json (compiled from secondary
// sources: the caveat is shown with the figures), and which of our figures stand for which indicator.
import fs from 'node:fs';
import path from 'node:path';
import { CONTENT_DIR } from '../../platform/content.js';

export interface D766Indicator {
  id: string;
  name: string;
  maxPoints: number | null;
  threshold?: number;
  formula?: string;
  note?: string;
}

export interface D766Group {
  id: string;
  name: string;
  maxPoints: number;
  indicators: D766Indicator[];
}

export interface D766 {
  title: string;
  status: string;
  scoringRule: string;
  groups: D766Group[];
}

interface RawGroup {
  id: string;
  name: string;
  maxPoints: number;
  indicators?: D766Indicator[];
  subgroups?: Array<{ name: string; maxPoints: number; indicators: D766Indicator[] }>;
}

let cached: D766 | null = null;

/** The indicator set, subgroups flattened into their group. */
export function load766(): D766 {
  if (cached) return cached;
  const raw = JSON.parse(fs.readFileSync(path.join(CONTENT_DIR, 'reference', 'kpi-766', 'indicators.json'), 'utf8')) as {
    title: string;
    status: string;
    scoringRule: string;
    groups: RawGroup[];
  };
  cached = {
    title: raw.title,
    status: raw.status,
    scoringRule: raw.scoringRule,
    groups: raw.groups.map((g) => ({
      id: g.id,
      name: g.name,
      maxPoints: g.maxPoints,
      indicators: [...(g.indicators ?? []), ...(g.subgroups ?? []).flatMap((s) => s.indicators)],
    })),
  };
  return cached;
}

/** Our figure that approximates a 766 indicator, and how ours differs from the official definition. */
export const D766_SOURCES: Record<string, { figure: string; difference: string }> = {
  '2.1': {
    figure: 'on_time_rate',
    difference:
      'Ở đây chỉ tính hồ sơ đã hoàn thành trong kỳ; Quyết định 766 tính cả hồ sơ đang xử lý còn trong hạn và không tính thời gian chờ người dân bổ sung.',
  },
  '3.3': {
    figure: 'online_rate',
    difference:
      'Ở đây tính mọi hồ sơ nộp trực tuyến; Quyết định 766 chỉ tính hồ sơ trực tuyến có kết quả điện tử khi thủ tục yêu cầu, và nhân với tỷ lệ đồng bộ.',
  },
  '3.6': {
    figure: 'online_payment_rate',
    difference: 'Mẫu số là hồ sơ có phí, lệ phí (fee_required = 1); hồ sơ được miễn phí không có trong tệp nên không trừ được.',
  },
  '5.2': {
    figure: 'feedback_on_time_rate',
    difference: 'Lấy từ phân hệ Phản ánh, góp ý của hệ thống này, không phải từ hệ thống PAKN quốc gia.',
  },
};

/**
 * Points by the file's scoring rule (an estimate, never official): at or above the threshold the full points,
 * below it in proportion; without a threshold, ratio x points.
 */
export function estimatePoints(ind: D766Indicator, ratio: number | null): number | null {
  if (ratio === null || typeof ind.maxPoints !== 'number' || ind.maxPoints <= 0) return null;
  const t = ind.threshold;
  const pts = t ? (ratio >= t ? ind.maxPoints : (ratio * ind.maxPoints) / t) : ratio * ind.maxPoints;
  return Math.round(pts * 100) / 100;
}
