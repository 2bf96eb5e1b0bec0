// A three-language site (issue 17) in a real browser, made the way the issue says:
// `bayan init`, then `languages: [ar, en, ur]`, with no theme override (and the
// example made public, Urdu digits chosen). Each language's pages must read right:
// direction, the bundled Arabic-script font actually drawing the Urdu letters
// (ٹ ڈ ڑ ں ے), the digits ۰-۹ in Urdu dates, the language switch naming all three
// languages in their own names, no request to another host and no axe-core violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { serve, screenshots, LAUNCH, openPage, trilingualSite, TRILINGUAL_ID as ID } from './sites.js';

const LANGS = { ar: 'rtl', en: 'ltr', ur: 'rtl' };
const NAMES = { ar: 'العربية', en: 'English', ur: 'اردو' };

let browser;
before(async () => { browser = await chromium.launch(LAUNCH); });
after(async () => { await browser?.close(); });

const open = (url, width) => openPage(browser, url, width);

/// The fonts Chromium actually drew `selector`'s text with (CDP), by family name.
async function fontsOf(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  assert.ok(nodeId, `no ${selector}`);
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

/// The visual left edges of the first and last letters of `selector`'s first text
/// line, from DOM ranges: right to left, the first letter is drawn right of the last.
function edges(selector) {
  const el = document.querySelector(selector);
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const rects = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (let i = 0; i < n.data.length; i++) {
      if (!/\p{L}/u.test(n.data[i])) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + 1);
      const box = r.getClientRects()[0];
      if (box) rects.push({ ch: n.data[i], x: box.left, y: Math.round(box.top) });
    }
  }
  const line = rects.filter((r) => r.y === rects[0].y);
  return { first: line[0], last: line[line.length - 1] };
}

test('a site from bayan init with languages: [ar, en, ur] reads right in all three', async (t) => {
  const site = trilingualSite();
  const server = await serve(site);
  try {
    for (const [lang, dir] of Object.entries(LANGS)) {
      for (const [kind, path] of [['listing', `${lang}/`], ['advisory', `${lang}/incidents/${ID}/`], ['open', `${lang}/open/`]]) {
        for (const width of [360, 1280]) {
          await t.test(`${kind} ${lang} ${width}px`, async () => {
            const { page, context } = await open(server.url + path, width);
            try {
              assert.equal(await page.getAttribute('html', 'lang'), lang);
              assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).direction), dir);
              const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
              assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
              // The language switch: the other two languages, each in its own name
              // and language, never a bare code.
              const links = await page.$$eval('nav.lang-switch a', (as) => as.map((a) => ({ text: a.textContent.trim(), lang: a.getAttribute('lang') || a.getAttribute('hreflang') })));
              const others = Object.keys(LANGS).filter((l) => l !== lang);
              assert.deepEqual(links.map((l) => l.lang).sort(), others.sort(), JSON.stringify(links));
              for (const l of links) assert.equal(l.text, NAMES[l.lang]);
              const body = await page.innerText('body');
              assert.doesNotMatch(body, /\b(ur|ar|en)\b version|\(in (ur|ar|en)\)/, 'a bare language code');
              const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
              assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], 'axe-core violations');
              if (kind === 'advisory') {
                await page.screenshot({ path: join(screenshots, `trilingual-${lang}-${width}.png`), fullPage: width === 360 });
              }
            } finally {
              await context.close();
            }
          });
        }
      }
    }

    await t.test('Urdu is set in the bundled font, right to left, with Urdu digits', async () => {
      const { page, context } = await open(`${server.url}ur/incidents/${ID}/`, 1280);
      try {
        const title = await page.innerText('h1');
        assert.match(title, /[ٹڈڑںے]/u, `the Urdu title holds Urdu letters: ${title}`);
        // Every Arabic-script glyph of the title came from the site's own font: no
        // system Arabic face stood in (spaces and brackets are Latin, outside its range).
        const bundled = (fonts) => {
          assert.ok(fonts.some((f) => f.isCustomFont && /Noto Sans Arabic/.test(f.familyName) && f.glyphCount > 0), JSON.stringify(fonts));
          for (const f of fonts) assert.ok(f.isCustomFont || !/Arab|Urdu|Nastaliq|Kufi|Naskh/.test(f.familyName), JSON.stringify(fonts));
        };
        bundled(await fontsOf(page, 'h1'));
        const size = await page.evaluate(() => ({
          ur: parseFloat(getComputedStyle(document.body).fontSize),
          root: parseFloat(getComputedStyle(document.documentElement).fontSize),
        }));
        assert.ok(size.ur > size.root, `Urdu takes Arabic's larger type: ${JSON.stringify(size)}`);
        const { first, last } = await page.evaluate(edges, 'main .summary, main p');
        assert.ok(first.x > last.x, `right to left: ${JSON.stringify({ first, last })}`);
        // Dates in ۰-۹, no Latin or Arabic-Indic digit in them.
        const times = await page.$$eval('main time', (ts) => ts.map((x) => x.textContent));
        assert.ok(times.length > 0);
        for (const x of times) {
          assert.match(x, /[۰-۹]/u, x);
          assert.doesNotMatch(x, /[0-9٠-٩]/u, x);
        }
        // The digits ۰-۹ too.
        bundled(await fontsOf(page, 'main time'));
      } finally {
        await context.close();
      }
    });
  } finally {
    await server.close();
  }
});
