import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../../test/helpers/build-app.js';

type Who = 'anonymous' | 'admin' | 'editor' | 'unit_officer' | 'viewer';
const ALL: Who[] = ['anonymous', 'admin', 'editor', 'unit_officer', 'viewer'];

/** Expected status per role for each back-office page: 200 allowed, 403 refused, 303 sent to sign in. */
const PAGES: Array<[string, Partial<Record<Who, number>>]> = [
  ['/quan-tri', { admin: 200, editor: 200, unit_officer: 200, viewer: 200 }],
  ['/quan-tri/tai-khoan', { admin: 200, editor: 200, unit_officer: 200, viewer: 200 }],
  ['/quan-tri/don-vi', { admin: 200, editor: 200, unit_officer: 200, viewer: 200 }],
  ['/quan-tri/huong-dan', { admin: 200, editor: 200, unit_officer: 403, viewer: 200 }],
  ['/quan-tri/huong-dan/khai-sinh', { admin: 200, editor: 200, unit_officer: 403, viewer: 200 }],
  ['/quan-tri/nguoi-dung', { admin: 200, editor: 403, unit_officer: 403, viewer: 403 }],
  ['/quan-tri/nguoi-dung/moi', { admin: 200, editor: 403, unit_officer: 403, viewer: 403 }],
  ['/quan-tri/nhat-ky', { admin: 200, editor: 403, unit_officer: 403, viewer: 403 }],
];

test('each role reaches exactly the back-office pages it should', async (t) => {
  const { client, signIn, app } = await buildTestApp(t);
  const commune = await app.deps.db
    .selectFrom('org_units')
    .select('id')
    .where('code', '=', '00004')
    .where('valid_to', 'is', null)
    .executeTakeFirstOrThrow();
  const clients = {
    anonymous: client(),
    admin: await signIn('admin'),
    editor: await signIn('editor'),
    unit_officer: await signIn('unit_officer', { unitId: commune.id }),
    viewer: await signIn('viewer'),
  };
  for (const [url, expected] of PAGES) {
    for (const who of ALL) {
      const want = who === 'anonymous' ? 303 : expected[who]!;
      const page = await clients[who].get(url);
      assert.equal(page.status, want, `${who} GET ${url}: expected ${want}, got ${page.status}`);
    }
  }
});

test('only editors and admins can change guides; viewers and unit officers are refused and nothing changes', async (t) => {
  const { app, signIn } = await buildTestApp(t);
  for (const role of ['viewer', 'unit_officer'] as const) {
    const c = await signIn(role, { unitId: role === 'unit_officer' ? 1 : null });
    await c.get('/quan-tri');
    const res = await c.post('/quan-tri/huong-dan/khai-tu/ban-nhap', {});
    assert.equal(res.statusCode, 403, role);
  }
  const drafts = await app.deps.db.selectFrom('guide_versions').select('id').where('status', '=', 'draft').execute();
  assert.equal(drafts.length, 0);
  const editor = await signIn('editor');
  await editor.get('/quan-tri');
  assert.equal((await editor.post('/quan-tri/huong-dan/khai-tu/ban-nhap', {})).statusCode, 303);
});

test('a disabled account is signed out at its next request', async (t) => {
  const { app, signIn } = await buildTestApp(t);
  const admin = await signIn('admin');
  const editor = await signIn('editor');
  assert.equal((await editor.get('/quan-tri/huong-dan')).status, 200);
  const page = await admin.get(`/quan-tri/nguoi-dung/${editor.userId}`);
  assert.equal(page.status, 200);
  const res = await admin.post(`/quan-tri/nguoi-dung/${editor.userId}`, {
    name: 'Khóa',
    role: 'editor',
    unitId: '',
    flags: 'disabled',
  });
  assert.equal(res.statusCode, 303);
  assert.equal((await editor.get('/quan-tri/huong-dan')).status, 303, 'sent back to sign in');
  const row = await app.deps.db.selectFrom('users').select('disabled').where('id', '=', editor.userId).executeTakeFirstOrThrow();
  assert.equal(row.disabled, 1);
});
