import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, signInAs, startE2E } from './helpers.js';

/**
 * axe runs with JavaScript on only: in this environment's Chromium, axe never returns on a page whose scripts are
 * disabled (every page, not only these). The no-JS run still checks that each flow works and fits a phone.
 */
async function check(page: Page, javaScript: boolean, label: string): Promise<void> {
  if (javaScript) await expectAccessible(page, label);
  await expectNoHorizontalScroll(page, label);
}

const HEADER = 'dossier_id,unit_code,procedure_code,received_at,channel,due_at,finished_at,fee_required,paid_online';

function csv(prefix: string): Buffer {
  const rows = [
    `${prefix}1,00004,1.001193,2025-06-10T08:00:00+07:00,online,2025-06-12,2025-06-11,1,1`,
    `${prefix}2,00004,1.001193,2025-08-02,online,2025-08-05,2025-08-09,1,0`,
    `${prefix}3,00008,1.001193,2025-08-03,direct,2025-08-05,,0,0`,
    `${prefix}4,00007,1.001193,2025-05-03,postal,2025-05-05,2025-05-05,0,0`,
  ];
  return Buffer.from(`${HEADER}\n${rows.join('\n')}\n`);
}

test('dossier upload with progress, the KPI dashboard and the public figures: accessible, with and without JavaScript', async (t) => {
  const e2e = await startE2E(t);
  for await (const { javaScript, label, page } of e2e.modes({ width: 360 })) {
    await signInAs(page, e2e.url, e2e.admin.email, e2e.admin.password);

    await page.goto(`${e2e.url}/quan-tri/so-lieu/nhap`);
    await check(page, javaScript, `import form (${label})`);
    await page.setInputFiles('#file', { name: 'ho-so.csv', mimeType: 'text/csv', buffer: csv(javaScript ? 'JS' : 'NOJS') });
    await Promise.all([page.waitForURL(/\/quan-tri\/so-lieu\/nhap\/\d+$/), page.click('button[type="submit"]')]);
    // The page updates itself (polling with JS, a reload without) until the job ends.
    await page.waitForSelector('text=Đã nhập xong', { timeout: 20_000 });
    await check(page, javaScript, `import result (${label})`);

    await page.goto(`${e2e.url}/quan-tri/so-lieu?tu=2025-05&den=2025-08`);
    assert.match(await page.locator('h1').innerText(), /Thành phố Hà Nội/);
    assert.ok((await page.locator('svg[role="img"]').count()) >= 3);
    await check(page, javaScript, `dashboard (${label})`);
    await Promise.all([
      page.waitForURL(/don-vi=00004/),
      page.locator('tbody th a', { hasText: 'Phường Ba Đình' }).first().click(),
    ]);
    await check(page, javaScript, `dashboard drill-down (${label})`);

    await page.goto(`${e2e.url}/so-lieu?tu=2025-05&den=2025-08`);
    await check(page, javaScript, `public figures (${label})`);
    await Promise.all([page.waitForURL(/\/so-lieu\/00004/), page.locator('tbody th a', { hasText: 'Phường Ba Đình' }).click()]);
    assert.match(await page.locator('h1').innerText(), /Phường Ba Đình/);
    await check(page, javaScript, `public commune figures (${label})`);
  }
});
