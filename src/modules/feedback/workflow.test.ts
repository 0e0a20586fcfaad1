import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import type { TestClient } from '../../../test/helpers/client.js';
import { COMMUNE, itemOf, OTHER_COMMUNE, submitApi, unitIdOf } from '../../../test/feedback/helpers.js';
import { feedbackService } from './feedback.service.js';
import { addWorkingDays, vnDate, workingDaysBetween } from './working-days.js';

/** Refresh the CSRF token of a signed-in client (the sign-in page's token was bound to the anonymous session). */
async function ready<T extends TestClient>(c: T): Promise<T> {
  await c.get('/quan-tri/tai-khoan');
  return c;
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

test('staff workflow: take on, ask for more, citizen supplements, answer from a template, rating reopens or closes', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const officer = await ready(await signIn('unit_officer', { unitId: await unitIdOf(app, COMMUNE) }));
  const code = await submitApi(client(), {
    content: 'Tôi nộp hồ sơ chứng thực ở phường nhưng chưa nhận được kết quả.',
    category: 'tra-ket-qua',
    commune: COMMUNE,
  });

  const list = await officer.get('/quan-tri/phan-anh');
  assert.ok(list.$(`a[href="/quan-tri/phan-anh/${code}"]`).length, 'the officer sees the item of the unit');

  assert.equal((await officer.post(`/quan-tri/phan-anh/${code}/trang-thai`, { status: 'in_progress' })).statusCode, 303);
  assert.equal((await itemOf(app, code)).status, 'in_progress');

  const noNote = await officer.post(`/quan-tri/phan-anh/${code}/trang-thai`, { status: 'needs_info', 'status-note': '' });
  assert.equal(noNote.statusCode, 400);
  assert.match(noNote.body, /cần bổ sung gì/);
  await officer.get(`/quan-tri/phan-anh/${code}`);
  const ask = await officer.post(`/quan-tri/phan-anh/${code}/trang-thai`, {
    status: 'needs_info',
    'status-note': 'Bạn cho biết ngày nộp hồ sơ và số biên nhận.',
  });
  assert.equal(ask.statusCode, 303);
  let item = await itemOf(app, code);
  assert.equal(item.status, 'needs_info');
  assert.equal(item.paused_on, vnDate());

  // The clock stopped a week ago: resuming moves the deadline by the working days spent waiting.
  const pausedOn = vnDate(daysAgo(7));
  await app.deps.db.updateTable('feedback_items').set({ paused_on: pausedOn }).where('code', '=', code).execute();
  const cal = await feedbackService(app.deps).calendar();
  const expectedDeadline = addWorkingDays(item.deadline_on, workingDaysBetween(pausedOn, vnDate(), cal), cal);

  const citizen = client();
  const link = `/gop-y/theo-doi/${code}?k=${await feedbackService(app.deps).tokenFor(code)}`;
  const follow = await citizen.get(link);
  assert.equal(follow.status, 200);
  assert.match(follow.$('#bo-sung').parent().text(), /số biên nhận/);
  const supp = await citizen.post(`/gop-y/theo-doi/${code}/bo-sung`, {
    k: String(follow.$('input[name="k"]').val()),
    'thong-tin': 'Tôi nộp ngày 3/11, biên nhận số 125.',
  });
  assert.equal(supp.statusCode, 303);
  item = await itemOf(app, code);
  assert.equal(item.status, 'in_progress');
  assert.equal(item.paused_on, null);
  assert.equal(item.deadline_on, expectedDeadline);

  // Answer from a template: its placeholders are filled in.
  const tpl = await app.deps.db.selectFrom('feedback_templates').select(['id']).orderBy('id').executeTakeFirstOrThrow();
  const withTemplate = await officer.get(`/quan-tri/phan-anh/${code}?mau=${tpl.id}`);
  const draft = withTemplate.$('textarea#answer').text();
  assert.match(draft, new RegExp(`mã ${code}`));
  assert.doesNotMatch(draft, /\{ma\}|\{don-vi\}/);
  const answered = await officer.post(`/quan-tri/phan-anh/${code}/tra-loi`, {
    answer: 'Kết quả chứng thực đã sẵn sàng, mời bạn đến nhận tại bộ phận một cửa.',
  });
  assert.equal(answered.statusCode, 303);
  item = await itemOf(app, code);
  assert.equal(item.status, 'answered');
  assert.ok(item.first_answered_at);
  assert.equal(item.on_time, 1);

  // Not satisfied: the item reopens.
  const page = await citizen.get(link);
  assert.ok(page.$('#hai-long').length, 'the rating form is offered');
  const k = String(page.$('form[action$="/danh-gia"] input[name="k"]').val());
  assert.equal((await citizen.post(`/gop-y/theo-doi/${code}/danh-gia`, { k })).statusCode, 400, 'a choice is required');
  const unhappy = await citizen.post(`/gop-y/theo-doi/${code}/danh-gia`, {
    k,
    'danh-gia': 'khong-hai-long',
    'y-kien': 'Tôi đến rồi nhưng chưa có.',
  });
  assert.equal(unhappy.statusCode, 303);
  item = await itemOf(app, code);
  assert.equal(item.status, 'in_progress');
  assert.equal(item.rating, 'unsatisfied');
  assert.equal(
    (await citizen.post(`/gop-y/theo-doi/${code}/danh-gia`, { k, 'danh-gia': 'hai-long' })).statusCode,
    409,
    'no rating while reopened',
  );

  await officer.get(`/quan-tri/phan-anh/${code}`);
  await officer.post(`/quan-tri/phan-anh/${code}/tra-loi`, {
    answer: 'Đã kiểm tra lại: kết quả có tại quầy số 2 từ hôm nay. Xin lỗi bạn.',
  });
  item = await itemOf(app, code);
  assert.equal(item.status, 'answered');
  assert.equal(item.rating, null, 'a new answer can be rated again');
  await citizen.get(link);
  await citizen.post(`/gop-y/theo-doi/${code}/danh-gia`, { k, 'danh-gia': 'hai-long' });
  item = await itemOf(app, code);
  assert.equal(item.status, 'closed');
  assert.equal(item.rating, 'satisfied');

  const lookup = await client().get(`/gop-y/tra-cuu?ma=${code}`);
  const history = lookup.$('.history').text();
  for (const s of ['Mới', 'Đang xử lý', 'Chờ bổ sung', 'Đã trả lời', 'Đã đóng']) assert.match(history, new RegExp(s));
  assert.doesNotMatch(history, /biên nhận số 125/, 'what the citizen supplemented stays private');
});

