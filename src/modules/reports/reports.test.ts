import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SMTPServer } from 'smtp-server';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import type { TestClient } from '../../../test/helpers/client.js';
import { unitByCode } from '../org/index.js';
import { reportTotals, sendDueReminders, STARTER_FIELDS } from './index.js';
import { ready, setup } from './reports.fixtures.js';

const TODAY = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const plusDays = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Every number of the starter form set to `n`, with optional overrides and link rows. */
function report(n: number, over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = { action: 'submit' };
  for (const f of STARTER_FIELDS) if (f.type === 'integer') out[`v_${f.key}`] = String(n);
  out.v_posts_published__title = ['', ''];
  out.v_posts_published__url = ['', ''];
  return { ...out, ...over };
}

async function setDeadline(editor: TestClient, periodId: number, label: string, deadline: string) {
  await editor.get(`/quan-tri/bao-cao/ky/${periodId}/sua`);
  const r = await editor.post(`/quan-tri/bao-cao/ky/${periodId}/sua`, { label, deadline });
  assert.equal(r.statusCode, 303, r.body.slice(0, 400));
}

test('a commune officer saves a draft and submits; a missing or bad number blocks it and stores nothing', async (t) => {
  const ta = await buildTestApp(t);
  const { db, a, period } = await setup(ta);
  const aug = await period('2025-08-01');
  const officer = await ready(ta.signIn('unit_officer', { unitId: a.id }));
  const url = `/quan-tri/bao-cao/ky/${aug.id}/don-vi/${a.id}`;
  const page = await officer.get(url);
  assert.equal(page.status, 200);
  assert.equal(page.$('label[for="v_people_guided"]').text().trim(), 'Số người dân, doanh nghiệp được hướng dẫn trực tiếp');

  const missing = await officer.post(url, report(5, { v_people_guided: '' }));
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /nhập một số \(nhập 0 nếu không có\)/);
  const junk = await officer.post(url, report(5, { action: 'save', v_trainings_held: '3 buổi' }));
  assert.equal(junk.statusCode, 400);
  assert.match(junk.body, /chỉ nhập số nguyên không âm/);
  const badLink = await officer.post(
    url,
    report(5, { v_posts_published__title: ['Bài 1', ''], v_posts_published__url: ['facebook.com/x', ''] }),
  );
  assert.equal(badLink.statusCode, 400);
  assert.match(badLink.body, /dòng 1: nhập đường link đầy đủ/);
  assert.equal((await db.selectFrom('report_submissions').select('id').execute()).length, 0);

  // A partial draft is kept, and shown again.
  const draft = await officer.post(url, {
    action: 'save',
    v_people_guided: '1.250',
    v_difficulties: 'Người cao tuổi chưa có điện thoại thông minh',
  });
  assert.equal(draft.statusCode, 303);
  const again = await officer.get(url);
  assert.equal(again.$('#v_people_guided').attr('value'), '1250');
  assert.match(again.$('main').text(), /Đang soạn|Quá hạn, đang soạn/);
  assert.deepEqual(await reportTotals(db, {}), {}, 'a draft is not counted');

  // More link rows, without JavaScript: save and reload with extra rows.
  const more = await officer.post(url, { action: 'add-rows', v_people_guided: '1250' });
  assert.equal(more.statusCode, 303);
  assert.match(String(more.headers.location), /\?dong=5$/);
  assert.equal((await officer.get(String(more.headers.location))).$('input[name="v_posts_published__url"]').length, 5);

  const ok = await officer.post(
    url,
    report(2, {
      v_people_guided: '1250',
      v_posts_published__title: ['Video hướng dẫn', 'Tin trên cổng', ''],
      v_posts_published__url: ['https://fb.com/v/1', 'https://badinh.gov.vn/t/2', ''],
    }),
  );
  assert.equal(ok.statusCode, 303);
  const sub = await db.selectFrom('report_submissions').selectAll().executeTakeFirstOrThrow();
  assert.equal(sub.status, 'submitted');
  assert.equal(sub.late, 1, 'the August 2025 deadline has passed');
  const totals = await reportTotals(db, { from: '2025-08', to: '2025-08' });
  assert.equal(totals.people_guided, 1250);
  assert.equal(totals.posts_published, 2, 'a list of links counts its rows');
  assert.equal(totals.trainings_held, 2);
  // Submitted reports are read-only for the unit.
  const locked = await officer.post(url, report(9));
  assert.equal(locked.statusCode, 409);
  assert.equal((await reportTotals(db, { from: '2025-08', to: '2025-08' })).people_guided, 1250);
});

