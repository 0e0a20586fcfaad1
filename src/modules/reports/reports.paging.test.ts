import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import type { Page } from '../../../test/helpers/client.js';
import { listUnits } from '../org/index.js';
import { reportTotals } from './index.js';
import { ready, setup } from './reports.fixtures.js';
import { nameMatcher, paginate } from './reports.paging.js';

/** What officers on old phones download: every list page must stay well under this. */
const PAGE_BUDGET = 200_000;
const BAD_PAGES = ['-1', 'abc', '0', '2.5', '99999999999999999999999999', '1e3', '%C3%A1'];

const rowNames = (p: Page, table = 'table.grid') =>
  p
    .$(`${table} tbody th[scope="row"]`)
    .map((_, el) => p.$(el).text())
    .get();
/** The unit ids of the rows (names are not unique: old communes of different districts share them). */
const rowIds = (p: Page, table = 'table.grid') =>
  p
    .$(`${table} tbody tr`)
    .map((_, tr) => /don-vi[/=](\d+)/.exec(String(p.$(tr).find('a').first().attr('href')))![1])
    .get();
const summaryOf = (p: Page) => p.$('.list-summary').text();
/** "711 đơn vị; đang hiện 1–50 (trang 1/15)." -> 711 */
const countOf = (p: Page) => Number(/^([\d.]+) đơn vị/.exec(summaryOf(p))![1]!.replace(/\./g, ''));
/** The per-period figures of the grid (the first table): period, then its counts. */
const figures = (p: Page) =>
  p
    .$('main table')
    .first()
    .find('tbody tr')
    .map((_, el) => [
      p
        .$(el)
        .find('th, td.num')
        .map((_i, c) => p.$(c).text())
        .get()
        .join(' | '),
    ])
    .get();
const nextHref = (p: Page) => p.$('nav.pager a[rel="next"]').attr('href');

test('paginate and nameMatcher: pages clamp with a Vietnamese notice; names match without diacritics', () => {
  const rows = Array.from({ length: 120 }, (_, i) => i);
  assert.deepEqual(paginate(rows, '').rows, rows.slice(0, 50));
  assert.equal(paginate(rows, '').notice, undefined);
  assert.deepEqual(paginate(rows, '3').rows, rows.slice(100));
  assert.deepEqual([paginate(rows, '3').first, paginate(rows, '3').last], [101, 120]);
  assert.equal(paginate(rows, '-1').page, 1);
  assert.match(paginate(rows, '-1').notice!, /bắt đầu từ 1/);
  assert.match(paginate(rows, 'abc').notice!, /Số trang "abc" không hợp lệ; đang hiện trang 1/);
  assert.equal(paginate(rows, '99999999999999999999').page, 3);
  assert.match(paginate(rows, '99999999999999999999').notice!, /chỉ có 3 trang; đang hiện trang 3/);
  const empty = paginate([], '7');
  assert.deepEqual([empty.rows, empty.page, empty.pages, empty.first, empty.last], [[], 1, 1, 0, 0]);
  assert.match(empty.notice!, /chỉ có 1 trang; đang hiện trang 1/);
  const m = nameMatcher('phuc xa');
  assert.ok(m('Phường Phúc Xá'));
  assert.ok(nameMatcher('PHÚC XÁ')('Phường Phúc Xá'));
  assert.ok(nameMatcher('dinh')('Phường Ba Đình'), 'đ is typed d');
  assert.ok(!m('Xã Phúc Thọ'), 'the words are a phrase, not scattered');
  assert.ok(nameMatcher('  ')('Xã Phúc Thọ'), 'an empty search matches everything');
});

