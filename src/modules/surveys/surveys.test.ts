import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../test/helpers/build-app.js';

async function responses(app: FastifyInstance, slug: string) {
  return app.deps.db
    .selectFrom('survey_responses as r')
    .innerJoin('surveys as s', 's.id', 'r.survey_id')
    .select(['r.id', 'r.source', 'r.unit_id', 'r.audience_id', 'r.contact', 'r.lang', 'r.channel'])
    .where('s.slug', '=', slug)
    .orderBy('r.id')
    .execute();
}

async function answersOf(app: FastifyInstance, responseId: number) {
  const rows = await app.deps.db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .select(['q.qkey', 'a.value'])
    .where('a.response_id', '=', responseId)
    .orderBy('q.position')
    .orderBy('a.value')
    .execute();
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.qkey] ??= []).push(r.value);
  return out;
}

test('the preloaded "Bạn đã biết..." survey is one page that works without JavaScript; skipped questions are ignored', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  const list = await c.get('/khao-sat');
  assert.equal(list.status, 200);
  assert.ok(list.$('a[href="/khao-sat/ban-da-biet-dvctt"]').length, 'listed');
  assert.ok(list.$('a[href="/khao-sat/hai-long-dvctt"]').length, 'satisfaction survey listed');

  const page = await c.get('/khao-sat/ban-da-biet-dvctt?nguon=to-roi-mot-cua');
  assert.equal(page.status, 200);
  assert.equal(page.$('h1').text(), 'Bạn đã biết sử dụng dịch vụ công trực tuyến chưa?');
  // Every question is on the page, with labels; the skip rule is written out for people without JavaScript.
  for (const k of ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8']) assert.ok(page.$(`#${k}`).length, `field ${k}`);
  assert.ok(page.$('label[for="q1-3"]').text().includes('Chưa'));
  assert.match(page.$('.skip-hints').first().text(), /Nếu bạn chọn “Chưa”, hãy bỏ qua đến câu 4/);
  assert.equal(page.$('#q7 option').length, 127, '126 communes + the empty choice');
  assert.equal(page.$('input[name="nguon"]').val(), 'to-roi-mot-cua');
  assert.ok(page.$('input[name="website"]').length, 'honeypot present');
  assert.ok(page.html.includes('Tôi đồng ý'), 'contact only with consent text');

  // "Chưa" skips q2-q3 (q3 is required, but skipped): their answers are dropped.
  const res = await c.post('/khao-sat/ban-da-biet-dvctt', {
    _nonce: String(page.$('input[name="_nonce"]').val()),
    nguon: 'to-roi-mot-cua',
    q1: '3',
    q2: ['1'],
    q3: '5',
    q4: ['2', '4'],
    q6: 'nguoi-cao-tuoi',
    q7: '00004',
    q8: 'Con tôi số 0912345678 giúp',
  });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/khao-sat/ban-da-biet-dvctt/cam-on');
  const thanks = await c.get(String(res.headers.location));
  assert.match(thanks.$('h1').text(), /Cảm ơn/);
  const [r] = await responses(app, 'ban-da-biet-dvctt');
  assert.ok(r);
  assert.equal(r.source, 'to-roi-mot-cua');
  assert.equal(r.audience_id, 'nguoi-cao-tuoi');
  assert.equal(r.contact, null);
  assert.ok(r.unit_id, 'unit from the commune answer');
  assert.deepEqual(await answersOf(app, Number(r.id)), {
    q1: ['3'],
    q4: ['2', '4'],
    q6: ['nguoi-cao-tuoi'],
    q7: ['00004'],
    q8: ['Con tôi số [số điện thoại đã ẩn] giúp'],
  });
});