test('possible duplicates are suggested; merging closes the duplicate and its sender sees the main answer', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const editor = await ready(await signIn('editor'));
  const main = await submitApi(client(), {
    content: 'Cổng dịch vụ công không gửi mã OTP về điện thoại khi đăng nhập.',
    category: 'dich-vu-cong-truc-tuyen',
  });
  const dup = await submitApi(client(), {
    content: 'Đăng nhập cổng dịch vụ công không nhận được mã OTP điện thoại.',
    category: 'dich-vu-cong-truc-tuyen',
  });
  await submitApi(client(), { content: 'Xin hỏi lệ phí cấp lý lịch tư pháp là bao nhiêu?', category: 'phi-le-phi' });
  const page = await editor.get(`/quan-tri/phan-anh/${dup}`);
  const suggested = page
    .$('#trung-lap')
    .parent()
    .find('tbody th a')
    .map((_, a) => page.$(a).text())
    .get();
  assert.deepEqual(suggested, [main], 'only the similar item is suggested');
  assert.equal(page.$('#main-code').val(), main, 'prefilled with the best match');

  assert.equal((await editor.post(`/quan-tri/phan-anh/${dup}/gop`, { 'main-code': dup })).statusCode, 400, 'not into itself');
  await editor.get(`/quan-tri/phan-anh/${dup}`);
  assert.equal((await editor.post(`/quan-tri/phan-anh/${dup}/gop`, { 'main-code': main })).statusCode, 303);
  const d = await itemOf(app, dup);
  assert.equal(d.status, 'closed');
  assert.equal(d.merged_into_id, (await itemOf(app, main)).id);
  await editor.get(`/quan-tri/phan-anh/${main}`);
  await editor.post(`/quan-tri/phan-anh/${main}/tra-loi`, { answer: 'Lỗi gửi OTP đã được khắc phục, bạn vui lòng thử lại.' });
  const lookup = await client().json('GET', `/api/v1/feedback/${dup}`);
  assert.equal(lookup.json().mergedInto, main);
  assert.match(lookup.json().answer, /khắc phục/);
  const mainPage = await editor.get(`/quan-tri/phan-anh/${main}`);
  assert.match(mainPage.$('.callout').text(), new RegExp(dup));
});

