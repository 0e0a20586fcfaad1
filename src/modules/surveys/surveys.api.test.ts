import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { ResponseWriter } from './surveys.writer.js';

const URL = '/api/v1/surveys/hai-long-dvctt/responses';
const FULL = { q1: '1', q2: 4, q3: 5, q4: 3, q5: 2, q6: 4, q7: 9, q8: 'doanh-nghiep', q9: '00004' };

async function count(app: FastifyInstance): Promise<number> {
  const r = await app.deps.db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function answerCount(app: FastifyInstance): Promise<number> {
  const r = await app.deps.db
    .selectFrom('survey_answers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const post = (app: FastifyInstance, payload: unknown, headers: Record<string, string> = {}, url = URL) =>
  app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
  });

test('the JSON API stores a response and answers 201 with its id; the definition API lists the questions', async (t) => {
  const { app } = await buildTestApp(t);
  const def = await app.inject({ url: '/api/v1/surveys/hai-long-dvctt' });
  assert.equal(def.statusCode, 200);
  const body = def.json();
  assert.equal(body.questions.length, 10);
  assert.equal(body.questions[1].options[3].label, 'Hài lòng');
  assert.deepEqual(body.questions[0].skip, [{ value: '2', goto: 'q8' }]);
  const res = await post(app, { answers: FULL, source: 'quay-mot-cua' });
  assert.equal(res.statusCode, 201);
  assert.equal(typeof res.json().id, 'number');
  assert.equal(res.json().replayed, false);
  assert.equal(await count(app), 1);
  const row = await app.deps.db.selectFrom('survey_responses').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.channel, 'api');
  assert.equal(row.audience_id, 'doanh-nghiep');
  assert.ok(row.placement_id, 'linked to the placement of its source tag');
  const list = await app.inject({ url: '/api/v1/surveys' });
  assert.ok(list.json().surveys.some((s: { slug: string }) => s.slug === 'ban-da-biet-dvctt'));
  const openapi = await app.inject({ url: '/api/docs/json' });
  assert.ok(openapi.json().paths['/api/v1/surveys/{slug}/responses'], 'documented in OpenAPI');
});

test('Idempotency-Key: a retry returns the same id and stores nothing new; a reused key with another body is a 409', async (t) => {
  const { app } = await buildTestApp(t);
  const key = { 'idempotency-key': 'retry-0001' };
  const first = await post(app, { answers: FULL }, key);
  const again = await post(app, { answers: FULL }, key);
  assert.equal(first.statusCode, 201);
  assert.equal(again.statusCode, 201);
  assert.equal(again.json().id, first.json().id);
  assert.equal(again.json().replayed, true);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  // Concurrent retries (same key, same body) land in the same batch: still one response.
  const burst = await Promise.all(
    Array.from({ length: 5 }, () => post(app, { answers: FULL }, { 'idempotency-key': 'burst-1' })),
  );
  assert.deepEqual(new Set(burst.map((r) => r.statusCode)), new Set([201]));
  assert.equal(new Set(burst.map((r) => r.json().id)).size, 1);
  assert.equal(await count(app), 2);
  const other = await post(app, { answers: { ...FULL, q2: 1 } }, key);
  assert.equal(other.statusCode, 409);
  assert.equal(other.json().error.code, 'conflict');
  assert.equal(await count(app), 2);
  // A retry after the survey closed still gets its original answer.
  await app.deps.db.updateTable('surveys').set({ status: 'closed' }).where('slug', '=', 'hai-long-dvctt').execute();
  await new Promise((r) => setTimeout(r, 2100));
  const late = await post(app, { answers: FULL }, key);
  assert.equal(late.statusCode, 201);
  assert.equal(late.json().id, first.json().id);
  assert.equal((await post(app, { answers: FULL }, { 'idempotency-key': 'new-after-close' })).statusCode, 409);
});

