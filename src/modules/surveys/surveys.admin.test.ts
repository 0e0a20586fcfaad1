import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { unitByCode } from '../org/index.js';
import { satisfactionSummary } from './index.js';

const SAT = '/api/v1/surveys/hai-long-dvctt/responses';

async function submit(app: FastifyInstance, answers: Record<string, unknown>, source?: string) {
  const res = await app.inject({ method: 'POST', url: SAT, payload: { answers, ...(source ? { source } : {}) } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as number;
}

/** q2..q6 satisfaction (1-5), q7 recommend (0-10), q8 audience, q9 commune code. */
const rated = (sat: number[], nps: number, audience: string, commune?: string) => ({
  q1: '1',
  q2: sat[0],
  q3: sat[1],
  q4: sat[2],
  q5: sat[3],
  q6: sat[4],
  q7: nps,
  q8: audience,
  ...(commune ? { q9: commune } : {}),
});

test('who may use the survey back office', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const baDinh = await unitByCode(app.deps.db, '00004', '2026-01-01');
  const users = {
    admin: await signIn('admin'),
    editor: await signIn('editor'),
    viewer: await signIn('viewer'),
    unit_officer: await signIn('unit_officer', { unitId: Number(baDinh!.id) }),
  };
  const matrix: Array<[string, Record<keyof typeof users, number>]> = [
    ['/quan-tri/khao-sat', { admin: 200, editor: 200, viewer: 200, unit_officer: 200 }],
    ['/quan-tri/khao-sat/moi', { admin: 200, editor: 200, viewer: 403, unit_officer: 403 }],
    ['/quan-tri/khao-sat/1', { admin: 200, editor: 200, viewer: 200, unit_officer: 403 }],
    ['/quan-tri/khao-sat/1/sua', { admin: 200, editor: 200, viewer: 403, unit_officer: 403 }],
    ['/quan-tri/khao-sat/1/cau-hoi/moi', { admin: 200, editor: 200, viewer: 403, unit_officer: 403 }],
    ['/quan-tri/khao-sat/1/cau-hoi/1', { admin: 200, editor: 200, viewer: 403, unit_officer: 403 }],
    ['/quan-tri/khao-sat/1/ket-qua', { admin: 200, editor: 200, viewer: 200, unit_officer: 200 }],
    ['/quan-tri/khao-sat/1/ket-qua.csv', { admin: 200, editor: 200, viewer: 200, unit_officer: 200 }],
    ['/quan-tri/khao-sat/1/ket-qua.xlsx', { admin: 200, editor: 200, viewer: 200, unit_officer: 200 }],
    ['/quan-tri/khao-sat/1/qr.png', { admin: 200, editor: 200, viewer: 200, unit_officer: 403 }],
    ['/quan-tri/khao-sat/1/qr.svg?nguon=trang-chu', { admin: 200, editor: 200, viewer: 200, unit_officer: 403 }],
  ];
  const anon = client();
  for (const [url, expected] of matrix) {
    const a = await anon.get(url);
    assert.equal(a.status, 303, `anonymous ${url}`);
    for (const [role, c] of Object.entries(users)) {
      const res = await c.get(url);
      assert.equal(res.status, expected[role as keyof typeof users], `${role} GET ${url}`);
    }
  }
  // Changes: only admin and editor; the others get 403 and nothing changes.
  for (const role of ['viewer', 'unit_officer'] as const) {
    const c = users[role];
    await c.get('/quan-tri/khao-sat');
    const res = await c.post('/quan-tri/khao-sat/1/trang-thai', { status: 'closed' });
    assert.equal(res.statusCode, 403, role);
    const pub = await c.post('/quan-tri/khao-sat/1/cong-bo', { public: '1' });
    assert.equal(pub.statusCode, 403, role);
  }
  const row = await app.deps.db
    .selectFrom('surveys')
    .select(['status', 'results_public'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  assert.equal(row.status, 'open');
  assert.equal(row.results_public, 0);
  assert.equal((await anon.get('/khao-sat/ban-da-biet-dvctt/ket-qua')).status, 404, 'results are not public before publishing');
});

test('an editor builds a survey with skip logic, opens it, and a citizen answers it without JavaScript', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const editor = await signIn('editor');
  await editor.get('/quan-tri/khao-sat/moi');
  const bad = await editor.post('/quan-tri/khao-sat/moi', { title_vi: '', slug: 'Có Dấu' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Nhập tên khảo sát/);
  const created = await editor.post('/quan-tri/khao-sat/moi', {
    title_vi: 'Khảo sát tờ rơi phường Ba Đình',
    title_en: 'Ba Dinh leaflet survey',
    intro_vi: 'Hai câu hỏi ngắn.',
    audiences: ['nguoi-dan'],
    ends_on: '2999-12-31',
  });
  assert.equal(created.statusCode, 303);
  const base = String(created.headers.location);
  assert.match(base, /^\/quan-tri\/khao-sat\/\d+$/);
  const page = await editor.get(base);
  assert.match(page.html, /Bản nháp/);

  // Opening without questions is refused.
  assert.equal((await editor.post(`${base}/trang-thai`, { status: 'open' })).statusCode, 409);

  await editor.get(`${base}/cau-hoi/moi`);
  const noOptions = await editor.post(`${base}/cau-hoi/moi`, {
    type: 'single',
    text_vi: 'Bạn đã nhận tờ rơi chưa?',
    options: 'Rồi',
  });
  assert.equal(noOptions.statusCode, 400);
  assert.match(noOptions.body, /ít nhất hai đáp án/);
  for (const q of <Array<Record<string, string>>>[
    {
      type: 'single',
      text_vi: 'Bạn đã nhận tờ rơi chưa?',
      text_en: 'Did you get the leaflet?',
      options: 'Rồi | Yes\nChưa | No',
      required: '1',
    },
    { type: 'scale5', text_vi: 'Tờ rơi có dễ hiểu không?', options: '', required: '1' },
    { type: 'text', text_vi: 'Góp ý thêm', options: '' },
  ]) {
    assert.equal((await editor.post(`${base}/cau-hoi/moi`, q)).statusCode, 303);
  }
  const questions = await app.deps.db
    .selectFrom('survey_questions')
    .select(['id', 'qkey'])
    .where('survey_id', '=', Number(base.split('/').pop()))
    .orderBy('position')
    .execute();
  assert.deepEqual(
    questions.map((q) => q.qkey),
    ['q1', 'q2', 'q3'],
  );
  // Skip logic: "Chưa" on question 1 goes to question 3. A backward jump is refused.
  const edit = await editor.get(`${base}/cau-hoi/${questions[0]!.id}`);
  assert.ok(edit.$('select[name="rule_2"] option[value="q3"]').length);
  const saved = await editor.post(`${base}/cau-hoi/${questions[0]!.id}`, {
    type: 'single',
    text_vi: 'Bạn đã nhận tờ rơi chưa?',
    text_en: 'Did you get the leaflet?',
    options: 'Rồi | Yes\nChưa | No',
    required: '1',
    rule_2: 'q3',
  });
  assert.equal(saved.statusCode, 303);
  await editor.get(`${base}/cau-hoi/${questions[2]!.id}`);
  const backward = await editor.post(`${base}/cau-hoi/${questions[2]!.id}`, { type: 'text', text_vi: 'Góp ý thêm', next: 'q1' });
  assert.equal(backward.statusCode, 400);

  await editor.get(base);
  assert.equal((await editor.post(`${base}/trang-thai`, { status: 'open' })).statusCode, 303);
  const audit = await app.deps.db.selectFrom('audit_log').select('action').where('entity', '=', 'survey').execute();
  assert.ok(audit.some((a) => a.action === 'survey.open'));
  assert.ok(audit.some((a) => a.action === 'survey.question.add'));

  const citizen = client();
  const form = await citizen.get('/khao-sat/khao-sat-to-roi-phuong-ba-dinh');
  assert.equal(form.status, 200);
  assert.match(form.$('.skip-hints').text(), /Nếu bạn chọn “Chưa”, hãy bỏ qua đến câu 3/);
  // "Chưa" skips the required question 2.
  assert.equal((await citizen.post('/khao-sat/khao-sat-to-roi-phuong-ba-dinh', { q1: '2' })).statusCode, 303);
  const other = client();
  await other.get('/khao-sat/khao-sat-to-roi-phuong-ba-dinh');
  const missing = await other.post('/khao-sat/khao-sat-to-roi-phuong-ba-dinh', { q1: '1' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Vui lòng trả lời câu 2/);

  // With answers stored, the question's type cannot change and a question cannot be deleted.
  await editor.get(base);
  const change = await editor.post(`${base}/cau-hoi/${questions[0]!.id}`, { type: 'multiple', text_vi: 'X', options: 'A\nB' });
  assert.equal(change.statusCode, 400);
  assert.equal((await editor.post(`${base}/cau-hoi/${questions[0]!.id}/xoa`, {})).statusCode, 409);
  // Moving question 3 to the top leaves q1's rule (to q3) pointing backwards: it is removed and the editor is told.
  assert.equal((await editor.post(`${base}/cau-hoi/${questions[2]!.id}/len`, {})).statusCode, 303);
  const moved = await editor.get(base);
  assert.match(moved.html, /Đã đổi thứ tự/);
  assert.equal((await editor.post(`${base}/cau-hoi/${questions[2]!.id}/len`, {})).statusCode, 303);
  const rules = await app.deps.db
    .selectFrom('survey_questions')
    .select(['qkey', 'rules', 'position'])
    .orderBy('position')
    .where('survey_id', '=', Number(base.split('/').pop()))
    .execute();
  assert.equal(rules[0]!.qkey, 'q3');
  assert.equal(rules.find((r) => r.qkey === 'q1')!.rules, '[]', 'the rule to q3 now points backwards and was removed');
});

test('placements give each leaflet its own source tag and QR code (PNG and SVG)', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const editor = await signIn('editor');
  await editor.get('/quan-tri/khao-sat/1');
  const dup = await editor.post('/quan-tri/khao-sat/1/diem-phat', { name: 'Trùng', source: 'trang-chu' });
  assert.equal(dup.statusCode, 400);
  assert.match(dup.body, /đã có/);
  const ok = await editor.post('/quan-tri/khao-sat/1/diem-phat', { name: 'Tờ rơi xã Ba Đình', source: '', unit: '00004' });
  assert.equal(ok.statusCode, 303);
  const page = await editor.get('/quan-tri/khao-sat/1');
  assert.ok(page.html.includes('/khao-sat/ban-da-biet-dvctt?nguon=to-roi-xa-ba-dinh'));
  const png = await editor.get('/quan-tri/khao-sat/1/qr.png?nguon=to-roi-xa-ba-dinh');
  assert.equal(png.res.headers['content-type'], 'image/png');
  assert.deepEqual([...png.res.rawPayload.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const svg = await editor.get('/quan-tri/khao-sat/1/qr.svg?nguon=to-roi-xa-ba-dinh');
  assert.match(String(svg.res.headers['content-type']), /image\/svg\+xml/);
  assert.match(svg.html, /^<svg/);
  assert.equal((await editor.get('/quan-tri/khao-sat/1/qr.svg?nguon=khong-co')).status, 404);

  // A response through that link is counted for the placement and, without a commune answer, for its unit.
  const c = client();
  await c.get('/khao-sat/ban-da-biet-dvctt?nguon=to-roi-xa-ba-dinh');
  assert.equal((await c.post('/khao-sat/ban-da-biet-dvctt', { nguon: 'to-roi-xa-ba-dinh', q1: '3' })).statusCode, 303);
  const r = await app.deps.db
    .selectFrom('survey_responses')
    .select(['source', 'unit_id', 'placement_id'])
    .executeTakeFirstOrThrow();
  const baDinh = await unitByCode(app.deps.db, '00004', '2026-01-01');
  assert.equal(r.source, 'to-roi-xa-ba-dinh');
  assert.equal(Number(r.unit_id), Number(baDinh!.id));
  assert.ok(r.placement_id);
});

test('results: counts and shares, satisfaction index, NPS, breakdowns, charts with tables, exports, publishing', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  // 4 responses: satisfaction answers 4,4,4,4,4 | 5,5,5,5,5 | 1,2,3,4,5 | 2,2,2,2,2 => satisfied 5+5+2+0 = 12 of 20 = 60%.
  // NPS answers 10, 9, 5, 7 => promoters 2, detractors 1 of 4 => 25.
  await submit(app, rated([4, 4, 4, 4, 4], 10, 'nguoi-dan', '00004'), 'quay-mot-cua');
  await submit(app, rated([5, 5, 5, 5, 5], 9, 'nguoi-dan', '00004'), 'quay-mot-cua');
  await submit(app, rated([1, 2, 3, 4, 5], 5, 'doanh-nghiep', '00008'));
  await submit(app, rated([2, 2, 2, 2, 2], 7, 'doanh-nghiep'));
  await submit(app, { q1: '2', q8: 'nguoi-dan' }); // has not used online services: skipped the ratings
  const editor = await signIn('editor');
  const page = await editor.get('/quan-tri/khao-sat/2/ket-qua');
  assert.equal(page.status, 200);
  const facts = page.$('dl.facts').first().text();
  assert.match(facts, /Số người trả lời\s*5/);
  assert.match(facts, /60%/);
  assert.match(facts, /NPS\)\s*25/);
  // Each chart is an accessible SVG with a title and a description, beside a data table.
  const svg = page.$('svg[role="img"]').first();
  assert.ok(svg.find('title').text().startsWith('Câu 1'));
  assert.match(svg.find('desc').text(), /Rồi: 4 \(80%\)/);
  assert.equal(page.$('#kq-q1').length, 1);
  const q1Table = page.$('section[aria-labelledby="kq-q1"] table');
  assert.equal(q1Table.find('th[scope="row"]').first().text(), 'Rồi');
  assert.equal(q1Table.find('td').eq(1).text(), '80%');
  // Breakdown tables by audience, source and unit.
  const text = page.$('main').text();
  assert.match(text, /Theo đối tượng/);
  assert.match(text, /Theo nguồn/);
  assert.match(text, /quay-mot-cua/);
  assert.match(text, /Phường Ba Đình/);
  const audience = page.$('table').filter((_, el) => page.$(el).find('caption').text() === 'Theo đối tượng');
  const dn = audience.find('tr').filter((_, el) => page.$(el).find('th').text() === 'Doanh nghiệp');
  assert.equal(dn.find('td').eq(0).text(), '2');
  assert.equal(dn.find('td').eq(1).text(), '20%', 'satisfied 2 of 10 answers');

  // Filter by source.
  const bySource = await editor.get('/quan-tri/khao-sat/2/ket-qua?nguon=quay-mot-cua');
  assert.match(bySource.$('dl.facts').first().text(), /Số người trả lời\s*2/);
  assert.match(bySource.$('dl.facts').first().text(), /100%/);

  // CSV (UTF-8 with BOM, labels not codes) and XLSX.
  const csv = await editor.get('/quan-tri/khao-sat/2/ket-qua.csv');
  assert.match(String(csv.res.headers['content-type']), /text\/csv/);
  assert.ok(csv.html.startsWith('\ufeff'));
  const lines = csv.html.trim().split('\n');
  assert.equal(lines.length, 6);
  assert.match(lines[0]!, /Câu 2: Bạn hài lòng thế nào về việc tiếp cận dịch vụ\?/);
  assert.match(lines[1]!, /Hài lòng/);
  assert.match(lines[1]!, /Phường Ba Đình/);
  const xlsx = await editor.get('/quan-tri/khao-sat/2/ket-qua.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.res.rawPayload as unknown as ArrayBuffer);
  assert.equal(wb.worksheets[0]!.rowCount, 6);
  assert.equal(wb.getWorksheet('Tong hop')!.getRow(2).getCell(2).value, 60);

  // satisfactionSummary for the KPI module.
  const all = await satisfactionSummary(app.deps.db, {});
  assert.deepEqual(all, { responses: 4, satisfied: 12, answers: 20, index: 0.6 });
  const baDinh = await unitByCode(app.deps.db, '00004', '2026-01-01');
  const unit = await satisfactionSummary(app.deps.db, { unitIds: [Number(baDinh!.id)] });
  assert.deepEqual(unit, { responses: 2, satisfied: 10, answers: 10, index: 1 });
  const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
  assert.equal((await satisfactionSummary(app.deps.db, { from: month, to: month })).responses, 4);
  assert.deepEqual(await satisfactionSummary(app.deps.db, { from: '2020-01', to: '2020-12' }), {
    responses: 0,
    satisfied: 0,
    answers: 0,
    index: null,
  });

  // Publishing: the public results page appears, without free text and with small groups merged.
  const anon = client();
  assert.equal((await anon.get('/khao-sat/hai-long-dvctt/ket-qua')).status, 404);
  assert.equal((await anon.get('/api/v1/surveys/hai-long-dvctt/results')).status, 404);
  await editor.get('/quan-tri/khao-sat/2');
  assert.equal((await editor.post('/quan-tri/khao-sat/2/cong-bo', { public: '1' })).statusCode, 303);
  const pub = await anon.get('/khao-sat/hai-long-dvctt/ket-qua');
  assert.equal(pub.status, 200);
  assert.match(pub.$('h1').text(), /Kết quả/);
  assert.match(pub.$('dl.facts').text(), /60%/);
  assert.equal(pub.$('.survey-texts').length, 0);
  assert.doesNotMatch(pub.$('main').text(), /quay-mot-cua/, 'sources are internal');
  assert.match(pub.$('main').text(), /Các nhóm ít người trả lời \(gộp lại\)/);
  const apiRes = await anon.get('/api/v1/surveys/hai-long-dvctt/results');
  assert.equal(apiRes.res.json().satisfactionIndex, 60);
  assert.equal(apiRes.res.json().nps, 25);
  assert.ok((await anon.get('/khao-sat')).html.includes('/khao-sat/hai-long-dvctt/ket-qua'));
});

test('a unit officer sees only the answers of their unit; contacts are exported only to Center staff', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const baDinh = await unitByCode(app.deps.db, '00004', '2026-01-01');
  await submit(app, rated([5, 5, 5, 5, 5], 10, 'nguoi-dan', '00004'));
  await submit(app, rated([1, 1, 1, 1, 1], 0, 'nguoi-dan', '00008'));
  await submit(app, rated([1, 1, 1, 1, 1], 0, 'nguoi-dan'));
  const officer = await signIn('unit_officer', { unitId: Number(baDinh!.id) });
  const page = await officer.get('/quan-tri/khao-sat/2/ket-qua');
  assert.match(page.$('dl.facts').first().text(), /Số người trả lời\s*1/);
  assert.match(page.$('dl.facts').first().text(), /100%/);
  assert.match(page.html, /Bạn xem câu trả lời thuộc Phường Ba Đình/);
  // Choosing another commune in the filter shows nothing.
  const other = await officer.get('/quan-tri/khao-sat/2/ket-qua?don-vi=00008');
  assert.match(other.$('dl.facts').first().text(), /Số người trả lời\s*0/);
  const csv = await officer.get('/quan-tri/khao-sat/2/ket-qua.csv');
  assert.equal(csv.html.trim().split('\n').length, 2);
  const list = await officer.get('/quan-tri/khao-sat');
  const row = list.$('tr').filter((_, el) => list.$(el).text().includes('hài lòng về dịch vụ công'));
  assert.equal(row.find('td.num').text(), '1', 'the list counts only their unit');

  const c = client();
  await c.get('/khao-sat/ban-da-biet-dvctt');
  await c.post('/khao-sat/ban-da-biet-dvctt', { q1: '3', 'lien-he': 'ba.lan@example.vn', 'dong-y': '1' });
  const editor = await signIn('editor');
  assert.match((await editor.get('/quan-tri/khao-sat/1/ket-qua.csv')).html, /ba\.lan@example\.vn/);
  const viewer = await signIn('viewer');
  assert.doesNotMatch((await viewer.get('/quan-tri/khao-sat/1/ket-qua.csv')).html, /ba\.lan@example\.vn/);
});
