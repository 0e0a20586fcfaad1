import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { assistantService } from './index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('POST /api/v1/assistant/ask answers with exactly the contract fields, and follow-ups keep the topic', async (t) => {
  const { client } = await buildTestApp(t);
  const c = client();
  const res = await c.json('POST', '/api/v1/assistant/ask', { question: 'cap lai cccd bi mat' });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.deepEqual(Object.keys(body).sort(), [
    'answer',
    'confidence',
    'conversationId',
    'sources',
    'steps',
    'suggestions',
    'topic',
  ]);
  assert.equal(body.topic, 'can-cuoc');
  assert.ok(body.confidence > 0.5 && body.confidence <= 1);
  assert.ok(body.steps.length >= 3);
  assert.deepEqual(body.sources[0], {
    topic: 'can-cuoc',
    title: 'Cấp, cấp đổi, cấp lại thẻ căn cước',
    url: '/huong-dan/can-cuoc',
  });
  assert.match(body.conversationId, UUID);

  const fee = await c.json('POST', '/api/v1/assistant/ask', {
    question: 'thế lệ phí bao nhiêu?',
    conversationId: body.conversationId,
  });
  assert.equal(fee.json().topic, 'can-cuoc');
  assert.match(fee.json().answer, /Lệ phí: .*đồng/);
  assert.equal(fee.json().conversationId, body.conversationId);
  const where = await c.json('POST', '/api/v1/assistant/ask', { question: 'nộp ở đâu?', conversationId: body.conversationId });
  assert.equal(where.json().topic, 'can-cuoc');
  assert.match(where.json().answer, /Công an/);

  // Without the conversation, the same follow-up asks which procedure is meant.
  const alone = await c.json('POST', '/api/v1/assistant/ask', { question: 'thế lệ phí bao nhiêu?' });
  assert.equal(alone.json().topic, null);
  assert.notEqual(alone.json().conversationId, body.conversationId);
});