test('the Center’s grid shows on time, late, missing and not yet due; reminders reach the officer in-app and by email', async (t) => {
  const mails: Array<{ to: string; data: string }> = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => smtp.close(() => r())));
  const port = (smtp.server.address() as AddressInfo).port;

  const ta = await buildTestApp(t, { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Trung tâm <no-reply@test.local>' });
  const { db, a, b, dept, form, period } = await setup(ta);
  const editor = await ready(ta.signIn('editor'));
  const officerA = await ready(ta.signIn('unit_officer', { unitId: a.id, email: 'canbo.a@test.local' }));
  const officerB = await ready(ta.signIn('unit_officer', { unitId: b.id }));
  const aug = await period('2025-08-01');
  const sep = await period('2025-09-01');
  const oct = await period('2025-10-01');
  await setDeadline(editor, aug.id, aug.label, plusDays(10));
  await setDeadline(editor, oct.id, oct.label, plusDays(20));

  assert.equal((await officerA.post(`/quan-tri/bao-cao/ky/${aug.id}/don-vi/${a.id}`, report(1))).statusCode, 303);
  assert.equal((await officerB.post(`/quan-tri/bao-cao/ky/${sep.id}/don-vi/${b.id}`, report(1))).statusCode, 303);
  const subs = await db.selectFrom('report_submissions').select(['unit_id', 'late']).orderBy('unit_id').execute();
  assert.deepEqual(
    subs.map((s) => s.late),
    [0, 1],
    'on time before the deadline, late after it',
  );

  const grid = await editor.get(`/quan-tri/bao-cao/mau/${form.id}/tinh-hinh?nam=2025`);
  assert.equal(grid.status, 200);
  const cols = grid
    .$('table.grid thead th')
    .map((_, el) => grid.$(el).text())
    .get();
  // The grid is paged: each unit is found with the name search, as an officer would.
  const cell = async (name: string, label: string) => {
    const found = await editor.get(
      `/quan-tri/bao-cao/mau/${form.id}/tinh-hinh?nam=2025&q=${encodeURIComponent(name.replace(/ \(.*\)$/, ''))}`,
    );
    return found
      .$('table.grid tbody tr')
      .filter((_, el) => found.$(el).find('th').text() === name)
      .find('td')
      .eq(cols.indexOf(label) - 1)
      .text();
  };
  assert.match(await cell(a.full_name, aug.label), /Đã nộp đúng hạn/);
  assert.match(await cell(b.full_name, sep.label), /Nộp muộn/);
  assert.match(await cell(dept.full_name, sep.label), /Chưa nộp, quá hạn/);
  assert.match(await cell(b.full_name, oct.label), /Chưa đến hạn/);
  // Old communes existed only until June 2025.
  const feb = await period('2025-02-01');
  assert.match(await cell('Phường Phúc Xá (đến 30/06/2025)', feb.label), /Chưa nộp, quá hạn/);
  assert.match(await cell('Phường Phúc Xá (đến 30/06/2025)', aug.label), /Không phải nộp/);
  const summary = grid
    .$('main table')
    .first()
    .find('tbody tr')
    .filter((_, el) => grid.$(el).find('th').text() === sep.label);
  const nums = summary
    .find('td.num')
    .map((_, el) => Number(grid.$(el).text()))
    .get();
  assert.equal(nums[1], 0, 'on time in September');
  assert.equal(nums[2], 1, 'late in September');
  assert.equal(nums[3], nums[0]! - 1, 'every other unit missing in September');

  // A unit officer sees only their unit in the grid.
  const mine = await officerA.get(`/quan-tri/bao-cao/mau/${form.id}/tinh-hinh?nam=2025`);
  assert.deepEqual(
    mine
      .$('table.grid tbody th')
      .map((_, el) => mine.$(el).text())
      .get(),
    [a.full_name],
  );

  // Remind the units missing October (not yet due): A gets a notification on the dashboard and an email.
  await editor.get(`/quan-tri/bao-cao/mau/${form.id}/tinh-hinh?nam=2025`);
  const remind = await editor.post(`/quan-tri/bao-cao/ky/${oct.id}/nhac`, {
    back: `/quan-tri/bao-cao/mau/${form.id}/tinh-hinh?nam=2025`,
  });
  assert.equal(remind.statusCode, 303);
  const flash = await editor.get(String(remind.headers.location));
  assert.match(
    flash.$('[role="status"]').text(),
    /Đã nhắc \d+ đơn vị nộp báo cáo Tháng 10\/2025: 2 cán bộ nhận thông báo, 2 email đã gửi/,
  );
  const toA = mails.find((m) => m.to === 'canbo.a@test.local');
  assert.ok(toA, 'email to officer A');
  assert.match(toA.data, /Subject: =\?UTF-8\?/);
  assert.match(toA.data.replace(/=\r\n/g, ''), /bao-cao\/ky\//);
  const home = await officerA.get('/quan-tri');
  const panel = home.$('#viec-can-lam').parent();
  assert.match(panel.text(), /Nhắc nộp báo cáo Tháng 10\/2025/);
  assert.match(panel.text(), /Báo cáo chưa nộp/);
  assert.equal(panel.find(`a[href="/quan-tri/bao-cao/ky/${oct.id}/don-vi/${a.id}"]`).length >= 1, true);
  // The Center's dashboard has no such panel for the officer's notice.
  assert.doesNotMatch((await editor.get('/quan-tri')).$('main').text(), /Nhắc nộp báo cáo Tháng 10/);

  // Marking read: only one's own notifications.
  const n = await db
    .selectFrom('staff_notifications')
    .selectAll()
    .where('user_id', '=', officerA.userId)
    .executeTakeFirstOrThrow();
  await officerB.get('/quan-tri/thong-bao');
  await officerB.post(`/quan-tri/thong-bao/${n.id}/da-doc`, {});
  await officerB.post('/quan-tri/thong-bao/da-doc-het', {});
  assert.equal(
    (await db.selectFrom('staff_notifications').select('read_at').where('id', '=', n.id).executeTakeFirstOrThrow()).read_at,
    null,
  );
  await officerA.get('/quan-tri/thong-bao');
  await officerA.post(`/quan-tri/thong-bao/${n.id}/da-doc`, {});
  assert.ok(
    (await db.selectFrom('staff_notifications').select('read_at').where('id', '=', n.id).executeTakeFirstOrThrow()).read_at,
  );

  // Automatic reminders: three days before a deadline, once per unit.
  const nov = await period('2025-11-01');
  await setDeadline(editor, nov.id, nov.label, plusDays(2));
  const first = await sendDueReminders(ta.app.deps);
  assert.ok(first > 100, `reminded ${first} units`);
  assert.equal(await sendDueReminders(ta.app.deps), 0, 'not twice');
  const autos = await db
    .selectFrom('report_reminders')
    .select('unit_id')
    .where('period_id', '=', nov.id)
    .where('kind', '=', 'before')
    .execute();
  assert.equal(autos.length, first);
});

test('consolidation: totals by unit type and by commune, each figure traced to the submissions; reopening removes them', async (t) => {
  const ta = await buildTestApp(t);
  const { db, a, b, dept, form, period } = await setup(ta);
  const editor = await ready(ta.signIn('editor'));
  const officerA = await ready(ta.signIn('unit_officer', { unitId: a.id }));
  const officerB = await ready(ta.signIn('unit_officer', { unitId: b.id }));
  const officerD = await ready(ta.signIn('unit_officer', { unitId: dept.id }));
  const aug = await period('2025-08-01');
  const sep = await period('2025-09-01');
  const sub = (c: TestClient, p: number, u: number, n: number, guided: string) =>
    c.post(
      `/quan-tri/bao-cao/ky/${p}/don-vi/${u}`,
      report(n, { v_people_guided: guided, v_difficulties: `Khó khăn của đơn vị ${u}` }),
    );
  assert.equal((await sub(officerA, aug.id, a.id, 3, '1200')).statusCode, 303);
  assert.equal((await sub(officerA, sep.id, a.id, 4, '300')).statusCode, 303);
  assert.equal((await sub(officerB, aug.id, b.id, 5, '800')).statusCode, 303);
  assert.equal((await sub(officerD, aug.id, dept.id, 7, '15')).statusCode, 303);

  const page = await editor.get(`/quan-tri/bao-cao/mau/${form.id}/tong-hop?tu=2025-08&den=2025-09`);
  assert.equal(page.status, 200);
  const byType = page.$('main table').first();
  const row = byType
    .find('tbody tr')
    .filter((_, el) => page.$(el).find('th').text() === 'Số người dân, doanh nghiệp được hướng dẫn trực tiếp');
  const heads = byType
    .find('thead th')
    .map((_, el) => page.$(el).text())
    .get();
  const at = (label: string) => row.find('td').eq(heads.indexOf(label) - 1);
  assert.equal(at('Xã, phường').text(), '2.300');
  assert.equal(at('Sở, ban, ngành').text(), '15');
  assert.equal(at('Tổng cộng').text(), '2.315');
  const communeRow = page
    .$('#xa-phuong')
    .next()
    .find('tbody tr')
    .filter((_, el) => page.$(el).find('th').text() === a.full_name);
  assert.match(communeRow.text(), /2\/2/);
  assert.match(communeRow.text(), /1\.500/);
  assert.match(page.$('main').text(), /Khó khăn của đơn vị/);

  // Drill-down from the commune total to the three submissions behind it.
  const href = at('Xã, phường').find('a').attr('href')!;
  const drill = await editor.get(href);
  assert.equal(drill.status, 200);
  const rows = drill
    .$('tbody tr')
    .map((_, el) => drill.$(el).text())
    .get();
  assert.equal(rows.length, 3);
  assert.match(drill.$('main').text(), /Tổng: 2\.300 từ 3 báo cáo đã nộp/);
  assert.equal(drill.$(`a[href="/quan-tri/bao-cao/ky/${aug.id}/don-vi/${a.id}"]`).length, 1);
  const unitDrill = await editor.get(communeRow.find('a').first().attr('href')!);
  assert.match(unitDrill.$('main').text(), /Tổng: 1\.500 từ 2 báo cáo/);

  assert.deepEqual(
    Object.fromEntries(
      Object.entries(await reportTotals(db, { from: '2025-08', to: '2025-08' })).filter(([k]) =>
        ['people_guided', 'trainings_held'].includes(k),
      ),
    ),
    { people_guided: 2015, trainings_held: 15 },
  );
  assert.equal((await reportTotals(db, { from: '2025-09', to: '2025-12', unitIds: [a.id] })).people_guided, 300);
  assert.equal((await reportTotals(db, { unitIds: [b.id] })).people_guided, 800);

  // An officer sees the consolidation of their unit only, and cannot drill into another unit.
  const own = await officerB.get(`/quan-tri/bao-cao/mau/${form.id}/tong-hop?tu=2025-08&den=2025-09`);
  assert.doesNotMatch(own.$('main').text(), new RegExp(a.full_name));
  assert.equal(
    (
      await officerB.get(
        `/quan-tri/bao-cao/mau/${form.id}/tong-hop/chi-tiet?tu=2025-08&den=2025-09&truong=people_guided&don-vi=${a.id}`,
      )
    ).status,
    403,
  );

  // The Center reopens A's August report: its figures leave the totals and the officer is told why.
  const url = `/quan-tri/bao-cao/ky/${aug.id}/don-vi/${a.id}`;
  await editor.get(url);
  assert.equal((await editor.post(`${url}/mo-lai`, { note: '' })).statusCode, 400);
  assert.equal((await editor.post(`${url}/mo-lai`, { note: 'Số người được hướng dẫn chưa khớp sổ theo dõi' })).statusCode, 303);
  assert.equal((await reportTotals(db, { from: '2025-08', to: '2025-08' })).people_guided, 815);
  assert.match((await officerA.get('/quan-tri/thong-bao')).$('main').text(), /Số người được hướng dẫn chưa khớp sổ theo dõi/);
  assert.equal((await officerA.post(url, report(3, { v_people_guided: '1100' }))).statusCode, 303);
  assert.equal((await reportTotals(db, { from: '2025-08', to: '2025-08' })).people_guided, 1915);

  const bad = await editor.get(`/quan-tri/bao-cao/mau/${form.id}/tong-hop?tu=2025-09&den=2025-08`);
  assert.equal(bad.status, 400);
});

test('exports: the .docx follows Decree 30 (A4, Times New Roman, margins, header, Nơi nhận) and the .xlsx has totals and unit rows', async (t) => {
  const ta = await buildTestApp(t);
  const { a, b, form, period } = await setup(ta);
  const aug = await period('2025-08-01');
  const officerA = await ready(ta.signIn('unit_officer', { unitId: a.id }));
  const officerB = await ready(ta.signIn('unit_officer', { unitId: b.id }));
  await officerA.post(
    `/quan-tri/bao-cao/ky/${aug.id}/don-vi/${a.id}`,
    report(2, { v_people_guided: '1234', v_proposals: 'Cấp thêm máy tính bảng cho Tổ công nghệ số' }),
  );
  await officerB.post(`/quan-tri/bao-cao/ky/${aug.id}/don-vi/${b.id}`, report(3, { v_people_guided: '766' }));
  const viewer = await ready(ta.signIn('viewer'));

  const docx = await viewer.get(`/quan-tri/bao-cao/mau/${form.id}/tong-hop.docx?tu=2025-08&den=2025-08`);
  assert.equal(docx.status, 200);
  assert.match(String(docx.res.headers['content-type']), /wordprocessingml/);
  assert.match(String(docx.res.headers['content-disposition']), /attachment; filename="bao-cao-tong-hop-\d+-2025-08\.docx"/);
  const zip = await JSZip.loadAsync(docx.res.rawPayload);
  const xml = (await zip.file('word/document.xml')!.async('string')).normalize('NFC');
  const styles = await zip.file('word/styles.xml')!.async('string');
  const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
  for (const s of [
    'UBND THÀNH PHỐ HÀ NỘI',
    'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'BÁO CÁO',
    'Nơi nhận:',
    '- Lưu: VT.',
    'GIÁM ĐỐC',
  ]) {
    assert.ok(text.includes(s), `docx contains "${s}"`);
  }
  assert.match(text, /Số:\s+\/BC-TTPVHCC/);
  assert.match(text, /Hà Nội, ngày \d{2} tháng \d{1,2} năm \d{4}/);
  assert.match(text, /\|2\.000\|/, 'the commune total of people guided');
  assert.match(text, /Phường Ba Đình/);
  assert.match(text, /Cấp thêm máy tính bảng cho Tổ công nghệ số/);
  // The issuing body and the national name are bold.
  assert.match(xml, /<w:r><w:rPr>(?:(?!<\/w:r>).)*<w:b\/>(?:(?!<\/w:r>).)*TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG/s);
  assert.match(xml, /<w:r><w:rPr>(?:(?!<\/w:r>).)*<w:b\/>(?:(?!<\/w:r>).)*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/s);
  assert.doesNotMatch(
    xml,
    /<w:r><w:rPr>(?:(?!<\/w:r>).)*<w:b\/>(?:(?!<\/w:r>).)*UBND THÀNH PHỐ HÀ NỘI/s,
    'the superior body is not bold',
  );
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
  const mar = /<w:pgMar ([^>]*)\/>/.exec(xml)![1]!;
  const twips = (k: string) => Number(new RegExp(`w:${k}="(\\d+)"`).exec(mar)![1]);
  const mm = (k: string) => (twips(k) * 25.4) / 1440;
  assert.ok(mm('top') >= 20 && mm('top') <= 25 && mm('bottom') >= 20 && mm('bottom') <= 25, 'top/bottom 20-25 mm');
  assert.ok(mm('left') >= 30 && mm('left') <= 35, 'left 30-35 mm');
  assert.ok(mm('right') >= 15 && mm('right') <= 20, 'right 15-20 mm');
  assert.match(styles, /w:ascii="Times New Roman"/);
  const sizes = [...xml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]));
  assert.ok(sizes.includes(28) && sizes.includes(26), 'body 14 pt and header 13 pt');
  assert.ok(!/Arial|Calibri/.test(xml), 'no other font in the document');

  const xlsx = await viewer.get(`/quan-tri/bao-cao/mau/${form.id}/tong-hop.xlsx?tu=2025-08&den=2025-08`);
  assert.equal(xlsx.status, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.res.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    ['Tổng hợp', 'Đơn vị'],
  );
  const totals = wb.getWorksheet('Tổng hợp')!;
  let guided: ExcelJS.Row | undefined;
  totals.eachRow((r) => {
    if (r.getCell(1).value === 'people_guided') guided = r;
  });
  assert.ok(guided);
  const header = totals.getRow(4).values as unknown[];
  assert.equal(guided.getCell(header.indexOf('Xã, phường')).value, 2000);
  assert.equal(guided.getCell(header.indexOf('Tổng cộng')).value, 2000);
  const units = wb.getWorksheet('Đơn vị')!;
  const uhead = units.getRow(1).values as unknown[];
  let rowA: ExcelJS.Row | undefined;
  units.eachRow((r) => {
    if (r.getCell(2).value === a.full_name) rowA = r;
  });
  assert.ok(rowA);
  assert.equal(rowA.getCell(uhead.indexOf('Số người dân, doanh nghiệp được hướng dẫn trực tiếp')).value, 1234);
  assert.equal(rowA.getCell(uhead.indexOf('Đã nộp')).value, 1);
  assert.ok(units.rowCount > 100, 'one row for every unit that had to report');
});

