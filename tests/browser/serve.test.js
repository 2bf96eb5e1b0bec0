// `bayan serve` as a person uses it: open a page, save an edit, see the page
// reload with the edit, with no CSP or console error; break the YAML and see the
// error overlay; fix it and see the overlay go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { repo, bayan, LAUNCH } from './sites.js';

test('serve reloads an open page after a save and shows build errors', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bayan-serve-'));
  cpSync(join(repo, 'tests', 'fixtures', 'minimal', 'content'), join(root, 'content'), { recursive: true });
  const server = spawn(bayan, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'ignore'] });
  const browser = await chromium.launch(LAUNCH);
  try {
    const lines = createInterface({ input: server.stdout });
    const url = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('serve did not start')), 20000);
      lines.on('line', (l) => {
        const m = l.match(/serving (http:\S+)/);
        if (m) { clearTimeout(timer); ok(m[1]); }
      });
    });
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${url}en/incidents/2026-01-sms-gateway/`, { waitUntil: 'networkidle' });
    const yaml = join(root, 'content', 'incidents', '2026-01-sms-gateway', 'incident.yaml');
    const original = readFileSync(yaml, 'utf8');

    const reloaded = page.waitForEvent('load', { timeout: 15000 });
    writeFileSync(yaml, original.replace('SMS gateway sent codes', 'SMS gateway sent one-time codes'));
    await reloaded;
    assert.match(await page.textContent('h1'), /one-time codes/);

    const broken = page.waitForEvent('load', { timeout: 15000 });
    writeFileSync(yaml, original.replace('status: resolved', 'status: [resolved'));
    await broken;
    assert.match(await page.textContent('#bayan-overlay'), /incident\.yaml/);

    const fixed = page.waitForEvent('load', { timeout: 15000 });
    writeFileSync(yaml, original);
    await fixed;
    assert.equal(await page.$('#bayan-overlay'), null, 'overlay gone after the fix');
    assert.deepEqual(problems, [], 'console errors (a CSP violation would show here)');
  } finally {
    await browser.close();
    server.kill();
  }
});
