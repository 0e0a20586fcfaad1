import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { COMMUNE, countItems, itemOf, submitApi, unitIdOf } from '../../../test/feedback/helpers.js';
import { feedbackService } from './feedback.service.js';
import { createFeedback } from './index.js';
import { addWorkingDays, vnDate } from './working-days.js';

test('the /gop-y form works without an account: tracking code, private link, lookup by code', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  const form = await c.get('/gop-y');
  assert.equal(form.status, 200);
  assert.ok(form.$('textarea#content').length, 'content field');
  assert.equal(form.$('.hp').attr('aria-hidden'), 'true', 'honeypot hidden from assistive technology');
  assert.equal(form.$('#website').attr('tabindex'), '-1', 'honeypot out of the tab order');
  const res = await c.post('/gop-y', {
    content: 'Tôi nộp hồ sơ đăng ký khai sinh cho con đã 20 ngày mà chưa có kết quả.',
    topic: 'khai-sinh',
    commune: COMMUNE,
    'ma-gui': String(form.$('input[name="ma-gui"]').val()),
  });
  assert.equal(res.statusCode, 303);
  const m = /^\/gop-y\/da-gui\?ma=(PA-\d{4}-[2-9A-HJ-NP-Z]{6})&k=([\w-]{24})$/.exec(String(res.headers.location));
  assert.ok(m, `redirect to the thank-you page: ${res.headers.location}`);
  const code = m[1]!;
  assert.doesNotMatch(code.slice(8), /[01OI]/, 'no ambiguous characters');
  const thanks = await c.get(String(res.headers.location));
  assert.equal(thanks.status, 200);
  assert.match(thanks.$('.code-big').text(), new RegExp(code));
  const followHref = thanks.$('.url a').attr('href')!;
  assert.match(followHref, new RegExp(`/gop-y/theo-doi/${code}\\?k=`));

  const item = await itemOf(app, code);
  assert.equal(item.channel, 'web');
  assert.equal(item.status, 'new');
  assert.equal(item.unit_id, await unitIdOf(app, COMMUNE), 'civil status goes to the commune chosen');
  const days = await app.deps.db.selectFrom('feedback_calendar').selectAll().execute();
  const cal = {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date)),
  };
  assert.equal(item.received_on, vnDate(item.received_at));
  assert.equal(item.deadline_on, addWorkingDays(item.received_on, 15, cal), '15 working days (Decision 766)');

  // Without the token, the thank-you page does not open.
  assert.equal((await c.get(`/gop-y/da-gui?ma=${code}&k=${'x'.repeat(24)}`)).status, 404);

  const lookup = await client().get(`/gop-y/tra-cuu?ma=${code.toLowerCase()}`);
  assert.equal(lookup.status, 200);
  assert.match(lookup.$('h1').text(), new RegExp(code));
  assert.match(lookup.$('.facts-list').text(), /Mới/);
  const missing = await client().get('/gop-y/tra-cuu?ma=PA-2026-ZZZZZZ');
  assert.equal(missing.status, 404);
  assert.match(missing.$('.error-summary').text(), /Không tìm thấy/);
});

test('a double-submitted form (same form token) stores one item; the honeypot stores nothing', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  const form = await c.get('/gop-y');
  const fields = {
    content: 'Trang dịch vụ công báo lỗi khi tôi tải giấy tờ lên.',
    'ma-gui': String(form.$('input[name="ma-gui"]').val()),
  };
  const a = await c.post('/gop-y', fields);
  const b = await c.post('/gop-y', fields);
  assert.equal(a.statusCode, 303);
  assert.equal(b.headers.location, a.headers.location, 'the second click lands on the same code');
  assert.equal(await countItems(app), 1);

  const bot = await c.post('/gop-y', { content: 'Nội dung quảng cáo của một con bot tự động.', website: 'http://spam.example' });
  assert.equal(bot.statusCode, 400);
  assert.equal(await countItems(app), 1, 'the honeypot stopped the bot');
});

