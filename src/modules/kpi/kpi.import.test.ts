import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import ExcelJS from 'exceljs';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import type { Db } from '../../platform/db/index.js';
import { buildAttribution } from './kpi.attribution.js';
import { importDossiers, type ImportResult } from './kpi.import.js';
import { parseMapping } from './kpi.parse.js';
import { kpiSummary } from './kpi.service.js';

const HEADER = 'dossier_id,unit_code,procedure_code,received_at,channel,due_at,finished_at,fee_required,paid_online';

function tmpFile(t: TestContext, name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-test-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function importCsv(t: TestContext, db: Db, lines: string[]): Promise<ImportResult> {
  const file = tmpFile(t, 'ho-so.csv', `${HEADER}\n${lines.join('\n')}\n`);
  return importDossiers(db, file, { source: 'cli', fileName: 'ho-so.csv', actorId: null });
}

async function communeOf(db: Db, dossierId: string): Promise<string | null> {
  const r = await db
    .selectFrom('kpi_dossiers as d')
    .innerJoin('org_units as u', 'u.id', 'd.commune_id')
    .select('u.code')
    .where('d.dossier_id', '=', dossierId)
    .executeTakeFirst();
  return r?.code ?? null;
}

test('an import stores every row and the three rates follow their definitions', async (t) => {
  const { app } = await buildTestApp(t);
  const db = app.deps.db;
  const r = await importCsv(t, db, [
    // received July, online, fee paid online, finished in August on time
    'A1,00004,1.001193,2025-07-10T08:00:00,online,2025-08-05,2025-08-01T10:00:00,1,1',
    // received July, direct, fee paid at the desk, finished late in July
    'A2,00004,1.001193,2025-07-11T08:00:00,direct,2025-07-12,2025-07-20T10:00:00,1,0',
    // received August, postal, no fee, unfinished
    'A3,00004,2.000001,2025-08-02,postal,2025-08-09,,0,0',
  ]);
  assert.equal(r.status, 'done', JSON.stringify(r.errors));
  assert.deepEqual([r.rows, r.inserted, r.updated], [3, 3, 0]);

  const july = await kpiSummary(db, { unit: '00004', from: '2025-07', to: '2025-07' });
  assert.equal(july.dossiers, 2, 'received by month of received_at');
  assert.equal(july.online_rate, 0.5);
  assert.equal(july.on_time_rate, 0, 'A2 finished late in July; A1 finished in August');
  assert.equal(july.online_payment_rate, 0.5, 'paid online / fee_required, by received month');
  const august = await kpiSummary(db, { unit: '00004', from: '2025-08', to: '2025-08' });
  assert.deepEqual(
    [august.dossiers, august.online_rate, august.on_time_rate, august.online_payment_rate],
    [1, 0, 1, null],
    'no fee in August: the payment rate has no denominator',
  );
  const city = await kpiSummary(db, { from: '2025-07', to: '2025-08' });
  assert.equal(city.unit, '01');
  assert.equal(city.dossiers, 3);
});

test('importing the same dossier_id again updates it, and the monthly counts follow it', async (t) => {
  const { app } = await buildTestApp(t);
  const db = app.deps.db;
  await importCsv(t, db, ['B1,00008,1.1,2025-07-10,direct,2025-07-20,,0,0', 'B2,00008,1.1,2025-07-11,direct,2025-07-20,,0,0']);
  const again = await importCsv(t, db, [
    // B1 moves to September and goes online; B3 is new
    'B1,00008,1.1,2025-09-01,online,2025-09-10,2025-09-02,0,0',
    'B3,00008,1.1,2025-09-03,online,2025-09-10,,0,0',
  ]);
  assert.deepEqual([again.status, again.inserted, again.updated], ['done', 1, 1]);
  const july = await kpiSummary(db, { unit: '00008', from: '2025-07', to: '2025-07' });
  assert.equal(july.dossiers, 1, 'B1 no longer counts in July');
  const cityJuly = await kpiSummary(db, { from: '2025-07', to: '2025-07' });
  assert.equal(cityJuly.dossiers, 1, 'the city totals follow too');
  const sept = await kpiSummary(db, { unit: '00008', from: '2025-09', to: '2025-09' });
  assert.deepEqual([sept.dossiers, sept.online_rate, sept.on_time_rate], [2, 1, 1]);
  const n = await db
    .selectFrom('kpi_dossiers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 3);
});

test('one bad row stops the whole import: nothing changes and every bad line is listed', async (t) => {
  const { app } = await buildTestApp(t);
  const db = app.deps.db;
  await importCsv(t, db, ['C1,00004,1.1,2025-07-10,direct,2025-07-20,,0,0']);
  const r = await importCsv(t, db, [
    'C1,00004,1.1,2025-07-10,online,2025-07-20,2025-07-11,0,0',
    'C2,00004,1.1,2025-07-10,fax,2025-07-20,,0,0',
    'C3,00004,1.1,2025-07-10,online,2025-07-20,,0,0',
    'C4,99999,1.1,2025-07-10,online,2025-07-20,,0,0',
    'C5,00004,1.1,2025-02-30,online,2025-07-20,,0,0',
  ]);
  assert.equal(r.status, 'rejected');
  assert.equal(r.badRows, 3);
  assert.deepEqual(
    r.errors.map((e) => [e.line, e.field]),
    [
      [3, 'channel'],
      [5, 'unit_code'],
      [6, 'received_at'],
    ],
  );
  const c1 = await db.selectFrom('kpi_dossiers').selectAll().where('dossier_id', '=', 'C1').executeTakeFirstOrThrow();
  assert.equal(c1.channel, 'direct', 'the existing dossier was not updated');
  const all = await db.selectFrom('kpi_dossiers').select('dossier_id').execute();
  assert.deepEqual(
    all.map((x) => x.dossier_id),
    ['C1'],
  );
  const staged = await db.selectFrom('kpi_dossier_staging').select('dossier_id').execute();
  assert.equal(staged.length, 0, 'the staging area is emptied');
  const log = await db.selectFrom('kpi_imports').selectAll().where('id', '=', r.importId).executeTakeFirstOrThrow();
  assert.equal(log.status, 'rejected');
  assert.equal(JSON.parse(log.errors).length, 3);
});

test('a broken CSV, an empty file and a wrong header are rejected with a reason', async (t) => {
  const { app } = await buildTestApp(t);
  const db = app.deps.db;
  const broken = await importCsv(t, db, ['D1,00004,1.1,2025-07-10,online,2025-07-20,,0,0', 'D2,"00004,1.1']);
  assert.equal(broken.status, 'rejected');
  assert.match(broken.errors[0]!.message, /CSV/);
  const empty = await importDossiers(db, tmpFile(t, 'rong.csv', ''), { source: 'cli', fileName: 'rong.csv', actorId: null });
  assert.equal(empty.status, 'rejected');
  const header = await importDossiers(db, tmpFile(t, 'h.csv', 'ma,don_vi\n1,2\n'), {
    source: 'cli',
    fileName: 'h.csv',
    actorId: null,
  });
  assert.equal(header.status, 'rejected');
  assert.equal(header.errors[0]!.line, 1);
  const none = await db.selectFrom('kpi_dossiers').select('dossier_id').execute();
  assert.equal(none.length, 0);
});

test('a unit code means the unit valid on the received date; old figures count under the new communes', async (t) => {
  const { app } = await buildTestApp(t);
  const db = app.deps.db;
  const r = await importCsv(t, db, [
    // 00004 was Phường Trúc Bạch (merged whole into Phường Ba Đình, which took its code) ...
    'E1,00004,1.1,2025-06-30T23:00:00,online,2025-07-05,,0,0',
    // ... and is Phường Ba Đình from 2025-07-01
    'E2,00004,1.1,2025-07-01T00:00:00,online,2025-07-05,,0,0',
    // Phường Cống Vị (00007) was split between Ngọc Hà (00008, listed first in the resolution) and Giảng Võ (00025)
    'E3,00007,1.1,2025-05-02,online,2025-05-05,,0,0',
    // Phường Điện Biên (00019) split four ways: Hoàn Kiếm (00070) is listed first
    'E4,00019,1.1,2025-05-02,online,2025-05-05,,0,0',
    // a dossier from 2024 resolves against the oldest units known (from 2025-01-01)
    'E5,00001,1.1,2024-11-02,online,2024-11-05,,0,0',
    // a city-level body counts under itself
    'E6,HN-TTPVHCC,1.1,2025-08-02,online,2025-08-05,,0,0',
  ]);
  assert.equal(r.status, 'done', JSON.stringify(r.errors));
  assert.equal(await communeOf(db, 'E1'), '00004');
  assert.equal(await communeOf(db, 'E2'), '00004');
  assert.equal(await communeOf(db, 'E3'), '00008');
  assert.equal(await communeOf(db, 'E4'), '00070');
  assert.equal(await communeOf(db, 'E5'), '00097', 'Phường Phúc Xá went whole into Phường Hồng Hà');
  assert.equal(await communeOf(db, 'E6'), 'HN-TTPVHCC');
  const e1 = await db
    .selectFrom('kpi_dossiers as d')
    .innerJoin('org_units as u', 'u.id', 'd.unit_id')
    .select('u.full_name')
    .where('d.dossier_id', '=', 'E1')
    .executeTakeFirstOrThrow();
  assert.equal(e1.full_name, 'Phường Trúc Bạch', 'the recorded unit is the one valid on the received date');

  // An old commune's code used after the reorganization does not exist any more.
  const late = await importCsv(t, db, ['E7,00007,1.1,2025-07-02,online,2025-07-05,,0,0']);
  assert.equal(late.status, 'rejected');
  assert.match(late.errors[0]!.message, /00007/);
});

test('split communes go wholly to their first-listed successor; districts to the commune that took most of them', async (t) => {
  const { app } = await buildTestApp(t);
  const map = await buildAttribution(app.deps.db);
  const byCode = (code: string, type: string) =>
    [...map.byUnitId.values()].find((a) => a.unit.code === code && a.unit.type === type && a.unit.valid_to);
  const congVi = byCode('00007', 'commune')!;
  assert.equal(congVi.rule, 'split_first_listed');
  assert.deepEqual(
    congVi.candidates.map((c) => c.code),
    ['00008', '00025'],
  );
  assert.equal(congVi.target?.code, '00008');
  const splits = [...map.byUnitId.values()].filter((a) => a.rule === 'split_first_listed');
  assert.equal(splits.length, 200, 'the 200 split communes of the reference mapping');
  assert.ok(splits.every((a) => a.target && a.target.valid_to === null && a.target.id === a.candidates[0]!.id));
  // Every old unit is attributed to a current commune: nothing is lost.
  const old = [...map.byUnitId.values()].filter((a) => a.unit.valid_to);
  assert.ok(old.length >= 556);
  assert.ok(old.every((a) => a.target?.type === 'commune' && a.target.valid_to === null));
  const baDinhDistrict = byCode('001', 'district')!;
  assert.equal(baDinhDistrict.rule, 'district_most_communes');
  assert.equal(baDinhDistrict.target?.code, '00004');
});

test('another export is read through a column mapping, from an Excel file with date cells', async (t) => {
  const { app } = await buildTestApp(t);
  const db = app.deps.db;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Hồ sơ');
  ws.addRow([
    'Mã hồ sơ',
    'Mã đơn vị',
    'Mã TTHC',
    'Ngày tiếp nhận',
    'Hình thức',
    'Hạn trả',
    'Ngày trả',
    'Có phí',
    'TT trực tuyến',
  ]);
  ws.addRow([
    'X1',
    '00004',
    '1.1',
    new Date(Date.UTC(2025, 7, 4, 9, 15)),
    'Trực tuyến',
    new Date(Date.UTC(2025, 7, 8)),
    new Date(Date.UTC(2025, 7, 8, 17)),
    'Có',
    'Có',
  ]);
  ws.addRow(['X2', '00004', '1.1', '05/08/2025 10:00', 'Trực tiếp', '09/08/2025', null, 'Không', 'Không']);
  const file = tmpFile(t, 'xuat.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
  const m = parseMapping(
    JSON.stringify({
      columns: {
        dossier_id: 'Mã hồ sơ',
        unit_code: 'Mã đơn vị',
        procedure_code: 'Mã TTHC',
        received_at: 'Ngày tiếp nhận',
        channel: 'Hình thức',
        due_at: 'Hạn trả',
        finished_at: 'Ngày trả',
        fee_required: 'Có phí',
        paid_online: 'TT trực tuyến',
      },
      values: {
        channel: { 'Trực tuyến': 'online', 'Trực tiếp': 'direct' },
        fee_required: { Có: '1', Không: '0' },
        paid_online: { Có: '1', Không: '0' },
      },
      dateFormat: 'dmy',
    }),
  );
  assert.ok('mapping' in m);
  const r = await importDossiers(db, file, { source: 'cli', fileName: 'xuat.xlsx', actorId: null, mapping: m.mapping });
  assert.equal(r.status, 'done', JSON.stringify(r.errors));
  const rows = await db.selectFrom('kpi_dossiers').selectAll().orderBy('dossier_id').execute();
  assert.deepEqual(
    rows.map((x) => [x.dossier_id, x.received_at, x.due_at, x.on_time, x.channel, x.paid_online]),
    [
      ['X1', '2025-08-04T09:15:00', '2025-08-08T23:59:59', 1, 'online', 1],
      ['X2', '2025-08-05T10:00:00', '2025-08-09T23:59:59', null, 'direct', 0],
    ],
  );

  // A bad row in an Excel file is reported with its sheet row number.
  ws.addRow(['X3', '00004', '1.1', 'ngày mai', 'Trực tuyến', '09/08/2025', null, 'Có', 'Có']);
  const bad = tmpFile(t, 'loi.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
  const r2 = await importDossiers(db, bad, { source: 'cli', fileName: 'loi.xlsx', actorId: null, mapping: m.mapping });
  assert.equal(r2.status, 'rejected');
  assert.deepEqual([r2.errors[0]!.line, r2.errors[0]!.field], [4, 'received_at']);
});

test('a dossier twice in one file: the later line wins', async (t) => {
  const { app } = await buildTestApp(t);
  const db = app.deps.db;
  const r = await importCsv(t, db, [
    'F1,00004,1.1,2025-07-10,direct,2025-07-20,,0,0',
    'F1,00004,1.1,2025-07-10,online,2025-07-20,,0,0',
  ]);
  assert.deepEqual([r.status, r.rows, r.inserted, r.duplicates], ['done', 2, 1, 1]);
  const f1 = await db.selectFrom('kpi_dossiers').select('channel').where('dossier_id', '=', 'F1').executeTakeFirstOrThrow();
  assert.equal(f1.channel, 'online');
});
