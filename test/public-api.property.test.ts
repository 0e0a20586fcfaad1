import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildTestApp } from './helpers/build-app.js';

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '%', '%%', '\u0000', 'ð', '<script>', 'a'.repeat(500)),
);

test('public endpoints answer bad input with 4xx, never 5xx', async (t) => {
  const { app } = await buildTestApp(t);
  await fc.assert(
    fc.asyncProperty(text, fc.oneof(fc.integer(), text), async (q, limit) => {
      const url = `/api/v1/search?q=${encodeURIComponent(q)}&limit=${encodeURIComponent(String(limit))}`;
      const res = await app.inject({ method: 'GET', url });
      assert.ok(res.statusCode < 500, `${url} -> ${res.statusCode}`);
      if (res.statusCode >= 400) assert.ok(res.json().error?.code, 'error shape');
    }),
    { numRuns: 150 },
  );
  await fc.assert(
    fc.asyncProperty(text, async (id) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/guides/${encodeURIComponent(id)}` });
      assert.ok(res.statusCode < 500, `${id} -> ${res.statusCode}`);
    }),
    { numRuns: 100 },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('/huong-dan/khai-sinh/danh-gia', '/hien-thi', '/quan-tri/dang-nhap', '/api/v1/search'),
      fc.oneof(fc.json(), text),
      fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/xml'),
      async (url, body, type) => {
        const res = await app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': type } });
        assert.ok(res.statusCode < 500, `POST ${url} (${type}) ${JSON.stringify(body).slice(0, 80)} -> ${res.statusCode}`);
      },
    ),
    { numRuns: 150 },
  );
  const invalidUtf8 = await app.inject({
    method: 'POST',
    url: '/api/v1/search',
    payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    headers: { 'content-type': 'application/json' },
  });
  assert.ok(invalidUtf8.statusCode >= 400 && invalidUtf8.statusCode < 500);
  const huge = await app.inject({
    method: 'POST',
    url: '/huong-dan/khai-sinh/danh-gia',
    payload: 'comment=' + 'a'.repeat(2 * 1024 * 1024),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(huge.statusCode, 413);
});
