import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/build-app.js';
import type { TestClient } from '../../../test/helpers/client.js';
import * as campaign from '../campaign/index.js';
import * as reports from '../reports/index.js';
import { importDossiers } from './kpi.import.js';
import { failInterruptedUploads } from './kpi.jobs.js';
import * as repo from './kpi.repository.js';
import { importQueue } from './kpi.routes.js';

const HEADER = 'dossier_id,unit_code,procedure_code,received_at,channel,due_at,finished_at,fee_required,paid_online';
const ROWS = [
  // Phường Ba Đình (00004): 3 dossiers in August 2025, 2 online
  'SECRET-0001,00004,1.001193,2025-08-01T08:00:00,online,2025-08-05,2025-08-02,1,1',
  'SECRET-0002,00004,1.001193,2025-08-02T08:00:00,online,2025-08-05,2025-08-09,1,0',
  'SECRET-0003,00004,1.001193,2025-08-03T08:00:00,direct,2025-08-05,,0,0',
  // Phường Ngọc Hà (00008): 1 dossier, direct
  'SECRET-0004,00008,1.001193,2025-08-04T08:00:00,direct,2025-08-05,2025-08-05,0,0',
];

async function seedDossiers(t: TestContext, app: TestApp['app'], rows = ROWS): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-routes-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'seed.csv');
  fs.writeFileSync(file, `${HEADER}\n${rows.join('\n')}\n`);
  const r = await importDossiers(app.deps.db, file, { source: 'cli', fileName: 'seed.csv', actorId: null });
  assert.equal(r.status, 'done', JSON.stringify(r.errors));
}

async function unitId(app: TestApp['app'], code: string): Promise<number> {
  const u = await app.deps.db
    .selectFrom('org_units')
    .select('id')
    .where('code', '=', code)
    .where('valid_to', 'is', null)
    .executeTakeFirstOrThrow();
  return u.id;
}

