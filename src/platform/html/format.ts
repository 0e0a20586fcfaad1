/** 2026-11-27 or an ISO timestamp -> 27/11/2026 (how dates are written in Vietnam). */
export function viDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** ISO timestamp -> 27/11/2026 18:40 in Vietnam time (UTC+7). */
export function viDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const t = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${viDate(t)} ${t.slice(11, 16)}`;
}

/** 12345 -> "12.345" (Vietnamese thousands separator). */
export function viNumber(n: number): string {
  return new Intl.NumberFormat('vi-VN').format(n);
}
