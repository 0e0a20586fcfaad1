import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';

/**
 * What every rendered page must have: one <h1>, a <title>, no duplicate ids, and every form an action,
 * with a CSRF field on every POST form.
 */
export function checkPage(html: string, url = ''): cheerio.CheerioAPI {
  const $ = cheerio.load(html);
  assert.equal($('h1').length, 1, `${url}: expected exactly one <h1>, found ${$('h1').length}`);
  assert.ok($('title').text().trim(), `${url}: missing <title>`);
  assert.equal($('html').attr('lang'), 'vi', `${url}: <html lang="vi"> expected`);
  const seen = new Set<string>();
  $('[id]').each((_, el) => {
    const id = $(el).attr('id')!;
    assert.ok(!seen.has(id), `${url}: duplicate id "${id}"`);
    seen.add(id);
  });
  $('form').each((_, el) => {
    const form = $(el);
    assert.ok(form.attr('action'), `${url}: a form has no action`);
    if ((form.attr('method') ?? 'get').toLowerCase() === 'post') {
      assert.ok(form.find('input[name="_csrf"]').attr('value'), `${url}: POST form ${form.attr('action')} has no CSRF token`);
    }
  });
  return $;
}