function multipart(parts: Array<{ name: string; value?: string; filename?: string; content?: string | Buffer }>) {
  const boundary = `----kpi${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename !== undefined ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disp}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content ?? p.value ?? ''));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Post the upload form as a browser would: the CSRF token of the form page in the action's query string. */
async function upload(c: TestClient, parts: Parameters<typeof multipart>[0], csrf: string | null = c.csrf) {
  const body = multipart(parts);
  return c.app.inject({
    method: 'POST',
    url: `/quan-tri/so-lieu/nhap${csrf === null ? '' : `?_csrf=${encodeURIComponent(csrf)}`}`,
    headers: { cookie: c.cookieHeader(), 'content-type': body.contentType },
    payload: body.payload,
  });
}

test('GET /api/v1/kpi/summary: public aggregates for the city or a unit, with definitions as documented', async (t) => {
  const { app, client } = await buildTestApp(t);
  await seedDossiers(t, app);
  const c = client();
  const city = await c.json('GET', '/api/v1/kpi/summary?from=2025-08&to=2025-08');
  assert.equal(city.statusCode, 200);
  assert.deepEqual(city.json(), {
    unit: '01',
    from: '2025-08',
    to: '2025-08',
    dossiers: 4,
    online_rate: 0.5,
    on_time_rate: 2 / 3,
    online_payment_rate: 0.5,
  });
  const unit = (await c.json('GET', '/api/v1/kpi/summary?unit=00004&from=2025-07&to=2025-09')).json();
  assert.deepEqual([unit.unit, unit.dossiers, unit.online_rate], ['00004', 3, 2 / 3]);
  // An old commune's code is answered for the current commune its figures count under.
  const old = (await c.json('GET', '/api/v1/kpi/summary?unit=00007&from=2025-08&to=2025-08')).json();
  assert.equal(old.unit, '00008');
  assert.equal(old.dossiers, 1);
  // A month without data: zero dossiers, rates null (no denominator).
  const empty = (await c.json('GET', '/api/v1/kpi/summary?unit=00004&from=2025-01&to=2025-01')).json();
  assert.deepEqual([empty.dossiers, empty.online_rate, empty.on_time_rate, empty.online_payment_rate], [0, null, null, null]);
  // Without months: the range of the data.
  const dflt = (await c.json('GET', '/api/v1/kpi/summary')).json();
  assert.deepEqual([dflt.from, dflt.to], ['2025-08', '2025-08']);

  for (const [url, pattern] of [
    ['/api/v1/kpi/summary?from=2025-13', /from/],
    ['/api/v1/kpi/summary?to=08-2025', /to/],
    ['/api/v1/kpi/summary?from=2025-09&to=2025-08', /trước hoặc bằng/],
    ['/api/v1/kpi/summary?unit=99999', /99999/],
  ] as const) {
    const res = await c.json('GET', url);
    assert.equal(res.statusCode, 400, url);
    assert.equal(res.json().error.code, 'validation_failed');
    assert.match(res.json().error.message, pattern);
  }
  const monthly = (await c.json('GET', '/api/v1/kpi/monthly?unit=00004&from=2025-07&to=2025-08')).json();
  assert.deepEqual(
    monthly.months.map((m: { month: string; dossiers: number }) => [m.month, m.dossiers]),
    [
      ['2025-07', 0],
      ['2025-08', 3],
    ],
  );
  const docs = await c.json('GET', '/api/docs/json');
  assert.ok(docs.json().paths['/api/v1/kpi/summary'], 'documented in OpenAPI');
});

test('public /so-lieu shows city and commune figures, charts with a data table, and never a dossier id', async (t) => {
  const { app, client } = await buildTestApp(t);
  await seedDossiers(t, app);
  const c = client();
  const page = await c.get('/so-lieu?tu=2025-08&den=2025-08');
  assert.equal(page.status, 200);
  assert.match(page.$('h1').text(), /Số liệu dịch vụ công trực tuyến/);
  assert.match(page.html, /50,0 %/, 'city online rate');
  assert.match(page.html, /Cách tính:/, 'definitions beside the figures');
  const svg = page.$('svg[role="img"]').first();
  assert.ok(svg.find('title').text() && svg.find('desc').text(), 'charts have a title and a description');
  assert.equal(page.$('table caption:contains("126 xã, phường")').length, 1);
  const row = page.$('tbody th a:contains("Phường Ba Đình")').closest('tr');
  assert.match(row.text(), /66,7 %/);
  assert.doesNotMatch(page.html, /SECRET-/);

  const unit = await c.get(row.find('a').attr('href')!);
  assert.equal(unit.status, 200);
  assert.match(unit.$('h1').text(), /Phường Ba Đình/);
  assert.match(unit.html, /Cứ 100 hồ sơ nhận được thì khoảng 67 hồ sơ được nộp qua mạng/);
  assert.doesNotMatch(unit.html, /SECRET-/);

  const old = await c.get('/so-lieu/00007');
  assert.equal(old.status, 303);
  assert.equal(old.res.headers.location, '/so-lieu/00008');
  assert.equal((await c.get('/so-lieu/99999')).status, 404);
  const bad = await c.get('/so-lieu?tu=2025-99');
  assert.equal(bad.status, 400);
  assert.equal(bad.$('.error-summary a[href="#tu"]').length, 1);
});

test('dashboard authorization: who may see which unit, for every back-office route', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  await seedDossiers(t, app);
  const imp = await repo.listImports(app.deps.db);
  const importId = imp[0]!.id;
  const baDinh = await unitId(app, '00004');

  // Anonymous: pages send to sign-in, the JSON status is a 401, the upload is refused.
  const anon = client();
  for (const url of [
    '/quan-tri/so-lieu',
    '/quan-tri/so-lieu/quy-doi',
    '/quan-tri/so-lieu/nhap',
    `/quan-tri/so-lieu/nhap/${importId}`,
  ]) {
    const r = await anon.get(url);
    assert.equal(r.status, 303, url);
    assert.match(String(r.res.headers.location), /^\/quan-tri\/dang-nhap/);
  }
  assert.equal((await anon.json('GET', `/api/v1/kpi/imports/${importId}`)).statusCode, 401);
  await anon.get('/so-lieu');
  assert.equal((await upload(anon, [{ name: 'file', filename: 'a.csv', content: HEADER }])).statusCode, 403);

  // Center staff (editor, admin): everything.
  for (const role of ['editor', 'admin'] as const) {
    const c = await signIn(role);
    for (const url of [
      '/quan-tri/so-lieu',
      '/quan-tri/so-lieu?don-vi=00008',
      '/quan-tri/so-lieu/quy-doi',
      '/quan-tri/so-lieu/nhap',
      `/quan-tri/so-lieu/nhap/${importId}`,
    ]) {
      assert.equal((await c.get(url)).status, 200, `${role} ${url}`);
    }
    assert.equal((await c.json('GET', `/api/v1/kpi/imports/${importId}`)).statusCode, 200);
  }

  // Viewer: reads every unit's figures, cannot import.
  const viewer = await signIn('viewer');
  const vPage = await viewer.get('/quan-tri/so-lieu?tu=2025-08&den=2025-08');
  assert.equal(vPage.status, 200);
  assert.ok(vPage.$('tbody a:contains("Phường Ngọc Hà")').length, 'drill-down lists the communes');
  assert.equal(vPage.$('a[href="/quan-tri/so-lieu/nhap"]').length, 0);
  assert.equal((await viewer.get('/quan-tri/so-lieu/nhap')).status, 403);
  assert.equal((await viewer.get(`/quan-tri/so-lieu/nhap/${importId}`)).status, 403);
  assert.equal((await viewer.json('GET', `/api/v1/kpi/imports/${importId}`)).statusCode, 403);
  await viewer.get('/quan-tri/so-lieu');
  assert.equal((await upload(viewer, [{ name: 'file', filename: 'a.csv', content: HEADER }])).statusCode, 403);

  // Unit officer of Phường Ba Đình: only their unit.
  const officer = await signIn('unit_officer', { unitId: baDinh });
  const own = await officer.get('/quan-tri/so-lieu?tu=2025-08&den=2025-08');
  assert.equal(own.status, 200);
  assert.match(own.$('h1').text(), /Phường Ba Đình/);
  assert.deepEqual(
    own
      .$('#don-vi option')
      .map((_, o) => own.$(o).text())
      .get(),
    ['Phường Ba Đình'],
    'the unit picker offers only their unit',
  );
  assert.match(own.html, /66,7 %/);
  assert.doesNotMatch(own.html, /Phường Ngọc Hà/, 'no other unit appears');
  assert.equal((await officer.get('/quan-tri/so-lieu?don-vi=00004')).status, 200);
  for (const code of ['01', '00008', '00007', 'HN-TTPVHCC']) {
    assert.equal((await officer.get(`/quan-tri/so-lieu?don-vi=${code}`)).status, 403, code);
  }
  assert.equal((await officer.get('/quan-tri/so-lieu/quy-doi')).status, 200, 'the rules page holds no unit figures');
  assert.equal((await officer.get('/quan-tri/so-lieu/nhap')).status, 403);
  assert.equal((await officer.get(`/quan-tri/so-lieu/nhap/${importId}`)).status, 403);
  assert.equal((await officer.json('GET', `/api/v1/kpi/imports/${importId}`)).statusCode, 403);
  await officer.get('/quan-tri/so-lieu');
  assert.equal((await upload(officer, [{ name: 'file', filename: 'a.csv', content: HEADER }])).statusCode, 403);

  // An officer whose unit was taken away sees nothing.
  const lost = await signIn('unit_officer', { unitId: baDinh });
  await app.deps.db.updateTable('users').set({ unit_id: null }).where('id', '=', lost.userId).execute();
  assert.equal((await lost.get('/quan-tri/so-lieu')).status, 403);
});

test('the dashboard shows rates with definitions, trends, comparison, plan targets, other indicators and the 766 groups', async (t) => {
  const { app, signIn } = await buildTestApp(t);
  await seedDossiers(t, app);
  const editor = await signIn('editor');
  const page = await editor.get('/quan-tri/so-lieu?tu=2025-07&den=2025-08&sap-xep=truc-tuyen');
  assert.equal(page.status, 200);
  const $ = page.$;
  assert.match($('.kpi-figures').text(), /Tỷ lệ hồ sơ nộp trực tuyến.*50,0 %.*Cách tính: Số hồ sơ tiếp nhận qua mạng/s);
  assert.match($('.kpi-figures').text(), /finished_at <= due_at/);
  assert.ok($('svg[role="img"]').length >= 4, 'trend and comparison charts');
  $('svg[role="img"]').each((_, el) => {
    const labelled = $(el).attr('aria-labelledby')!.split(' ');
    assert.ok(
      labelled.every((id) => $(`#${id}`).text().trim()),
      'every chart names its title and description',
    );
  });
  assert.ok($('table caption:contains("theo tháng")').length, 'a data table follows the trend charts');
  // Comparison: the highest online rate first.
  const firstUnit = $('caption:contains("Số liệu từng đơn vị")').closest('table').find('tbody th').first().text();
  assert.equal(firstUnit, 'Phường Ba Đình');
  // Drill-down link keeps the period.
  const link = $('tbody th a:contains("Phường Ngọc Hà")').attr('href')!;
  const drill = await editor.get(link);
  assert.match(drill.$('h1').text(), /Phường Ngọc Hà/);
  assert.match(drill.$('.lead').text(), /07\/2025 đến tháng 08\/2025/);

  assert.match($.text(), /nguồn thứ cấp/, 'the 766 caveat is shown');
  assert.match($.text(), /Nhóm Tiến độ, kết quả giải quyết/);
  const on766 = $('th:contains("2.1. Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn")').closest('tr');
  assert.match(on766.text(), /Số hồ sơ đã và đang xử lý/, 'formula beside the figure');
  assert.match(on766.text(), /66,7 %/);

  // Indicators from other modules: a value when the module offers it, otherwise a clear note.
  const guided = $('th:contains("Số người được hướng dẫn")').closest('tr').text();
  if (typeof (reports as Record<string, unknown>).reportTotals === 'function') assert.doesNotMatch(guided, /Chưa có dữ liệu/);
  else assert.match(guided, /Chưa có dữ liệu/);
  if (typeof (campaign as Record<string, unknown>).planTargets === 'function') {
    assert.ok($('caption:contains("Chỉ tiêu của kế hoạch năm 2025")').length, 'plan targets listed');
  } else {
    assert.match($.text(), /chưa cung cấp danh sách chỉ tiêu/);
  }

  const bad = await editor.get('/quan-tri/so-lieu?tu=2025-08&den=2025-07');
  assert.equal(bad.status, 400);
  assert.match(bad.$('.error-summary').text(), /trước hoặc bằng/);
  assert.equal((await editor.get('/quan-tri/so-lieu?don-vi=khong-co')).status, 400);
});