test('contact data needs consent; errors re-render the form with messages by each field', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  await c.get('/gop-y');
  const res = await c.post('/gop-y', { content: 'ngắn', email: 'khong-phai-email', name: 'Nguyễn Văn An' });
  assert.equal(res.statusCode, 400);
  const html = res.body;
  assert.match(html, /Nội dung quá ngắn/);
  assert.match(html, /email chưa đúng/);
  assert.match(html, /đánh dấu đồng ý/);
  assert.match(html, /value="Nguyễn Văn An"/, 'what the person typed is kept');
  assert.equal(await countItems(app), 0);

  await c.get('/gop-y');
  const ok = await c.post('/gop-y', {
    content: 'Xin hướng dẫn cách đăng ký tài khoản dịch vụ công.',
    name: 'Nguyễn Văn An',
    email: 'an@example.com',
    consent: '1',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(await countItems(app), 1);
});

test('the assistant hands over: ?chu-de=...&tu=tro-ly prefills the form; createFeedback records the chatbot channel', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  const page = await c.get('/gop-y?chu-de=can-cuoc&tu=tro-ly');
  assert.equal(page.$('#topic option[selected]').attr('value'), 'can-cuoc');
  assert.match(page.$('.notice').text(), /Trợ lý ảo/);
  assert.equal(page.$('input[name="tu"]').val(), 'tro-ly');
  const res = await c.post('/gop-y', {
    content: 'Tôi đã hỏi trợ lý nhưng chưa rõ cách cấp lại căn cước.',
    topic: 'can-cuoc',
    tu: 'tro-ly',
    'ma-gui': String(page.$('input[name="ma-gui"]').val()),
  });
  const code = /ma=([^&]+)/.exec(String(res.headers.location))![1]!;
  assert.equal((await itemOf(app, code)).channel, 'chatbot');

  const direct = await createFeedback(
    app.deps,
    { content: 'Trợ lý chuyển câu hỏi về thuế điện tử.', topic: 'thue-dien-tu' },
    'chatbot',
  );
  assert.match(direct.url, new RegExp(`/gop-y/theo-doi/${direct.code}\\?k=`));
  const item = await itemOf(app, direct.code);
  assert.equal(item.unit_id, await unitIdOf(app, 'HN-THUE'), 'taxes go to the tax office');
  await assert.rejects(createFeedback(app.deps, { content: 'x' }, 'chatbot'), /quá ngắn/);
});

test('routing: topic rule, commune rule, commune without rule, default Center', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  const police = await submitApi(c, { content: 'Cấp lại căn cước bị chậm quá.', topic: 'can-cuoc', commune: COMMUNE });
  assert.equal((await itemOf(app, police)).unit_id, await unitIdOf(app, 'HN-CATP'), 'a fixed unit rule wins over the commune');
  const attitude = await submitApi(c, {
    content: 'Cán bộ một cửa nói năng thiếu lịch sự.',
    category: 'thai-do-can-bo',
    commune: COMMUNE,
  });
  assert.equal((await itemOf(app, attitude)).unit_id, await unitIdOf(app, COMMUNE));
  const attitudeNoCommune = await submitApi(c, { content: 'Cán bộ một cửa nói năng thiếu lịch sự.', category: 'thai-do-can-bo' });
  assert.equal((await itemOf(app, attitudeNoCommune)).unit_id, await unitIdOf(app, 'HN-TTPVHCC'));
  const communeOnly = await submitApi(c, {
    content: 'Ở phường tôi chưa có điểm hỗ trợ nộp hồ sơ.',
    commune: COMMUNE,
    category: 'khac',
  });
  assert.equal((await itemOf(app, communeOnly)).unit_id, await unitIdOf(app, COMMUNE));
  const center = await submitApi(c, { content: 'Tôi muốn góp ý về trang web này cho dễ dùng hơn.' });
  assert.equal((await itemOf(app, center)).unit_id, await unitIdOf(app, 'HN-TTPVHCC'));
});

