import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/build-app.js';
import type { TestClient } from '../../../test/helpers/client.js';
import { unitByCode } from '../org/index.js';
import { planTargets, publishedContentByChannel } from './index.js';

const TODAY = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** A multipart/form-data POST as a browser sends it (the CSRF token travels in the query string). */
async function postMultipart(
  c: TestClient,
  url: string,
  fields: Record<string, string>,
  file?: { filename: string; content: Buffer; type?: string },
) {
  const boundary = `----dvc${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const sep = url.includes('?') ? '&' : '?';
  return c.app.inject({
    method: 'POST',
    url: `${url}${sep}_csrf=${encodeURIComponent(c.csrf)}`,
    headers: { cookie: c.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(200)]);

async function units(t: TestApp) {
  const db = t.app.deps.db;
  const a = (await unitByCode(db, '00004', '2025-08-01'))!;
  const b = (await unitByCode(db, '00008', '2025-08-01'))!;
  return { a, b };
}

/** A signed-in client that has loaded a page (so it holds a CSRF token). */
async function ready(c: Promise<TestClient & { userId: number }>) {
  const client = await c;
  await client.get('/quan-tri');
  return client;
}

function contentForm(ownerUnitId: number, over: Record<string, string | string[]> = {}) {
  return {
    title: 'Video hướng dẫn đăng ký khai sinh trực tuyến',
    type: 'video-ngan',
    audiences: ['nguoi-dan', 'nguoi-cao-tuoi'],
    ownerUnitId: String(ownerUnitId),
    plannedDate: '2025-03-12',
    body: 'Ba bước đăng ký khai sinh trên Cổng dịch vụ công.',
    channels: ['facebook', 'zalo-oa'],
    'variant-facebook': 'Bản cho Facebook: video 60 giây kèm chú thích.',
    ...over,
  };
}

async function createContent(c: TestClient, ownerUnitId: number, over: Record<string, string | string[]> = {}): Promise<number> {
  await c.get('/quan-tri/chien-dich/san-pham/moi');
  const res = await c.post('/quan-tri/chien-dich/san-pham/moi', contentForm(ownerUnitId, over));
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  return Number(/san-pham\/(\d+)$/.exec(String(res.headers.location))![1]);
}

test('the 2025 plan is starter data: measurable targets, three phases, messages, channels and each unit type’s duties', async (t) => {
  const ta = await buildTestApp(t);
  const targets = await planTargets(ta.app.deps.db, 2025);
  const byKey = new Map(targets.map((x) => [x.metricKey, x]));
  assert.ok(targets.length >= 8);
  assert.deepEqual(
    [
      byKey.get('agencies_portal_info')?.targetValue,
      byKey.get('agencies_portal_info')?.unit,
      byKey.get('agencies_portal_info')?.sourceKey,
    ],
    [100, '%', 'portal_articles'],
  );
  assert.equal(byKey.get('communes_info_channels')?.source, 'reports_share');
  assert.equal(byKey.get('feedback_published')?.source, 'feedback');
  assert.equal(byKey.get('students_trained')?.targetValue, 50);

  const viewer = await ta.signIn('viewer');
  const page = await viewer.get('/quan-tri/chien-dich');
  assert.equal(page.status, 200);
  const text = page.$('main').text();
  assert.match(text, /Hành chính thông minh - Tận tâm phục vụ/);
  assert.match(text, /Giai đoạn 1: Tăng cường thông tin/);
  assert.match(text, /Từ 01\/02\/2025 đến 31\/03\/2025/);
  assert.match(text, /Từ 01\/04\/2025 đến 31\/10\/2025/);
  assert.match(text, /Từ 01\/11\/2025 đến 31\/12\/2025/);
  assert.match(text, /Nộp thuế điện tử - Tiết kiệm chi phí/);
  for (const ch of ['Zalo OA', 'TikTok', 'iHanoi', 'Tin nhắn SMS', 'Bảng tin điện tử, màn hình LED', 'Livestream'])
    assert.ok(text.includes(ch), ch);
  assert.match(text, /Các cơ quan báo chí, truyền thông của Thành phố/);
  assert.equal(page.$('a[href*="/sua"]').length, 0, 'a viewer gets no edit links');

  const api = await viewer.json('GET', '/api/v1/campaign/plans/2025');
  assert.equal(api.statusCode, 200);
  const plan = api.json() as { phases: Array<{ start: string }>; duties: unknown[]; channels: Array<{ key: string }> };
  assert.deepEqual(
    plan.phases.map((p) => p.start),
    ['2025-02-01', '2025-04-01', '2025-11-01'],
  );
  assert.equal(plan.duties.length, 8);
  assert.ok(plan.channels.some((c) => c.key === 'zalo-oa'));

  // A commune officer sees the duties of communes first.
  const { a } = await units(ta);
  const officer = await ta.signIn('unit_officer', { unitId: a.id });
  const mine = await officer.get('/quan-tri/chien-dich');
  assert.match(mine.$('#nv-cua-ban').parent().text(), /Bố trí địa điểm, nhân lực hỗ trợ tại các Bộ phận một cửa/);
});

test('an editor edits a target (bad input stores nothing) and creates the 2026 plan by copying 2025', async (t) => {
  const ta = await buildTestApp(t);
  const db = ta.app.deps.db;
  const editor = await ready(ta.signIn('editor'));
  const target = await db
    .selectFrom('campaign_targets')
    .selectAll()
    .where('metric_key', '=', 'officials_trained')
    .executeTakeFirstOrThrow();
  await editor.get(`/quan-tri/chien-dich/chi-tieu/${target.id}/sua`);
  const bad = await editor.post(`/quan-tri/chien-dich/chi-tieu/${target.id}/sua`, {
    text: target.text,
    metricKey: 'Officials Trained',
    targetValue: '140',
    unit: '%',
    source: 'reports_sum',
    sourceKey: 'officials_trained',
    measure: target.measure,
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Mã chỉ số gồm chữ thường/);
  assert.match(bad.body, /Tỷ lệ không thể lớn hơn 100%/);
  assert.equal(
    (await db.selectFrom('campaign_targets').select('target_value').where('id', '=', target.id).executeTakeFirstOrThrow())
      .target_value,
    100,
  );

  const ok = await editor.post(`/quan-tri/chien-dich/chi-tieu/${target.id}/sua`, {
    text: target.text,
    metricKey: 'officials_trained',
    targetValue: '90',
    unit: '%',
    source: 'reports_sum',
    sourceKey: 'officials_trained',
    measure: target.measure,
  });
  assert.equal(ok.statusCode, 303);
  assert.equal((await planTargets(db, 2025)).find((x) => x.metricKey === 'officials_trained')?.targetValue, 90);

  const copy = await editor.post('/quan-tri/chien-dich/ke-hoach/sao-chep', { from: '2025', to: '2026' });
  assert.equal(copy.statusCode, 303);
  const page = await editor.get('/quan-tri/chien-dich?nam=2026');
  assert.match(page.$('h1').text(), /năm 2026/);
  assert.match(page.$('main').text(), /Từ 01\/02\/2026 đến 31\/03\/2026/);
  assert.equal((await planTargets(db, 2026)).length, (await planTargets(db, 2025)).length);
  const acts = await editor.json('GET', '/api/v1/campaign/activities?year=2026');
  const list = (acts.json() as { activities: Array<{ status: string; dueDate: string }> }).activities;
  assert.ok(list.length >= 10);
  assert.ok(list.every((x) => x.status === 'planned' && x.dueDate.startsWith('2026-')));

  const again = await editor.post('/quan-tri/chien-dich/ke-hoach/sao-chep', { from: '2025', to: '2026' });
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /Đã có kế hoạch năm 2026/);
});

test('content: draft -> review -> approved by a second person -> published with reach; counted per channel', async (t) => {
  const ta = await buildTestApp(t);
  const db = ta.app.deps.db;
  const { a, b } = await units(ta);
  const officer = await ready(ta.signIn('unit_officer', { unitId: a.id }));
  const editor1 = await ready(ta.signIn('editor'));
  const editor2 = await ready(ta.signIn('editor'));

  // Missing channel and an orphan variant: nothing stored.
  await officer.get('/quan-tri/chien-dich/san-pham/moi');
  const bad = await officer.post('/quan-tri/chien-dich/san-pham/moi', contentForm(a.id, { channels: [], 'variant-tiktok': 'x' }));
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Chọn ít nhất một kênh đăng/);
  assert.match(bad.body, /chưa chọn kênh này/);
  // An officer cannot create content for another unit.
  const other = await officer.post('/quan-tri/chien-dich/san-pham/moi', contentForm(b.id));
  assert.equal(other.statusCode, 400);
  assert.match(other.body, /chỉ tạo được sản phẩm cho đơn vị mình/);
  assert.equal((await db.selectFrom('campaign_content').select('id').execute()).length, 0);

  const id = await createContent(officer, a.id);
  const variants = await db
    .selectFrom('campaign_content_variants')
    .selectAll()
    .where('content_id', '=', id)
    .orderBy('channel')
    .execute();
  assert.deepEqual(
    variants.map((v) => [v.channel, v.text]),
    [
      ['facebook', 'Bản cho Facebook: video 60 giây kèm chú thích.'],
      ['zalo-oa', ''],
    ],
  );
  await officer.get(`/quan-tri/chien-dich/san-pham/${id}`);
  assert.equal((await officer.post(`/quan-tri/chien-dich/san-pham/${id}/gui-duyet`, { comment: 'Nhờ duyệt' })).statusCode, 303);
  assert.equal(
    (await officer.post(`/quan-tri/chien-dich/san-pham/${id}/duyet`, {})).statusCode,
    403,
    'an officer cannot approve',
  );
  assert.equal(
    (await officer.post(`/quan-tri/chien-dich/san-pham/${id}/sua`, contentForm(a.id))).statusCode,
    409,
    'no editing while in review',
  );

  // An editor returns it with a comment; the officer fixes and resubmits.
  const noNote = await editor1.post(`/quan-tri/chien-dich/san-pham/${id}/tra-lai`, { comment: '' });
  assert.equal(noNote.statusCode, 400);
  assert.equal((await editor1.post(`/quan-tri/chien-dich/san-pham/${id}/tra-lai`, { comment: 'Thêm phụ đề' })).statusCode, 303);
  assert.equal((await officer.post(`/quan-tri/chien-dich/san-pham/${id}/gui-duyet`, {})).statusCode, 303);
  await editor1.post(`/quan-tri/chien-dich/san-pham/${id}/binh-luan`, { comment: 'Đã xem' });
  assert.equal((await editor1.post(`/quan-tri/chien-dich/san-pham/${id}/duyet`, { comment: 'Đạt' })).statusCode, 303);
  const page = await officer.get(`/quan-tri/chien-dich/san-pham/${id}`);
  assert.match(page.$('main').text(), /Đã duyệt/);
  assert.match(page.$('#y-kien').nextAll('ul').first().text(), /Trả lại.*Thêm phụ đề/s);

  // The author of a content item cannot approve it, even as an editor.
  const own = await createContent(editor1, a.id, { title: 'Infographic nộp hồ sơ', type: 'infographic' });
  await editor1.post(`/quan-tri/chien-dich/san-pham/${own}/gui-duyet`, {});
  const self = await editor1.post(`/quan-tri/chien-dich/san-pham/${own}/duyet`, {});
  assert.equal(self.statusCode, 403);
  assert.match(self.body, /Người viết không tự duyệt được/);
  assert.equal((await editor2.post(`/quan-tri/chien-dich/san-pham/${own}/duyet`, {})).statusCode, 303);

  // Publication evidence: a channel not chosen for the item, a bad URL and a future date are refused.
  const wrong = await officer.post(`/quan-tri/chien-dich/san-pham/${id}/dang-tai`, {
    channel: 'tiktok',
    url: 'not a url',
    publishedOn: '2999-01-01',
    views: '-3',
  });
  assert.equal(wrong.statusCode, 400);
  for (const m of [/Chọn kênh đã đăng/, /Nhập đường link bài đăng/, /không thể sau hôm nay/, /Lượt xem là số nguyên/])
    assert.match(wrong.body, m);
  const pub = await officer.post(`/quan-tri/chien-dich/san-pham/${id}/dang-tai`, {
    channel: 'facebook',
    url: 'https://facebook.com/phuongbadinh/posts/1',
    publishedOn: '2025-03-12',
    views: '1.200',
    likes: '40',
    shares: '7',
  });
  assert.equal(pub.statusCode, 303);
  const after = await officer.get(`/quan-tri/chien-dich/san-pham/${id}`);
  assert.match(after.$('main').text(), /Đã đăng/);
  assert.match(after.$('#dang-tai').nextAll('.table-wrap').first().text(), /1\.200/);

  assert.deepEqual(await publishedContentByChannel(db, { from: '2025-03', to: '2025-03' }), [
    { channel: 'facebook', count: 1, views: 1200 },
  ]);
  assert.deepEqual(await publishedContentByChannel(db, { from: '2025-04' }), []);
  assert.deepEqual(await publishedContentByChannel(db, { unitIds: [b.id] }), []);
  // The item approved but not yet posted is not counted.
  assert.equal(
    (await publishedContentByChannel(db, {})).reduce((s, r) => s + r.count, 0),
    1,
  );
});

test('reach CSV import: every bad line is reported with its number and nothing is imported; a good file adds and updates', async (t) => {
  const ta = await buildTestApp(t);
  const db = ta.app.deps.db;
  const { a, b } = await units(ta);
  const officer = await ready(ta.signIn('unit_officer', { unitId: a.id }));
  const officerB = await ready(ta.signIn('unit_officer', { unitId: b.id }));
  const editor = await ready(ta.signIn('editor'));
  const mine = await createContent(officer, a.id);
  await officer.post(`/quan-tri/chien-dich/san-pham/${mine}/gui-duyet`, {});
  await editor.post(`/quan-tri/chien-dich/san-pham/${mine}/duyet`, {});
  const theirs = await createContent(officerB, b.id);
  await officerB.post(`/quan-tri/chien-dich/san-pham/${theirs}/gui-duyet`, {});
  await editor.post(`/quan-tri/chien-dich/san-pham/${theirs}/duyet`, {});
  await officer.post(`/quan-tri/chien-dich/san-pham/${mine}/dang-tai`, {
    channel: 'facebook',
    url: 'https://facebook.com/p/1',
    publishedOn: '2025-03-12',
    views: '10',
  });

  await officer.get('/quan-tri/chien-dich/san-pham/nhap-luot-xem');
  const badCsv = [
    'content_id,channel,url,published_on,views,likes,shares',
    `${mine},facebook,https://facebook.com/p/1,2025-03-12,500,20,3`,
    `${mine},tiktok,https://tiktok.com/v/2,2025-03-13,100,1,0`,
    `${theirs},facebook,https://facebook.com/p/9,2025-03-13,100,1,0`,
    `${mine},zalo-oa,https://zalo.me/p/3,13/03/2025,nhiều,1,0`,
    `9999,facebook,https://facebook.com/p/4,2025-03-13,1,1,1`,
  ].join('\n');
  const bad = await postMultipart(
    officer,
    '/quan-tri/chien-dich/san-pham/nhap-luot-xem',
    {},
    { filename: 'reach.csv', content: Buffer.from(badCsv), type: 'text/csv' },
  );
  assert.equal(bad.statusCode, 400);
  const lines = [...bad.body.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
  assert.deepEqual(lines, [3, 4, 5, 6]);
  assert.match(bad.body, /Bạn không có quyền với sản phẩm mã/);
  assert.match(bad.body, /published_on: cần ngày dạng YYYY-MM-DD/);
  assert.match(bad.body, /Không có sản phẩm mã 9999/);
  const stillOne = await db.selectFrom('campaign_publications').selectAll().where('content_id', '=', mine).execute();
  assert.equal(stillOne.length, 1);
  assert.equal(stillOne[0]!.views, 10, 'the good line 2 was not imported either');

  const goodCsv = [
    '\uFEFFcontent_id,channel,url,published_on,views,likes,shares',
    `${mine},facebook,https://facebook.com/p/1,2025-03-12,500,20,3`,
    `${mine},zalo-oa,https://zalo.me/p/3,2025-03-13,250,5,1`,
  ].join('\r\n');
  const good = await postMultipart(
    officer,
    '/quan-tri/chien-dich/san-pham/nhap-luot-xem',
    {},
    { filename: 'reach.csv', content: Buffer.from(goodCsv), type: 'text/csv' },
  );
  assert.equal(good.statusCode, 200);
  assert.match(good.body, /1 lần đăng mới, 1 lần đăng được cập nhật/);
  const rows = await publishedContentByChannel(db, { from: '2025-03', to: '2025-03' });
  assert.deepEqual(rows, [
    { channel: 'facebook', count: 1, views: 500 },
    { channel: 'zalo-oa', count: 1, views: 250 },
  ]);

  const noFile = await postMultipart(officer, '/quan-tri/chien-dich/san-pham/nhap-luot-xem', {});
  assert.equal(noFile.statusCode, 400);
  const forged = await officer.app.inject({
    method: 'POST',
    url: '/quan-tri/chien-dich/san-pham/nhap-luot-xem?_csrf=forged',
    headers: { cookie: officer.cookieHeader(), 'content-type': 'multipart/form-data; boundary=x' },
    payload: '--x--\r\n',
  });
  assert.equal(forged.statusCode, 403, 'multipart posts are CSRF-checked too');
});