test('the Center defines a quarterly form with typed fields and generates its periods; bad field keys are refused', async (t) => {
  const ta = await buildTestApp(t);
  const db = ta.app.deps.db;
  const editor = await ready(ta.signIn('editor'));
  await editor.get('/quan-tri/bao-cao/mau/moi');
  const base = {
    name: 'Báo cáo quý của cơ quan báo chí',
    frequency: 'quarterly',
    description: 'Các báo, đài báo cáo hằng quý.',
    unitTypes: ['press'],
    deadlineDays: '10',
    active: '1',
  };
  const bad = await editor.post('/quan-tri/bao-cao/mau/moi', {
    ...base,
    f_key: ['articles', 'Articles', 'articles'],
    f_label: ['Số tin bài', 'x', ''],
    f_type: ['integer', 'integer', 'text'],
    f_hint: ['', '', ''],
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Dòng 2: mã trường gồm chữ thường/);
  assert.match(bad.body, /Dòng 3: mã trường &quot;articles&quot; bị trùng|Dòng 3: mã trường "articles" bị trùng/);
  assert.match(bad.body, /Dòng 3: nhập tên trường/);
  assert.equal((await db.selectFrom('report_forms').select('id').execute()).length, 1);

  const ok = await editor.post('/quan-tri/bao-cao/mau/moi', {
    ...base,
    f_key: ['articles', 'posts_published', 'difficulties', ''],
    f_label: ['Số tin bài', 'Bài đăng kèm link', 'Khó khăn', ''],
    f_type: ['integer', 'links', 'text', 'integer'],
    f_hint: ['', '', '', ''],
  });
  assert.equal(ok.statusCode, 303);
  const id = Number(/mau\/(\d+)$/.exec(String(ok.headers.location))![1]);
  await editor.get(`/quan-tri/bao-cao/mau/${id}`);
  assert.equal((await editor.post(`/quan-tri/bao-cao/mau/${id}/ky`, { year: '2026' })).statusCode, 303);
  assert.equal((await editor.post(`/quan-tri/bao-cao/mau/${id}/ky`, { year: '2026' })).statusCode, 303);
  const periods = await db.selectFrom('report_periods').selectAll().where('form_id', '=', id).orderBy('start_date').execute();
  assert.deepEqual(
    periods.map((p) => [p.label, p.start_date, p.end_date, p.deadline]),
    [
      ['Quý I/2026', '2026-01-01', '2026-03-31', '2026-04-10'],
      ['Quý II/2026', '2026-04-01', '2026-06-30', '2026-07-10'],
      ['Quý III/2026', '2026-07-01', '2026-09-30', '2026-10-10'],
      ['Quý IV/2026', '2026-10-01', '2026-12-31', '2027-01-10'],
    ],
  );
  // Press units report for it; a commune does not.
  const press = (await unitByCode(db, 'HN-HNM', '2026-01-01'))!;
  const commune = (await unitByCode(db, '00004', '2026-01-01'))!;
  const pressOfficer = await ready(ta.signIn('unit_officer', { unitId: press.id }));
  const communeOfficer = await ready(ta.signIn('unit_officer', { unitId: commune.id }));
  const q3 = periods[2]!;
  const page = await pressOfficer.get(`/quan-tri/bao-cao/ky/${q3.id}/don-vi/${press.id}`);
  assert.equal(page.status, 200);
  assert.equal(page.$('#v_articles').length, 1);
  assert.equal(page.$('textarea[name="v_difficulties"]').length, 1);
  assert.equal((await communeOfficer.get(`/quan-tri/bao-cao/ky/${q3.id}/don-vi/${commune.id}`)).status, 404);
  // A quarter overlapping August counts in August's totals.
  await pressOfficer.post(`/quan-tri/bao-cao/ky/${q3.id}/don-vi/${press.id}`, {
    action: 'submit',
    v_articles: '12',
    v_posts_published__title: ['Chuyên mục DVC'],
    v_posts_published__url: ['https://hanoimoi.vn/dvc'],
  });
  assert.deepEqual(await reportTotals(db, { from: '2026-08', to: '2026-08' }), { articles: 12, posts_published: 1 });
  assert.deepEqual(await reportTotals(db, { from: '2026-10', to: '2026-12' }), {});
  // The frequency cannot change once periods exist.
  await editor.get(`/quan-tri/bao-cao/mau/${id}/sua`);
  const freq = await editor.post(`/quan-tri/bao-cao/mau/${id}/sua`, {
    ...base,
    frequency: 'monthly',
    f_key: ['articles'],
    f_label: ['Số tin bài'],
    f_type: ['integer'],
    f_hint: [''],
  });
  assert.equal(freq.statusCode, 400);
  assert.match(freq.body, /không đổi được tần suất/);
});

test('authorization: every report route, for anonymous, viewer, unit officers of two communes and the Center', async (t) => {
  const ta = await buildTestApp(t);
  const { db, a, b, form, period } = await setup(ta);
  const anon = ta.client();
  const officerA = await ready(ta.signIn('unit_officer', { unitId: a.id }));
  const officerB = await ready(ta.signIn('unit_officer', { unitId: b.id }));
  const viewer = await ready(ta.signIn('viewer'));
  const editor = await ready(ta.signIn('editor'));
  const admin = await ready(ta.signIn('admin'));
  const aug = await period('2025-08-01');
  const subA = `/quan-tri/bao-cao/ky/${aug.id}/don-vi/${a.id}`;
  assert.equal((await officerA.post(subA, report(4, { v_people_guided: '4444' }))).statusCode, 303);
  const get = async (c: TestClient, url: string) => (await c.get(url)).status;
  const post = async (c: TestClient, url: string, f: Record<string, string | string[]> = {}) => (await c.post(url, f)).statusCode;

  // Center only.
  for (const url of ['/quan-tri/bao-cao/mau/moi', `/quan-tri/bao-cao/mau/${form.id}/sua`, `/quan-tri/bao-cao/ky/${aug.id}/sua`]) {
    assert.equal(await get(anon, url), 303, url);
    assert.equal(await get(officerA, url), 403, url);
    assert.equal(await get(viewer, url), 403, url);
    assert.equal(await get(editor, url), 200, url);
    assert.equal(await get(admin, url), 200, url);
  }
  for (const url of [
    '/quan-tri/bao-cao/mau/moi',
    `/quan-tri/bao-cao/mau/${form.id}/sua`,
    `/quan-tri/bao-cao/mau/${form.id}/ky`,
    `/quan-tri/bao-cao/ky/${aug.id}/sua`,
    `/quan-tri/bao-cao/ky/${aug.id}/nhac`,
    `${subA}/mo-lai`,
  ]) {
    assert.equal(await post(officerA, url), 403, `officer POST ${url}`);
    assert.equal(await post(viewer, url), 403, `viewer POST ${url}`);
    assert.ok([200, 303, 400].includes(await post(editor, url)), `editor POST ${url}`);
  }
  assert.equal(
    (await db.selectFrom('report_submissions').select('status').executeTakeFirstOrThrow()).status,
    'submitted',
    'not reopened by anyone but the Center',
  );

  // Form definition and exports: the Center and viewers.
  for (const url of [
    `/quan-tri/bao-cao/mau/${form.id}`,
    `/quan-tri/bao-cao/mau/${form.id}/tong-hop.docx?tu=2025-08&den=2025-08`,
    `/quan-tri/bao-cao/mau/${form.id}/tong-hop.xlsx?tu=2025-08&den=2025-08`,
  ]) {
    assert.equal(await get(anon, url), 303, url);
    assert.equal(await get(officerA, url), 403, url);
    assert.equal(await get(viewer, url), 200, url);
    assert.equal(await get(editor, url), 200, url);
  }

  // Pages every staff member opens, scoped for unit officers.
  for (const url of [
    '/quan-tri/bao-cao',
    '/quan-tri/thong-bao',
    `/quan-tri/bao-cao/mau/${form.id}/tinh-hinh?nam=2025`,
    `/quan-tri/bao-cao/mau/${form.id}/tong-hop?tu=2025-08&den=2025-08`,
  ]) {
    assert.equal(await get(anon, url), 303, url);
    for (const c of [officerA, officerB, viewer, editor]) assert.equal(await get(c, url), 200, url);
  }
  const drill = `/quan-tri/bao-cao/mau/${form.id}/tong-hop/chi-tiet?tu=2025-08&den=2025-08&truong=people_guided`;
  assert.equal(await get(anon, drill), 303);
  assert.doesNotMatch((await officerB.get(drill)).$('main').text(), /4\.444/);
  assert.match((await officerA.get(drill)).$('main').text(), /4\.444/);
  assert.match((await viewer.get(drill)).$('main').text(), /4\.444/);
  assert.doesNotMatch(
    (await officerB.get(`/quan-tri/bao-cao/mau/${form.id}/tong-hop?tu=2025-08&den=2025-08`)).$('main').text(),
    /4\.444/,
  );
  assert.match((await editor.get(`/quan-tri/bao-cao/mau/${form.id}/tong-hop?tu=2025-08&den=2025-08`)).$('main').text(), /4\.444/);
  assert.doesNotMatch((await officerB.get('/quan-tri/bao-cao')).$('main').text(), new RegExp(a.full_name));

  // One unit's report: its officer fills it in; another commune's officer gets 403; the Center and viewers read it.
  assert.equal(await get(anon, subA), 303);
  assert.equal(await get(officerB, subA), 403);
  for (const c of [officerA, viewer, editor]) assert.equal(await get(c, subA), 200);
  assert.equal(await post(officerB, subA, report(1)), 403);
  assert.equal(await post(viewer, subA, report(1)), 403);
  const subB = `/quan-tri/bao-cao/ky/${aug.id}/don-vi/${b.id}`;
  assert.equal(await post(editor, subB, report(1)), 403, 'the Center does not fill in a unit’s report');
  assert.equal(await post(officerA, subB, report(1)), 403);
  assert.equal((await db.selectFrom('report_submissions').select('id').execute()).length, 1);

  // JSON.
  for (const url of [
    '/api/v1/reports/forms',
    `/api/v1/reports/forms/${form.id}/status?year=2025`,
    '/api/v1/reports/totals',
    `/api/v1/reports/submissions/${aug.id}/${a.id}`,
  ]) {
    const r = await anon.json('GET', url);
    assert.equal(r.statusCode, 401, url);
    assert.equal((await viewer.json('GET', url)).statusCode, 200, url);
  }
  assert.equal((await officerB.json('GET', `/api/v1/reports/submissions/${aug.id}/${a.id}`)).statusCode, 403);
  assert.equal((await officerA.json('GET', `/api/v1/reports/submissions/${aug.id}/${a.id}`)).statusCode, 200);
  assert.deepEqual((await officerB.json('GET', '/api/v1/reports/totals?from=2025-08&to=2025-08')).json(), { totals: {} });
  assert.equal(
    ((await editor.json('GET', '/api/v1/reports/totals?from=2025-08&to=2025-08')).json() as { totals: Record<string, number> })
      .totals.people_guided,
    4444,
  );
  const status = (await officerB.json('GET', `/api/v1/reports/forms/${form.id}/status?year=2025`)).json() as {
    units: Array<{ id: number }>;
  };
  assert.deepEqual(
    status.units.map((u) => u.id),
    [b.id],
  );
  assert.equal((await editor.json('GET', '/api/v1/reports/totals?from=2025-8')).statusCode, 400);
});
