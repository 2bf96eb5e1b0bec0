// `bayan notice` in a real browser: the HTML part of each language's `.eml`, for the
// example and the Arabic-first fixture, as Chromium draws it with the network cut off
// (a mail client loads nothing, and neither may the notice). Screenshots go to
// tests/browser/screenshots/notice-SITE-LANG.png. The Arabic notice's content is laid
// out right to left (computed `direction`, which Gmail keeps where it drops `<html
// dir>`); the English one left to right; nothing at all is requested; and every phone
// number, email and URL is drawn in written order from left to right and copies as
// typed, measured as bidi.test.js does on the site: from the glyphs' boxes (a DOM Range
// over each character), lines top to bottom, each left to right. The tokens are the
// runs bayan isolated in the plain-text part (U+2066…U+2069) and the URLs written out
// in it, so what the HTML shows is compared with the same message's own text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { repo, bayan, screenshots, LAUNCH } from './sites.js';

const NOTICES = [
  { name: 'example', root: repo, id: '2025-11-mixpanel-analytics' },
  { name: 'arabic-subpath', root: join(repo, 'tests', 'fixtures', 'arabic-subpath'), id: '2026-03-crm-export' },
];
const LANGS = ['ar', 'en'];

/// Writes the notices of `n` and reads every `.eml` with Python's `email` package
/// (policy.default), the parser tests/it/notice.rs uses: { lang: { html, text } }.
function messages(n) {
  const dir = join(mkdtempSync(join(tmpdir(), `bayan-notice-${n.name}-`)), 'notices');
  execFileSync(bayan, ['notice', '-q', n.id, '--root', n.root, '--output', dir], { stdio: 'inherit' });
  const script = `
import email, email.policy, json, os, sys
out = {}
for lang in sys.argv[2:]:
    m = email.message_from_bytes(open(os.path.join(sys.argv[1], lang + '.eml'), 'rb').read(), policy=email.policy.default)
    out[lang] = {'html': m.get_body(('html',)).get_content(), 'text': m.get_body(('plain',)).get_content(),
                 'defects': [repr(d) for p in m.walk() for d in p.defects]}
print(json.dumps(out))
`;
  return JSON.parse(execFileSync('python3', ['-c', script, dir, ...LANGS], { encoding: 'utf8' }));
}

/// The phone numbers, emails and URLs of a notice, as the plain text writes them.
function tokens(text) {
  const out = new Map();
  for (const [, run] of text.matchAll(/\u2066([^\u2066-\u2069]+)\u2069/g)) out.set(run, kind(run));
  // In a left-to-right text nothing left-to-right is isolated: find the rest as typed.
  const bare = text.replace(/[\u2066-\u2069]/g, '');
  for (const [url] of bare.matchAll(/https?:\/\/[^\s]+/g)) out.set(url.replace(/[.,;:)]+$/, ''), 'url');
  for (const [mail] of bare.matchAll(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g)) out.set(mail, 'email');
  for (const [phone] of bare.matchAll(/\+\d[\d ]{6,}\d|\d{3,}-[A-Z]{3,} \(\d{3,}-\d+\)/g)) out.set(phone, 'phone');
  return [...out].filter(([, k]) => k).map(([token, k]) => ({ token, kind: k }));
}

function kind(run) {
  if (/^https?:\/\//.test(run)) return 'url';
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(run)) return 'email';
  const digits = run.replace(/\D/g, '').length;
  if (/^\+?[\d\s().-]+$/.test(run) && digits >= 7) return 'phone';
  if (/^\d{3,}-[A-Z]{3,}( \(\d{3,}-\d+\))?$/.test(run)) return 'phone';
  return null;
}

let browser;
before(async () => {
  browser = await chromium.launch(LAUNCH);
  mkdirSync(screenshots, { recursive: true });
});
after(async () => { await browser?.close(); });

