// A phone's width (390 px) in both directions: a body's table of addresses and
// numbers fits its column, so no column starts off-screen (issue 24), and a grouped
// IBAN, card or phone number stays on one line where the line allows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { repo, serve, openPage, LAUNCH } from './sites.js';

const ID = '2026-01-sms-gateway';
const IBAN = 'JO94 CBJO 0010 0000 0000 0131 0003 02';

const BODIES = {
  en: `# What the messages look like

| Message | Sender | Link |
|---|---|---|
| Claim update | claims-update.jo-health.example | jo-health-claims.example/verify-member |
| Verification code | +962 79 123 4567 | secure-jo-health.example/otp-confirm |

Refunds go only to your own account, never to ${IBAN} or any other account a message names.
`,
  ar: `# شكل الرسائل

| الرسالة | المرسِل | الرابط |
|---|---|---|
| تحديث المطالبة | claims-update.jo-health.example | jo-health-claims.example/verify-member |
| رمز التحقق | +962 79 123 4567 | secure-jo-health.example/otp-confirm |

لا نحوّل المبالغ المستردة إلا إلى حسابك، ولا نطلب التحويل إلى ${IBAN} ولا إلى أي حساب تذكره رسالة.
`,
};

function site() {
  const root = join(mkdtempSync(join(tmpdir(), 'bayan-phones-')), 'site');
  cpSync(join(repo, 'tests', 'fixtures', 'minimal'), root, { recursive: true });
  for (const [lang, body] of Object.entries(BODIES)) {
    writeFileSync(join(root, 'content', 'incidents', ID, `${lang}.md`), body);
  }
  return { name: 'phones', root, base: '/' };
}

let browser;
let server;
before(async () => {
  browser = await chromium.launch(LAUNCH);
  server = await serve(site());
});
after(async () => {
  await server?.close();
  await browser?.close();
});

for (const lang of ['en', 'ar']) {
  test(`${lang}: at 390 px the body's table fits and every cell is on screen`, async () => {
    const { page, context } = await openPage(browser, `${server.url}${lang}/incidents/${ID}/`, 390);
    try {
      const m = await page.evaluate(() => {
        const body = document.querySelector('.body');
        const table = body.querySelector('table');
        const box = body.getBoundingClientRect();
        const cells = [...table.querySelectorAll('th, td')].map((c) => {
          const r = c.getBoundingClientRect();
          return { text: c.textContent, left: r.left, right: r.right };
        });
        return {
          body: { left: box.left, right: box.right },
          scroll: table.scrollWidth,
          client: table.clientWidth,
          page: document.documentElement.scrollWidth,
          cells,
        };
      });
      assert.ok(m.scroll <= m.client + 1, `${lang}: the table is ${m.scroll} px wide in a ${m.client} px box`);
      assert.ok(m.page <= 390, `${lang}: the page is ${m.page} px wide`);
      for (const c of m.cells) {
        assert.ok(c.left >= m.body.left - 1 && c.right <= m.body.right + 1,
          `${lang}: cell ${JSON.stringify(c.text)} at ${c.left}..${c.right}, outside ${m.body.left}..${m.body.right}`);
      }
    } finally {
      await context.close();
    }
  });

  test(`${lang}: at 390 px a grouped IBAN stays on one line`, async () => {
    const { page, context } = await openPage(browser, `${server.url}${lang}/incidents/${ID}/`, 390);
    try {
      const lines = await page.evaluate((iban) => {
        const p = [...document.querySelectorAll('.body p')].find((e) => e.textContent.includes(iban));
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
          const at = node.data.indexOf(iban);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + iban.length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          return tops.size;
        }
        return -1;
      }, IBAN);
      assert.equal(lines, 1, `${lang}: the IBAN spans ${lines} lines`);
    } finally {
      await context.close();
    }
  });
}