test('the deadline counts working days and skips the holidays in the calendar', async (t) => {
  const { app, client } = await buildTestApp(t);
  // Every weekday of the coming three weeks becomes a holiday; the category's deadline is 5 working days.
  const today = vnDate();
  const startMs = Date.parse(`${today}T00:00:00Z`);
  const day = (i: number) => new Date(startMs + i * 86_400_000).toISOString().slice(0, 10);
  for (let i = 1; i <= 21; i++) {
    await app.deps.db
      .insertInto('feedback_calendar')
      .values({ date: day(i), kind: 'holiday', name: 'Kiểm thử' })
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: 'holiday' }))
      .execute();
  }
  await app.deps.db.updateTable('feedback_categories').set({ deadline_days: 5 }).where('id', '=', 'gop-y-cai-tien').execute();
  feedbackService(app.deps).invalidate();
  const code = await submitApi(client(), { content: 'Góp ý thêm hướng dẫn cho người cao tuổi.', category: 'gop-y-cai-tien' });
  const item = await itemOf(app, code);
  let expected = '';
  for (let i = 22, n = 0; n < 5; i++) {
    const dow = new Date(`${day(i)}T00:00:00Z`).getUTCDay();
    const off = await app.deps.db.selectFrom('feedback_calendar').select('kind').where('date', '=', day(i)).executeTakeFirst();
    if (dow !== 0 && dow !== 6 && off?.kind !== 'holiday') n += 1;
    expected = day(i);
  }
  assert.equal(item.received_on, today);
  assert.equal(item.deadline_on, expected);
});

test('JSON API: 201 {code}; GET answers status and history and never contact data', async (t) => {
  const { client } = await buildTestApp(t);
  const c = client();
  const res = await c.json('POST', '/api/v1/feedback', {
    content: 'Tôi không nhận được mã OTP khi đăng nhập, số 0912345678.',
    category: 'dich-vu-cong-truc-tuyen',
    contact: { name: 'Trần Thị Bình', phone: '0912345678', email: 'binh@example.com' },
    consent: true,
  });
  assert.equal(res.statusCode, 201);
  assert.deepEqual(Object.keys(res.json()), ['code']);
  const code = res.json().code as string;
  const got = await client().json('GET', `/api/v1/feedback/${code}`);
  assert.equal(got.statusCode, 200);
  const body = got.json();
  assert.equal(body.status, 'new');
  assert.equal(body.history.length, 1);
  assert.ok(!JSON.stringify(body).includes('binh@example.com'));
  assert.ok(!JSON.stringify(body).includes('0912345678'));
  assert.ok(!JSON.stringify(body).includes('Trần Thị Bình'));
  assert.equal((await client().json('GET', '/api/v1/feedback/PA-2026-ZZZZZZ')).statusCode, 404);
  assert.equal((await client().json('GET', '/api/v1/feedback/khong-phai-ma')).statusCode, 404);
  const cats = await client().json('GET', '/api/v1/feedback/categories');
  assert.ok(cats.json().categories.some((x: { id: string; deadlineDays: number }) => x.id === 'khac' && x.deadlineDays === 15));
});

test('Idempotency-Key: a retry gets the same code; the same key with another body is a 409', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  const body = { content: 'Cổng dịch vụ công báo lỗi khi thanh toán lệ phí.', category: 'phi-le-phi' };
  const first = await c.json('POST', '/api/v1/feedback', body, { 'idempotency-key': 'retry-123' });
  const again = await c.json('POST', '/api/v1/feedback', body, { 'idempotency-key': 'retry-123' });
  assert.equal(first.statusCode, 201);
  assert.equal(again.statusCode, 201);
  assert.equal(again.json().code, first.json().code);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.equal(await countItems(app), 1);
  const other = await c.json(
    'POST',
    '/api/v1/feedback',
    { ...body, content: 'Một nội dung khác hẳn nội dung trước.' },
    { 'idempotency-key': 'retry-123' },
  );
  assert.equal(other.statusCode, 409);
  assert.equal(other.json().error.code, 'conflict');
  const bad = await c.json('POST', '/api/v1/feedback', body, { 'idempotency-key': 'có dấu cách' });
  assert.equal(bad.statusCode, 400);
  assert.equal(await countItems(app), 1);
});

