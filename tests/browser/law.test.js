// The California notice (`laws: [ca]`) in a real browser: titled "Notice of Data
// Breach", its five headings in order, and no visible text under 10 points
// (Civil Code 1798.82(d)(1)), on screen at phone and desktop widths and in print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, cpSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { repo, serve, screenshots, LAUNCH } from './sites.js';

const HEADINGS = ['What Happened', 'What Information Was Involved', 'What We Are Doing', 'What You Can Do', 'For More Information'];
// 10pt in CSS pixels (1pt = 4/3 px).
const MIN_PX = 10 * 4 / 3;

let browser;
before(async () => { browser = await chromium.launch(LAUNCH); });
after(async () => { await browser?.close(); });

/// The repository's example with `laws: [ca]` added to its site.yaml.
function californiaSite() {
  const root = mkdtempSync(join(tmpdir(), 'bayan-law-ca-'));
  cpSync(join(repo, 'content'), join(root, 'content'), { recursive: true });
  appendFileSync(join(root, 'content', 'site.yaml'), '\nlaws: [ca]\n');
  return { name: 'law-ca', root, base: '/', advisory: 'incidents/2025-11-mixpanel-analytics/' };
}

/// Every visible element that holds text of its own, with its computed size.
function textSizes() {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('.visually-hidden, .skip-link')) continue;
    out.push({ tag: el.tagName.toLowerCase(), cls: el.className, text: el.textContent.trim().slice(0, 40), px: parseFloat(style.fontSize) });
  }
  return out;
}

test('California notice: title, five headings, no type under 10pt', async (t) => {
  const site = californiaSite();
  const server = await serve(site);
  try {
    for (const width of [320, 1280]) {
      await t.test(`en ${width}px`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        const foreign = [];
        page.on('request', (r) => { if (!r.url().startsWith(new URL(server.url).origin)) foreign.push(r.url()); });
        try {
          await page.goto(`${server.url}en/${site.advisory}`, { waitUntil: 'networkidle' });
          assert.deepEqual(foreign, []);
          assert.match(await page.title(), /^Notice of Data Breach · /);
          assert.equal((await page.locator('h1').innerText()).trim(), 'Notice of Data Breach');
          const h2 = await page.locator('main h2:visible').allInnerTexts();
          assert.deepEqual(h2.map((h) => h.trim()), HEADINGS);
          for (const media of ['screen', 'print']) {
            await page.emulateMedia({ media });
            const sizes = await page.evaluate(textSizes);
            assert.ok(sizes.length > 50, `only ${sizes.length} text elements found`);
            const small = sizes.filter((s) => s.px < MIN_PX - 0.01);
            assert.deepEqual(small, [], `text under 10pt (${MIN_PX.toFixed(2)}px) in ${media}`);
          }
          await page.emulateMedia({ media: 'screen' });
          await page.screenshot({ path: join(screenshots, `law-ca-en-${width}.png`), fullPage: true });
        } finally {
          await context.close();
        }
      });
    }
    await t.test('ar keeps the type size rule too', async () => {
      const context = await browser.newContext({ viewport: { width: 320, height: 900 } });
      const page = await context.newPage();
      try {
        await page.goto(`${server.url}ar/${site.advisory}`, { waitUntil: 'networkidle' });
        assert.equal((await page.locator('main h2:visible').count()), HEADINGS.length);
        const small = (await page.evaluate(textSizes)).filter((s) => s.px < MIN_PX - 0.01);
        assert.deepEqual(small, []);
      } finally {
        await context.close();
      }
    });
  } finally {
    await server.close();
  }
});