test('bad input gets a clear 4xx and stores nothing', async (t) => {
  const { app } = await buildTestApp(t);
  const cases: Array<[string, unknown, number, RegExp | null, Record<string, string>?, string?]> = [
    ['oversized body', { answers: { q10: 'a'.repeat(70 * 1024) } }, 413, /quá lớn/],
    ['answers of the wrong type', { answers: 'q1=1' }, 400, /answers/],
    ['a scale answer that is not a number', { answers: { ...FULL, q2: 'rất tốt' } }, 400, /Câu 2/],
    ['an object as an answer', { answers: { ...FULL, q2: { v: 4 } } }, 400, null],
    ['consent that is not a boolean', { answers: FULL, consent: 'có' }, 400, /consent/],
    ['an unknown property', { answers: FULL, admin: true }, 400, null],
    ['a script tag', { answers: { ...FULL, q10: '<script>alert(1)</script>' } }, 400, /script/],
    ['an answer to an unknown question', { answers: { ...FULL, q42: '1' } }, 400, /không có câu hỏi "q42"/],
    ['a missing required answer', { answers: { q1: '1', q2: 4 } }, 400, /Vui lòng trả lời câu 3/],
    ['an option that does not exist', { answers: { ...FULL, q1: '9' } }, 400, /Câu 1/],
    ['a malformed source tag', { answers: FULL, source: '<x>' }, 400, /source/],
    ['contact without consent on a survey that takes none', { answers: FULL, contact: 'a@b.vn', consent: true }, 400, /liên hệ/],
    ['broken JSON', '{"answers": {', 400, /JSON/],
    ['an unknown survey', { answers: FULL }, 404, /Không tìm thấy/, {}, '/api/v1/surveys/khong-ton-tai/responses'],
    ['a bad Idempotency-Key', { answers: FULL }, 400, null, { 'idempotency-key': 'có dấu cách' }],
  ];
  for (const [name, payload, status, message, headers, url] of cases) {
    const res = await post(app, payload, headers ?? {}, url ?? URL);
    assert.equal(res.statusCode, status, `${name}: ${res.body.slice(0, 200)}`);
    const err = res.json().error;
    assert.ok(err?.code && err?.message, `${name}: error shape`);
    if (message) assert.match(err.message, message, name);
  }
  const invalidUtf8 = await post(app, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
  assert.equal(invalidUtf8.statusCode, 400);
  assert.equal(invalidUtf8.json().error.code, 'invalid_encoding');
  const form = await app.inject({
    method: 'POST',
    url: '/khao-sat/hai-long-dvctt',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `q10=${'a'.repeat(70 * 1024)}`,
  });
  assert.equal(form.statusCode, 413, 'the HTML form has the same size limit');
  assert.equal(await count(app), 0);
  assert.equal(await answerCount(app), 0);
});

test('submissions are rate-limited per IP', async (t) => {
  const { app } = await buildTestApp(t, { RATE_LIMIT_SUBMIT_PER_MINUTE: '3' });
  const codes = [];
  for (let i = 0; i < 5; i++) codes.push((await post(app, { answers: FULL })).statusCode);
  assert.deepEqual(codes, [201, 201, 201, 429, 429]);
  assert.equal(await count(app), 3);
  const limited = await post(app, { answers: FULL });
  assert.equal(limited.json().error.code, 'rate_limited');
  // Allow-listed addresses (a partner gateway) are exempt.
  const { app: app2 } = await buildTestApp(t, { RATE_LIMIT_SUBMIT_PER_MINUTE: '1', RATE_LIMIT_ALLOWLIST: '127.0.0.1' });
  for (let i = 0; i < 3; i++) assert.equal((await post(app2, { answers: FULL })).statusCode, 201);
});

test('property: random bodies to the submission endpoints never cause a 5xx', async (t) => {
  const { app } = await buildTestApp(t);
  const answerValue = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(fc.string(), fc.integer())),
    fc.constantFrom('1', '2', '4', '00004', 'nguoi-dan', '<script>x</script>'),
  );
  const key = fc.oneof(fc.constantFrom('q1', 'q2', 'q7', 'q8', 'q9', 'q10', 'q99'), fc.string({ maxLength: 10 }));
  const body = fc.oneof(
    fc.record(
      { answers: fc.dictionary(key, answerValue), lang: fc.constantFrom('vi', 'en', 'fr'), source: fc.string() },
      { requiredKeys: [] },
    ),
    fc.json(),
    fc.string(),
  );
  await fc.assert(
    fc.asyncProperty(body, fc.constantFrom('hai-long-dvctt', 'ban-da-biet-dvctt', 'x'), async (b, slug) => {
      const res = await post(app, typeof b === 'string' ? b : JSON.stringify(b), {}, `/api/v1/surveys/${slug}/responses`);
      assert.ok(res.statusCode < 500, `${JSON.stringify(b).slice(0, 120)} -> ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (res.statusCode >= 400) assert.ok(res.json().error?.code);
    }),
    { numRuns: 200 },
  );
  await fc.assert(
    fc.asyncProperty(fc.dictionary(key, fc.oneof(fc.string(), fc.array(fc.string()))), async (form) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
      const res = await app.inject({
        method: 'POST',
        url: '/khao-sat/ban-da-biet-dvctt',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: params.toString(),
      });
      assert.ok(res.statusCode < 500, `${params.toString().slice(0, 120)} -> ${res.statusCode}`);
    }),
    { numRuns: 100 },
  );
});

test('group commit: concurrent responses share transactions, each is acknowledged only once committed', async (t) => {
  const { app } = await buildTestApp(t);
  const results = await Promise.all(
    Array.from({ length: 60 }, (_, i) => post(app, { answers: { ...FULL, q7: i % 11 } }, { 'idempotency-key': `k-${i}` })),
  );
  assert.ok(results.every((r) => r.statusCode === 201));
  assert.equal(new Set(results.map((r) => r.json().id)).size, 60);
  assert.equal(await count(app), 60);
  assert.equal(await answerCount(app), 60 * 9);

  // The writer on its own: a batch whose transaction fails is retried response by response,
  // so one bad response fails alone and the others are stored.
  const db = app.deps.db;
  const surveyId = Number(
    (await db.selectFrom('surveys').select('id').where('slug', '=', 'hai-long-dvctt').executeTakeFirstOrThrow()).id,
  );
  const writer = new ResponseWriter(db, { windowMs: 20, maxBatch: 100 });
  const base = { submitted_at: new Date().toISOString(), lang: 'vi', channel: 'api' as const, survey_id: surveyId };
  const good = (k: string) => writer.write({ response: { ...base, idempotency_key: k }, answers: [] });
  const bad = writer.write({ response: { ...base, survey_id: 999_999 }, answers: [] }); // foreign key violation
  const outcomes = await Promise.allSettled([good('w-1'), bad, good('w-2'), good('w-1')]);
  assert.equal(outcomes[0].status, 'fulfilled');
  assert.equal(outcomes[1].status, 'rejected');
  assert.equal(outcomes[2].status, 'fulfilled');
  assert.equal(outcomes[3].status, 'fulfilled');
  const [o1, , , o4] = outcomes as Array<PromiseFulfilledResult<{ id: number; replayed: boolean }>>;
  assert.equal(o4!.value.id, o1!.value.id, 'same key in the same batch is one response');
  assert.equal(o4!.value.replayed, true);
  assert.ok(writer.stats.batches >= 2);
  await writer.close();
  assert.equal(await count(app), 62);
});