test('overdue items are flagged and listed', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const editor = await signIn('editor');
  const late = await submitApi(client(), { content: 'Phản ánh này đã quá hạn trả lời từ lâu.' });
  const fresh = await submitApi(client(), { content: 'Phản ánh này vừa mới gửi hôm nay xong.' });
  await app.deps.db.updateTable('feedback_items').set({ deadline_on: '2020-01-10' }).where('code', '=', late).execute();
  const page = await editor.get('/quan-tri/phan-anh?qua-han=1');
  assert.equal(page.status, 200);
  assert.ok(page.$(`a[href="/quan-tri/phan-anh/${late}"]`).length);
  assert.equal(page.$(`a[href="/quan-tri/phan-anh/${fresh}"]`).length, 0);
  assert.match(page.$('tbody tr').first().text(), /Quá hạn/);
  const api = await client().json('GET', `/api/v1/feedback/${late}`);
  assert.equal(api.json().overdue, true);
});

test('unit scoping and roles on every back-office route', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const mine = await unitIdOf(app, COMMUNE);
  const theirs = await unitIdOf(app, OTHER_COMMUNE);
  const own = await submitApi(client(), {
    content: 'Phản ánh gửi phường Hoàn Kiếm để kiểm thử.',
    commune: COMMUNE,
    category: 'khac',
  });
  const other = await submitApi(client(), {
    content: 'Phản ánh gửi phường Ba Đình để kiểm thử.',
    commune: OTHER_COMMUNE,
    category: 'khac',
  });
  assert.equal((await itemOf(app, own)).unit_id, mine);
  assert.equal((await itemOf(app, other)).unit_id, theirs);
  const tpl = await app.deps.db.selectFrom('feedback_templates').select('id').executeTakeFirstOrThrow();
  const rule = await app.deps.db.selectFrom('feedback_routing_rules').select('id').executeTakeFirstOrThrow();

  const roles = {
    admin: await ready(await signIn('admin')),
    editor: await ready(await signIn('editor')),
    officer: await ready(await signIn('unit_officer', { unitId: mine })),
    viewer: await ready(await signIn('viewer')),
  };
  type Who = keyof typeof roles;
  const all: Who[] = ['admin', 'editor', 'officer', 'viewer'];
  const writers: Who[] = ['admin', 'editor', 'officer'];
  const config: Who[] = ['admin', 'editor'];
  const routes: Array<{ method: 'GET' | 'POST'; url: string; allowed: Who[]; form?: Record<string, string> }> = [
    { method: 'GET', url: '/quan-tri/phan-anh', allowed: all },
    { method: 'GET', url: '/quan-tri/phan-anh/moi', allowed: writers },
    { method: 'POST', url: '/quan-tri/phan-anh/moi', allowed: writers, form: { channel: 'hotline', content: '' } },
    { method: 'GET', url: `/quan-tri/phan-anh/${own}`, allowed: all },
    { method: 'POST', url: `/quan-tri/phan-anh/${own}/ghi-chu`, allowed: writers, form: { note: '' } },
    { method: 'POST', url: `/quan-tri/phan-anh/${own}/tra-loi`, allowed: writers, form: { answer: '' } },
    { method: 'POST', url: `/quan-tri/phan-anh/${own}/trang-thai`, allowed: writers, form: { status: 'needs_info' } },
    { method: 'POST', url: `/quan-tri/phan-anh/${own}/chuyen`, allowed: writers, form: { unit: '' } },
    { method: 'POST', url: `/quan-tri/phan-anh/${own}/gop`, allowed: writers, form: { 'main-code': '' } },
    { method: 'GET', url: `/quan-tri/phan-anh/${own}/cong-khai`, allowed: config },
    { method: 'POST', url: `/quan-tri/phan-anh/${own}/cong-khai`, allowed: config, form: {} },
    { method: 'POST', url: `/quan-tri/phan-anh/${own}/thoi-cong-khai`, allowed: config, form: {} },
    { method: 'GET', url: '/quan-tri/phan-anh/mau-tra-loi', allowed: config },
    { method: 'POST', url: '/quan-tri/phan-anh/mau-tra-loi', allowed: config, form: { title: '' } },
    { method: 'GET', url: `/quan-tri/phan-anh/mau-tra-loi/${tpl.id}`, allowed: config },
    { method: 'POST', url: `/quan-tri/phan-anh/mau-tra-loi/${tpl.id}`, allowed: config, form: { title: '' } },
    { method: 'POST', url: '/quan-tri/phan-anh/mau-tra-loi/999999/xoa', allowed: config, form: {} },
    { method: 'GET', url: '/quan-tri/phan-anh/nhom', allowed: config },
    { method: 'POST', url: '/quan-tri/phan-anh/nhom', allowed: config, form: { id: '' } },
    { method: 'GET', url: '/quan-tri/phan-anh/nhom/khac', allowed: config },
    { method: 'POST', url: '/quan-tri/phan-anh/nhom/khac', allowed: config, form: { name: '' } },
    { method: 'GET', url: '/quan-tri/phan-anh/phan-cong', allowed: config },
    { method: 'POST', url: '/quan-tri/phan-anh/phan-cong', allowed: config, form: {} },
    { method: 'POST', url: `/quan-tri/phan-anh/phan-cong/${rule.id}/xoa`, allowed: config, form: {} },
    { method: 'GET', url: '/quan-tri/phan-anh/ngay-nghi', allowed: config },
    { method: 'POST', url: '/quan-tri/phan-anh/ngay-nghi', allowed: config, form: { date: '' } },
    { method: 'POST', url: '/quan-tri/phan-anh/ngay-nghi/2031-01-01/xoa', allowed: config, form: {} },
    { method: 'GET', url: '/quan-tri/phan-anh/khoa-api', allowed: ['admin'] },
    { method: 'POST', url: '/quan-tri/phan-anh/khoa-api', allowed: ['admin'], form: { name: '' } },
    { method: 'POST', url: '/quan-tri/phan-anh/khoa-api/999999/thu-hoi', allowed: ['admin'], form: {} },
  ];
  const anon = client();
  for (const r of routes) {
    for (const who of all) {
      const c = roles[who];
      const status = r.method === 'GET' ? (await c.get(r.url)).status : (await c.post(r.url, r.form ?? {})).statusCode;
      assert.ok(status < 500, `${who} ${r.method} ${r.url} -> ${status}`);
      if (r.allowed.includes(who)) assert.notEqual(status, 403, `${who} ${r.method} ${r.url}`);
      else assert.equal(status, 403, `${who} ${r.method} ${r.url} must be refused`);
      if (r.method === 'POST') await c.get('/quan-tri/tai-khoan');
    }
    if (r.method === 'GET') {
      const res = await anon.get(r.url);
      assert.equal(res.status, 303, `anonymous ${r.url} goes to sign-in`);
    }
  }

  // A unit officer never reaches another unit's item, by any route, and nothing changes.
  const officer = roles.officer;
  const list = await officer.get('/quan-tri/phan-anh');
  assert.ok(list.$(`a[href="/quan-tri/phan-anh/${own}"]`).length);
  assert.equal(list.$(`a[href="/quan-tri/phan-anh/${other}"]`).length, 0, 'the other unit is not listed');
  assert.equal((await officer.get(`/quan-tri/phan-anh?ma=${other}`)).$(`a[href="/quan-tri/phan-anh/${other}"]`).length, 0);
  assert.equal((await officer.get(`/quan-tri/phan-anh?don-vi=${theirs}`)).$('tbody tr').length, 0);
  assert.equal((await officer.get(`/quan-tri/phan-anh/${other}`)).status, 403);
  const before = await itemOf(app, other);
  for (const [action, form] of [
    ['tra-loi', { answer: 'Câu trả lời từ đơn vị khác, không được phép.' }],
    ['trang-thai', { status: 'closed', 'status-note': 'Đóng trái phép' }],
    ['chuyen', { unit: String(mine) }],
    ['gop', { 'main-code': own }],
    ['ghi-chu', { note: 'Ghi chú trái phép' }],
  ] as const) {
    await officer.get('/quan-tri/tai-khoan');
    assert.equal((await officer.post(`/quan-tri/phan-anh/${other}/${action}`, form)).statusCode, 403, action);
  }
  // Merging one's own item into another unit's item is refused too.
  await officer.get('/quan-tri/tai-khoan');
  assert.equal((await officer.post(`/quan-tri/phan-anh/${own}/gop`, { 'main-code': other })).statusCode, 403);
  assert.deepEqual(await itemOf(app, other), before, 'nothing changed');
  const notes = await app.deps.db.selectFrom('feedback_history').select('id').where('feedback_id', '=', before.id).execute();
  assert.equal(notes.length, 1, 'only the receipt is in its history');

  // The viewer sees the item but not the sender's contact data.
  const withContact = await submitApi(client(), {
    content: 'Phản ánh có thông tin liên hệ để thử quyền xem.',
    contact: { phone: '0987654321' },
    consent: true,
  });
  assert.doesNotMatch((await roles.viewer.get(`/quan-tri/phan-anh/${withContact}`)).html, /0987654321/);
  assert.match((await roles.editor.get(`/quan-tri/phan-anh/${withContact}`)).html, /0987654321/);

  // Transferring moves the item out of the officer's reach.
  await officer.get(`/quan-tri/phan-anh/${own}`);
  assert.equal((await officer.post(`/quan-tri/phan-anh/${own}/chuyen`, { unit: String(theirs) })).statusCode, 303);
  assert.equal((await officer.get(`/quan-tri/phan-anh/${own}`)).status, 403);
  const b = await ready(await signIn('unit_officer', { unitId: theirs }));
  assert.equal((await b.get(`/quan-tri/phan-anh/${own}`)).status, 200);
});

