// The default theme in a real browser: direction and mirroring, no request to any
// other host, no axe-core violation of WCAG 2.1 A/AA, no horizontal scrolling from
// 320 px, readable with JavaScript off. Screenshots go to tests/browser/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { SITES, serve, screenshots, LAUNCH, openPage } from './sites.js';

let browser;
before(async () => { browser = await chromium.launch(LAUNCH); });
after(async () => { await browser?.close(); });

const WIDTHS = [320, 1280];
const LANGS = { en: 'ltr', ar: 'rtl' };

function pages(site) {
  return [
    ['listing', (l) => `${l}/`],
    ['advisory', (l) => `${l}/${site.advisory}`],
    ['archive', (l) => `${l}/${site.archive}`],
    ['data class', (l) => `${l}/${site.dataClass}`],
    ['vendor', (l) => `${l}/${site.vendor}`],
    ['404', () => 'no/such/page/'],
  ];
}

const open = (url, width, options) => openPage(browser, url, width, options);

/// The date lines (`Published: … · Updated: …`, `date · status`) whose separator
/// was pushed to the start of a line, away from the text it follows.
function separatorsStartingLines() {
  const bad = [];
  for (const el of document.querySelectorAll('p.dates, .when')) {
    for (const n of el.childNodes) {
      const m = n.nodeType === Node.TEXT_NODE && n.data.match(/^[\s\u00a0]*([·،])/u);
      if (!m || !n.previousSibling) continue;
      const r = document.createRange();
      const i = n.data.indexOf(m[1]);
      r.setStart(n, i);
      r.setEnd(n, i + 1);
      const sep = r.getClientRects()[0];
      const prev = [...n.previousSibling.getClientRects()].at(-1);
      if (sep && prev && Math.abs(sep.top - prev.top) > 2) bad.push(el.textContent.trim().slice(0, 80));
    }
  }
  return bad;
}

for (const site of SITES) {
  test(`${site.name}: every page type, both languages, phone and desktop widths`, async (t) => {
    const server = await serve(site);
    try {
      for (const [kind, path] of pages(site)) {
        for (const [lang, dir] of Object.entries(LANGS)) {
          // The 404 page is in the site's default language only.
          if (kind === '404' && lang !== (site.name === 'example' ? 'en' : 'ar')) continue;
          for (const width of WIDTHS) {
            await t.test(`${kind} ${lang} ${width}px`, async () => {
              const url = server.url + path(lang);
              const { page, context } = await open(url, width);
              try {
                const htmlDir = await page.evaluate(() => getComputedStyle(document.documentElement).direction);
                assert.equal(htmlDir, dir, 'computed direction');
                assert.equal(await page.getAttribute('html', 'lang'), lang);
                const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
                assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
                assert.deepEqual(await page.evaluate(separatorsStartingLines), [], 'a separator (، or ·) starts a line');
                const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
                const violations = axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
                assert.deepEqual(violations, [], 'axe-core violations');
                await page.screenshot({ path: join(screenshots, `${site.name}-${kind}-${lang}-${width}.png`), fullPage: true });
              } finally {
                await context.close();
              }
            });
          }
        }
      }
    } finally {
      await server.close();
    }
  });

  test(`${site.name}: the Arabic pages mirror the English ones`, async () => {
    const server = await serve(site);
    try {
      for (const path of [(l) => `${l}/${site.advisory}`, (l) => `${l}/`]) {
        const measure = async (lang) => {
          const { page, context } = await open(server.url + path(lang), 1280);
          const m = await page.evaluate(() => {
            const box = (el) => el.getBoundingClientRect();
            const h1 = document.querySelector('h1');
            const range = document.createRange();
            range.selectNodeContents(h1);
            // The first line's extent: bidi splits a line into several rects.
            const rects = [...range.getClientRects()];
            const top = Math.min(...rects.map((r) => r.top));
            const line = rects.filter((r) => Math.abs(r.top - top) < 4);
            const firstLine = { left: Math.min(...line.map((r) => r.left)), right: Math.max(...line.map((r) => r.right)) };
            const main = box(document.querySelector('main'));
            const badge = box(document.querySelector('.badge'));
            const sw = box(document.querySelector('.lang-switch'));
            const list = document.querySelector('.advice ol, .advisory-list');
            const item = list.querySelector('li');
            return {
              vw: document.documentElement.clientWidth,
              h1: box(h1), firstLine, main, badge, sw,
              list: box(list), item: box(item),
              itemPadStart: parseFloat(getComputedStyle(list).paddingInlineStart),
            };
          });
          await context.close();
          return m;
        };
        const en = await measure('en');
        const ar = await measure('ar');
        // The heading's first line starts at the inline-start edge.
        assert.ok(Math.abs(en.firstLine.left - en.h1.left) < 2, 'English heading starts at the left');
        assert.ok(Math.abs(ar.firstLine.right - ar.h1.right) < 2, 'Arabic heading starts at the right');
        // The status badge sits at the start of its line, mirrored.
        assert.ok(en.badge.left - en.main.left < 40, 'English badge at the left');
        assert.ok(ar.main.right - ar.badge.right < 40, 'Arabic badge at the right');
        assert.ok(Math.abs((en.badge.left - en.main.left) - (ar.main.right - ar.badge.right)) < 4, 'badge offsets mirror');
        // The language switch sits at the end of the header: right in English, left in Arabic.
        assert.ok(en.sw.left > en.vw / 2, 'English language switch on the right');
        assert.ok(ar.sw.right < ar.vw / 2, 'Arabic language switch on the left');
        // List markers hang on the inline-start side.
        if (en.itemPadStart > 0) {
          assert.ok(en.item.left > en.list.left, 'English markers on the left');
          assert.ok(ar.item.right < ar.list.right, 'Arabic markers on the right');
        }
      }
    } finally {
      await server.close();
    }
  });

  test(`${site.name}: dark mode keeps contrast and structure`, async () => {
    const server = await serve(site);
    try {
      for (const lang of Object.keys(LANGS)) {
        for (const path of [`${lang}/${site.advisory}`, `${lang}/`]) {
          const context = await browser.newContext({ viewport: { width: 390, height: 900 }, colorScheme: 'dark' });
          const page = await context.newPage();
          await page.goto(server.url + path, { waitUntil: 'networkidle' });
          const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          assert.notEqual(bg, 'rgb(255, 255, 255)', 'dark background');
          const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
          assert.deepEqual(axe.violations.map((v) => v.id), [], `axe-core violations in dark mode on ${path}`);
          await context.close();
        }
      }
    } finally {
      await server.close();
    }
  });

  test(`${site.name}: advisory is readable with JavaScript off`, async () => {
    const server = await serve(site);
    try {
      for (const lang of Object.keys(LANGS)) {
        const { page, context } = await open(server.url + `${lang}/${site.advisory}`, 390, { javaScript: false });
        const visible = await page.evaluate(() => {
          const seen = (s) => { const e = document.querySelector(s); return e && e.getBoundingClientRect().height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
          return ['h1', '.data-exposed', '.data-not-exposed', '.advice'].every(seen) && document.body.innerText.length > 1000;
        });
        assert.ok(visible, `${lang}: headline, data groups and advice visible without JavaScript`);
        await page.screenshot({ path: join(screenshots, `${site.name}-advisory-${lang}-nojs.png`), fullPage: true });
        await context.close();
      }
    } finally {
      await server.close();
    }
  });
}
