import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectAccessible, expectAccessibleOnPhone, signInAs, startE2E } from './helpers.js';

test('periodic reports: an officer submits, the Center sees the grid and the consolidation; accessible with and without JavaScript', async (t) => {
  const e2e = await startE2E(t);
  const setup = await (await e2e.context()).newPage();
  await signInAs(setup, e2e.url, e2e.admin.email, e2e.admin.password);
  await setup.goto(`${e2e.url}/quan-tri/nguoi-dung/moi`);
  await setup.fill('#email', 'canbo.badinh@e2e.test');
  await setup.fill('#name', 'Cán bộ phường Ba Đình');
  await setup.selectOption('#role', 'unit_officer');
  await setup.selectOption('#unitId', { label: 'Phường Ba Đình (Xã, phường)' });
  await setup.fill('#password', 'officer-password-123');
  await Promise.all([setup.waitForLoadState('load'), setup.click('main form button[type="submit"]')]);

  for await (const { javaScript, label, page } of e2e.modes({ width: 360 })) {
    await signInAs(page, e2e.url, 'canbo.badinh@e2e.test', 'officer-password-123');
    await expectAccessible(page, `officer dashboard (${label})`);

    await page.goto(`${e2e.url}/quan-tri/bao-cao`);
    await expectAccessibleOnPhone(page, `officer reports (${label})`);
    const month = javaScript ? 'Tháng 8/2025' : 'Tháng 9/2025';
    const row = page.locator('tbody tr', { hasText: month });
    await Promise.all([page.waitForURL(/\/bao-cao\/ky\/\d+\/don-vi\/\d+$/), row.locator('a').click()]);
    await expectAccessibleOnPhone(page, `report form (${label})`);
    // Submitting with a number missing shows the error summary and keeps what was typed.
    await page.fill('#v_people_guided', '120');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value="submit"]')]);
    assert.match(await page.locator('.error-summary').innerText(), /nhập một số/);
    assert.equal(await page.inputValue('#v_people_guided'), '120');
    await expectAccessible(page, `report form with errors (${label})`);
    for (const input of await page.locator('input[name^="v_"][inputmode="numeric"]').all()) {
      if (!(await input.inputValue())) await input.fill('2');
    }
    await Promise.all([page.waitForURL(/\/don-vi\/\d+$/), page.click('button[value="submit"]')]);
    assert.match(await page.locator('[role="status"]').innerText(), /Đã nộp báo cáo/);
  }

  const ctx = await e2e.context({ width: 360 });
  const page = await ctx.newPage();
  await signInAs(page, e2e.url, e2e.admin.email, e2e.admin.password);
  await page.goto(`${e2e.url}/quan-tri/bao-cao/mau/1/tinh-hinh?nam=2025&loai=commune`);
  await expectAccessibleOnPhone(page, 'grid');
  await page.goto(`${e2e.url}/quan-tri/bao-cao/mau/1/tong-hop?tu=2025-08&den=2025-09`);
  assert.match(await page.locator('main').innerText(), /240/);
  await expectAccessibleOnPhone(page, 'consolidation');
  await page.locator('main table a', { hasText: '240' }).first().click();
  await page.waitForURL(/chi-tiet/);
  await expectAccessible(page, 'drill-down');
  await page.goto(`${e2e.url}/quan-tri/thong-bao`);
  await expectAccessible(page, 'notifications');
});