test('activity evidence: links and files with type and size limits, downloadable only by those who may see the activity', async (t) => {
  const ta = await buildTestApp(t);
  const db = ta.app.deps.db;
  const { a, b } = await units(ta);
  const officer = await ready(ta.signIn('unit_officer', { unitId: a.id }));
  const officerB = await ready(ta.signIn('unit_officer', { unitId: b.id }));
  const viewer = await ready(ta.signIn('viewer'));

  await officer.get('/quan-tri/chien-dich/hoat-dong/moi');
  const notMine = await officer.post('/quan-tri/chien-dich/hoat-dong/moi', {
    title: 'X',
    leadUnitId: String(b.id),
    status: 'planned',
  });
  assert.equal(notMine.statusCode, 400);
  const created = await officer.post('/quan-tri/chien-dich/hoat-dong/moi', {
    title: 'Hướng dẫn tại nhà văn hóa tổ dân phố 5',
    leadUnitId: String(a.id),
    coopUnitIds: [],
    channels: ['truc-tiep', 'to-roi'],
    audiences: ['nguoi-cao-tuoi'],
    dueDate: TODAY,
    status: 'in_progress',
  });
  assert.equal(created.statusCode, 303);
  const id = Number(/hoat-dong\/(\d+)$/.exec(String(created.headers.location))![1]);
  const url = `/quan-tri/chien-dich/hoat-dong/${id}`;

  await officer.get(url);
  const badLink = await officer.post(`${url}/minh-chung`, { url: 'javascript:alert(1)', note: '' });
  assert.equal(badLink.statusCode, 400);
  assert.equal(
    (await officer.post(`${url}/minh-chung`, { url: 'https://badinh.hanoi.gov.vn/tin/1', note: 'Tin trên cổng' })).statusCode,
    303,
  );

  const png = await postMultipart(
    officer,
    `${url}/minh-chung/tep`,
    { note: 'Ảnh buổi hướng dẫn' },
    { filename: 'anh buoi 1.png', content: PNG, type: 'image/png' },
  );
  assert.equal(png.statusCode, 303, png.body.slice(0, 300));
  const exe = await postMultipart(
    officer,
    `${url}/minh-chung/tep`,
    {},
    { filename: 'virus.exe', content: Buffer.from('MZ....') },
  );
  assert.equal(exe.statusCode, 400);
  assert.match(exe.body, /Chỉ nhận tệp/);
  const fakePdf = await postMultipart(
    officer,
    `${url}/minh-chung/tep`,
    {},
    { filename: 'bao-cao.pdf', content: Buffer.from('<html>not a pdf</html>') },
  );
  assert.equal(fakePdf.statusCode, 400);
  assert.match(fakePdf.body, /không đúng định dạng .pdf/);
  const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]);
  const tooBig = await postMultipart(officer, `${url}/minh-chung/tep`, {}, { filename: 'lon.pdf', content: big });
  assert.equal(tooBig.statusCode, 400);
  assert.match(tooBig.body, /Tệp quá lớn/);

  const ev = await db
    .selectFrom('campaign_evidence')
    .selectAll()
    .where('activity_id', '=', id)
    .where('kind', '=', 'file')
    .execute();
  assert.equal(ev.length, 1);
  assert.equal(fs.readdirSync(path.join(ta.config.dataDir, 'uploads', 'campaign')).length, 1, 'rejected files are not kept');
  const dl = await viewer.get(`${url}/minh-chung/${ev[0]!.id}`);
  assert.equal(dl.status, 200);
  assert.ok(dl.res.rawPayload.equals(PNG));
  assert.match(String(dl.res.headers['content-disposition']), /^attachment;/);
  assert.equal((await officerB.get(`${url}/minh-chung/${ev[0]!.id}`)).status, 403);
  assert.equal((await postMultipart(officerB, `${url}/minh-chung/tep`, {}, { filename: 'x.png', content: PNG })).statusCode, 403);

  assert.equal((await officer.post(`${url}/trang-thai`, { status: 'done' })).statusCode, 303);
  const page = await officer.get(url);
  assert.match(page.$('main').text(), /Đã hoàn thành/);
  assert.match(page.$('main').text(), /anh buoi 1\.png/);

  // The calendar shows it on its due date, by week and by month, for its unit only.
  const week = await officer.get(`/quan-tri/chien-dich/lich?xem=tuan&ngay=${TODAY}`);
  assert.match(week.$('main').text(), /Hạn hoạt động: Hướng dẫn tại nhà văn hóa tổ dân phố 5/);
  const month = await officer.get(`/quan-tri/chien-dich/lich?ngay=${TODAY}`);
  assert.match(month.$('main table').text(), /Hướng dẫn tại nhà văn hóa/);
  assert.doesNotMatch(
    (await officerB.get(`/quan-tri/chien-dich/lich?ngay=${TODAY}`)).$('main').text(),
    /Hướng dẫn tại nhà văn hóa/,
  );
});

