/**
 * Server-side filters and paging of the long unit lists (the grid, the consolidation, the drill-down). Officers open
 * these pages on old phones, and with the communes before July 2025 a year has ~700 units: each page shows
 * PAGE_SIZE rows, while every total is still computed over all units. Query parameters (plain GET forms and links):
 * `q` (a unit's name, with or without diacritics), `trang-thai` (a status), `trang` (the page).
 */
import { tokenize } from '../../platform/text/index.js';
import type { CellStatus } from './reports.service.js';

export const PAGE_SIZE = 50;

export interface Paged<T> {
  rows: T[];
  /** 1-based page shown, after clamping. */
  page: number;
  pages: number;
  /** Rows before paging (after filters). */
  total: number;
  /** First and last row shown, 1-based (0 and 0 when there is none). */
  first: number;
  last: number;
  /** Set when the requested page did not exist: what was shown instead, in Vietnamese. */
  notice?: string;
}

/**
 * One page of `rows`. A missing page means page 1; a page that is not a whole number, below 1 or past the end is
 * clamped to the nearest page that exists, with a notice saying so (never an error).
 *
 * @example
 * paginate(units, 'abc').notice; // 'Số trang "abc" không hợp lệ; đang hiện trang 1.'
 */
export function paginate<T>(rows: T[], asked: string, size = PAGE_SIZE): Paged<T> {
  const total = rows.length;
  const pages = Math.max(1, Math.ceil(total / size));
  const text = asked.trim();
  let page = 1;
  let notice: string | undefined;
  if (text !== '') {
    const shown = text.length > 20 ? `${text.slice(0, 20)}…` : text;
    if (/^-\d+$/.test(text) || /^0+$/.test(text)) notice = 'Số trang bắt đầu từ 1; đang hiện trang 1.';
    else if (!/^\d+$/.test(text)) notice = `Số trang "${shown}" không hợp lệ; đang hiện trang 1.`;
    else if (Number(text) > pages) {
      page = pages;
      notice = `Danh sách chỉ có ${pages} trang; đang hiện trang ${pages}.`;
    } else page = Number(text);
  }
  const start = (page - 1) * size;
  const slice = rows.slice(start, start + size);
  return { rows: slice, page, pages, total, first: slice.length ? start + 1 : 0, last: start + slice.length, notice };
}

/** The words of a name, without diacritics (đ -> d, kỹ/kĩ alike), for matching what officers type. */
const foldedWords = (s: string) => tokenize(s).map((t) => t.folded);

/**
 * A test for unit names against what was typed, diacritics and case ignored: "phuc xa", "Phúc Xá" and "PHUC XA"
 * all find "Phường Phúc Xá".
 *
 * @example
 * nameMatcher('ba dinh')('Phường Ba Đình'); // true
 */
export function nameMatcher(query: string): (name: string) => boolean {
  const words = foldedWords(query);
  if (!words.length) return () => true;
  // A phrase starting at a word: "ba dinh" and "dinh" find "Phường Ba Đình"; "phuc xa" does not find "Xã Phúc Thọ".
  const phrase = ` ${words.join(' ')}`;
  return (name) => ` ${foldedWords(name).join(' ')}`.includes(phrase);
}

/** Query text from the search box, trimmed and bounded. */
export const searchText = (v: string) => v.trim().replace(/\s+/g, ' ').slice(0, 100);

/**
 * A link to the same list with other parameters: empty values are left out, so links stay short and every filter
 * is kept from page to page.
 */
export function listUrl(path: string, params: Record<string, string | number | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

const SUBMITTED = (s: CellStatus | null) => s === 'on_time' || s === 'late';

/** Status filters of the grid: a unit matches when its report for the chosen period (or any period) is in this state. */
export const GRID_STATUS_FILTERS: Record<string, { label: string; match: (s: CellStatus | null) => boolean }> = {
  'da-nop': { label: 'Đã nộp', match: SUBMITTED },
  'nop-muon': { label: 'Nộp muộn', match: (s) => s === 'late' },
  'chua-nop': { label: 'Chưa nộp', match: (s) => s !== null && !SUBMITTED(s) },
  'qua-han': { label: 'Chưa nộp, đã quá hạn', match: (s) => s === 'missing' || s === 'draft_overdue' },
};

/** Status filters of the consolidation, over the periods of the chosen months. */
export const UNIT_STATUS_FILTERS: Record<
  string,
  { label: string; match: (u: { expected: number; submitted: number; late: number }) => boolean }
> = {
  'da-nop': { label: 'Đã nộp đủ', match: (u) => u.expected > 0 && u.submitted >= u.expected },
  'chua-nop': { label: 'Chưa nộp đủ', match: (u) => u.submitted < u.expected },
  'nop-muon': { label: 'Có báo cáo nộp muộn', match: (u) => u.late > 0 },
};

/** A known filter key, or '' for anything else (an unknown value means no filter, never an error). */
export const pick = (v: string, allowed: readonly string[]) => (allowed.includes(v) ? v : '');
