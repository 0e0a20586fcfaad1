import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TOTP, Secret } from 'otpauth';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { createUser } from './index.js';

test('sign-in with a correct password opens the back office; a wrong one does not', async (t) => {
  const { client, signIn } = await buildTestApp(t);
  const anon = client();
  const redirect = await anon.get('/quan-tri/huong-dan');
  assert.equal(redirect.status, 303);
  assert.match(String(redirect.res.headers.location), /^\/quan-tri\/dang-nhap\?quay-lai=/);

  const editor = await signIn('editor');
  const home = await editor.get('/quan-tri');
  assert.equal(home.status, 200);
  assert.match(home.$('h1').text(), /Xin chào/);

  const wrong = client();
  await wrong.get('/quan-tri/dang-nhap');
  const res = await wrong.post('/quan-tri/dang-nhap', { email: 'nobody@test.local', password: 'whatever-password' });
  assert.equal(res.statusCode, 401);
  assert.match(res.body, /Email hoặc mật khẩu không đúng/);
});

test('the session cookie is HttpOnly and SameSite; the password is stored as an argon2id hash', async (t) => {
  const { app, client } = await buildTestApp(t);
  const c = client();
  await c.get('/quan-tri/dang-nhap');
  await createUser(app.deps.db, null, {
    email: 'x@test.local',
    name: 'X',
    password: 'a-long-enough-password',
    role: 'viewer',
    unitId: null,
  });
  const res = await c.post('/quan-tri/dang-nhap', { email: 'x@test.local', password: 'a-long-enough-password' });
  const cookie = res.cookies.find((k) => k.name === 'dvc_sid');
  assert.ok(cookie, 'session cookie set');
  assert.equal(cookie.httpOnly, true);
  assert.equal(String(cookie.sameSite).toLowerCase(), 'lax');
  const row = await app.deps.db
    .selectFrom('users')
    .select('password_hash')
    .where('email', '=', 'x@test.local')
    .executeTakeFirstOrThrow();
  assert.match(row.password_hash, /^\$argon2id\$/);
});

test('a form posted without a valid CSRF token is refused and changes nothing', async (t) => {
  const { app, signIn } = await buildTestApp(t);
  const admin = await signIn('admin');
  await admin.get('/quan-tri/nguoi-dung/moi');
  const res = await admin.post(
    '/quan-tri/nguoi-dung/moi',
    { email: 'csrf@test.local', name: 'CSRF', role: 'viewer', password: 'a-long-enough-password' },
    { csrf: 'forged-token' },
  );
  assert.equal(res.statusCode, 403);
  const none = await app.deps.db.selectFrom('users').select('id').where('email', '=', 'csrf@test.local').executeTakeFirst();
  assert.equal(none, undefined);
  const ok = await admin.post('/quan-tri/nguoi-dung/moi', {
    email: 'csrf@test.local',
    name: 'CSRF',
    role: 'viewer',
    password: 'a-long-enough-password',
  });
  assert.equal(ok.statusCode, 303);
});

test('repeated wrong passwords lock the account for a while, even with the right password', async (t) => {
  const { app, client } = await buildTestApp(t, { LOCKOUT_MAX_FAILURES: '3', LOCKOUT_MINUTES: '15' });
  await createUser(app.deps.db, null, {
    email: 'lock@test.local',
    name: 'L',
    password: 'the-right-password',
    role: 'editor',
    unitId: null,
  });
  const c = client();
  await c.get('/quan-tri/dang-nhap');
  for (let i = 0; i < 3; i++) await c.post('/quan-tri/dang-nhap', { email: 'lock@test.local', password: 'wrong-password-' + i });
  const res = await c.post('/quan-tri/dang-nhap', { email: 'lock@test.local', password: 'the-right-password' });
  assert.equal(res.statusCode, 423);
  assert.match(res.body, /tạm khóa/);
  const audit = await app.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'user.locked').execute();
  assert.equal(audit.length, 1);
});

test('TOTP second factor: enrol with a code, then sign-in asks for it', async (t) => {
  const { client, signIn } = await buildTestApp(t);
  const editor = await signIn('editor', { email: 'totp@test.local' });
  await editor.get('/quan-tri/tai-khoan');
  await editor.post('/quan-tri/tai-khoan/xac-thuc-hai-lop', {});
  const page = await editor.get('/quan-tri/tai-khoan');
  const secret = page.$('code').first().text();
  assert.match(secret, /^[A-Z2-7]+$/);
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  const bad = await editor.post('/quan-tri/tai-khoan/xac-thuc-hai-lop/xac-nhan', {
    code: '000000' === totp.generate() ? '111111' : '000000',
  });
  assert.equal(bad.statusCode, 400);
  const ok = await editor.post('/quan-tri/tai-khoan/xac-thuc-hai-lop/xac-nhan', { code: totp.generate() });
  assert.equal(ok.statusCode, 303);

  const c = client();
  await c.get('/quan-tri/dang-nhap');
  const step1 = await c.post('/quan-tri/dang-nhap', { email: 'totp@test.local', password: 'correct-horse-battery-staple' });
  assert.equal(step1.statusCode, 303);
  assert.match(String(step1.headers.location), /ma-xac-thuc/);
  const notYet = await c.get('/quan-tri');
  assert.equal(notYet.status, 303, 'not signed in before the code');
  await c.get('/quan-tri/dang-nhap/ma-xac-thuc');
  const step2 = await c.post('/quan-tri/dang-nhap/ma-xac-thuc', { code: totp.generate() });
  assert.equal(step2.statusCode, 303);
  assert.equal((await c.get('/quan-tri')).status, 200);
});

test('citizens get no session; staff signed in are still known on public pages and staff APIs', async (t) => {
  const { client, signIn } = await buildTestApp(t);
  const citizen = client();
  const page = await citizen.get('/huong-dan/khai-sinh');
  assert.equal(page.status, 200);
  assert.equal(
    page.res.cookies.some((c) => c.name === 'dvc_sid'),
    false,
    'no session cookie for a visitor',
  );
  // Every response still carries the security headers and a request id, errors included.
  for (const r of [page.res, (await citizen.get('/khong-co-trang-nay')).res, await citizen.json('GET', '/api/v1/topics')]) {
    assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.match(String(r.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  }
  // A citizen's helpful vote still needs (and passes) the CSRF check without any session.
  await citizen.get('/huong-dan/khai-sinh/danh-gia?helpful=1');
  const vote = await citizen.post('/huong-dan/khai-sinh/danh-gia', { helpful: '1' });
  assert.ok(vote.statusCode < 400, `vote accepted (${vote.statusCode})`);
  const forged = await client().post('/huong-dan/khai-sinh/danh-gia', { helpful: '1', _csrf: 'forged' });
  assert.equal(forged.statusCode, 403);

  const editor = await signIn('editor');
  assert.equal((await editor.json('GET', '/api/v1/reports/forms')).statusCode, 200);
  assert.equal((await citizen.json('GET', '/api/v1/reports/forms')).statusCode, 401);
});
