// Shared set-up for the browser tests: build the sites with the bayan binary and
// serve each at its base_url's path on loopback, as a static host would.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync, statSync, existsSync, mkdirSync, cpSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, extname, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bayan = process.env.BAYAN || join(repo, 'target', 'debug', 'bayan');
export const screenshots = join(repo, 'tests', 'browser', 'screenshots');

/// The two sites every browser test runs on: the repository's example (English
/// first, served at the root) and the Arabic-first fixture under a sub-path with
/// Arabic-Indic digits and mixed-direction text.
export const SITES = [
  {
    name: 'example',
    root: repo,
    base: '/',
    advisory: 'incidents/2025-11-mixpanel-analytics/',
    archive: 'archive/2025/',
    dataClass: 'data/email_addresses/',
    vendor: 'vendors/mixpanel/',
  },
  {
    name: 'arabic-subpath',
    root: join(repo, 'tests', 'fixtures', 'arabic-subpath'),
    base: '/advisories/',
    advisory: 'incidents/2026-03-crm-export/index.html',
    archive: 'archive/2026/index.html',
    dataClass: 'data/phone_numbers/index.html',
    vendor: 'vendors/salesforce/index.html',
  },
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

/// Builds `site` into a fresh folder and serves it; resolves to { url, out, close }.
export async function serve(site) {
  const out = join(mkdtempSync(join(tmpdir(), `bayan-${site.name}-`)), 'output');
  execFileSync(bayan, ['build', '-q', '--root', site.root, '--output', out], {
    env: { ...process.env, SOURCE_DATE_EPOCH: '1798761600' },
    stdio: 'inherit',
  });
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const send = (status, file) => {
      res.writeHead(status, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(readFileSync(file));
    };
    if (path.startsWith(site.base) && !path.includes('..')) {
      let file = join(out, path.slice(site.base.length));
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (existsSync(file) && statSync(file).isFile()) return send(200, file);
    }
    send(404, join(out, '404.html'));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}${site.base}`;
  mkdirSync(screenshots, { recursive: true });
  return { url, out, close: () => new Promise((ok) => server.close(ok)) };
}

export const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

/// Loads `url` in `browser` at `width`, failing on any request to another host or
/// any failed request, once the page's fonts are ready; resolves to { page, context }.
export async function openPage(browser, url, width, { javaScript = true } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const foreign = [];
  const failed = [];
  page.on('request', (r) => { if (!r.url().startsWith(origin)) foreign.push(r.url()); });
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.evaluate(() => document.fonts.ready);
  assert.deepEqual(foreign, [], `requests to other hosts from ${url}`);
  assert.deepEqual(failed, [], `failed requests from ${url}`);
  return { page, context };
}

/// The example advisory of `bayan init`.
export const TRILINGUAL_ID = '2026-01-example-sms-gateway';

/// Issue 17's "done when": `bayan init`, then `languages: [ar, en, ur]` in its
/// site.yaml; and what a team then sets: the example made public, Urdu's digits.
export function trilingualSite() {
  const root = join(mkdtempSync(join(tmpdir(), 'bayan-trilingual-')), 'site');
  execFileSync(bayan, ['init', '-q', root]);
  const site = join(root, 'content', 'site.yaml');
  const text = readFileSync(site, 'utf8');
  assert.match(text, /^languages: \[en, ar\]/m);
  writeFileSync(site, text.replace(/^languages: \[en, ar\]/m, 'languages: [ar, en, ur]'));
  appendFileSync(site, '\ndigits: { ur: extended-arabic-indic }\n');
  const yaml = join(root, 'content', 'incidents', TRILINGUAL_ID, 'incident.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^draft: true/m, 'draft: false'));
  return { name: 'trilingual', root, base: '/' };
}

