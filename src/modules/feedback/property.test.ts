// Random input to every public feedback endpoint never gives a 5xx.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { submitApi } from '../../../test/feedback/helpers.js';
import { createApiKey } from './feedback.apikeys.js';
import { feedbackService } from './feedback.service.js';

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '%',
    '%zz',
    '\u0000',
    '\ud800',
    'ð',
    '<script>alert(1)</script>',
    'a'.repeat(5000),
    'PA-2026-ABCDEF',
    'khai-sinh',
    '00070',
  ),
);
const value = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);
const FIELDS = [
  'content',
  'topic',
  'category',
  'commune',
  'contact',
  'consent',
  'name',
  'phone',
  'email',
  'website',
  'ma-gui',
  'tu',
];
const body = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), text), value, { maxKeys: 8 });
const O311 = [
  'api_key',
  'service_code',
  'lat',
  'long',
  'address_string',
  'address_id',
  'description',
  'first_name',
  'last_name',
  'email',
  'phone',
  'attribute[commune]',
];
const o311Body = fc.dictionary(fc.oneof(fc.constantFrom(...O311), text), fc.oneof(text, fc.integer().map(String)), {
  maxKeys: 10,
});

/** Form fields are text: objects (even null-prototype ones) go as JSON. */
const asText = (v: unknown): string => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));
const ok = (status: number, what: string) => assert.ok(status < 500, `${what} -> ${status}`);

test('random bodies and parameters on the public feedback endpoints never give a 5xx', { timeout: 180_000 }, async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const code = await submitApi(client(), { content: 'Một phản ánh có thật để thử các đường dẫn.' });
  const token = await feedbackService(app.deps).tokenFor(code);
  const admin = await signIn('admin');
  const { key } = await createApiKey(
    app.deps.db,
    { id: admin.userId, email: '', name: 'fc', role: 'admin', unitId: null },
    'fast-check',
  );

  // JSON API, whatever the body and content type.
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        body.map((b) => JSON.stringify(b)),
        fc.json(),
        text,
      ),
      fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml'),
      fc.option(text, { nil: undefined }),
      async (payload, type, idem) => {
        const headers: Record<string, string> = { 'content-type': type };
        if (idem !== undefined && /^[\x20-\x7e]*$/.test(idem)) headers['idempotency-key'] = idem;
        const res = await app.inject({ method: 'POST', url: '/api/v1/feedback', payload, headers });
        ok(res.statusCode, `POST /api/v1/feedback ${payload.slice(0, 80)}`);
        if (res.statusCode >= 400) assert.ok(res.json().error?.code, 'error shape');
      },
    ),
    { numRuns: 300 },
  );

  // The HTML form, with a valid CSRF token so the handler itself runs.
  const browser = client();
  await browser.get('/gop-y');
  await fc.assert(
    fc.asyncProperty(body, async (b) => {
      const form: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(b)) {
        if (k === '_csrf') continue;
        form[k] = Array.isArray(v) ? v.map(asText) : asText(v);
      }
      const res = await browser.post('/gop-y', form);
      ok(res.statusCode, `POST /gop-y ${JSON.stringify(form).slice(0, 80)}`);
    }),
    { numRuns: 200 },
  );

  // Open311, with and without a valid key.
  await fc.assert(
    fc.asyncProperty(o311Body, fc.boolean(), async (b, withKey) => {
      const fields = { ...b, ...(withKey ? { api_key: key } : {}) };
      const res = await app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      ok(res.statusCode, `POST open311 ${JSON.stringify(fields).slice(0, 80)}`);
      if (res.statusCode >= 400) assert.ok(Array.isArray(res.json()), 'Open311 error array');
    }),
    { numRuns: 200 },
  );

  // Lookups and pages with random parameters.
  // A lone surrogate cannot be percent-encoded: send the raw bytes of one instead (invalid UTF-8 in the URL).
  const enc = (s: string) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return '%ED%A0%80';
    }
  };
  await fc.assert(
    fc.asyncProperty(text, text, text, async (a, b, c) => {
      for (const url of [
        `/api/v1/feedback/${enc(a)}`,
        `/gop-y/tra-cuu?ma=${enc(a)}`,
        `/gop-y/da-gui?ma=${enc(a)}&k=${enc(b)}`,
        `/gop-y/theo-doi/${enc(a)}?k=${enc(b)}`,
        `/gop-y/theo-doi/${code}?k=${enc(b)}`,
        `/gop-y?chu-de=${enc(a)}&tu=${enc(b)}`,
        `/cong-khai?tu=${enc(a)}&den=${enc(b)}`,
        `/cong-khai/phan-anh?don-vi=${enc(a)}&nhom=${enc(b)}&trang=${enc(c)}`,
        `/cong-khai/phan-anh/${enc(a)}`,
        `/open311/v2/requests.json?service_request_id=${enc(a)}&status=${enc(b)}&start_date=${enc(c)}`,
        `/open311/v2/requests.json?start_date=${enc(a)}&end_date=${enc(b)}&service_code=${enc(c)}`,
        `/open311/v2/requests/${enc(a)}.json`,
        `/open311/v2/services/${enc(a)}.json`,
      ]) {
        const res = await app.inject({ method: 'GET', url });
        ok(res.statusCode, `GET ${url.slice(0, 120)}`);
      }
    }),
    { numRuns: 100 },
  );

  // The private link's forms, with the right token and random fields.
  const follower = client();
  await follower.get(`/gop-y/theo-doi/${code}?k=${token}`);
  await fc.assert(
    fc.asyncProperty(body, fc.constantFrom('danh-gia', 'bo-sung'), fc.boolean(), async (b, action, goodToken) => {
      const form: Record<string, string> = {};
      for (const [k, v] of Object.entries(b)) if (k !== '_csrf') form[k] = asText(v);
      form.k = goodToken ? token : asText(b.k ?? '');
      const res = await follower.post(`/gop-y/theo-doi/${code}/${action}`, form);
      ok(res.statusCode, `POST ${action} ${JSON.stringify(form).slice(0, 80)}`);
    }),
    { numRuns: 100 },
  );
});