test('the reorganization rules page lists every split commune and where its figures go', async (t) => {
  const { signIn } = await buildTestApp(t);
  const viewer = await signIn('viewer');
  const page = await viewer.get('/quan-tri/so-lieu/quy-doi');
  const row = page.$('th:contains("Phường Cống Vị (00007)")').closest('tr');
  assert.match(row.find('td').first().text(), /Phường Ngọc Hà \(00008\)/);
  assert.match(row.text(), /Phường Giảng Võ \(00025\)/);
  assert.ok(page.$('h2:contains("Xã, phường cũ bị chia (200)")').length);
});

test('upload: the import runs as a job with a progress page, then shows what was added', async (t) => {
  const { app, signIn } = await buildTestApp(t);
  const editor = await signIn('editor');
  const form = await editor.get('/quan-tri/so-lieu/nhap');
  assert.equal(form.$('form[enctype="multipart/form-data"]').length, 1);
  assert.equal(form.$('label[for="file"]').length, 1);

  const csv = `${HEADER}\n${ROWS.join('\n')}\n`;
  const res = await upload(editor, [
    { name: 'file', filename: 'thang-8.csv', content: csv },
    { name: 'mapping', value: '' },
  ]);
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  const location = String(res.headers.location);
  assert.match(location, /^\/quan-tri\/so-lieu\/nhap\/\d+$/);
  await importQueue(app.deps).idle();
  const done = await editor.get(location);
  assert.match(done.html, /Đã nhập xong/);
  assert.match(done.$('.notice').text(), /thêm mới 4 hồ sơ, cập nhật 0 hồ sơ/);
  assert.doesNotMatch(done.html, /http-equiv="refresh"/, 'a finished import does not reload');
  const status = (await editor.json('GET', `/api/v1/kpi/imports${location.slice(location.lastIndexOf('/'))}`)).json();
  assert.deepEqual([status.status, status.done, status.rows, status.inserted], ['done', true, 4, 4]);
  assert.equal(fs.readdirSync(path.join(app.deps.config.dataDir, 'kpi-uploads')).length, 0, 'the upload is deleted');
  const audit = await app.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'kpi.import').execute();
  assert.equal(audit.length, 1);
  assert.doesNotMatch(audit[0]!.summary + (audit[0]!.detail ?? ''), /SECRET-/);

  // A file with bad rows: nothing imported, the lines listed.
  await editor.get('/quan-tri/so-lieu/nhap');
  const badCsv = `${HEADER}\nN1,00004,1.1,2025-09-01,online,2025-09-05,,0,0\nN2,00004,1.1,2025-09-01,email,2025-09-05,,0,0\n`;
  const bad = await upload(editor, [{ name: 'file', filename: 'loi.csv', content: badCsv }]);
  assert.equal(bad.statusCode, 303);
  await importQueue(app.deps).idle();
  const rejected = await editor.get(String(bad.headers.location));
  assert.match(rejected.$('.error-summary').text(), /Không có hồ sơ nào được nhập/);
  const errRow = rejected.$('caption:contains("theo số dòng")').closest('table').find('tbody tr').first();
  assert.deepEqual(
    errRow
      .find('td')
      .map((_, td) => rejected.$(td).text())
      .get()
      .slice(0, 2),
    ['3', 'channel'],
  );
  const n1 = await app.deps.db.selectFrom('kpi_dossiers').select('dossier_id').where('dossier_id', '=', 'N1').executeTakeFirst();
  assert.equal(n1, undefined);
});

