import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { test } from 'node:test';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { readStarterGuides, readTopicsFile } from './index.js';

test('every topic has a starter guide with steps, sources for facts and a checked date', () => {
  const topics = readTopicsFile();
  const guides = readStarterGuides();
  assert.deepEqual(guides.map((g) => g.id).sort(), topics.map((t) => t.id).sort(), 'one guide per topic in content/topics.json');
  for (const g of guides) {
    assert.ok(g.steps.length >= 3, `${g.id}: at least 3 steps`);
    assert.ok(g.summary.length > 40, `${g.id}: a real summary`);
    assert.match(g.checkedOn, /^\d{4}-\d{2}-\d{2}$/);
    for (const p of g.procedureCodes) assert.ok(p.sources.length > 0, `${g.id}: code ${p.code} has a source`);
    // A fee stated as an amount must cite a source; otherwise the text must say where to check.
    if (/\d[\d.]*\s*(đ|đồng|vnđ)/i.test(g.fee.text)) assert.ok(g.fee.sources.length > 0, `${g.id}: fee amount without a source`);
  }
});

test('a guide page shows numbered steps, facts with sources, related guides and the helpful form', async (t) => {
  const { client } = await buildTestApp(t);
  const page = await client().get('/huong-dan/khai-sinh');
  assert.equal(page.status, 200);
  assert.match(page.$('h1').text(), /khai sinh/i);
  assert.ok(page.$('ol.steps > li').length >= 3, 'numbered steps');
  assert.match(page.$('ol.steps > li').first().text(), /Bước 1/);
  assert.equal(page.$('#huu-ich').text(), 'Trang này có hữu ích không?');
  const vote = page.$('form[action="/huong-dan/khai-sinh/danh-gia"]');
  assert.equal(vote.attr('method'), 'get', 'the vote starts with a GET form: the page holds no per-visitor token');
  assert.equal(vote.find('button[name="helpful"]').length, 2);
  assert.ok(page.$('#lien-quan').length, 'related guides');
  assert.match(page.$('.sources').text(), /kiểm tra ngày \d{2}\/\d{2}\/\d{4}/);
  assert.match(String(page.res.headers['content-security-policy']), /default-src 'self'/);
});

test('a guide page is the same bytes for every visitor, sets no cookie, and is sent compressed when the browser asks', async (t) => {
  const { client } = await buildTestApp(t);
  const a = await client().get('/huong-dan/khai-sinh');
  const b = await client().get('/huong-dan/khai-sinh');
  assert.equal(a.html, b.html, 'identical for two visitors');
  assert.equal(a.res.headers['set-cookie'], undefined, 'reading a guide sets no cookie');
  for (const [accept, encoding, decode] of [
    ['gzip, deflate, br', 'br', zlib.brotliDecompressSync],
    ['gzip', 'gzip', zlib.gunzipSync],
    ['br;q=0, gzip;q=1', 'gzip', zlib.gunzipSync],
  ] as const) {
    const res = await client().app.inject({ method: 'GET', url: '/huong-dan/khai-sinh', headers: { 'accept-encoding': accept } });
    assert.equal(res.headers['content-encoding'], encoding, accept);
    assert.match(String(res.headers.vary), /accept-encoding/i);
    assert.ok(res.rawPayload.length < Buffer.byteLength(a.html) / 2, `${encoding}: ${res.rawPayload.length} bytes`);
    assert.equal(decode(res.rawPayload).toString(), a.html, `${encoding} holds the same page`);
  }
  // Large text is another cached page, not the same bytes.
  const large = await client().get('/huong-dan/khai-sinh', { cookie: 'hien-thi=lt' });
  assert.equal(large.$('html').attr('class'), 'lt');

  // A browser that already has this page (any encoding) is told so in a few bytes; the large-text page is another.
  const tag = String(a.res.headers.etag);
  assert.match(tag, /^W\/".+"$/);
  assert.equal(a.res.headers['cache-control'], 'no-cache', 'checked again on every visit, so a publish shows at once');
  const again = await client().app.inject({
    method: 'GET',
    url: '/huong-dan/khai-sinh',
    headers: { 'if-none-match': tag, 'accept-encoding': 'br' },
  });
  assert.equal(again.statusCode, 304);
  assert.equal(again.rawPayload.length, 0);
  assert.notEqual(large.res.headers.etag, tag);
  const largeAgain = await client().app.inject({
    method: 'GET',
    url: '/huong-dan/khai-sinh',
    headers: { 'if-none-match': tag, cookie: 'hien-thi=lt' },
  });
  assert.equal(largeAgain.statusCode, 200, 'switching to large text is never answered from the old copy');
});

test('an unknown guide is a friendly 404 page; the API answers the error shape', async (t) => {
  const { client } = await buildTestApp(t);
  const page = await client().get('/huong-dan/khong-co');
  assert.equal(page.status, 404);
  assert.match(page.$('h1').text(), /Không tìm thấy/);
  const api = await client().json('GET', '/api/v1/guides/khong-co');
  assert.equal(api.statusCode, 404);
  assert.deepEqual(Object.keys(api.json().error).sort(), ['code', 'message']);
  assert.equal(api.json().error.code, 'not_found');
});

