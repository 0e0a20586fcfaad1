// Reading one dossier row: the column mapping, header matching, dates and flags. Pure functions, no database.
import type { Channel } from './kpi.table.js';

/** The default header of a dossier export, in order. */
export const FIELDS = [
  'dossier_id',
  'unit_code',
  'procedure_code',
  'received_at',
  'channel',
  'due_at',
  'finished_at',
  'fee_required',
  'paid_online',
] as const;
export type Field = (typeof FIELDS)[number];

const VALUE_FIELDS = ['channel', 'fee_required', 'paid_online'] as const;
type ValueField = (typeof VALUE_FIELDS)[number];

export type DateFormat = 'iso' | 'dmy';

/**
 * How another export's columns map onto ours. JSON form (docs/kpi.md):
 * `{ "columns": { "dossier_id": "Mã hồ sơ", ... }, "values": { "channel": { "Trực tuyến": "online" } },
 *    "dateFormat": "iso" | "dmy", "delimiter": "," }`, or just the flat `{ "dossier_id": "Mã hồ sơ", ... }`.
 */
export interface ColumnMapping {
  columns: Partial<Record<Field, string>>;
  values: Partial<Record<ValueField, Record<string, string>>>;
  dateFormat: DateFormat;
  delimiter: string;
}

export const DEFAULT_MAPPING: ColumnMapping = { columns: {}, values: {}, dateFormat: 'iso', delimiter: ',' };

export interface RowError {
  /** Line (CSV) or row (XLSX) number in the file, 1 = the header. */
  line: number;
  field: string | null;
  message: string;
}

/** A valid row, before its unit is resolved. Times are Vietnam local time 'YYYY-MM-DDTHH:MM:SS'. */
export interface ParsedRow {
  dossier_id: string;
  unit_code: string;
  procedure_code: string;
  received_at: string;
  received_month: string;
  channel: Channel;
  due_at: string;
  finished_at: string | null;
  finished_month: string | null;
  on_time: number | null;
  fee_required: number;
  paid_online: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parse and check a column mapping given as JSON text.
 *
 * @example
 * parseMapping('{"dossier_id":"MaHoSo"}') // { mapping: { columns: { dossier_id: 'MaHoSo' }, ... } }
 */
export function parseMapping(text: string): { mapping: ColumnMapping } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { error: 'Bảng ánh xạ cột không phải JSON hợp lệ.' };
  }
  if (!isRecord(raw)) return { error: 'Bảng ánh xạ cột phải là một đối tượng JSON { ... }.' };
  const nested = 'columns' in raw || 'values' in raw || 'dateFormat' in raw || 'delimiter' in raw;
  const columnsRaw = nested ? raw.columns : raw;
  const mapping: ColumnMapping = { columns: {}, values: {}, dateFormat: 'iso', delimiter: ',' };
  if (columnsRaw !== undefined) {
    if (!isRecord(columnsRaw)) return { error: '"columns" phải là một đối tượng { "dossier_id": "Tên cột", ... }.' };
    for (const [k, v] of Object.entries(columnsRaw)) {
      if (!(FIELDS as readonly string[]).includes(k)) {
        return { error: `Cột "${k}" không có trong mẫu. Các cột hợp lệ: ${FIELDS.join(', ')}.` };
      }
      if (typeof v !== 'string' || !v.trim() || v.length > 200) {
        return { error: `Tên cột ứng với "${k}" phải là một chuỗi không rỗng.` };
      }
      mapping.columns[k as Field] = v;
    }
  }
  if (nested && raw.values !== undefined) {
    if (!isRecord(raw.values)) return { error: '"values" phải là một đối tượng.' };
    for (const [k, v] of Object.entries(raw.values)) {
      if (!(VALUE_FIELDS as readonly string[]).includes(k)) {
        return { error: `"values" chỉ áp dụng cho ${VALUE_FIELDS.join(', ')}; không áp dụng cho "${k}".` };
      }
      if (!isRecord(v) || !Object.values(v).every((x) => typeof x === 'string')) {
        return { error: `"values.${k}" phải là một đối tượng { "giá trị trong tệp": "giá trị chuẩn" }.` };
      }
      mapping.values[k as ValueField] = v as Record<string, string>;
    }
  }
  if (nested && raw.dateFormat !== undefined) {
    if (raw.dateFormat !== 'iso' && raw.dateFormat !== 'dmy') return { error: '"dateFormat" phải là "iso" hoặc "dmy".' };
    mapping.dateFormat = raw.dateFormat;
  }
  if (nested && raw.delimiter !== undefined) {
    if (raw.delimiter !== ',' && raw.delimiter !== ';' && raw.delimiter !== '\t') {
      return { error: '"delimiter" phải là ",", ";" hoặc "\\t".' };
    }
    mapping.delimiter = raw.delimiter;
  }
  return { mapping };
}