test('upload form errors re-render the form; a forged form is refused', async (t) => {
  const { app, signIn } = await buildTestApp(t);
  const editor = await signIn('editor');
  await editor.get('/quan-tri/so-lieu/nhap');
  const noFile = await upload(editor, [{ name: 'file', filename: '', content: '' }]);
  assert.equal(noFile.statusCode, 400);
  assert.match(noFile.body, /Hãy chọn tệp hồ sơ/);
  await editor.get('/quan-tri/so-lieu/nhap');
  const badMapping = await upload(editor, [
    { name: 'file', filename: 'a.csv', content: `${HEADER}\n` },
    { name: 'mapping', value: '{"nguoi_nop": "Họ tên"}' },
  ]);
  assert.equal(badMapping.statusCode, 400);
  assert.match(badMapping.body, /nguoi_nop/);
  assert.match(badMapping.body, /id="mapping-error"/);
  const forged = await upload(editor, [{ name: 'file', filename: 'a.csv', content: `${HEADER}\n${ROWS[0]}\n` }], 'forged');
  assert.equal(forged.statusCode, 403);
  const none = await upload(editor, [{ name: 'file', filename: 'a.csv', content: `${HEADER}\n${ROWS[0]}\n` }], null);
  assert.equal(none.statusCode, 403);
  await importQueue(app.deps).idle();
  assert.equal((await repo.listImports(app.deps.db)).length, 0, 'nothing was queued');
});

