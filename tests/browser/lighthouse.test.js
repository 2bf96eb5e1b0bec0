// Lighthouse 12.8 (mobile, simulated throttling) against Debian's Chromium: 100 for
// accessibility, best practices and SEO, at least 95 for performance, on both
// languages' advisory page and listing. Reports go to tests/browser/reports/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { SITES, serve, repo, LAUNCH } from './sites.js';

const reports = join(repo, 'tests', 'browser', 'reports');
let chrome;
before(async () => {
  mkdirSync(reports, { recursive: true });
  chrome = await chromeLauncher.launch({ chromePath: LAUNCH.executablePath, chromeFlags: LAUNCH.args });
});
after(async () => { await chrome?.kill(); });

const MIN = { performance: 0.95, accessibility: 1, 'best-practices': 1, seo: 1 };

for (const site of SITES) {
  test(`${site.name}: Lighthouse scores`, async (t) => {
    const server = await serve(site);
    try {
      for (const [kind, path] of [['advisory', site.advisory], ['listing', '']]) {
        for (const lang of ['en', 'ar']) {
          await t.test(`${kind} ${lang}`, async () => {
            const url = `${server.url}${lang}/${path}`;
            const result = await lighthouse(url, {
              port: chrome.port,
              output: 'json',
              logLevel: 'error',
              onlyCategories: Object.keys(MIN),
            });
            const lhr = result.lhr;
            writeFileSync(join(reports, `${site.name}-${kind}-${lang}.json`), result.report);
            const scores = Object.fromEntries(Object.keys(MIN).map((c) => [c, lhr.categories[c].score]));
            const failing = Object.values(lhr.audits)
              .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
              .map((a) => `${a.id} (${a.score})`);
            for (const [cat, min] of Object.entries(MIN)) {
              assert.ok(scores[cat] >= min, `${cat} ${scores[cat]} < ${min} for ${url}; below full marks: ${failing.join(', ')}`);
            }
            t.diagnostic(`${url}: ${JSON.stringify(scores)}`);
          });
        }
      }
    } finally {
      await server.close();
    }
  });
}
