import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import type { TestClient } from '../../../test/helpers/client.js';
import { COMMUNE, OTHER_COMMUNE, submitApi, unitIdOf } from '../../../test/feedback/helpers.js';
import { feedbackOnTimeSummary } from './index.js';

test('answered feedback is published after review, with personal data removed automatically', async (t) => {
  const { client, signIn } = await buildTestApp(t);
  const code = await submitApi(client(), {
    content:
      'Tôi là Nguyễn Văn An, ở số 12 ngõ 34 phố Hàng Bông. Gọi 0912 345 678 hoặc an.nguyen@gmail.com. CCCD 001203004005. Hồ sơ đất đai của tôi bị trả lại 3 lần.',
    category: 'thu-tuc-hanh-chinh',
    contact: { name: 'Nguyễn Văn An', phone: '0912345678', email: 'an.nguyen@gmail.com' },
    consent: true,
  });
  const editor = await signIn('editor');
  await editor.get(`/quan-tri/phan-anh/${code}`);
  await editor.post(`/quan-tri/phan-anh/${code}/tra-loi`, {
    answer: 'Kính gửi ông An. Hồ sơ của ông Nguyễn Văn An thiếu bản vẽ sơ đồ thửa đất; phường đã hướng dẫn bổ sung.',
  });

  // Nothing is public before the review.
  assert.equal((await client().get(`/cong-khai/phan-anh/${code}`)).status, 404);
  const review = await editor.get(`/quan-tri/phan-anh/${code}/cong-khai`);
  assert.equal(review.status, 200);
  const draft = review.$('#public-content').text() + review.$('#public-answer').text();
  for (const personal of ['Nguyễn Văn An', 'ông An', '0912', 'an.nguyen', '001203004005', 'số 12 ngõ 34']) {
    assert.ok(!draft.includes(personal), `draft still has "${personal}": ${draft}`);
  }
  assert.match(draft, /\[tên đã ẩn\]/);
  assert.match(draft, /\[địa chỉ đã ẩn\]/);
  assert.match(draft, /bị trả lại 3 lần/, 'the substance stays');

  // Even if the editor types personal data back in, saving removes it.
  const res = await editor.post(`/quan-tri/phan-anh/${code}/cong-khai`, {
    'public-content': review.$('#public-content').text() + ' Liên hệ 0987654321.',
    'public-answer': review.$('#public-answer').text(),
  });
  assert.equal(res.statusCode, 303);
  const pub = await client().get(`/cong-khai/phan-anh/${code}`);
  assert.equal(pub.status, 200);
  assert.doesNotMatch(pub.html, /0987654321|0912|Nguyễn Văn An|an\.nguyen/);
  assert.match(pub.$('.answer').text(), /bản vẽ sơ đồ thửa đất/);
  const list = await client().get('/cong-khai/phan-anh');
  assert.ok(list.$(`a[href="/cong-khai/phan-anh/${code}"]`).length);
  const home = await client().get('/cong-khai');
  assert.ok(home.$(`a[href="/cong-khai/phan-anh/${code}"]`).length, 'listed among the latest');

  await editor.get(`/quan-tri/phan-anh/${code}`);
  assert.equal((await editor.post(`/quan-tri/phan-anh/${code}/thoi-cong-khai`, {})).statusCode, 303);
  assert.equal((await client().get(`/cong-khai/phan-anh/${code}`)).status, 404);
});

test('an item without an answer cannot be published', async (t) => {
  const { client, signIn } = await buildTestApp(t);
  const code = await submitApi(client(), { content: 'Chưa có câu trả lời thì chưa công khai.' });
  const editor = await signIn('editor');
  assert.equal((await editor.get(`/quan-tri/phan-anh/${code}/cong-khai`)).status, 409);
});

