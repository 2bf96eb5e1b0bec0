// Markdown bodies in a real browser, under the page's own Content-Security-Policy
// (`style-src 'self'`): a column a body aligns right (`---:`) is aligned to the
// inline end, which is the right on an English page and the left on an Arabic one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { repo, serve, LAUNCH } from './sites.js';

const SITE = {
  name: 'bodies',
  root: join(repo, 'tests', 'fixtures', 'bodies'),
  base: '/',
  advisory: 'incidents/2026-04-payroll-export/',
};

let browser;
before(async () => { browser = await chromium.launch(LAUNCH); });
after(async () => { await browser?.close(); });

/// For each column of the body's table: the computed `text-align` of its last
/// cell, and where that cell's text sits in the cell's content box.
async function measure(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(url, { waitUntil: 'networkidle' });
  const m = await page.evaluate(() => {
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content;
    const row = [...document.querySelectorAll('.body table tbody tr')].at(-1);
    const cells = [...row.children].map((td) => {
      const style = getComputedStyle(td);
      const box = td.getBoundingClientRect();
      const left = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
      const right = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
      const range = document.createRange();
      range.selectNodeContents(td);
      const text = range.getBoundingClientRect();
      return {
        align: style.textAlign,
        className: td.className,
        styleAttr: td.getAttribute('style'),
        gapLeft: text.left - left,
        gapRight: right - text.right,
      };
    });
    return { csp, dir: getComputedStyle(document.documentElement).direction, cells };
  });
  await context.close();
  return { ...m, violations };
}

test('a right-aligned table column aligns to the inline end, mirrored on the Arabic page', async () => {
  const server = await serve(SITE);
  try {
    const en = await measure(`${server.url}en/${SITE.advisory}`);
    const ar = await measure(`${server.url}ar/${SITE.advisory}`);
    for (const [lang, m, dir] of [['en', en, 'ltr'], ['ar', ar, 'rtl']]) {
      assert.match(m.csp, /style-src 'self'/, `${lang}: the page's CSP`);
      assert.deepEqual(m.violations, [], `${lang}: CSP violations`);
      assert.equal(m.dir, dir, `${lang}: direction`);
      assert.deepEqual(m.cells.map((c) => c.align), ['start', 'center', 'end'], `${lang}: computed text-align`);
      assert.ok(m.cells.every((c) => c.styleAttr === null), `${lang}: no style attribute`);
      // The amounts column has room to spare, so its alignment shows.
      const amount = m.cells[2];
      assert.ok(amount.gapLeft + amount.gapRight > 10, `${lang}: amount cell wider than its text`);
    }
    // English: start is the left, end the right.
    assert.ok(en.cells[2].gapRight < 1 && en.cells[2].gapLeft > 10, `English amounts at the right: ${JSON.stringify(en.cells[2])}`);
    assert.ok(en.cells[0].gapLeft < 1, `English branch names at the left: ${JSON.stringify(en.cells[0])}`);
    // Arabic: mirrored.
    assert.ok(ar.cells[2].gapLeft < 1 && ar.cells[2].gapRight > 10, `Arabic amounts at the left: ${JSON.stringify(ar.cells[2])}`);
    assert.ok(ar.cells[0].gapRight < 1, `Arabic branch names at the right: ${JSON.stringify(ar.cells[0])}`);
    // Centred stays centred.
    for (const m of [en, ar]) {
      assert.ok(Math.abs(m.cells[1].gapLeft - m.cells[1].gapRight) < 2, `centred: ${JSON.stringify(m.cells[1])}`);
    }
  } finally {
    await server.close();
  }
});