test('an out-of-scope question is declined with the hotline, the one-stop desk and the feedback form', async (t) => {
  const { client } = await buildTestApp(t);
  const res = await client().json('POST', '/api/v1/assistant/ask', { question: 'thời tiết Hà Nội ngày mai thế nào?' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().topic, null);
  assert.match(res.json().answer, /024\.1022/);
  assert.match(res.json().answer, /Bộ phận một cửa/);
  assert.match(res.json().answer, /\/gop-y/);
});

test('the ask endpoint is callable from any site (CORS), needs no CSRF token, and rejects bad input as 4xx', async (t) => {
  const { app, client } = await buildTestApp(t);
  const pre = await app.inject({
    method: 'OPTIONS',
    url: '/api/v1/assistant/ask',
    headers: {
      origin: 'https://ubnd-phuong.example.vn',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
  assert.equal(pre.statusCode, 204);
  assert.equal(pre.headers['access-control-allow-origin'], '*');
  assert.match(String(pre.headers['access-control-allow-headers']), /content-type/);
  const res = await client().json(
    'POST',
    '/api/v1/assistant/ask',
    { question: 'lam khai sinh' },
    { origin: 'https://ubnd-phuong.example.vn' },
  );
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['access-control-allow-origin'], '*');
  for (const bad of [{}, { question: '' }, { question: 'x'.repeat(501) }, { question: 'ok', channel: 'Bad Channel!' }]) {
    const r = await client().json('POST', '/api/v1/assistant/ask', bad);
    assert.equal(r.statusCode, 400, JSON.stringify(bad));
    assert.deepEqual(Object.keys(r.json().error).sort(), ['code', 'message']);
    assert.equal(r.headers['access-control-allow-origin'], '*', 'errors are readable by the widget too');
  }
  // A made-up conversation id is never adopted: a new conversation starts.
  const forged = await client().json('POST', '/api/v1/assistant/ask', {
    question: 'lam khai sinh',
    conversationId: '11111111-1111-4111-8111-111111111111',
  });
  assert.notEqual(forged.json().conversationId, '11111111-1111-4111-8111-111111111111');
});

test('each IP has a per-minute limit on questions', async (t) => {
  const { client } = await buildTestApp(t, { RATE_LIMIT_SUBMIT_PER_MINUTE: '2' });
  const c = client();
  for (let i = 0; i < 2; i++)
    assert.equal((await c.json('POST', '/api/v1/assistant/ask', { question: 'khai sinh' })).statusCode, 200);
  const limited = await c.json('POST', '/api/v1/assistant/ask', { question: 'khai sinh' });
  assert.equal(limited.statusCode, 429);
  assert.equal(limited.json().error.code, 'rate_limited');
});

test('phone numbers, emails and ID numbers are removed before a question is stored', async (t) => {
  const { app, client } = await buildTestApp(t);
  const res = await client().json('POST', '/api/v1/assistant/ask', {
    question: 'Tôi quên mật khẩu VNeID, số tôi 0912 345 678, email an.nguyen@gmail.com, CCCD 001203004005',
  });
  assert.equal(res.json().topic, 'quen-mat-khau');
  await assistantService(app.deps).flush();
  const rows = await app.deps.db.selectFrom('assistant_messages').select(['question', 'reply']).execute();
  assert.equal(rows.length, 1);
  const stored = rows[0]!.question;
  assert.ok(!/0912|345 678|an\.nguyen|gmail|001203004005/.test(stored), stored);
  assert.match(stored, /\[số điện thoại đã ẩn\]/);
  assert.match(stored, /\[email đã ẩn\]/);
  assert.match(stored, /\[số giấy tờ đã ẩn\]/);
});

test('/tro-ly works without JavaScript: form post, answer page, conversation kept in a hidden field', async (t) => {
  const { client } = await buildTestApp(t);
  const c = client();
  const start = await c.get('/tro-ly');
  assert.equal(start.status, 200);
  assert.equal(start.$('h1').text(), 'Hỏi trợ lý dịch vụ công');
  assert.ok(start.$('form[action="/tro-ly"] textarea[name="question"]').length);
  assert.equal(start.$('label[for="question"]').length, 1);

  const post = await c.post('/tro-ly', { question: 'đăng ký khai sinh cho con' });
  assert.equal(post.statusCode, 303);
  const location = String(post.headers.location);
  assert.match(location, /^\/tro-ly\?hoi-thoai=[0-9a-f-]{36}#tra-loi-1$/);
  const page = await c.get(location.split('#')[0]!);
  assert.match(page.$('.chat-q').first().text(), /đăng ký khai sinh cho con/);
  assert.ok(page.$('.chat-a ol.steps-compact li').length >= 3, 'numbered steps');
  assert.ok(page.$('.chat-a a[href="/huong-dan/khai-sinh"]').length, 'link to the guide');
  const cid = page.$('form[action="/tro-ly"] input[name="conversationId"]').first().attr('value');
  assert.equal(cid, location.match(/hoi-thoai=([0-9a-f-]+)/)![1]);

  const next = await c.post('/tro-ly', { question: 'mất bao lâu?', conversationId: cid! });
  assert.equal(next.statusCode, 303);
  const page2 = await c.get(String(next.headers.location).split('#')[0]!);
  assert.equal(page2.$('.chat-q').length, 2);
  assert.match(page2.$('.chat-a').last().text(), /Thời gian giải quyết/);
  // Suggested follow-ups are buttons of a form that also carries the conversation.
  assert.ok(page2.$('form.chat-suggestions button[name="suggestion"]').length >= 1);

  const empty = await c.post('/tro-ly', { question: '   ', conversationId: cid! });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Hãy nhập câu hỏi của bạn/);
  const noCsrf = await c.post('/tro-ly', { question: 'khai sinh' }, { csrf: null });
  assert.equal(noCsrf.statusCode, 403);
});

test('back office: who may see the figures, the conversation log, the queue and the dictionary', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const anon = await client().get('/quan-tri/tro-ly');
  assert.equal(anon.status, 303);
  const viewer = await signIn('viewer');
  assert.equal((await viewer.get('/quan-tri/tro-ly')).status, 200);
  for (const url of ['/quan-tri/tro-ly/hoi-thoai', '/quan-tri/tro-ly/hang-cho', '/quan-tri/tro-ly/cum-tu', '/quan-tri/tu-dien']) {
    assert.equal((await viewer.get(url)).status, 403, `viewer ${url}`);
  }
  const unit = await app.deps.db.selectFrom('org_units').select('id').where('type', '=', 'commune').executeTakeFirstOrThrow();
  const officer = await signIn('unit_officer', { unitId: unit.id });
  assert.equal((await officer.get('/quan-tri/tro-ly')).status, 403);
  assert.equal((await officer.get('/quan-tri/tu-dien')).status, 403);
  const editor = await signIn('editor');
  for (const url of [
    '/quan-tri/tro-ly',
    '/quan-tri/tro-ly/hoi-thoai',
    '/quan-tri/tro-ly/hang-cho',
    '/quan-tri/tro-ly/cum-tu',
    '/quan-tri/tu-dien',
  ]) {
    assert.equal((await editor.get(url)).status, 200, `editor ${url}`);
  }
  const admin = await signIn('admin');
  assert.equal((await admin.get('/quan-tri/tu-dien')).status, 200);
  const home = await editor.get('/quan-tri');
  assert.ok(home.$('a[href="/quan-tri/tro-ly"]').length, 'admin navigation entry');
});

test('figures per day and channel, top topics, and a redacted conversation log', async (t) => {
  const { client, signIn } = await buildTestApp(t);
  const c = client();
  await c.json('POST', '/api/v1/assistant/ask', { question: 'lam the can cuoc', channel: 'widget' });
  await c.json('POST', '/api/v1/assistant/ask', { question: 'doi bang lai xe', channel: 'widget' });
  await c.json('POST', '/api/v1/assistant/ask', { question: 'giá vàng hôm nay', channel: 'widget' });
  await c.get('/tro-ly');
  await c.post('/tro-ly', { question: 'cấp lại căn cước, gọi tôi 0987654321' });
  const editor = await signIn('editor');
  const page = await editor.get('/quan-tri/tro-ly');
  const widgetRow = page.$('tbody tr').filter((_, el) => page.$(el).text().includes('Tiện ích nhúng'));
  assert.deepEqual(
    widgetRow
      .find('td.num')
      .map((_, el) => page.$(el).text())
      .get(),
    ['3', '2', '0', '1'],
    'questions, answered, clarified, declined',
  );
  assert.match(page.$('main').text(), /Cấp, cấp đổi, cấp lại thẻ căn cước/);
  const log = await editor.get('/quan-tri/tro-ly/hoi-thoai');
  const links = log
    .$('a[href^="/quan-tri/tro-ly/hoi-thoai/"]')
    .map((_, a) => log.$(a).attr('href'))
    .get();
  assert.equal(links.length, 4);
  const texts = await Promise.all(links.map(async (href) => (await editor.get(href)).$('main').text()));
  const all = texts.join('\n');
  assert.match(all, /cấp lại căn cước, gọi tôi \[số điện thoại đã ẩn\]/);
  assert.ok(!all.includes('0987654321'));
});

test('the queue: an editor adds an unanswered question to a topic in one step and the assistant knows it at once', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const question = 'xin cái triện đỏ lên tờ giấy chụp lại';
  const before = await client().json('POST', '/api/v1/assistant/ask', { question });
  assert.equal(before.json().topic, null);
  const editor = await signIn('editor');
  const queue = await editor.get('/quan-tri/tro-ly/hang-cho');
  const form = queue
    .$('form[action$="/them"]')
    .filter((_, f) => queue.$(f).find('input[name="phrase"]').attr('value') === question);
  assert.equal(form.length, 1, 'the question is in the queue');
  const action = form.attr('action')!;

  const bad = await editor.post(action, { topicId: 'khong-co', kind: 'alias', phrase: question });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Chọn chủ đề/);
  assert.equal(
    (await app.deps.db.selectFrom('assistant_phrases').select('id').execute()).length,
    0,
    'nothing stored on bad input',
  );

  await editor.get('/quan-tri/tro-ly/hang-cho');
  const ok = await editor.post(action, { topicId: 'chung-thuc', kind: 'alias', phrase: question });
  assert.equal(ok.statusCode, 303);
  const after = await client().json('POST', '/api/v1/assistant/ask', { question });
  assert.equal(after.json().topic, 'chung-thuc');
  const queue2 = await editor.get(String(ok.headers.location));
  assert.match(queue2.$('[role="status"]').text(), /Đã thêm/);
  assert.equal(queue2.$(`form[action="${action}"]`).length, 0, 'handled questions leave the queue');
  const audit = await app.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'assistant.phrase.add').execute();
  assert.equal(audit.length, 1);
  const phrases = await editor.get('/quan-tri/tro-ly/cum-tu');
  assert.match(phrases.$('table').text(), /xin cái triện đỏ/);

  // Dismissing removes a question from the queue without adding anything.
  await client().json('POST', '/api/v1/assistant/ask', { question: 'kết quả xổ số hôm qua' });
  const q3 = await editor.get('/quan-tri/tro-ly/hang-cho');
  const dismiss = q3.$('form[action$="/bo-qua"]').first().attr('action')!;
  assert.equal((await editor.post(dismiss, {})).statusCode, 303);
  const q4 = await editor.get('/quan-tri/tro-ly/hang-cho');
  assert.equal(q4.$(`form[action="${dismiss}"]`).length, 0);

  // A viewer cannot add.
  const viewer = await signIn('viewer');
  await viewer.get('/quan-tri/tro-ly');
  assert.equal((await viewer.post(action, { topicId: 'chung-thuc', kind: 'alias', phrase: 'abc' })).statusCode, 403);
});