test('the grid is paged: a light default page, accent-free search, page 2, filters kept, per-period figures over every unit', async (t) => {
  const ta = await buildTestApp(t);
  const { db, a, form, period } = await setup(ta);
  const editor = await ready(ta.signIn('editor'));
  const base = `/quan-tri/bao-cao/mau/${form.id}/tinh-hinh`;

  // The default page of a year with the communes before July 2025: ~700 units, one page of 50 rows.
  const first = await editor.get(base);
  assert.equal(first.status, 200);
  const total = countOf(first);
  assert.ok(total > 600, `every unit of 2025 is counted (${total})`);
  assert.ok(Buffer.byteLength(first.html) < PAGE_BUDGET, `default grid page is ${Buffer.byteLength(first.html)} bytes`);
  assert.equal(rowNames(first).length, 50);
  assert.match(summaryOf(first), /đang hiện 1–50 \(trang 1\/\d+\)/);
  const perPeriod = figures(first);
  assert.equal(perPeriod.length, 11, 'February to December');
  assert.match(first.$('main').text(), new RegExp(`tính trên tất cả ${total.toLocaleString('vi-VN')} đơn vị`));

  // Page 2 shows the next 50 units; the per-period figures do not change.
  const second = await editor.get(nextHref(first)!);
  assert.equal(second.status, 200);
  assert.equal(rowNames(second).length, 50);
  assert.equal(rowIds(second).filter((id) => rowIds(first).includes(id)).length, 0, 'no unit of page 1 again on page 2');
  assert.deepEqual(figures(second), perPeriod);
  assert.equal(second.$('nav.pager a[rel="prev"]').attr('href'), `${base}?nam=2025`);

  // Search without accents or in capitals; the old commune is not on page 1.
  assert.ok(!rowNames(first).includes('Phường Phúc Xá (đến 30/06/2025)'));
  for (const q of ['phuc xa', 'PHUC XA', 'Phúc Xá']) {
    const found = await editor.get(`${base}?nam=2025&q=${encodeURIComponent(q)}`);
    assert.deepEqual(rowNames(found), ['Phường Phúc Xá (đến 30/06/2025)'], q);
    assert.equal(found.$('#q').attr('value'), q.trim(), 'the search box keeps what was typed');
    assert.deepEqual(figures(found), perPeriod, 'a search does not change the per-period figures');
  }
  const none = await editor.get(`${base}?nam=2025&q=khong+co+don+vi+nay`);
  assert.equal(rowNames(none).length, 0);
  assert.match(summaryOf(none), /Không có đơn vị nào phù hợp bộ lọc/);

  // Type + status + period filters, followed page by page with "Trang sau": every filter is kept in the links.
  // The type filter scopes the per-period figures to that type; name, status and page never change them.
  const feb = await period('2025-02-01');
  const communeFigures = figures(await editor.get(`${base}?nam=2025&loai=commune`));
  let page = await editor.get(`${base}?nam=2025&loai=commune&trang-thai=qua-han&ky=${feb.id}`);
  const filteredTotal = countOf(page);
  assert.ok(filteredTotal > 50 && filteredTotal < total, `${filteredTotal} communes missing February`);
  assert.match(communeFigures[0]!, new RegExp(`^${feb.label} \\| ${filteredTotal} \\| 0 \\| 0 \\| ${filteredTotal} \\|`));
  const seen: string[] = [];
  for (;;) {
    const names = rowNames(page);
    assert.ok(
      names.every((n) => /^(Phường|Xã|Thị trấn) .*\(đến 30\/06\/2025\)$/.test(n)),
      'only old communes',
    );
    seen.push(...rowIds(page));
    const href = nextHref(page);
    if (!href) break;
    for (const kept of ['loai=commune', 'trang-thai=qua-han', `ky=${feb.id}`, 'nam=2025']) assert.ok(href.includes(kept), href);
    page = await editor.get(href);
    assert.deepEqual(figures(page), communeFigures);
  }
  assert.equal(seen.length, filteredTotal, 'the pages together list every matching unit once');
  assert.equal(new Set(seen).size, filteredTotal);

  // A unit that submitted is found by the "submitted" filter; "late" finds nobody yet.
  const aug = await period('2025-08-01');
  const officer = await ready(ta.signIn('unit_officer', { unitId: a.id }));
  const r = await officer.post(`/quan-tri/bao-cao/ky/${aug.id}/don-vi/${a.id}`, { action: 'save', v_people_guided: '7' });
  assert.equal(r.statusCode, 303);
  const drafts = await editor.get(`${base}?nam=2025&trang-thai=chua-nop&ky=${aug.id}&q=${encodeURIComponent('ba đình')}`);
  assert.deepEqual(rowNames(drafts), [a.full_name]);
  const submitted = await editor.get(`${base}?nam=2025&trang-thai=da-nop&ky=${aug.id}`);
  assert.deepEqual(rowNames(submitted), [], 'a draft is not submitted');

  // Bad page numbers and unknown filters: a clear page (clamped, with a notice in Vietnamese), never an error.
  const pages = Math.ceil(total / 50);
  for (const bad of BAD_PAGES) {
    const p = await editor.get(`${base}?nam=2025&trang=${bad}`);
    assert.equal(p.status, 200, `trang=${bad}`);
    assert.match(
      p.$('.notice').text(),
      /(Số trang .* không hợp lệ|Số trang bắt đầu từ 1|chỉ có \d+ trang); đang hiện trang \d+\./,
    );
    assert.equal(rowNames(p).length > 0, true);
  }
  const huge = await editor.get(`${base}?nam=2025&trang=99999999999999999999999999`);
  assert.match(summaryOf(huge), new RegExp(`trang ${pages}/${pages}`), 'past the end shows the last page');
  const unknown = await editor.get(`${base}?nam=abc&loai=zzz&trang-thai=xyz&ky=-3&q=`);
  assert.equal(unknown.status, 200);
  assert.deepEqual(rowNames(unknown), rowNames(first), 'unknown filters are ignored');

  // "Nhắc" from a grid filtered by type reminds the units of that type only.
  const oct = await period('2025-10-01');
  const depts = await editor.get(`${base}?nam=2025&loai=department`);
  const button = depts
    .$('main table')
    .first()
    .find('tbody tr')
    .filter((_, el) => depts.$(el).find('th').text() === oct.label)
    .find('form');
  const n = Number(/Nhắc (\d+) đơn vị/.exec(button.text())![1]);
  const remind = await editor.post(String(button.attr('action')), {
    back: String(button.find('input[name="back"]').attr('value')),
    loai: String(button.find('input[name="loai"]').attr('value')),
  });
  assert.equal(remind.statusCode, 303);
  assert.equal(String(remind.headers.location), `${base}?nam=2025&loai=department`);
  const reminded = await db
    .selectFrom('report_reminders as r')
    .innerJoin('org_units as u', 'u.id', 'r.unit_id')
    .select('u.type')
    .where('r.period_id', '=', oct.id)
    .execute();
  assert.equal(reminded.length, n);
  assert.ok(reminded.every((x) => x.type === 'department'));
});

