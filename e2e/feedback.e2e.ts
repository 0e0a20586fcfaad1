import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectAccessible, expectAccessibleOnPhone, signInAs, startE2E } from './helpers.js';

test('feedback: send, look up, follow, with and without JavaScript, on a 360 px phone', async (t) => {
  const e2e = await startE2E(t);
  for await (const { label, page } of e2e.modes({ width: 360 })) {
    await page.goto(`${e2e.url}/gop-y?chu-de=can-cuoc&tu=tro-ly`);
    await expectAccessibleOnPhone(page, `feedback form (${label})`);

    // A mistake: the error summary at the top and a message by the field.
    await page.fill('#content', 'ngắn');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/gop-y"] button[type="submit"]')]);
    await page.waitForSelector('.error-summary');
    assert.match(await page.locator('.error-summary').innerText(), /quá ngắn/);
    await expectAccessible(page, `feedback form with errors (${label})`);

    await page.fill('#content', 'Tôi đi làm lại căn cước ba lần mà chưa được, mong được hướng dẫn.');
    await page.fill('#email', 'nguoidan@example.com');
    await page.check('#consent');
    await Promise.all([page.waitForURL(/\/gop-y\/da-gui\?/), page.click('form[action="/gop-y"] button[type="submit"]')]);
    const code = (await page.locator('.code-big').innerText()).trim();
    assert.match(code, /^PA-\d{4}-[2-9A-HJ-NP-Z]{6}$/);
    await expectAccessibleOnPhone(page, `thank-you page (${label})`);

    await Promise.all([page.waitForURL(/\/gop-y\/theo-doi\//), page.locator('.url a').click()]);
    assert.match(await page.locator('h1').innerText(), new RegExp(code));
    await expectAccessibleOnPhone(page, `private follow-up page (${label})`);

    await page.goto(`${e2e.url}/gop-y/tra-cuu`);
    await page.fill('#ma', code);
    await Promise.all([page.waitForURL(/\/gop-y\/tra-cuu\?ma=/), page.click('form[action="/gop-y/tra-cuu"] button')]);
    assert.match(await page.locator('.facts-list').innerText(), /Mới/);
    await expectAccessibleOnPhone(page, `lookup (${label})`);

    await page.goto(`${e2e.url}/cong-khai`);
    await expectAccessibleOnPhone(page, `transparency (${label})`);
  }
});

test('feedback back office: queue, item, answer, publish review are accessible', async (t) => {
  const e2e = await startE2E(t);
  for await (const { label, page } of e2e.modes()) {
    await page.goto(`${e2e.url}/gop-y`);
    await page.fill('#content', 'Cổng dịch vụ công báo lỗi khi tôi thanh toán lệ phí trực tuyến.');
    await Promise.all([page.waitForURL(/\/gop-y\/da-gui\?/), page.click('form[action="/gop-y"] button[type="submit"]')]);
    const code = (await page.locator('.code-big').innerText()).trim();

    await signInAs(page, e2e.url, e2e.admin.email, e2e.admin.password);
    await page.goto(`${e2e.url}/quan-tri/phan-anh`);
    await expectAccessible(page, `queue (${label})`);
    await page.goto(`${e2e.url}/quan-tri/phan-anh/${code}`);
    await expectAccessible(page, `item (${label})`);
    await page.selectOption('#mau', { index: 1 });
    await Promise.all([page.waitForURL(/\?mau=/), page.click('form[method="get"] button')]);
    assert.match(await page.locator('#answer').inputValue(), new RegExp(code));
    await Promise.all([
      page.waitForURL(new RegExp(`/quan-tri/phan-anh/${code}$`)),
      page.click('form[action$="/tra-loi"] button'),
    ]);
    assert.match(await page.locator('.notice').innerText(), /Đã gửi câu trả lời/);
    await page.goto(`${e2e.url}/quan-tri/phan-anh/${code}/cong-khai`);
    await expectAccessible(page, `publish review (${label})`);
    await Promise.all([
      page.waitForURL(new RegExp(`/quan-tri/phan-anh/${code}$`)),
      page.click('form[action$="/cong-khai"] button'),
    ]);
    await page.goto(`${e2e.url}/cong-khai/phan-anh/${code}`);
    await expectAccessible(page, `published item (${label})`);
    for (const p of [
      '/quan-tri/phan-anh/moi',
      '/quan-tri/phan-anh/ngay-nghi',
      '/quan-tri/phan-anh/phan-cong',
      '/quan-tri/phan-anh/khoa-api',
    ]) {
      await page.goto(`${e2e.url}${p}`);
      await expectAccessible(page, `${p} (${label})`);
    }
  }
});