test('the dictionary: an editor adds an abbreviation, search and the assistant understand it at once', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const before = await client().json('GET', '/api/v1/search?q=qqcc');
  assert.deepEqual(before.json().results, []);
  const editor = await signIn('editor');
  await editor.get('/quan-tri/tu-dien');
  const bad = await editor.post('/quan-tri/tu-dien', { term: '', expansion: '', kind: 'abbreviation' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /error-summary/);
  const ok = await editor.post('/quan-tri/tu-dien', { term: 'QQCC', expansion: 'căn cước công dân', kind: 'abbreviation' });
  assert.equal(ok.statusCode, 303);
  const search = await client().json('GET', '/api/v1/search?q=cap%20lai%20qqcc');
  assert.equal(search.json().results[0]?.topic, 'can-cuoc');
  // The same search as before the entry is not answered from the search cache.
  const again = await client().json('GET', '/api/v1/search?q=qqcc');
  assert.equal(again.json().results[0]?.topic, 'can-cuoc');
  const ask = await client().json('POST', '/api/v1/assistant/ask', { question: 'cap lai qqcc bi mat' });
  assert.equal(ask.json().topic, 'can-cuoc');
  await editor.get('/quan-tri/tu-dien');
  const dup = await editor.post('/quan-tri/tu-dien', { term: 'qqcc', expansion: 'khác', kind: 'synonym' });
  assert.equal(dup.statusCode, 400);
  assert.match(dup.body, /đã có mục/);
  const row = await app.deps.db.selectFrom('text_terms').selectAll().where('term', '=', 'qqcc').executeTakeFirstOrThrow();
  assert.equal(row.created_by, editor.userId);
  const list = await editor.get('/quan-tri/tu-dien');
  assert.ok(list.$(`form[action="/quan-tri/tu-dien/${row.id}/xoa"]`).length, 'a delete button per entry');
  assert.equal((await editor.post(`/quan-tri/tu-dien/${row.id}/xoa`, {})).statusCode, 303);
  const gone = await client().json('POST', '/api/v1/assistant/ask', { question: 'cap lai qqcc bi mat' });
  assert.notEqual(gone.json().topic, 'can-cuoc');
  const audit = await app.deps.db.selectFrom('audit_log').select('action').where('entity', '=', 'text_term').execute();
  assert.deepEqual(audit.map((a) => a.action).sort(), ['text_term.add', 'text_term.delete']);
});