const norm = (h: string): string =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .normalize('NFC')
    .toLowerCase();

/** Where each field is in the header row, or what is missing. */
export function headerIndex(header: string[], mapping: ColumnMapping): { index: Record<Field, number> } | { errors: RowError[] } {
  const positions = new Map<string, number>();
  header.forEach((h, i) => {
    const k = norm(h);
    if (k && !positions.has(k)) positions.set(k, i);
  });
  const index = {} as Record<Field, number>;
  const errors: RowError[] = [];
  for (const f of FIELDS) {
    const want = mapping.columns[f] ?? f;
    const i = positions.get(norm(want));
    if (i === undefined) {
      errors.push({
        line: 1,
        field: f,
        message: want === f ? `Thiếu cột "${f}" ở dòng tiêu đề.` : `Thiếu cột "${want}" (ứng với ${f}) ở dòng tiêu đề.`,
      });
    } else index[f] = i;
  }
  return errors.length ? { errors } : { index };
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const DMY_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const VN_OFFSET_MIN = 7 * 60;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * An ISO 8601 (or, with dateFormat "dmy", dd/mm/yyyy [HH:mm[:ss]]) date or date-time as Vietnam local time
 * 'YYYY-MM-DDTHH:MM:SS'. A time with an offset (Z, +07:00...) is converted to UTC+7; without one it is taken as
 * Vietnam time. A date alone means the start of the day, or its end for a deadline (`endOfDay`).
 * Returns null when the text is not a real date.
 *
 * @example
 * toLocalTime('2025-03-14T01:30:00Z', false) // '2025-03-14T08:30:00'
 * toLocalTime('2025-03-14', true) // '2025-03-14T23:59:59'
 */
export function toLocalTime(text: string, endOfDay: boolean, format: DateFormat = 'iso'): string | null {
  let y: number, mo: number, d: number, h: number, mi: number, s: number;
  let offset: string | undefined;
  let hasTime: boolean;
  // dd/mm/yyyy when asked; ISO is always accepted too (it cannot be mistaken: it starts with the year).
  const dmy = format === 'dmy' ? DMY_RE.exec(text) : null;
  if (dmy) {
    const m = dmy;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    hasTime = m[4] !== undefined;
    [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  } else {
    const m = ISO_RE.exec(text);
    if (!m) return null;
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    hasTime = m[4] !== undefined;
    [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    offset = m[7];
  }
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  if (!hasTime) return `${y}-${pad(mo)}-${pad(d)}T${endOfDay ? '23:59:59' : '00:00:00'}`;
  if (offset === undefined) return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
  let offMin = 0;
  if (offset.toUpperCase() !== 'Z') {
    const sign = offset[0] === '-' ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    offMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s) + (VN_OFFSET_MIN - offMin) * 60_000);
  return t.toISOString().slice(0, 19);
}

function mapValue(field: ValueField, value: string, mapping: ColumnMapping): string {
  const table = mapping.values[field];
  if (!table) return value;
  if (value in table) return table[value]!;
  const folded = norm(value);
  for (const [k, v] of Object.entries(table)) if (norm(k) === folded) return v;
  return value;
}

function flag(value: string): number | null {
  return value === '1' ? 1 : value === '0' ? 0 : null;
}

const DATE_HINT = { iso: 'ví dụ 2025-03-14 hoặc 2025-03-14T08:30:00+07:00', dmy: 'ví dụ 14/03/2025 hoặc 14/03/2025 08:30' };
const ID_RE = /^[^\p{Cc}]{1,100}$/u;

/**
 * Check one data row. Returns the row, or every problem found in it.
 *
 * @example
 * const r = parseRow(cells, index, DEFAULT_MAPPING, 2);
 * if ('errors' in r) report(r.errors); else stage(r.row);
 */
export function parseRow(
  cells: readonly string[],
  index: Record<Field, number>,
  mapping: ColumnMapping,
  line: number,
): { row: ParsedRow } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (field: Field | null, message: string) => errors.push({ line, field, message });
  const get = (f: Field): string => (cells[index[f]] ?? '').trim();

  const dossierId = get('dossier_id');
  if (!dossierId) err('dossier_id', 'Thiếu mã hồ sơ (dossier_id).');
  else if (!ID_RE.test(dossierId)) err('dossier_id', 'Mã hồ sơ dài quá 100 ký tự hoặc có ký tự điều khiển.');
  const unitCode = get('unit_code');
  if (!unitCode) err('unit_code', 'Thiếu mã đơn vị (unit_code).');
  else if (!/^[^\p{Cc}]{1,20}$/u.test(unitCode)) err('unit_code', 'Mã đơn vị dài quá 20 ký tự hoặc có ký tự điều khiển.');
  const procedure = get('procedure_code');
  if (!procedure) err('procedure_code', 'Thiếu mã thủ tục (procedure_code).');
  else if (!/^[^\p{Cc}]{1,50}$/u.test(procedure)) err('procedure_code', 'Mã thủ tục dài quá 50 ký tự hoặc có ký tự điều khiển.');

  const fmt = mapping.dateFormat;
  const date = (f: Field, endOfDay: boolean, required: boolean): string | null => {
    const raw = get(f);
    if (!raw) {
      if (required) err(f, `Thiếu ngày giờ ở cột ${f}.`);
      return null;
    }
    const v = toLocalTime(raw, endOfDay, fmt);
    if (!v) err(f, `Ngày giờ "${raw.slice(0, 40)}" ở cột ${f} không hợp lệ (${DATE_HINT[fmt]}).`);
    return v;
  };
  const received = date('received_at', false, true);
  const due = date('due_at', true, true);
  const finished = date('finished_at', false, false);

  const channelRaw = mapValue('channel', get('channel'), mapping).toLowerCase();
  const channel = channelRaw === 'online' || channelRaw === 'direct' || channelRaw === 'postal' ? (channelRaw as Channel) : null;
  if (!channel) err('channel', `Kênh nộp "${get('channel').slice(0, 40)}" không hợp lệ (online, direct hoặc postal).`);
  const fee = flag(mapValue('fee_required', get('fee_required'), mapping));
  if (fee === null) err('fee_required', `fee_required phải là 1 hoặc 0, không phải "${get('fee_required').slice(0, 20)}".`);
  const paid = flag(mapValue('paid_online', get('paid_online'), mapping));
  if (paid === null) err('paid_online', `paid_online phải là 1 hoặc 0, không phải "${get('paid_online').slice(0, 20)}".`);
  if (fee === 0 && paid === 1)
    err('paid_online', 'Hồ sơ không có phí, lệ phí (fee_required = 0) nhưng lại ghi đã thanh toán trực tuyến.');

  if (received && due && due < received) err('due_at', 'Hạn trả kết quả (due_at) sớm hơn ngày tiếp nhận.');
  if (received && finished && finished < received) err('finished_at', 'Ngày hoàn thành (finished_at) sớm hơn ngày tiếp nhận.');

  if (errors.length || !received || !due || !channel || fee === null || paid === null) return { errors };
  return {
    row: {
      dossier_id: dossierId,
      unit_code: unitCode,
      procedure_code: procedure,
      received_at: received,
      received_month: received.slice(0, 7),
      channel,
      due_at: due,
      finished_at: finished,
      finished_month: finished ? finished.slice(0, 7) : null,
      on_time: finished ? (finished <= due ? 1 : 0) : null,
      fee_required: fee,
      paid_online: paid,
    },
  };
}