test('the content calendar lists items by planned date in month and week views', async (t) => {
  const ta = await buildTestApp(t);
  const { a } = await units(ta);
  const officer = await ready(ta.signIn('unit_officer', { unitId: a.id }));
  await createContent(officer, a.id, { plannedDate: '2025-03-12', title: 'Livestream giải đáp thủ tục', type: 'livestream' });
  const month = await officer.get('/quan-tri/chien-dich/lich?xem=thang&ngay=2025-03-01');
  assert.match(month.$('h1').text(), /tháng 3\/2025/);
  const cell = month.$('td').filter((_, el) => month.$(el).find('a').first().text() === '12');
  assert.match(cell.text(), /Livestream: Livestream giải đáp thủ tục \(Bản nháp\)/);
  assert.equal(month.$('thead th').length, 7);
  const week = await officer.get('/quan-tri/chien-dich/lich?xem=tuan&ngay=2025-03-12');
  assert.match(week.$('h1').text(), /10\/03\/2025 - 16\/03\/2025/);
  assert.match(week.$('tbody tr').eq(2).text(), /Thứ Tư 12\/03\/2025.*Livestream giải đáp thủ tục/s);
  assert.match(
    week
      .$('a')
      .filter((_, el) => week.$(el).text() === 'Tuần sau')
      .attr('href')!,
    /ngay=2025-03-17/,
  );
});

