import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_MAPPING,
  FIELDS,
  headerIndex,
  parseMapping,
  parseRow,
  toLocalTime,
  type ColumnMapping,
  type Field,
} from './kpi.parse.js';

const index = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<Field, number>;
const row = (over: Partial<Record<Field, string>> = {}) =>
  FIELDS.map(
    (f) =>
      ({
        dossier_id: 'HS-1',
        unit_code: '00004',
        procedure_code: '1.001193',
        received_at: '2025-08-01T08:00:00',
        channel: 'online',
        due_at: '2025-08-05',
        finished_at: '2025-08-05T16:30:00',
        fee_required: '1',
        paid_online: '1',
        ...over,
      })[f],
  );

test('dates: offsets are converted to Vietnam time, a date alone is the start of the day or, for a deadline, its end', () => {
  assert.equal(toLocalTime('2025-03-14T01:30:00Z', false), '2025-03-14T08:30:00');
  assert.equal(toLocalTime('2025-03-31T20:00:00Z', false), '2025-04-01T03:00:00', 'crosses into the next month in Hà Nội');
  assert.equal(toLocalTime('2025-03-14T08:30:00+07:00', false), '2025-03-14T08:30:00');
  assert.equal(toLocalTime('2025-03-14 08:30', false), '2025-03-14T08:30:00');
  assert.equal(toLocalTime('2025-03-14', false), '2025-03-14T00:00:00');
  assert.equal(toLocalTime('2025-03-14', true), '2025-03-14T23:59:59');
  assert.equal(toLocalTime('14/03/2025 08:30', false, 'dmy'), '2025-03-14T08:30:00');
  assert.equal(toLocalTime('2025-03-14', false, 'dmy'), '2025-03-14T00:00:00', 'ISO still accepted with dmy');
  for (const bad of ['2025-02-30', '2025-13-01', '14/03/2025', '2025-03-14T25:00', 'hôm qua', '']) {
    assert.equal(toLocalTime(bad, false), null, bad);
  }
  assert.equal(toLocalTime('31/02/2025', false, 'dmy'), null);
});

test('a good row gives the months and the on-time flag; a deadline given as a date counts the whole day', () => {
  const r = parseRow(row(), index, DEFAULT_MAPPING, 2);
  assert.ok('row' in r);
  assert.equal(r.row.received_month, '2025-08');
  assert.equal(r.row.finished_month, '2025-08');
  assert.equal(r.row.on_time, 1);
  const late = parseRow(row({ finished_at: '2025-08-06T00:00:01' }), index, DEFAULT_MAPPING, 2);
  assert.ok('row' in late && late.row.on_time === 0);
  const open = parseRow(row({ finished_at: '' }), index, DEFAULT_MAPPING, 2);
  assert.ok('row' in open && open.row.on_time === null && open.row.finished_month === null);
});

test('every problem of a row is reported with its line and column', () => {
  const r = parseRow(
    row({ dossier_id: '', channel: 'fax', fee_required: 'yes', received_at: '2025-02-30', due_at: '' }),
    index,
    DEFAULT_MAPPING,
    7,
  );
  assert.ok('errors' in r);
  const fields = r.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['channel', 'dossier_id', 'due_at', 'fee_required', 'received_at']);
  assert.ok(r.errors.every((e) => e.line === 7));
  const paidWithoutFee = parseRow(row({ fee_required: '0', paid_online: '1' }), index, DEFAULT_MAPPING, 3);
  assert.ok('errors' in paidWithoutFee && paidWithoutFee.errors[0]!.field === 'paid_online');
  const nul = parseRow(row({ procedure_code: '1.1\u0000', unit_code: '0\u00004' }), index, DEFAULT_MAPPING, 4);
  assert.ok('errors' in nul, 'control characters (PostgreSQL refuses NUL) are a row error, not a failed import');
  assert.deepEqual(nul.errors.map((e) => e.field).sort(), ['procedure_code', 'unit_code']);
  const finishedBefore = parseRow(row({ finished_at: '2025-07-01' }), index, DEFAULT_MAPPING, 3);
  assert.ok('errors' in finishedBefore && finishedBefore.errors[0]!.field === 'finished_at');
});

test('a column mapping renames headers, translates values and reads dd/mm/yyyy dates', () => {
  const parsed = parseMapping(
    JSON.stringify({
      columns: { dossier_id: 'Mã hồ sơ', channel: 'Hình thức', received_at: 'Ngày nhận' },
      values: { channel: { 'Trực tuyến': 'online' } },
      dateFormat: 'dmy',
    }),
  );
  assert.ok('mapping' in parsed);
  const mapping: ColumnMapping = parsed.mapping;
  const header = [
    'Mã hồ sơ',
    'unit_code',
    'procedure_code',
    'Ngày nhận',
    'HÌNH THỨC',
    'due_at',
    'finished_at',
    'fee_required',
    'paid_online',
  ];
  const h = headerIndex(header, mapping);
  assert.ok('index' in h, 'headers match case-insensitively');
  const r = parseRow(['X-9', '00004', '1.1', '01/08/2025 08:00', 'trực tuyến', '05/08/2025', '', '0', '0'], h.index, mapping, 2);
  assert.ok('row' in r, JSON.stringify(r));
  assert.equal(r.row.channel, 'online');
  assert.equal(r.row.received_at, '2025-08-01T08:00:00');
  assert.equal(r.row.due_at, '2025-08-05T23:59:59');

  const flat = parseMapping('{"dossier_id":"MaHoSo"}');
  assert.ok('mapping' in flat && flat.mapping.columns.dossier_id === 'MaHoSo');
});

test('a bad mapping or a header missing a column is explained', () => {
  assert.ok('error' in parseMapping('not json'));
  assert.ok('error' in parseMapping('[]'));
  assert.match((parseMapping('{"nguoi_nop":"Họ tên"}') as { error: string }).error, /nguoi_nop/);
  assert.ok('error' in parseMapping('{"columns":{"channel":""}}'));
  assert.ok('error' in parseMapping('{"dateFormat":"mdy"}'));
  const h = headerIndex(['dossier_id', 'unit_code'], DEFAULT_MAPPING);
  assert.ok('errors' in h);
  assert.equal(h.errors.length, FIELDS.length - 2);
  assert.match(h.errors[0]!.message, /procedure_code/);
});