test('a missing required answer re-renders the form with an error summary (400) and stores nothing', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  await c.get('/khao-sat/ban-da-biet-dvctt');
  const res = await c.post('/khao-sat/ban-da-biet-dvctt', { q1: '1', q2: ['1'], q8: '<b>xin chào</b>' });
  assert.equal(res.statusCode, 400);
  const html = res.body;
  assert.match(html, /Vui lòng sửa các lỗi sau/);
  assert.match(html, /Vui lòng trả lời câu 3/);
  assert.match(html, /không gửi mã HTML/);
  assert.ok(html.includes('href="#q3"'), 'summary links to the field');
  assert.ok(html.includes('id="q1" name="q1" value="1" checked'), 'answers are kept');
  assert.equal((await responses(app, 'ban-da-biet-dvctt')).length, 0);
});

test('one response per browser: a second submission is refused (409); another browser can answer', async (t) => {
  const { app, client } = await buildTestApp(t);
  const first = client();
  await first.get('/khao-sat/hai-long-dvctt');
  const ok = await first.post('/khao-sat/hai-long-dvctt', { q1: '2', q8: 'nguoi-dan' });
  assert.equal(ok.statusCode, 303);
  const cookie = ok.cookies.find((k) => k.name === 'dvc_khao_sat');
  assert.ok(cookie, 'signed cookie set');
  assert.equal(cookie.httpOnly, true);
  assert.match(cookie.value, /^\d+\..+/, 'value carries a signature');

  const again = await first.get('/khao-sat/hai-long-dvctt');
  assert.match(again.html, /Bạn đã trả lời khảo sát này/);
  assert.equal(again.$('form.survey-form').length, 0);
  const second = await first.post('/khao-sat/hai-long-dvctt', { q1: '2', q8: 'nguoi-dan' });
  assert.equal(second.statusCode, 409);
  assert.equal((await responses(app, 'hai-long-dvctt')).length, 1);

  // A forged cookie is ignored (not trusted), so it cannot block or unblock anyone.
  const forged = client();
  await forged.get('/khao-sat/hai-long-dvctt');
  const res = await app.inject({
    method: 'GET',
    url: '/khao-sat/hai-long-dvctt',
    headers: { cookie: `dvc_khao_sat=${encodeURIComponent('1.2.3')}` },
  });
  assert.doesNotMatch(res.body, /Bạn đã trả lời khảo sát này/);

  const other = client();
  await other.get('/khao-sat/hai-long-dvctt');
  assert.equal((await other.post('/khao-sat/hai-long-dvctt', { q1: '2' })).statusCode, 303);
  assert.equal((await responses(app, 'hai-long-dvctt')).length, 2);
});

test('a double click (same one-time token) stores one response', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  const page = await c.get('/khao-sat/hai-long-dvctt');
  const nonce = String(page.$('input[name="_nonce"]').val());
  const cookie = c.cookieHeader();
  const csrf = c.csrf;
  const send = () =>
    app.inject({
      method: 'POST',
      url: '/khao-sat/hai-long-dvctt',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, _nonce: nonce, q1: '2' }).toString(),
    });
  const [a, b] = await Promise.all([send(), send()]);
  assert.equal(a.statusCode, 303);
  assert.equal(b.statusCode, 303);
  const late = await send();
  assert.equal(late.statusCode, 303, 'a late retry with the old cookie is also just thanked');
  assert.equal((await responses(app, 'hai-long-dvctt')).length, 1);
});

test('the honeypot field: a bot is thanked but nothing is stored', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  await c.get('/khao-sat/hai-long-dvctt');
  const res = await c.post('/khao-sat/hai-long-dvctt', { q1: '2', website: 'http://spam.example' });
  assert.equal(res.statusCode, 303);
  assert.equal((await responses(app, 'hai-long-dvctt')).length, 0);
});

test('contact is stored only with explicit consent', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  await c.get('/khao-sat/ban-da-biet-dvctt');
  const refused = await c.post('/khao-sat/ban-da-biet-dvctt', { q1: '3', 'lien-he': '0912345678' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /đánh dấu ô đồng ý/);
  assert.equal((await responses(app, 'ban-da-biet-dvctt')).length, 0);
  const ok = await c.post('/khao-sat/ban-da-biet-dvctt', { q1: '3', 'lien-he': '0912345678', 'dong-y': '1' });
  assert.equal(ok.statusCode, 303);
  assert.equal((await responses(app, 'ban-da-biet-dvctt'))[0]?.contact, '0912345678');
  // The satisfaction survey does not offer a contact field at all.
  const c2 = client();
  const page = await c2.get('/khao-sat/hai-long-dvctt');
  assert.equal(page.$('#lien-he').length, 0);
  const no = await c2.post('/khao-sat/hai-long-dvctt', { q1: '2', 'lien-he': 'a@b.vn', 'dong-y': '1' });
  assert.equal(no.statusCode, 400);
});