/** Items with controlled dates in January 2026: unit A 6 items (5 on time), unit B 3 items (1 on time, 2 open late). */
async function january(app: FastifyInstance, c: TestClient) {
  const set = async (code: string, v: Record<string, unknown>) =>
    app.deps.db.updateTable('feedback_items').set(v).where('code', '=', code).execute();
  const a: string[] = [];
  const answers = ['2026-01-06', '2026-01-07', '2026-01-07', '2026-01-08', '2026-01-09'];
  const ratings = ['satisfied', 'satisfied', 'satisfied', 'unsatisfied', null];
  for (let i = 0; i < 6; i++) {
    const code = await submitApi(c, { content: `Phản ánh số ${i} của phường thứ nhất.`, commune: COMMUNE, category: 'khac' });
    const late = i === 5;
    await set(code, {
      received_at: '2026-01-05T02:00:00.000Z',
      received_on: '2026-01-05',
      deadline_on: '2026-01-26',
      status: 'answered',
      answer: 'Đã trả lời.',
      first_answered_at: late ? '2026-02-10T02:00:00.000Z' : `${answers[i]}T02:00:00.000Z`,
      on_time: late ? 0 : 1,
      rating: late ? null : ratings[i],
    });
    a.push(code);
  }
  const b: string[] = [];
  for (let i = 0; i < 3; i++) {
    const code = await submitApi(c, {
      content: `Phản ánh số ${i} của phường thứ hai.`,
      commune: OTHER_COMMUNE,
      category: 'khac',
    });
    await set(code, {
      received_at: '2026-01-05T02:00:00.000Z',
      received_on: '2026-01-05',
      deadline_on: '2026-01-26',
      ...(i === 0
        ? { status: 'answered', answer: 'Đã trả lời.', first_answered_at: '2026-01-06T02:00:00.000Z', on_time: 1 }
        : {}),
    });
    b.push(code);
  }
  // Received in another month: outside the period.
  const feb = await submitApi(c, { content: 'Phản ánh tháng hai không tính vào tháng một.', commune: COMMUNE, category: 'khac' });
  await set(feb, { received_on: '2026-02-02', received_at: '2026-02-02T02:00:00.000Z' });
  return { a, b };
}

test('figures per unit and period: received, answered, on-time, median days, satisfied; small units not ranked', async (t) => {
  const { app, client } = await buildTestApp(t);
  await january(app, client());
  const page = await client().get('/cong-khai?tu=2026-01&den=2026-01');
  assert.equal(page.status, 200);
  const rows = page
    .$('table')
    .last()
    .find('tbody tr')
    .map((_, tr) => [
      page
        .$(tr)
        .find('td, th')
        .map((__, c) => page.$(c).text().trim())
        .get(),
    ])
    .get() as string[][];
  assert.equal(rows.length, 2);
  const [first, second] = rows as [string[], string[]];
  assert.deepEqual(first.slice(0, 6), ['1', 'Phường Hoàn Kiếm', '6', '6', '83,3%', '2,5']);
  assert.match(first[6]!, /^75%/);
  assert.deepEqual(second.slice(0, 6), ['Chưa xếp hạng', 'Phường Ba Đình', '3', '1', '33,3%', '1']);
  assert.match(second[6]!, /Chưa có/);
  assert.match(page.$('table').last().find('caption').text(), /dưới 5 phản ánh không được xếp hạng/);
  assert.ok(page.$('svg[role="img"] title').text(), 'the chart has a title');
  assert.match(page.$('svg desc').text(), /Phường Hoàn Kiếm: 83,3%/);
  assert.match(page.$('.stats').text(), /9\s*phản ánh đã nhận/);

  const bad = await client().get('/cong-khai?tu=2026-13&den=abc');
  assert.equal(bad.status, 400);
  assert.ok(bad.$('.error-summary').length);
});

test('the ranking threshold is configurable', async (t) => {
  const { app, client } = await buildTestApp(t, { FEEDBACK_MIN_ITEMS_TO_RANK: '3' });
  await january(app, client());
  const page = await client().get('/cong-khai?tu=2026-01&den=2026-01');
  const ranks = page
    .$('table')
    .last()
    .find('tbody tr td:first-child')
    .map((_, td) => page.$(td).text())
    .get();
  assert.deepEqual(ranks, ['1', '2']);
});

test('feedbackOnTimeSummary for the KPI module: months inclusive, by unit', async (t) => {
  const { app, client } = await buildTestApp(t);
  await january(app, client());
  const all = await feedbackOnTimeSummary(app.deps.db, { from: '2026-01', to: '2026-01' });
  assert.deepEqual(all, { received: 9, answered: 7, answeredOnTime: 6, rate: 6 / 9 });
  const a = await feedbackOnTimeSummary(app.deps.db, { from: '2026-01', to: '2026-01', unitIds: [await unitIdOf(app, COMMUNE)] });
  assert.deepEqual(a, { received: 6, answered: 6, answeredOnTime: 5, rate: 5 / 6 });
  const both = await feedbackOnTimeSummary(app.deps.db, { from: '2025-12', to: '2026-02' });
  assert.equal(both.received, 10);
  const none = await feedbackOnTimeSummary(app.deps.db, { from: '2024-01', to: '2024-12' });
  assert.deepEqual(none, { received: 0, answered: 0, answeredOnTime: 0, rate: null });
  await assert.rejects(feedbackOnTimeSummary(app.deps.db, { from: '2026-1' }), /Tháng không hợp lệ/);
});