test('hotline and one-stop staff entry records the channel and the staff member', async (t) => {
  const { app, signIn } = await buildTestApp(t);
  const officer = await signIn('unit_officer', { unitId: await unitIdOf(app, COMMUNE) });
  const form = await officer.get('/quan-tri/phan-anh/moi');
  assert.equal(form.$('#commune option[selected]').attr('value'), COMMUNE, 'the commune of the desk is preselected');
  const bad = await officer.post('/quan-tri/phan-anh/moi', { channel: 'web', content: 'Nội dung đủ dài cho phép.' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Chọn kênh/);
  await officer.get('/quan-tri/phan-anh/moi');
  const ok = await officer.post('/quan-tri/phan-anh/moi', {
    channel: 'one_stop',
    content: 'Bà cụ đến một cửa hỏi cách đăng ký tài khoản VNeID mức 2.',
    commune: COMMUNE,
    'ma-gui': String(form.$('input[name="ma-gui"]').val()),
  });
  assert.equal(ok.statusCode, 303);
  const code = /PA-\d{4}-\w{6}/.exec(String(ok.headers.location))![0];
  const item = await itemOf(app, code);
  assert.equal(item.channel, 'one_stop');
  assert.equal(item.created_by, officer.userId);
  const page = await officer.get(`/quan-tri/phan-anh/${code}`);
  assert.match(page.$('.notice').text(), new RegExp(code));
});

test('settings: categories, routing rules, templates and holidays are editable and audited', async (t) => {
  const { app, client, signIn } = await buildTestApp(t);
  const editor = await ready(await signIn('editor'));
  assert.equal((await editor.post('/quan-tri/phan-anh/nhom', { id: 'Sai Ma', name: '', deadlineDays: '0' })).statusCode, 400);
  await editor.get('/quan-tri/phan-anh/nhom');
  const created = await editor.post('/quan-tri/phan-anh/nhom', {
    id: 'moi-truong',
    name: 'Môi trường, vệ sinh',
    deadlineDays: '10',
    active: '1',
  });
  assert.equal(created.statusCode, 303);
  await editor.get('/quan-tri/phan-anh/phan-cong');
  const ruled = await editor.post('/quan-tri/phan-anh/phan-cong', {
    category: 'moi-truong',
    target: 'unit',
    unitCode: 'HN-SNNMT',
  });
  assert.equal(ruled.statusCode, 303);
  const code = await submitApi(client(), { content: 'Rác thải để lâu không ai thu gom.', category: 'moi-truong' });
  const item = await itemOf(app, code);
  assert.equal(item.unit_id, await unitIdOf(app, 'HN-SNNMT'));
  const cal = await feedbackService(app.deps).calendar();
  assert.equal(item.deadline_on, addWorkingDays(item.received_on, 10, cal));

  await editor.get('/quan-tri/phan-anh/ngay-nghi');
  assert.equal(
    (await editor.post('/quan-tri/phan-anh/ngay-nghi', { date: '2031-02-30', kind: 'holiday', name: 'x' })).statusCode,
    400,
  );
  await editor.get('/quan-tri/phan-anh/ngay-nghi');
  assert.equal(
    (await editor.post('/quan-tri/phan-anh/ngay-nghi', { date: '2031-01-01', kind: 'holiday', name: 'Tết Dương lịch' }))
      .statusCode,
    303,
  );
  const year = await editor.get('/quan-tri/phan-anh/ngay-nghi?nam=2031');
  assert.match(year.$('table').text(), /01\/01\/2031/);
  assert.equal((await editor.post('/quan-tri/phan-anh/ngay-nghi/2031-01-01/xoa', {})).statusCode, 303);

  await editor.get('/quan-tri/phan-anh/mau-tra-loi');
  assert.equal(
    (await editor.post('/quan-tri/phan-anh/mau-tra-loi', { title: 'Mẫu mới', body: 'Cảm ơn bạn, mã {ma}.' })).statusCode,
    303,
  );
  const actions = (await app.deps.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
  for (const a of [
    'feedback.category.create',
    'feedback.rule.create',
    'feedback.calendar.set',
    'feedback.calendar.delete',
    'feedback.template.create',
  ]) {
    assert.ok(actions.includes(a), a);
  }
});
