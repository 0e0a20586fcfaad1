import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectAccessible, expectAccessibleOnPhone, expectNoHorizontalScroll, signInAs, startE2E } from './helpers.js';

test('a citizen answers a survey on a 360 px phone, with and without JavaScript', async (t) => {
  const e2e = await startE2E(t);
  for await (const { label, page } of e2e.modes({ width: 360 })) {
    await page.goto(`${e2e.url}/khao-sat/ban-da-biet-dvctt?nguon=to-roi-mot-cua`);
    await expectAccessibleOnPhone(page, `survey form (${label})`);

    // Sending without the required first answer shows the error summary.
    await Promise.all([page.waitForLoadState('load'), page.click('form.survey-form button[type="submit"]')]);
    assert.match(await page.locator('.error-summary').innerText(), /Vui lòng trả lời câu 1/);
    await expectAccessible(page, `survey form with errors (${label})`);

    // "Chưa" skips questions 2 and 3 (question 3 is required but skipped).
    await page.check('label[for="q1-3"]');
    await page.check('label[for="q4-2"]');
    await page.selectOption('#q7', '00004');
    await Promise.all([page.waitForURL(/\/cam-on$/), page.click('form.survey-form button[type="submit"]')]);
    assert.match(await page.locator('h1').innerText(), /Cảm ơn/);
    await expectAccessible(page, `thanks (${label})`);

    // The same browser cannot answer twice.
    await page.goto(`${e2e.url}/khao-sat/ban-da-biet-dvctt`);
    assert.match(await page.locator('main').innerText(), /đã trả lời khảo sát này/);

    await page.goto(`${e2e.url}/khao-sat/hai-long-dvctt?lang=en`);
    assert.equal(await page.locator('h1').innerText(), 'Satisfaction survey on online public services');
    await expectAccessibleOnPhone(page, `English form (${label})`);
  }
});

test('results with SVG charts are accessible in the back office and, once published, to the public', async (t) => {
  const e2e = await startE2E(t);
  for (const [i, sat] of [5, 4, 2].entries()) {
    const res = await fetch(`${e2e.url}/api/v1/surveys/hai-long-dvctt/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        answers: { q1: '1', q2: sat, q3: sat, q4: sat, q5: sat, q6: sat, q7: 8 + i, q8: 'nguoi-dan', q9: '00004' },
      }),
    });
    assert.equal(res.status, 201);
  }
  const ctx = await e2e.context({ javaScript: false, width: 360 });
  const page = await ctx.newPage();
  await signInAs(page, e2e.url, e2e.admin.email, e2e.admin.password);
  await page.goto(`${e2e.url}/quan-tri/khao-sat/2/ket-qua`);
  assert.ok((await page.locator('svg[role="img"]').count()) >= 8);
  await expectAccessibleOnPhone(page, 'back-office results');
  await page.goto(`${e2e.url}/quan-tri/khao-sat/2`);
  await expectAccessible(page, 'survey overview');
  await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Công bố kết quả")')]);
  await page.goto(`${e2e.url}/quan-tri/khao-sat/2/cau-hoi/1`);
  await expectAccessible(page, 'question editor');
  await page.goto(`${e2e.url}/quan-tri/khao-sat/moi`);
  await expectAccessible(page, 'new survey');

  const anon = await (await e2e.context({ width: 360 })).newPage();
  await anon.goto(`${e2e.url}/khao-sat/hai-long-dvctt/ket-qua`);
  assert.match(await anon.locator('dl.facts').first().innerText(), /66,7%/);
  await expectAccessible(anon, 'public results');
  await expectNoHorizontalScroll(anon, 'public results');
  await ctx.close();
});