test('bad input gets a clear 4xx and stores nothing', async (t) => {
  const { app } = await buildTestApp(t);
  const post = (payload: string | Buffer, type = 'application/json') =>
    app.inject({ method: 'POST', url: '/api/v1/feedback', payload, headers: { 'content-type': type } });
  const cases: Array<[string, Awaited<ReturnType<typeof post>>, number, string]> = [
    ['oversized body', await post(JSON.stringify({ content: 'a'.repeat(2 * 1024 * 1024) })), 413, 'payload_too_large'],
    ['content over 4000 characters', await post(JSON.stringify({ content: 'a'.repeat(4001) })), 400, 'validation_failed'],
    ['content is a number', await post(JSON.stringify({ content: 123456789012345 })), 400, 'validation_failed'],
    [
      'consent is a string',
      await post(JSON.stringify({ content: 'Nội dung đủ dài để gửi.', consent: 'yes' })),
      400,
      'validation_failed',
    ],
    [
      'contact is an array',
      await post(JSON.stringify({ content: 'Nội dung đủ dài để gửi.', contact: ['a'] })),
      400,
      'validation_failed',
    ],
    ['unknown field', await post(JSON.stringify({ content: 'Nội dung đủ dài để gửi.', admin: true })), 400, 'validation_failed'],
    ['body is an array', await post(JSON.stringify([{ content: 'Nội dung đủ dài để gửi.' }])), 400, 'validation_failed'],
    ['malformed JSON', await post('{"content": "abc'), 400, 'bad_request'],
    [
      'invalid UTF-8',
      await post(Buffer.from([0x7b, 0x22, 0x63, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
      400,
      'invalid_encoding',
    ],
    [
      'unknown topic',
      await post(JSON.stringify({ content: 'Nội dung đủ dài để gửi.', topic: 'khong-co' })),
      400,
      'validation_failed',
    ],
    [
      'unknown commune',
      await post(JSON.stringify({ content: 'Nội dung đủ dài để gửi.', commune: '99999' })),
      400,
      'validation_failed',
    ],
    [
      'unknown category',
      await post(JSON.stringify({ content: 'Nội dung đủ dài để gửi.', category: 'khong-co' })),
      400,
      'validation_failed',
    ],
    [
      'contact without consent',
      await post(JSON.stringify({ content: 'Nội dung đủ dài để gửi.', contact: { phone: '0912345678' } })),
      400,
      'validation_failed',
    ],
    ['XML body', await post('<feedback/>', 'application/xml'), 415, 'unsupported_media_type'],
  ];
  for (const [name, res, status, code] of cases) {
    assert.equal(res.statusCode, status, `${name}: ${res.body.slice(0, 200)}`);
    assert.equal(res.json().error.code, code, name);
    assert.ok(res.json().error.message, `${name}: a message`);
  }
  const form = await app.inject({
    method: 'POST',
    url: '/gop-y',
    payload: Buffer.concat([Buffer.from('content='), Buffer.from([0xc3, 0x28]), Buffer.from('&_csrf=x')]),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(form.statusCode, 400, 'invalid UTF-8 in a form');
  assert.equal(await countItems(app), 0, 'nothing stored');
});

test('script tags are stored as text and always shown escaped', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const attack = '<script>alert("x")</script><img src=x onerror=alert(1)> Trang web bị lỗi';
  const code = await submitApi(client(), { content: attack });
  assert.equal((await itemOf(app, code)).content, attack, 'stored as the person wrote it');
  const editor = await signIn('editor');
  for (const page of [
    await client().get(`/gop-y/tra-cuu?ma=${code}`),
    await editor.get(`/quan-tri/phan-anh/${code}`),
    await editor.get('/quan-tri/phan-anh'),
  ]) {
    assert.equal(page.status, 200);
    assert.ok(!page.html.includes('<script>alert'), 'no live script tag');
    assert.ok(!page.html.includes('<img src=x'), 'no live img tag');
    assert.ok(page.html.includes('&lt;script'), 'escaped text');
    assert.ok(page.$('main').text().includes('<script>alert("x")</script>'), 'the reader sees the text as written');
  }
});

test('concurrent submissions share commits: same-key retries give one item, distinct ones all get their own code', async (t) => {
  const { app } = await buildTestApp(t);
  const send = (content: string, key?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: JSON.stringify({ content }),
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    });
  const same = await Promise.all(Array.from({ length: 20 }, () => send('Gửi lại nhiều lần cùng một khóa.', 'same-key')));
  assert.ok(same.every((r) => r.statusCode === 201));
  assert.equal(new Set(same.map((r) => r.json().code)).size, 1, 'one code for one key');
  const distinct = await Promise.all(Array.from({ length: 40 }, (_, i) => send(`Phản ánh thứ ${i} gửi cùng lúc với nhau.`)));
  assert.ok(distinct.every((r) => r.statusCode === 201));
  assert.equal(new Set(distinct.map((r) => r.json().code)).size, 40);
  assert.equal(await countItems(app), 41);
});
