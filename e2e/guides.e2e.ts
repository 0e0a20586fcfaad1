import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectAccessible, expectAccessibleOnPhone, expectNoHorizontalScroll, signInAs, startE2E } from './helpers.js';

test('key pages are accessible and work with and without JavaScript, on a 360 px phone', async (t) => {
  const e2e = await startE2E(t);
  for await (const { label, page } of e2e.modes({ width: 360 })) {
    await page.goto(`${e2e.url}/`);
    assert.match(await page.locator('h1').innerText(), /thủ tục/i);
    await expectAccessibleOnPhone(page, `home (${label})`);

    // Search by typing without diacritics, as many people do.
    await page.fill('#q', 'lam can cuoc');
    await Promise.all([page.waitForURL(/\/tim-kiem\?q=/), page.click('form[role="search"] button')]);
    const first = page.locator('ol.results > li a').first();
    assert.equal(await first.getAttribute('href'), '/huong-dan/can-cuoc');
    await expectAccessibleOnPhone(page, `search results (${label})`);

    await Promise.all([page.waitForURL(/\/huong-dan\/can-cuoc$/), first.click()]);
    assert.ok((await page.locator('ol.steps > li').count()) >= 3);
    await expectAccessibleOnPhone(page, `guide (${label})`);

    // "Was this helpful?" works as plain forms: the choice, then an optional comment and send.
    await Promise.all([page.waitForURL(/danh-gia\?helpful=1/), page.click('button[name="helpful"][value="1"]')]);
    assert.ok(await page.isChecked('input[name="helpful"][value="1"]'));
    await page.fill('#comment', 'Rất dễ hiểu');
    await expectAccessibleOnPhone(page, `helpful vote (${label})`);
    await Promise.all([page.waitForURL(/cam-on=1/), page.click('button:has-text("Gửi đánh giá")')]);
    assert.match(await page.locator('[role="status"]').innerText(), /Cảm ơn/);

    // Large text through the display page (a cookie, no JavaScript needed).
    await page.goto(`${e2e.url}/hien-thi?quay-lai=/huong-dan/khai-sinh`);
    await page.check('input[value="lt"]');
    await Promise.all([page.waitForURL(/\/huong-dan\/khai-sinh$/), page.click('button[type="submit"]')]);
    assert.equal(await page.getAttribute('html', 'class'), 'lt');
    await expectNoHorizontalScroll(page, `guide in large text (${label})`);

    await page.goto(`${e2e.url}/quan-tri/dang-nhap`);
    await expectAccessibleOnPhone(page, `sign-in (${label})`);
  }
});

test('the guide editor is accessible, with and without JavaScript', async (t) => {
  const e2e = await startE2E(t);
  for await (const { javaScript, page } of e2e.modes()) {
    await signInAs(page, e2e.url, e2e.admin.email, e2e.admin.password);
    await page.goto(`${e2e.url}/quan-tri/huong-dan/khai-tu`);
    const create = page.locator('button', { hasText: 'Tạo bản nháp' });
    if (await create.count()) await Promise.all([page.waitForURL(/\/sua$/), create.click()]);
    else await page.goto(`${e2e.url}${await page.locator('a', { hasText: 'Sửa bản nháp' }).getAttribute('href')}`);
    assert.match(await page.locator('h1').innerText(), /Sửa bản nháp/);
    await expectAccessible(page, `guide editor (JS ${javaScript ? 'on' : 'off'})`);
    // A validation error is shown in a summary at the top and by the field.
    await page.fill('#feeSources', 'khong-co');
    await page.click('button[type="submit"]');
    await page.waitForSelector('.error-summary');
    assert.match(await page.locator('.error-summary').innerText(), /Lệ phí dẫn nguồn/);
    await expectAccessible(page, `guide editor with errors (JS ${javaScript ? 'on' : 'off'})`);
  }
});

test('a guide page weighs at most 60 KB transferred (HTML + CSS + JS, compressed)', async (t) => {
  const e2e = await startE2E(t);
  const ctx = await e2e.context();
  const page = await ctx.newPage();
  const sizes: Array<Promise<number>> = [];
  page.on('requestfinished', (req) => {
    if (['document', 'stylesheet', 'script'].includes(req.resourceType())) {
      sizes.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
    }
  });
  await page.goto(`${e2e.url}/huong-dan/thuong-tru`, { waitUntil: 'networkidle' });
  const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  assert.ok(total > 1000, 'measured something');
  assert.ok(total <= 60 * 1024, `guide page weighs ${total} bytes`);
  await ctx.close();
});