test('"Was this helpful?" votes and comments are stored (personal data removed) and counted in the back office', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const c = client();
  // Step 2: the choice made on the guide page is pre-selected, with a comment box and a POST form.
  const step2 = await c.get('/huong-dan/can-cuoc/danh-gia?helpful=0');
  assert.equal(step2.status, 200);
  assert.equal(step2.$('input[name="helpful"][value="0"]').attr('checked'), 'checked');
  assert.equal(step2.$('input[name="helpful"][value="1"]').attr('checked'), undefined);
  assert.equal(step2.$('form[method="post"] textarea[name="comment"]').length, 1);
  const res = await c.post('/huong-dan/can-cuoc/danh-gia', { helpful: '0', comment: 'Khó hiểu quá, gọi tôi 0912345678' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/huong-dan/can-cuoc?cam-on=1#huu-ich');
  const thanks = await c.get('/huong-dan/can-cuoc?cam-on=1');
  assert.match(thanks.$('[role="status"]').text(), /Cảm ơn/);
  await c.post('/huong-dan/can-cuoc/danh-gia', { helpful: '1' });
  const rows = await app.deps.db.selectFrom('guide_feedback').selectAll().where('topic_id', '=', 'can-cuoc').execute();
  assert.equal(rows.length, 2);
  assert.ok(!rows.some((r) => r.comment?.includes('0912345678')), 'phone number never stored');

  const editor = await signIn('editor');
  const list = await editor.get('/quan-tri/huong-dan');
  const row = list.$('tr').filter((_, el) => list.$(el).text().includes(list.$('a[href="/quan-tri/huong-dan/can-cuoc"]').text()));
  const cells = row
    .find('td.num')
    .map((_, el) => list.$(el).text())
    .get();
  assert.deepEqual(cells.slice(1), ['1', '1', '1'], 'helpful yes / no / comments');

  const bad = await c.post('/huong-dan/can-cuoc/danh-gia', { helpful: 'maybe', comment: 'Chưa rõ bước 2' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /class="error-summary"[^]*Hãy chọn/, 'a clear message on the same form');
  assert.match(bad.body, /<textarea[^>]*name="comment"[^>]*>Chưa rõ bước 2<\/textarea>/, 'the comment typed is kept');
  const none = await c.post('/huong-dan/can-cuoc/danh-gia', { comment: 'x' });
  assert.equal(none.statusCode, 400);
  assert.equal((await c.get('/huong-dan/khong-co/danh-gia?helpful=1')).status, 404);
  assert.equal((await app.deps.db.selectFrom('guide_feedback').select('id').execute()).length, 2, 'bad input stores nothing');
});

test('search understands no diacritics, abbreviations and common names', async (t) => {
  const { client } = await buildTestApp(t);
  const cases: Array<[string, string]> = [
    ['dang ky khai sinh', 'khai-sinh'],
    ['Đăng ký khai sinh', 'khai-sinh'],
    ['cccd', 'can-cuoc'],
    ['gplx', 'doi-gplx'],
    ['bhxh tu nguyen', 'bhyt-bhxh-ca-nhan'],
    ['so do', 'dat-dai'],
    ['tạm trú', 'tam-tru'],
  ];
  for (const [q, topic] of cases) {
    const res = await client().json('GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
    assert.equal(res.statusCode, 200);
    assert.equal(
      res.json().results[0]?.topic,
      topic,
      `"${q}" should find ${topic}, got ${JSON.stringify(res.json().results.map((r: { topic: string }) => r.topic))}`,
    );
  }
  const page = await client().get('/tim-kiem?q=lam%20can%20cuoc');
  assert.equal(page.$('ol.results > li a').first().attr('href'), '/huong-dan/can-cuoc');
});

test('a search with no result suggests what to do next', async (t) => {
  const { client } = await buildTestApp(t);
  const res = await client().json('GET', '/api/v1/search?q=qwertyuiop');
  assert.deepEqual(res.json().results, []);
  assert.ok(res.json().suggestions.length >= 3, 'popular guides suggested');
  const page = await client().get('/tim-kiem?q=qwertyuiop');
  assert.match(page.$('.no-results h2').text(), /Chưa tìm thấy/);
  assert.ok(page.$('#xem-nhieu').length, 'popular guides listed');
  const empty = await client().json('GET', '/api/v1/search?q=');
  assert.equal(empty.statusCode, 400);
});

test('guides are listed by audience and segment; the home page has the main message and entry by audience', async (t) => {
  const { client } = await buildTestApp(t);
  const home = await client().get('/');
  assert.match(home.html, /Hành chính thông minh - Tận tâm phục vụ/);
  assert.ok(home.$('form[role="search"][action="/tim-kiem"]').length);
  for (const label of ['Người dân', 'Doanh nghiệp', 'Cán bộ, công chức'])
    assert.match(home.$('#ban-la-ai').parent().text(), new RegExp(label));
  assert.ok(home.$('#xem-nhieu').parent().find('li.card').length >= 3);
  const biz = await client().get('/huong-dan?doi-tuong=doanh-nghiep');
  const links = biz
    .$('li.card a')
    .map((_, a) => biz.$(a).attr('href'))
    .get();
  assert.ok(links.includes('/huong-dan/thanh-lap-doanh-nghiep'));
  assert.ok(!links.includes('/huong-dan/khai-sinh'));
});

test('large text and high contrast work without JavaScript through a cookie', async (t) => {
  const { client } = await buildTestApp(t);
  const c = client();
  await c.get('/hien-thi?quay-lai=/huong-dan/khai-sinh');
  const res = await c.post('/hien-thi', { prefs: ['lt', 'hc'], back: '/huong-dan/khai-sinh' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/huong-dan/khai-sinh');
  const page = await c.get('/huong-dan/khai-sinh');
  assert.equal(page.$('html').attr('class'), 'lt hc');
  const evil = await c.post('/hien-thi', { prefs: 'lt', back: 'https://evil.example/' });
  assert.equal(evil.headers.location, '/', 'no open redirect');
});

test('editing: draft -> review -> published by a second person, with history, diff and audit log', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const author = await signIn('editor');
  const reviewer = await signIn('editor');

  await author.get('/quan-tri/huong-dan/ket-hon');
  const draft = await author.post('/quan-tri/huong-dan/ket-hon/ban-nhap', {});
  assert.equal(draft.statusCode, 303);
  const editUrl = String(draft.headers.location);
  assert.match(editUrl, /\/phien-ban\/\d+\/sua$/);
  const form = await author.get(editUrl);
  const fields: Record<string, string | string[]> = {};
  form
    .$(
      'form[action$="/luu"] input[type="text"], form[action$="/luu"] input[type="url"], form[action$="/luu"] input[type="date"], form[action$="/luu"] textarea',
    )
    .each((_, el) => {
      const name = form.$(el).attr('name')!;
      fields[name] = el.tagName === 'textarea' ? form.$(el).text() : (form.$(el).attr('value') ?? '');
    });
  for (const group of ['audiences', 'segments', 'related']) {
    fields[group] = form
      .$(`input[name="${group}"]:checked`)
      .map((_, el) => form.$(el).attr('value')!)
      .get();
  }
  const action = form.$('form[action$="/luu"]').attr('action')!;

  // A bad edit is refused with a message by the field, and nothing changes.
  const bad = await author.post(action, { ...fields, feeSources: 's99' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Lệ phí dẫn nguồn chưa có/);

  const newSummary = `${fields.summary} Cập nhật thử nghiệm.`;
  const saved = await author.post(action, { ...fields, summary: newSummary });
  assert.equal(saved.statusCode, 303);
  const vid = Number(/phien-ban\/(\d+)/.exec(action)![1]);
  await author.get('/quan-tri/huong-dan/ket-hon');
  assert.equal((await author.post(`/quan-tri/huong-dan/ket-hon/phien-ban/${vid}/gui-duyet`, {})).statusCode, 303);

  // The public page still shows the old text until a second person publishes.
  const before = await client().get('/huong-dan/ket-hon');
  assert.ok(!before.html.includes('Cập nhật thử nghiệm.'));
  const oldTag = String(before.res.headers.etag);
  await author.get('/quan-tri/huong-dan/ket-hon');
  const selfPublish = await author.post(`/quan-tri/huong-dan/ket-hon/phien-ban/${vid}/xuat-ban`, {});
  assert.equal(selfPublish.statusCode, 403, 'the author cannot publish their own change');

  await reviewer.get('/quan-tri/huong-dan/ket-hon');
  assert.equal((await reviewer.post(`/quan-tri/huong-dan/ket-hon/phien-ban/${vid}/xuat-ban`, {})).statusCode, 303);
  assert.ok((await client().get('/huong-dan/ket-hon')).html.includes('Cập nhật thử nghiệm.'), 'published');
  // A browser holding the old page is sent the new one, not told its copy is still good.
  const revalidated = await app.inject({ method: 'GET', url: '/huong-dan/ket-hon', headers: { 'if-none-match': oldTag } });
  assert.equal(revalidated.statusCode, 200);
  assert.notEqual(revalidated.headers.etag, oldTag);
  assert.match(revalidated.body, /Cập nhật thử nghiệm/);

  const diff = await reviewer.get(`/quan-tri/huong-dan/ket-hon/phien-ban/${vid}/so-sanh`);
  assert.match(diff.$('pre.diff ins').text(), /Cập nhật thử nghiệm/);
  const history = await reviewer.get('/quan-tri/huong-dan/ket-hon');
  assert.match(history.$('table').text(), /Đang xuất bản/);
  assert.match(history.$('table').text(), /Đã thay thế/);
  const actions = (
    await app.deps.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_id', '=', 'ket-hon').execute()
  ).map((r) => `${r.action}:${r.actor_id === author.userId ? 'author' : 'reviewer'}`);
  assert.deepEqual(actions, ['guide.draft:author', 'guide.edit:author', 'guide.submit:author', 'guide.publish:reviewer']);
});