test('a running import page reloads itself without JavaScript, can stop doing so, and survives a restart', async (t) => {
  const { app, signIn } = await buildTestApp(t);
  const editor = await signIn('editor');
  const id = await repo.createImport(app.deps.db, {
    source: 'upload',
    file_name: 'lon.csv',
    status: 'validating',
    bytes_total: 1000,
    bytes_read: 250,
    rows_read: 1200,
    created_by: editor.userId,
    created_at: new Date().toISOString(),
    finished_at: null,
    message: null,
    mapping: null,
  });
  const page = await editor.get(`/quan-tri/so-lieu/nhap/${id}`);
  assert.match(page.$('noscript').html() ?? '', /<meta http-equiv="refresh" content="3"/);
  assert.equal(page.$('progress').attr('value'), '25');
  assert.match(page.html, /Đã kiểm tra 1\.200 dòng/);
  assert.equal(page.$('[data-module="kpi-import"]').attr('data-status-url'), `/api/v1/kpi/imports/${id}`);
  const still = await editor.get(`/quan-tri/so-lieu/nhap/${id}?tu-dong=0`);
  assert.doesNotMatch(still.html, /http-equiv="refresh"/);

  await failInterruptedUploads(app.deps);
  const after = await repo.getImport(app.deps.db, id);
  assert.equal(after?.status, 'failed');
  assert.match(String(after?.message), /khởi động lại/);
});

test('a plan target measured by a KPI figure shows its progress', async (t) => {
  if (typeof (campaign as Record<string, unknown>).planTargets !== 'function') {
    t.skip('the campaign module does not offer planTargets yet');
    return;
  }
  const { app, signIn } = await buildTestApp(t);
  await seedDossiers(t, app);
  const db = app.deps.db;
  const plan = await db.selectFrom('campaign_plans').select('id').where('year', '=', 2025).executeTakeFirstOrThrow();
  await db
    .insertInto('campaign_targets')
    .values({
      plan_id: plan.id,
      sort: 99,
      text: 'Tỷ lệ hồ sơ nộp trực tuyến đạt 60 %',
      metric_key: 'kpi_online_rate_test',
      target_value: 60,
      unit: '%',
      source: 'kpi',
      source_key: 'online_rate',
      measure: 'Tỷ lệ hồ sơ nộp trực tuyến (phân hệ KPI).',
    })
    .execute();
  const editor = await signIn('editor');
  const page = await editor.get('/quan-tri/so-lieu?tu=2025-08&den=2025-08');
  const row = page.$('th:contains("Tỷ lệ hồ sơ nộp trực tuyến đạt 60 %")').closest('tr');
  const cells = row
    .find('td')
    .map((_, td) => page.$(td).text())
    .get();
  assert.equal(cells[0], '60 %');
  assert.equal(cells[1], '50 %', 'current: the online rate of August 2025');
  assert.equal(cells[2], '83,3 %', 'progress: 50 / 60');
  assert.match(page.$('svg[role="img"] desc').text(), /Tỷ lệ hồ sơ nộp trực tuyến đạt 60 %: đạt 83,3 % chỉ tiêu/);
});
