import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectAccessible, expectAccessibleOnPhone, signInAs, startE2E } from './helpers.js';

test('campaign back office: the plan, activities, a content item through review, the calendar; accessible with and without JavaScript', async (t) => {
  const e2e = await startE2E(t);
  for await (const { label, page } of e2e.modes({ width: 360 })) {
    await signInAs(page, e2e.url, e2e.admin.email, e2e.admin.password);

    await page.goto(`${e2e.url}/quan-tri/chien-dich`);
    assert.match(await page.locator('h1').innerText(), /Kế hoạch truyền thông năm 2025/);
    await expectAccessibleOnPhone(page, `plan (${label})`);

    await page.goto(`${e2e.url}/quan-tri/chien-dich/hoat-dong`);
    await expectAccessibleOnPhone(page, `activities (${label})`);
    await page.locator('tbody a').first().click();
    await page.waitForURL(/\/hoat-dong\/\d+$/);
    await expectAccessibleOnPhone(page, `activity (${label})`);

    // A content item, written as a plain form (the admin writes it; approval needs someone else).
    await page.goto(`${e2e.url}/quan-tri/chien-dich/san-pham/moi`);
    await expectAccessibleOnPhone(page, `new content (${label})`);
    const title = `Infographic nộp hồ sơ trực tuyến (${label})`;
    await page.fill('#title', title);
    await page.selectOption('#type', 'infographic');
    await page.check('input[name="audiences"][value="nguoi-dan"]');
    await page.selectOption('#ownerUnitId', { label: 'Trung tâm Phục vụ hành chính công Thành phố' });
    await page.fill('#plannedDate', '2025-03-12');
    await page.check('input[name="channels"][value="facebook"]');
    await Promise.all([page.waitForURL(/\/san-pham\/\d+$/), page.click('main form button[type="submit"]')]);
    assert.match(await page.locator('[role="status"]').innerText(), /Đã lưu bản nháp/);
    await expectAccessibleOnPhone(page, `content item (${label})`);
    await Promise.all([page.waitForURL(/\/san-pham\/\d+$/), page.click('button:has-text("Gửi duyệt")')]);
    assert.match(await page.locator('main').innerText(), /không tự duyệt được/);

    await page.goto(`${e2e.url}/quan-tri/chien-dich/lich?ngay=2025-03-12`);
    assert.match(await page.locator('main table').innerText(), new RegExp(title.replace(/[()]/g, '.')));
    await expectAccessible(page, `calendar month (${label})`);
    await page.goto(`${e2e.url}/quan-tri/chien-dich/lich?xem=tuan&ngay=2025-03-12`);
    await expectAccessibleOnPhone(page, `calendar week (${label})`);
  }
});