test('consolidation and drill-down are paged; totals cover every unit, whatever the page or filter; exports stay complete', async (t) => {
  const ta = await buildTestApp(t);
  const { db, dept, form, period } = await setup(ta);
  const aug = await period('2025-08-01');
  // 60 communes (the last ones by name, so not on page 1) and one department submitted August 2025.
  const communes = (await listUnits(db, { types: ['commune'], activeOn: aug.end_date }))
    .sort((x, y) => y.full_name.localeCompare(x.full_name, 'vi'))
    .slice(0, 60);
  const t0 = '2025-09-01T01:00:00.000Z';
  const submit = async (unitId: number, guided: number, difficulties: string) => {
    const s = await db
      .insertInto('report_submissions')
      .values({
        period_id: aug.id,
        unit_id: unitId,
        status: 'submitted',
        data: JSON.stringify({ people_guided: guided, difficulties }),
        late: 0,
        created_by: null,
        updated_by: null,
        submitted_by: null,
        created_at: t0,
        updated_at: t0,
        submitted_at: t0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('report_values')
      .values({ submission_id: s.id, period_id: aug.id, unit_id: unitId, field_key: 'people_guided', value: guided })
      .execute();
  };
  for (const [i, u] of communes.entries()) await submit(u.id, i + 1, `Khó khăn riêng của ${u.full_name}`);
  await submit(dept.id, 15, 'Khó khăn của Sở Y tế');
  const expectedTotal = (60 * 61) / 2 + 15;
  assert.equal((await reportTotals(db, { from: '2025-08', to: '2025-08' })).people_guided, expectedTotal);
  const shown = expectedTotal.toLocaleString('vi-VN');

  const editor = await ready(ta.signIn('editor'));
  const base = `/quan-tri/bao-cao/mau/${form.id}/tong-hop`;
  const guidedTotal = (p: Page) => {
    const table = p.$('main table').first();
    const heads = table
      .find('thead th')
      .map((_, el) => p.$(el).text())
      .get();
    return table
      .find('tbody tr')
      .filter((_, el) => p.$(el).find('th').text() === 'Số người dân, doanh nghiệp được hướng dẫn trực tiếp')
      .find('td')
      .eq(heads.indexOf('Tổng cộng') - 1)
      .text();
  };
  const unitRows = (p: Page) => rowNames(p, '#tung-don-vi ~ .table-wrap table');

  const first = await editor.get(`${base}?tu=2025-08&den=2025-08`);
  assert.equal(first.status, 200);
  const units = countOf(first);
  assert.ok(units > 100, `${units} units in August`);
  assert.equal(unitRows(first).length, 50);
  assert.equal(guidedTotal(first), shown, 'the total counts units that are not on this page');
  assert.ok(!unitRows(first).some((n) => communes.some((c) => c.full_name === n)), 'no submitter is on page 1');
  assert.match(first.$('main').text(), new RegExp(`tính trên tất cả ${units} đơn vị`));
  const byType = first.$('main table').first().html();
  const status = first.$('h2:contains("Tình hình nộp")').next().text();
  assert.match(status, /đã nộp 61/);

  // A year with the communes before July 2025 stays light.
  const year = await editor.get(`${base}?tu=2025-02&den=2025-12`);
  assert.ok(Buffer.byteLength(year.html) < PAGE_BUDGET, `year consolidation is ${Buffer.byteLength(year.html)} bytes`);
  assert.ok(countOf(year) > 600);

  // Page 2: other units, the same totals; the text answers follow the units shown.
  const second = await editor.get(nextHref(first)!);
  assert.equal(second.status, 200);
  const unitIds = (p: Page) => rowIds(p, '#tung-don-vi ~ .table-wrap table');
  assert.equal(unitIds(second).length, 50);
  assert.equal(unitIds(second).filter((id) => unitIds(first).includes(id)).length, 0, 'no unit of page 1 again on page 2');
  assert.equal(second.$('main table').first().html(), byType);
  assert.equal(second.$('h2:contains("Tình hình nộp")').next().text(), status);
  const onSecond = communes.find((c) => unitRows(second).includes(c.full_name))!;
  assert.ok(onSecond, 'a submitter is on page 2');
  assert.match(second.$('main').text(), new RegExp(`Khó khăn riêng của ${onSecond.full_name}`));
  assert.doesNotMatch(first.$('main').text(), new RegExp(`Khó khăn riêng của ${onSecond.full_name}`));

  // Filters: by name without accents, by type, by status; the totals never move.
  const found = await editor.get(`${base}?tu=2025-08&den=2025-08&q=${encodeURIComponent('so y te')}`);
  assert.deepEqual(unitRows(found), [dept.full_name]);
  assert.equal(guidedTotal(found), shown);
  const done = await editor.get(`${base}?tu=2025-08&den=2025-08&trang-thai=da-nop&loai=commune`);
  assert.equal(countOf(done), 60);
  assert.match(String(nextHref(done)), /trang-thai=da-nop/);
  assert.match(String(nextHref(done)), /loai=commune/);
  assert.match(String(nextHref(done)), /tu=2025-08&den=2025-08/);
  assert.equal(guidedTotal(done), shown);
  assert.equal(done.$('main table').first().html(), byType);

  // Bad page numbers: a page with a notice, never an error.
  for (const bad of BAD_PAGES) {
    const p = await editor.get(`${base}?tu=2025-08&den=2025-08&trang=${bad}`);
    assert.equal(p.status, 200, `trang=${bad}`);
    assert.match(p.$('.notice').text(), /đang hiện trang \d+\./);
    assert.equal(guidedTotal(p), shown);
  }

  // The exports ignore the page and the filters: every unit is in the .xlsx.
  const exportHref = done.$('a:contains("Tải bảng số liệu Excel")').attr('href')!;
  assert.equal(exportHref, `${base}.xlsx?tu=2025-08&den=2025-08`);
  const xlsx = await editor.get(exportHref);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.res.rawPayload as unknown as ArrayBuffer);
  assert.equal(wb.getWorksheet('Đơn vị')!.rowCount - 2, units, 'one row per unit (after the two header rows), not per page');

  // Drill-down of the commune total: 60 reports on two pages, the total over all of them on each.
  const drillHref = `${base}/chi-tiet?tu=2025-08&den=2025-08&truong=people_guided&loai=commune`;
  const d1 = await editor.get(drillHref);
  assert.equal(d1.status, 200);
  assert.equal(d1.$('tbody tr').length, 50);
  const communeTotal = ((60 * 61) / 2).toLocaleString('vi-VN');
  assert.match(d1.$('main').text(), new RegExp(`Tổng: ${communeTotal} từ 60 báo cáo đã nộp`));
  const d2 = await editor.get(d1.$('nav.pager a[rel="next"]').attr('href')!);
  assert.equal(d2.$('tbody tr').length, 10);
  assert.equal(d2.$('tfoot td').text(), communeTotal);
  assert.match(String(d1.$('nav.pager a[rel="next"]').attr('href')), /loai=commune/);
  const dBad = await editor.get(`${drillHref}&trang=abc`);
  assert.equal(dBad.status, 200);
  assert.match(dBad.$('.notice').text(), /không hợp lệ; đang hiện trang 1/);
});