test('English: ?lang=en shows the English texts and stores the language', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  const page = await c.get('/khao-sat/hai-long-dvctt?lang=en');
  assert.equal(page.$('h1').text(), 'Satisfaction survey on online public services');
  assert.equal(page.$('main > div[lang="en"]').length, 1);
  assert.ok(page.$('label[for="q2-4"]').text().includes('Satisfied'));
  const bad = await c.post('/khao-sat/hai-long-dvctt', { lang: 'en', q1: '1' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Please answer question 2/);
  const ok = await c.post('/khao-sat/hai-long-dvctt', {
    lang: 'en',
    q1: '1',
    q2: '4',
    q3: '4',
    q4: '5',
    q5: '3',
    q6: '4',
    q7: '10',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/khao-sat/hai-long-dvctt/cam-on?lang=en');
  assert.equal((await responses(app, 'hai-long-dvctt'))[0]?.lang, 'en');
});

test('closed, not yet started and draft surveys accept nothing; drafts are hidden from the public', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const db = app.deps.db;
  const c = client();
  await c.get('/khao-sat/hai-long-dvctt'); // a form page, for the CSRF token a browser would have
  await db.updateTable('surveys').set({ status: 'closed' }).where('slug', '=', 'hai-long-dvctt').execute();
  await db.updateTable('surveys').set({ status: 'draft' }).where('slug', '=', 'ban-da-biet-dvctt').execute();
  const closed = await c.get('/khao-sat/hai-long-dvctt');
  assert.equal(closed.status, 200);
  assert.match(closed.html, /đã kết thúc/);
  assert.equal(closed.$('form.survey-form').length, 0);
  const post = await c.post('/khao-sat/hai-long-dvctt', { q1: '2' });
  assert.equal(post.statusCode, 409);
  assert.equal((await c.get('/khao-sat/ban-da-biet-dvctt')).status, 404);
  const editor = await signIn('editor');
  const preview = await editor.get('/khao-sat/ban-da-biet-dvctt');
  assert.equal(preview.status, 200);
  assert.match(preview.html, /Bản xem trước/);
  assert.equal(preview.$('form.survey-form button[type="submit"]').length, 0);

  await db.updateTable('surveys').set({ status: 'open', starts_on: '2999-01-01' }).where('slug', '=', 'hai-long-dvctt').execute();
  await new Promise((r) => setTimeout(r, 2100)); // the submission path caches definitions for 2 s
  assert.match((await c.get('/khao-sat/hai-long-dvctt')).html, /bắt đầu từ ngày 01\/01\/2999/);
  assert.equal((await c.post('/khao-sat/hai-long-dvctt', { q1: '2' })).statusCode, 409);
  assert.equal((await responses(app, 'hai-long-dvctt')).length, 0);
  assert.equal((await c.get('/khao-sat/khong-co-khao-sat-nay')).status, 404);
});

test('stored text is always shown escaped on the results pages', async (t) => {
  const { app, signIn } = await buildTestApp(t);
  const api = await app.inject({
    method: 'POST',
    url: '/api/v1/surveys/hai-long-dvctt/responses',
    payload: { answers: { q1: '2', q10: 'Tôi thấy 3 < 5 & "ổn"' } },
  });
  assert.equal(api.statusCode, 201);
  const editor = await signIn('editor');
  const page = await editor.get('/quan-tri/khao-sat/2/ket-qua');
  assert.ok(page.html.includes('Tôi thấy 3 &lt; 5 &amp; &quot;ổn&quot;'));
  assert.equal(page.$('.survey-texts li').text().includes('3 < 5 & "ổn"'), true);
});