/// Runs in the page: the rendered text of <body> with each character's node and
/// offset, every occurrence of every token measured, and the computed direction of
/// the notice's content.
function measure(list) {
  const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let text = '';
  const map = [];
  let space = true;
  let block = null;
  const blockOf = (node) => {
    for (let el = node.parentElement; el; el = el.parentElement) {
      const d = getComputedStyle(el).display;
      if (!d.startsWith('inline') && d !== 'contents') return el;
    }
    return null;
  };
  for (let n; (n = walker.nextNode());) {
    // A line break ends a run as a block does ("Email: a@b.example<br>Phone: …").
    if (n.nodeType === Node.ELEMENT_NODE) {
      if (n.tagName === 'BR' && text && map[map.length - 1] !== null) { text += '\n'; map.push(null); space = true; }
      continue;
    }
    if (!n.parentElement.checkVisibility() || n.parentElement.closest('head, style, title')) continue;
    const b = blockOf(n);
    if (b !== block) {
      block = b;
      if (text && map[map.length - 1] !== null) { text += '\n'; map.push(null); }
      space = true;
    }
    for (let i = 0; i < n.data.length; i++) {
      const c = n.data[i];
      if (INVISIBLE.test(c)) continue;
      if (/\s/.test(c)) {
        if (!space) { text += ' '; map.push([n, i]); space = true; }
      } else { text += c; map.push([n, i]); space = false; }
    }
  }
  const box = (i) => {
    const r = document.createRange();
    r.setStart(map[i][0], map[i][1]);
    r.setEnd(map[i][0], map[i][1] + 1);
    const x = [...r.getClientRects()].find((b) => b.width > 0 && b.height > 0);
    return x && { left: x.left, right: x.right, top: x.top, bottom: x.bottom };
  };
  const copy = (start, end) => {
    const r = document.createRange();
    r.setStart(map[start][0], map[start][1]);
    r.setEnd(map[end - 1][0], map[end - 1][1] + 1);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
    const s = sel.toString();
    sel.removeAllRanges();
    return s;
  };
  const continues = /[A-Za-z0-9@_\/-]/;
  const found = [];
  for (const { token, kind } of list) {
    for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + 1)) {
      const end = at + token.length;
      if ((at > 0 && continues.test(text[at - 1])) || (end < text.length && continues.test(text[end]))) continue;
      if (map.slice(at, end).some((m) => m === null)) continue;
      const chars = [];
      for (let i = at; i < end; i++) if (text[i] !== ' ') chars.push({ c: text[i], box: box(i) });
      found.push({ token, kind, chars, copy: copy(at, end), context: text.slice(Math.max(0, at - 20), end + 20) });
    }
  }
  const content = document.querySelector('body table table') || document.body;
  const heading = document.querySelector('h1');
  return {
    found,
    direction: getComputedStyle(content).direction,
    headingDirection: heading && getComputedStyle(heading).direction,
    headingAlign: heading && getComputedStyle(heading).textAlign,
  };
}

/// A token's characters as lines (top to bottom), each left to right, joined: what a
/// reader sees, with ⏎ between lines.
function seen(chars) {
  const lines = [];
  for (const c of chars.filter((x) => x.box).sort((a, b) => a.box.top - b.box.top)) {
    const mid = (c.box.top + c.box.bottom) / 2;
    const line = lines.find((l) => mid > l.top && mid < l.bottom);
    if (line) line.chars.push(c);
    else lines.push({ top: c.box.top, bottom: c.box.bottom, chars: [c] });
  }
  return lines.map((l) => l.chars.sort((a, b) => a.box.left - b.box.left).map((c) => c.c).join(''));
}

/// A run this short that holds a digit or a sign (a phone number, an email, a short
/// URL) must not wrap inside; a longer URL may, in written order.
const keepsWhole = (token) => token.length <= 30 && /[^\p{L} ]/u.test(token);

for (const n of NOTICES) {
  test(`${n.name}: each language's notice HTML renders in its direction, loads nothing and keeps every token in written order`, async () => {
    const msgs = messages(n);
    for (const lang of LANGS) {
      const { html, text, defects } = msgs[lang];
      assert.deepEqual(defects, [], `${n.name} ${lang}.eml parses without a defect`);
      const list = tokens(text);
      const kinds = new Set(list.map((t) => t.kind));
      for (const k of ['url', 'email', 'phone']) assert.ok(kinds.has(k), `${n.name} ${lang}: the notice has a ${k} to measure (${JSON.stringify(list)})`);
      for (const width of [600, 360]) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, offline: true });
        const page = await context.newPage();
        const doc = `http://notice.invalid/${lang}.html`;
        const requested = [];
        await page.route('**/*', (r) => {
          if (r.request().url() === doc) return r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
          requested.push(r.request().url());
          return r.abort();
        });
        await page.goto(doc);
        await page.waitForLoadState('load');
        const m = await page.evaluate(measure, list);
        await page.screenshot({ path: join(screenshots, `notice-${n.name}-${lang}-${width}.png`), fullPage: true });
        await context.close();
        const where = `${n.name} ${lang}.eml at ${width}px`;
        assert.deepEqual(requested, [], `${where}: nothing is requested`);
        const dir = lang === 'ar' ? 'rtl' : 'ltr';
        assert.equal(m.direction, dir, `${where}: the content's computed direction`);
        assert.equal(m.headingDirection, dir, `${where}: the title's computed direction`);
        assert.equal(m.headingAlign, lang === 'ar' ? 'right' : 'left', `${where}: the title's alignment`);
        const failures = [];
        for (const { token } of list) {
          if (!m.found.some((f) => f.token === token)) failures.push(`${where}: \`${token}\` of the plain text is not shown in the HTML`);
        }
        for (const f of m.found) {
          const lines = seen(f.chars);
          const shown = lines.join(' ⏎ ');
          if (lines.join('') !== f.token.replace(/ /g, '')) failures.push(`${where}: ${f.kind} \`${f.token}\` is drawn as \`${shown}\` (…${f.context}…)`);
          // The SPEC's rule for left-to-right runs inside right-to-left text.
          if (lang === 'ar' && keepsWhole(f.token) && lines.length > 1) failures.push(`${where}: ${f.kind} \`${f.token}\` wraps inside: \`${shown}\``);
          const copied = f.copy.replace(/[\u2066-\u2069\u200E\u200F]/g, '');
          if (copied !== f.token || f.copy !== copied) failures.push(`${where}: ${f.kind} \`${f.token}\` copies as ${JSON.stringify(f.copy)}`);
        }
        assert.ok(failures.length === 0, `${failures.length} problems:\n  ${failures.join('\n  ')}`);
        assert.ok(m.found.length >= list.length, `${where}: every token measured`);
      }
    }
  });
}
