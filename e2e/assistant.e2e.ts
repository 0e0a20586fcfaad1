import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { expectAccessible, expectAccessibleOnPhone, signInAs, startE2E } from './helpers.js';

test('/tro-ly answers and follows up, with and without JavaScript, on a 360 px phone', async (t) => {
  const e2e = await startE2E(t);
  for await (const { label, page } of e2e.modes({ width: 360 })) {
    await page.goto(`${e2e.url}/tro-ly`);
    await expectAccessible(page, `assistant (${label})`);
    await page.fill('#question', 'lam giay khai sinh cho con');
    await Promise.all([page.waitForURL(/hoi-thoai=/), page.click('button:has-text("Gửi câu hỏi")')]);
    assert.ok((await page.locator('.chat-a ol.steps-compact li').count()) >= 3, 'numbered steps');
    await page.fill('#question', 'thế lệ phí bao nhiêu?');
    await Promise.all([page.waitForURL(/#tra-loi-2$/), page.click('button:has-text("Gửi câu hỏi")')]);
    assert.match(await page.locator('.chat-a').last().innerText(), /Lệ phí/);
    await expectAccessibleOnPhone(page, `assistant with answers (${label})`);
  }
});

test('the widget works on another site: one script tag, own styles, keyboard and screen reader friendly', async (t) => {
  const e2e = await startE2E(t);
  // A host page on another origin, with aggressive styles the widget must not inherit.
  const host = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>UBND phường</title>
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <style>* { font-family: serif !important; } button { background: lime; color: black; }</style></head>
      <body><main><h1>Cổng thông tin UBND phường</h1><p>Nội dung của trang.</p></main>
      <script src="${e2e.url}/static/js/widget.js" async data-title="Hỏi đáp dịch vụ công"></script></body></html>`);
  });
  await new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r()));
  t.after(() => new Promise<void>((r) => host.close(() => r())));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;

  const ctx = await e2e.context({ width: 360 });
  const page = await ctx.newPage();
  await page.goto(hostUrl);
  const opener = page.locator('[data-dvc-assistant] button.open');
  await opener.waitFor();
  assert.notEqual(
    await opener.evaluate((b) => getComputedStyle(b).backgroundColor),
    'rgb(0, 255, 0)',
    'host styles do not leak in',
  );

  // Keyboard only: Tab to the button, Enter opens and focuses the question box.
  await opener.focus();
  await page.keyboard.press('Enter');
  assert.equal(await opener.getAttribute('aria-expanded'), 'true');
  const input = page.locator('[data-dvc-assistant] #dvc-q');
  assert.ok(
    await input.evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el),
  );
  await page.keyboard.type('cap lai cccd bi mat');
  await page.keyboard.press('Enter');
  const answer = page.locator('[data-dvc-assistant] .log .a').last();
  await page.locator('[data-dvc-assistant] .log .a ol li').first().waitFor();
  assert.match(await answer.innerText(), /căn cước/i);
  assert.equal(await page.locator('[data-dvc-assistant] .log').getAttribute('aria-live'), 'polite');
  // A follow-up in the same conversation.
  await input.fill('thế lệ phí bao nhiêu?');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    const root = document.querySelector('[data-dvc-assistant]')?.shadowRoot;
    return Boolean(root && /Lệ phí/.test(root.querySelector('.log li:last-child .a')?.textContent ?? ''));
  });
  await expectAccessibleOnPhone(page, 'host page with the widget open');
  // Escape closes and gives focus back to the button.
  await page.keyboard.press('Escape');
  assert.equal(await opener.getAttribute('aria-expanded'), 'false');
  assert.ok(await opener.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el));
  await ctx.close();
});

test('the assistant back office pages are accessible', async (t) => {
  const e2e = await startE2E(t);
  await fetch(`${e2e.url}/api/v1/assistant/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question: 'giá vàng hôm nay' }),
  });
  const ctx = await e2e.context();
  const page = await ctx.newPage();
  await signInAs(page, e2e.url, e2e.admin.email, e2e.admin.password);
  for (const path of [
    '/quan-tri/tro-ly',
    '/quan-tri/tro-ly/hang-cho',
    '/quan-tri/tro-ly/hoi-thoai',
    '/quan-tri/tro-ly/cum-tu',
    '/quan-tri/tu-dien',
  ]) {
    await page.goto(`${e2e.url}${path}`);
    await expectAccessible(page, path);
  }
  await ctx.close();
});