test('the widget script is served to other sites, small, without framework, accessible', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ url: '/static/js/widget.js', headers: { 'accept-encoding': 'gzip' } });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin');
  assert.ok(res.rawPayload.length <= 15 * 1024, `${res.rawPayload.length} bytes compressed`);
  const raw = await app.inject({ url: '/static/js/widget.js' });
  for (const needle of ['attachShadow', "'aria-live': 'polite'", 'Escape', '/api/v1/assistant/ask', '024.1022']) {
    assert.ok(raw.body.includes(needle), needle);
  }
  assert.ok(!/innerHTML/.test(raw.body), 'answers are inserted as text, never as HTML');
});

test('a conversation pushed out of memory by 20,000 newer ones still continues, by id and by channel user', async (t) => {
  const { app } = await buildTestApp(t);
  const service = assistantService(app.deps);
  const byId = await service.ask({ question: 'đăng ký khai sinh cho con', channel: 'web' });
  const byKey = await service.ask({ question: 'làm lại căn cước bị mất', channel: 'zalo', externalKey: 'k-zalo-1' });
  assert.equal(byId.topic, 'khai-sinh');
  assert.equal(byKey.topic, 'can-cuoc');
  for (let i = 0; i < 20_050; i++) await service.ask({ question: 'đăng ký tạm trú', channel: 'web' });
  await service.flush(); // writes the log, then forgets the oldest conversations

  const again = await service.ask({ question: 'nộp ở đâu?', conversationId: byId.conversationId });
  assert.equal(again.conversationId, byId.conversationId);
  assert.equal(again.topic, 'khai-sinh', 'the topic in play is read back from the database');
  assert.equal(again.turn, 2);
  const zalo = await service.ask({ question: 'lệ phí bao nhiêu?', channel: 'zalo', externalKey: 'k-zalo-1' });
  assert.equal(zalo.conversationId, byKey.conversationId, 'the same Zalo user continues the same conversation');
  assert.equal(zalo.topic, 'can-cuoc');
});