test('authorization: every campaign route, for anonymous, viewer, unit officers of two communes and the Center', async (t) => {
  const ta = await buildTestApp(t);
  const db = ta.app.deps.db;
  const { a, b } = await units(ta);
  const anon = ta.client();
  const officerA = await ready(ta.signIn('unit_officer', { unitId: a.id }));
  const officerB = await ready(ta.signIn('unit_officer', { unitId: b.id }));
  const viewer = await ready(ta.signIn('viewer'));
  const editor = await ready(ta.signIn('editor'));
  const admin = await ready(ta.signIn('admin'));

  // Officer A's activity (with a file) and content item (approved, published once).
  await officerA.get('/quan-tri/chien-dich/hoat-dong/moi');
  const act = await officerA.post('/quan-tri/chien-dich/hoat-dong/moi', {
    title: 'Hoạt động riêng của phường A',
    leadUnitId: String(a.id),
    status: 'planned',
    dueDate: '2025-03-20',
  });
  const actId = Number(/(\d+)$/.exec(String(act.headers.location))![1]);
  await postMultipart(
    officerA,
    `/quan-tri/chien-dich/hoat-dong/${actId}/minh-chung/tep`,
    {},
    { filename: 'a.png', content: PNG },
  );
  const eid = (await db.selectFrom('campaign_evidence').select('id').where('activity_id', '=', actId).executeTakeFirstOrThrow())
    .id;
  const cid = await createContent(officerA, a.id, { title: 'Sản phẩm riêng của phường A', plannedDate: '2025-03-20' });
  await officerA.post(`/quan-tri/chien-dich/san-pham/${cid}/gui-duyet`, {});
  await editor.post(`/quan-tri/chien-dich/san-pham/${cid}/duyet`, {});
  await officerA.post(`/quan-tri/chien-dich/san-pham/${cid}/dang-tai`, {
    channel: 'facebook',
    url: 'https://fb.com/a/1',
    publishedOn: '2025-03-20',
    views: '77',
  });
  const pid = (await db.selectFrom('campaign_publications').select('id').where('content_id', '=', cid).executeTakeFirstOrThrow())
    .id;
  const target = (await db.selectFrom('campaign_targets').select('id').executeTakeFirstOrThrow()).id;
  const phase = (await db.selectFrom('campaign_phases').select('id').executeTakeFirstOrThrow()).id;
  const message = (await db.selectFrom('campaign_messages').select('id').executeTakeFirstOrThrow()).id;
  const duty = (await db.selectFrom('campaign_duties').select('id').executeTakeFirstOrThrow()).id;

  const isIn = (s: number, allowed: number[], what: string) =>
    assert.ok(allowed.includes(s), `${what}: got ${s}, expected one of ${allowed.join(', ')}`);
  const get = async (c: TestClient, url: string) => (await c.get(url)).status;
  const post = async (c: TestClient, url: string, form: Record<string, string | string[]> = {}) =>
    (await c.post(url, form)).statusCode;

  // Center-only pages and actions: officers and viewers get 403; editors and admins are let through.
  const centerGets = [
    '/quan-tri/chien-dich/ke-hoach/2025/sua',
    '/quan-tri/chien-dich/ke-hoach/2025/chi-tieu/moi',
    `/quan-tri/chien-dich/chi-tieu/${target}/sua`,
    `/quan-tri/chien-dich/giai-doan/${phase}/sua`,
    '/quan-tri/chien-dich/ke-hoach/2025/thong-diep/moi',
    `/quan-tri/chien-dich/thong-diep/${message}/sua`,
    '/quan-tri/chien-dich/kenh/facebook/sua',
    `/quan-tri/chien-dich/nhiem-vu/${duty}/sua`,
  ];
  for (const url of centerGets) {
    assert.equal(await get(anon, url), 303, `anonymous ${url}`);
    assert.equal(await get(officerA, url), 403, `officer ${url}`);
    assert.equal(await get(viewer, url), 403, `viewer ${url}`);
    assert.equal(await get(editor, url), 200, `editor ${url}`);
    assert.equal(await get(admin, url), 200, `admin ${url}`);
  }
  const centerPosts = [
    '/quan-tri/chien-dich/ke-hoach/2025/sua',
    '/quan-tri/chien-dich/ke-hoach/sao-chep',
    '/quan-tri/chien-dich/ke-hoach/2025/chi-tieu/moi',
    `/quan-tri/chien-dich/chi-tieu/${target}/sua`,
    `/quan-tri/chien-dich/giai-doan/${phase}/sua`,
    '/quan-tri/chien-dich/ke-hoach/2025/thong-diep/moi',
    `/quan-tri/chien-dich/thong-diep/${message}/sua`,
    '/quan-tri/chien-dich/kenh',
    '/quan-tri/chien-dich/kenh/facebook/sua',
    `/quan-tri/chien-dich/nhiem-vu/${duty}/sua`,
    `/quan-tri/chien-dich/san-pham/${cid}/duyet`,
    `/quan-tri/chien-dich/san-pham/${cid}/tra-lai`,
    `/quan-tri/chien-dich/chi-tieu/${target}/xoa`,
    `/quan-tri/chien-dich/thong-diep/${message}/xoa`,
  ];
  for (const url of centerPosts) {
    assert.equal(await post(officerA, url), 403, `officer POST ${url}`);
    assert.equal(await post(viewer, url), 403, `viewer POST ${url}`);
  }
  assert.ok(await db.selectFrom('campaign_targets').select('id').where('id', '=', target).executeTakeFirst(), 'nothing deleted');
  // Empty forms: the Center is let through to validation (400), never refused.
  for (const url of centerPosts.slice(0, 10)) isIn(await post(editor, url), [400], `editor POST ${url}`);

  // Pages every staff member reads; lists are scoped for unit officers.
  for (const url of [
    '/quan-tri/chien-dich',
    '/quan-tri/chien-dich/kenh',
    '/quan-tri/chien-dich/hoat-dong',
    '/quan-tri/chien-dich/san-pham',
    '/quan-tri/chien-dich/lich?ngay=2025-03-20',
  ]) {
    assert.equal(await get(anon, url), 303, `anonymous ${url}`);
    for (const c of [officerA, officerB, viewer, editor]) assert.equal(await get(c, url), 200, url);
  }
  const listB = (await officerB.get('/quan-tri/chien-dich/hoat-dong')).$('main').text();
  assert.doesNotMatch(listB, /Hoạt động riêng của phường A/);
  assert.match((await officerA.get('/quan-tri/chien-dich/hoat-dong')).$('main').text(), /Hoạt động riêng của phường A/);
  assert.match((await viewer.get('/quan-tri/chien-dich/hoat-dong')).$('main').text(), /Hoạt động riêng của phường A/);
  assert.doesNotMatch((await officerB.get('/quan-tri/chien-dich/san-pham')).$('main').text(), /Sản phẩm riêng của phường A/);
  assert.match((await editor.get('/quan-tri/chien-dich/san-pham')).$('main').text(), /Sản phẩm riêng của phường A/);
  assert.doesNotMatch((await officerB.get('/quan-tri/chien-dich/lich?ngay=2025-03-20')).$('main').text(), /phường A/);

  // One unit's records: its officers and the Center; another commune's officer gets 403.
  for (const url of [
    `/quan-tri/chien-dich/hoat-dong/${actId}`,
    `/quan-tri/chien-dich/hoat-dong/${actId}/minh-chung/${eid}`,
    `/quan-tri/chien-dich/san-pham/${cid}`,
  ]) {
    assert.equal(await get(anon, url), 303, `anonymous ${url}`);
    assert.equal(await get(officerB, url), 403, `other officer ${url}`);
    for (const c of [officerA, viewer, editor]) assert.equal(await get(c, url), 200, url);
  }
  assert.equal(await get(officerA, `/quan-tri/chien-dich/hoat-dong/${actId}/sua`), 200);
  assert.equal(await get(officerB, `/quan-tri/chien-dich/hoat-dong/${actId}/sua`), 403);
  assert.equal(await get(viewer, `/quan-tri/chien-dich/hoat-dong/${actId}/sua`), 403);
  assert.equal(await get(editor, `/quan-tri/chien-dich/hoat-dong/${actId}/sua`), 200);
  assert.equal(await get(officerB, `/quan-tri/chien-dich/san-pham/${cid}/sua`), 403);
  assert.equal(await get(officerA, `/quan-tri/chien-dich/san-pham/${cid}/sua`), 409, 'published content is not edited');
  for (const url of [
    '/quan-tri/chien-dich/hoat-dong/moi',
    '/quan-tri/chien-dich/san-pham/moi',
    '/quan-tri/chien-dich/san-pham/nhap-luot-xem',
  ]) {
    assert.equal(await get(viewer, url), 403, `viewer ${url}`);
    for (const c of [officerA, editor]) assert.equal(await get(c, url), 200, url);
  }

  const unitPosts: Array<[string, Record<string, string>]> = [
    [`/quan-tri/chien-dich/hoat-dong/${actId}/sua`, {}],
    [`/quan-tri/chien-dich/hoat-dong/${actId}/trang-thai`, { status: 'done' }],
    [`/quan-tri/chien-dich/hoat-dong/${actId}/minh-chung`, { url: 'https://x.vn' }],
    [`/quan-tri/chien-dich/hoat-dong/${actId}/minh-chung/${eid}/xoa`, {}],
    [`/quan-tri/chien-dich/san-pham/${cid}/sua`, {}],
    [`/quan-tri/chien-dich/san-pham/${cid}/gui-duyet`, {}],
    [`/quan-tri/chien-dich/san-pham/${cid}/binh-luan`, { comment: 'x' }],
    [`/quan-tri/chien-dich/san-pham/${cid}/dang-tai`, {}],
    [`/quan-tri/chien-dich/san-pham/${cid}/dang-tai/${pid}`, { publishedOn: '2025-03-20', views: '1' }],
  ];
  for (const [url, form] of unitPosts) {
    assert.equal(await post(officerB, url, form), 403, `other officer POST ${url}`);
    assert.equal(await post(viewer, url, form), 403, `viewer POST ${url}`);
  }
  assert.equal(
    (
      await postMultipart(
        viewer,
        `/quan-tri/chien-dich/hoat-dong/${actId}/minh-chung/tep`,
        {},
        { filename: 'a.png', content: PNG },
      )
    ).statusCode,
    403,
  );
  assert.equal((await postMultipart(viewer, '/quan-tri/chien-dich/san-pham/nhap-luot-xem', {})).statusCode, 403);
  assert.equal(await post(viewer, '/quan-tri/chien-dich/hoat-dong/moi', { title: 'x' }), 403);
  assert.equal(await post(viewer, '/quan-tri/chien-dich/san-pham/moi', { title: 'x' }), 403);
  assert.equal(
    (await db.selectFrom('campaign_evidence').select('id').where('id', '=', eid).execute()).length,
    1,
    'evidence still there',
  );
  // The unit's own officer passes the guard (the service then answers for the record's state).
  isIn(
    await post(officerA, `/quan-tri/chien-dich/san-pham/${cid}/binh-luan`, { comment: 'Đã đăng trên fanpage' }),
    [303],
    'officer comment',
  );
  isIn(
    await post(officerA, `/quan-tri/chien-dich/san-pham/${cid}/dang-tai/${pid}`, { publishedOn: '2025-03-20', views: '90' }),
    [303],
    'officer reach',
  );
  isIn(await post(officerA, `/quan-tri/chien-dich/hoat-dong/${actId}/trang-thai`, { status: 'done' }), [303], 'officer status');

  // JSON: signed-in only; unit officers see their units' records only.
  for (const url of [
    '/api/v1/campaign/targets',
    '/api/v1/campaign/plans/2025',
    '/api/v1/campaign/activities',
    '/api/v1/campaign/content',
    '/api/v1/campaign/published-by-channel',
  ]) {
    const r = await anon.json('GET', url);
    assert.equal(r.statusCode, 401, url);
    assert.equal((r.json() as { error: { code: string } }).error.code, 'unauthenticated');
    assert.equal((await viewer.json('GET', url)).statusCode, 200, url);
  }
  const actsB = (await officerB.json('GET', '/api/v1/campaign/activities')).json() as { activities: Array<{ id: number }> };
  assert.ok(!actsB.activities.some((x) => x.id === actId));
  const actsA = (await officerA.json('GET', '/api/v1/campaign/activities')).json() as { activities: Array<{ id: number }> };
  assert.ok(actsA.activities.some((x) => x.id === actId));
  assert.deepEqual((await officerB.json('GET', '/api/v1/campaign/content')).json(), { content: [] });
  assert.deepEqual((await officerB.json('GET', '/api/v1/campaign/published-by-channel?from=2025-03&to=2025-03')).json(), {
    channels: [],
  });
  assert.deepEqual((await editor.json('GET', '/api/v1/campaign/published-by-channel?from=2025-03&to=2025-03')).json(), {
    channels: [{ channel: 'facebook', count: 1, views: 90 }],
  });
  assert.equal((await editor.json('GET', '/api/v1/campaign/published-by-channel?from=March')).statusCode, 400);
});
