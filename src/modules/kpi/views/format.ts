// How figures are written on KPI pages (Vietnamese number style).
import { viNumber } from '../../../platform/html/index.js';

/** 0.6123 -> "61,2 %"; null -> the given text. */
export function pct(r: number | null, none = 'chưa có số liệu'): string {
  if (r === null || !Number.isFinite(r)) return none;
  return `${(r * 100).toFixed(1).replace('.', ',')} %`;
}

export function count(n: number): string {
  return viNumber(n);
}

/** '2025-07' -> '07/2025'. */
export function monthLabel(m: string): string {
  return `${m.slice(5, 7)}/${m.slice(0, 4)}`;
}

/** '2025-07' -> '07/25' (chart axis). */
export function monthShort(m: string): string {
  return `${m.slice(5, 7)}/${m.slice(2, 4)}`;
}

/** A query string from the non-empty values, in order. */
export function qs(params: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}
