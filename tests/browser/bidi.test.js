// SPEC "Text that reads right", measured in a real browser: on the Arabic advisory and
// listing of the bidi-corpus fixture and of the example site, at 1280 and 390 px, every
// left-to-right run the author wrote (phone numbers, IBANs, amounts, emails, URLs, product
// names, codes, dates; listed in bidi-corpus.json) is shown in written order from left
// to right, a short one on one line; no link takes the punctuation after it; an email or
// URL is linked with exactly the address typed; a phone number, email or URL copies as
// exactly what was typed; and with `arabic_digits: arabic-indic` ordered lists count in
// Arabic-Indic digits. The order is read from the glyphs' boxes (a DOM Range over each
// character), not from the markup: any way of isolating a run passes, and markup that
// means well but draws wrong fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { repo, serve, screenshots, LAUNCH } from './sites.js';

const CORPUS = JSON.parse(readFileSync(new URL('./bidi-corpus.json', import.meta.url), 'utf8'));
const WIDTHS = [1280, 390];
/// A run this short must not wrap inside (the SPEC's "where it is short") when it holds
/// a digit or a sign: a phone number, IBAN, amount, code or address. A run of words
/// alone (a product name) may wrap between its words like any sentence.
const SHORT = 30;
const keepsWhole = (token) => token.length <= SHORT && /[^\p{L} ]/u.test(token);

const SITES = [
  {
    name: 'bidi-corpus',
    root: join(repo, 'tests', 'fixtures', 'bidi-corpus'),
    base: '/fraud/',
    pages: { advisory: 'ar/incidents/2026-03-sms-fraud/', listing: 'ar/' },
    english: { advisory: 'en/incidents/2026-03-sms-fraud/', listing: 'en/' },
    arabicIndic: true,
    tokens: CORPUS['bidi-corpus'].tokens,
  },
  {
    name: 'example',
    root: repo,
    base: '/',
    pages: { advisory: 'ar/incidents/2025-11-mixpanel-analytics/', listing: 'ar/' },
    english: { advisory: 'en/incidents/2025-11-mixpanel-analytics/', listing: 'en/' },
    arabicIndic: false,
    tokens: CORPUS.example.tokens,
  },
];

const LINKED = new Set(['email', 'url']);
const COPIED = new Set(['email', 'url', 'phone']);

let browser;
before(async () => { browser = await chromium.launch(LAUNCH); });
after(async () => { await browser?.close(); });

/// Runs in the page: finds every occurrence of every token in the rendered text under
/// <main> and measures it. Returns one record per occurrence.
function measure(tokens) {
  // Characters that are invisible but would travel with a copy.
  const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
  const main = document.querySelector('main');
  const isBlock = (el) => !getComputedStyle(el).display.startsWith('inline') && getComputedStyle(el).display !== 'contents';
  const blockOf = (node) => {
    for (let el = node.parentElement; el; el = el.parentElement) if (isBlock(el)) return el;
    return null;
  };
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
    acceptNode(n) {
      const p = n.parentElement;
      if (!p || p.closest('script, style, template')) return NodeFilter.FILTER_REJECT;
      if (!p.checkVisibility({ visibilityProperty: true })) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  // The rendered text: whitespace collapsed to one space, invisible characters left out,
  // a line break between blocks. map[i] is the (node, offset) text[i] came from.
  let text = '';
  const map = [];
  let space = true;
  let block = null;
  for (let n; (n = walker.nextNode());) {
    const b = blockOf(n);
    if (b !== block) {
      block = b;
      if (text && !text.endsWith('\n')) { text += '\n'; map.push(null); }
      space = true;
    }
    const s = n.data;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (INVISIBLE.test(c)) continue;
      if (/\s/.test(c)) {
        if (space) continue;
        text += ' '; map.push([n, i]); space = true;
      } else {
        text += c; map.push([n, i]); space = false;
      }
    }
  }

  const boxOf = (i) => {
    const [node, off] = map[i];
    const r = document.createRange();
    r.setStart(node, off);
    r.setEnd(node, off + 1);
    const rects = [...r.getClientRects()].filter((x) => x.width > 0 && x.height > 0);
    if (!rects.length) return null;
    const x = rects[0];
    return { left: x.left, right: x.right, top: x.top, bottom: x.bottom };
  };
  const rangeOver = (start, end) => {
    const r = document.createRange();
    r.setStart(map[start][0], map[start][1]);
    r.setEnd(map[end - 1][0], map[end - 1][1] + 1);
    return r;
  };
  const copy = (range) => {
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    const s = sel.toString();
    sel.removeAllRanges();
    return s;
  };
  const continues = /[A-Za-z0-9\u0660-\u0669@_\/-]/;
  const context = (start, end) => text.slice(Math.max(0, start - 25), Math.min(text.length, end + 25)).replace(/\n/g, ' ⏎ ');

  const found = [];
  for (const { token, kind } of tokens) {
    for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + 1)) {
      const end = at + token.length;
      if ((at > 0 && continues.test(text[at - 1])) || (end < text.length && continues.test(text[end]))) continue;
      if (map.slice(at, end).some((m) => m === null)) continue;
      const chars = [];
      for (let i = at; i < end; i++) {
        if (text[i] === ' ') continue;
        chars.push({ i: i - at, c: text[i], box: boxOf(i) });
      }
      const rec = { token, kind, context: context(at, end), chars };
      if (kind === 'email' || kind === 'url') {
        const a = map[at][0].parentElement.closest('a[href]');
        const last = map[end - 1][0].parentElement.closest('a[href]');
        rec.link = a ? {
          href: a.getAttribute('href'),
          text: a.textContent,
          same: a === last,
          copy: (() => { const r = document.createRange(); r.selectNodeContents(a); return copy(r); })(),
        } : null;
      }
      if (kind === 'email' || kind === 'url' || kind === 'phone') rec.copy = copy(rangeOver(at, end));
      found.push(rec);
    }
  }

  const badHrefs = [...document.querySelectorAll('a[href]')]
    .map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() }))
    .filter(({ href }) => /(%D8%8C|%D8%9B|%D8%9F|[.,);:!?،؛؟])$/i.test(href));

  const lists = [...main.querySelectorAll('ol')].map((ol) => ({
    where: ol.closest('section, aside, div.body')?.className || ol.parentElement.tagName.toLowerCase(),
    inBody: !!ol.closest('.body'),
    inAdvice: !!ol.closest('.advice'),
    style: getComputedStyle(ol).listStyleType,
    firstItem: ol.querySelector('li')?.textContent.trim().slice(0, 30),
  }));

  return { found, badHrefs, lists };
}

/// Groups a token's characters into lines (top to bottom) and, on each line, orders
/// them from left to right.
function lines(chars) {
  const sorted = chars.filter((c) => c.box).sort((a, b) => a.box.top - b.box.top);
  const out = [];
  for (const c of sorted) {
    const mid = (c.box.top + c.box.bottom) / 2;
    const line = out.find((l) => mid > l.top && mid < l.bottom);
    if (line) line.chars.push(c);
    else out.push({ top: c.box.top, bottom: c.box.bottom, chars: [c] });
  }
  for (const l of out) l.chars.sort((a, b) => a.box.left - b.box.left);
  return out;
}

/// What a reader sees on each line, left to right, with a space where glyphs stand apart.
function seen(ls) {
  return ls.map((l) => l.chars.map((c, k) => {
    const prev = l.chars[k - 1];
    return (prev && c.box.left - prev.box.right > 2 ? ' ' : '') + c.c;
  }).join('')).join(' ⏎ ');
}

const visible = (s) => [...s].map((c) => (/[\u00A0\u00AD\u061C\u2011\u202F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/.test(c)
  ? `<U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}>` : c)).join('');

function report(failures, what) {
  assert.ok(failures.length === 0, `${failures.length} ${what}:\n  ${failures.join('\n  ')}`);
}

/// Everything wrong with one page's measurement, by rule; each entry names the token,
/// the page and width (`where`) and what the reader sees.
function problems(m, where, expected = []) {
  const have = new Set(m.found.map((f) => f.token));
  const p = { missing: [], order: [], wrap: [], hrefs: [], links: [], copies: [] };
  p.missing = expected.filter((x) => !have.has(x.token)).map((x) => `${x.token} (${x.kind}) not found on ${where}`);
  for (const f of m.found) {
    const ls = lines(f.chars);
    const unmeasured = f.chars.filter((c) => !c.box).map((c) => c.c).join('');
    const order = ls.flatMap((l) => l.chars.map((c) => c.i));
    if (unmeasured || !order.every((i, k) => k === 0 || i > order[k - 1])) {
      p.order.push(`${f.token} (${f.kind}) on ${where}: seen left to right as "${seen(ls)}"`
        + `${unmeasured ? `, no box for "${unmeasured}"` : ''}; in "…${f.context}…"`);
    }
    if (keepsWhole(f.token) && ls.length > 1) {
      p.wrap.push(`${f.token} (${f.kind}) on ${where}: split over ${ls.length} lines as "${seen(ls)}"; in "…${f.context}…"`);
    }
    if (LINKED.has(f.kind)) {
      const href = f.kind === 'email' ? `mailto:${f.token}` : f.token;
      const l = f.link;
      if (!l) p.links.push(`${f.token} on ${where}: not a link; in "…${f.context}…"`);
      else if (l.href !== href || l.text !== f.token || !l.same) {
        p.links.push(`${f.token} on ${where}: linked as href="${l.href}" with text "${visible(l.text)}"`
          + `${l.same ? '' : ' (the address spans more than one link)'}, expected href="${href}"; in "…${f.context}…"`);
      }
    }
    if (COPIED.has(f.kind)) {
      if (f.copy !== f.token) p.copies.push(`${f.token} (${f.kind}) on ${where}: selecting it copies "${visible(f.copy)}"`);
      if (f.link && f.link.copy !== f.token) p.copies.push(`${f.token} (${f.kind}) on ${where}: selecting its link copies "${visible(f.link.copy)}"`);
    }
  }
  p.hrefs = m.badHrefs.map((a) => `href="${a.href}" (text "${a.text}") on ${where}`);
  return p;
}

async function measurePage(url, width, tokens, shot, dir = 'rtl') {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  try {
    const page = await context.newPage();
    if (url.startsWith('<')) await page.setContent(url);
    else await page.goto(url, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).direction), dir);
    if (dir === 'rtl' && !url.startsWith('<')) {
      // The bundled Arabic font loads with font-display: optional (no late swap that
      // would move whole lines); on a quick host it must still be the one in use.
      // Asked of the renderer (CDP), not of document.fonts: a face that loaded too
      // late for `optional` is "loaded" there but not drawn.
      const cdp = await context.newCDPSession(page);
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
      await cdp.send('CSS.enable');
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      assert.ok(fonts.some((f) => f.isCustomFont), `the bundled Arabic font draws ${url}: ${JSON.stringify(fonts)}`);
    }
    const m = await page.evaluate(measure, tokens.map(({ token, kind }) => ({ token, kind })));
    if (shot) await page.screenshot({ path: shot, fullPage: true });
    return m;
  } finally {
    await context.close();
  }
}

// The measurement itself, on two hand-written pages: one that isolates its runs, keeps
// them whole and links cleanly, which must pass every rule, and one that does none of
// that, which must break each rule. Guards against a test that passes by seeing nothing.
test('the measurement tells a well-isolated run from a scrambled one', async () => {
  const tokens = [
    { token: '+966 55 123 4567', kind: 'phone' },
    { token: 'security@bank.example', kind: 'email' },
    { token: '249.00 SAR', kind: 'amount' },
  ];
  const page = (body) => `<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8">
    <body style="margin:0"><main style="inline-size:9.5em;font:16px/1.5 sans-serif">${body}</main></body></html>`;
  const good = page(`<p>اتصل على <bdi style="white-space:nowrap">+966 55 123 4567</bdi>، أو راسل
    <a href="mailto:security@bank.example" dir="ltr">security@bank.example</a>، ولا تدفع
    <bdi style="white-space:nowrap">249.00 SAR</bdi>.</p>`);
  const bad = page(`<p>اتصل على +966 55 123 4567، أو راسل
    <a href="mailto:security@bank.example%D8%8C">security@bank.example،</a> ولا تدفع 249.00 SAR.
    وإن نسخت فهذا: <bdi>+966&#x200E; 55 123 4567</bdi>.</p>
    <p>مثل مثل مثل مثل 249.00 SAR 249.00 SAR 249.00 SAR مثل</p>`);
  const ok = problems(await measurePage(good, 390, tokens), 'good page');
  assert.deepEqual(ok, { missing: [], order: [], wrap: [], hrefs: [], links: [], copies: [] });
  const m = await measurePage(bad, 390, tokens);
  const ko = problems(m, 'bad page', tokens);
  assert.equal(m.found.filter((f) => f.token === '+966 55 123 4567').length, 2, 'finds a token with an invisible character inside');
  for (const rule of ['order', 'wrap', 'hrefs', 'links', 'copies']) assert.ok(ko[rule].length > 0, `the bad page breaks the ${rule} rule`);
  assert.match(ko.order.join('\n'), /^\+966 55 123 4567 \(phone\) on bad page: seen left to right as "/m);
  assert.match(ko.copies.join('\n'), /<U\+200E>/);
});

for (const site of SITES) {
  test(`${site.name}: left-to-right runs in Arabic read as written, link cleanly and copy cleanly`, async (t) => {
    const server = await serve(site);
    try {
      for (const [kind, path] of Object.entries(site.pages)) {
        const expected = site.tokens.filter((x) => x.pages.includes(kind));
        for (const width of WIDTHS) {
          const where = `${site.name} ar ${kind} (${path}) at ${width}px`;
          await t.test(`${kind} ar ${width}px`, async (t) => {
            const shot = join(screenshots, `bidi-${site.name}-${kind}-ar-${width}.png`);
            const m = await measurePage(server.url + path, width, site.tokens, shot);
            const p = problems(m, where, expected);
            await t.test('every corpus token is on the page', () => report(p.missing, 'tokens missing'));
            await t.test('each run reads in written order, left to right', () => report(p.order, 'runs out of written order'));
            await t.test(`a run of ${SHORT} characters or fewer with a digit or sign sits on one line`, () => report(p.wrap, 'short runs wrapped'));
            await t.test('no link ends in punctuation', () => report(p.hrefs, 'links that took the punctuation after them'));
            await t.test('each email and URL is linked with exactly the typed address', () => report(p.links, 'emails or URLs not linked as typed'));
            await t.test('a copied phone number, email or URL is exactly what was typed', () => report(p.copies, 'unclean copies'));
            if (site.arabicIndic && kind === 'advisory') {
              await t.test('ordered lists count in Arabic-Indic digits', () => {
                assert.ok(m.lists.some((l) => l.inBody), `no <ol> in the body of ${where}`);
                assert.ok(m.lists.some((l) => l.inAdvice), `no <ol> in the advice of ${where}`);
                const bad = m.lists
                  .filter((l) => l.inBody || l.inAdvice || l.style !== 'none')
                  .filter((l) => l.style !== 'arabic-indic')
                  .map((l) => `<ol> in ${l.where} ("${l.firstItem}…") on ${where}: list-style-type ${l.style}, expected arabic-indic`);
                report(bad, 'ordered lists not in Arabic-Indic digits');
              });
            }
          });
        }
      }
      // "In Arabic as in English": the English pages' links end where the address does.
      for (const [kind, path] of Object.entries(site.english)) {
        const where = `${site.name} en ${kind} (${path}) at 1280px`;
        await t.test(`${kind} en 1280px: links end before punctuation`, async () => {
          const m = await measurePage(server.url + path, 1280, site.tokens.filter((x) => LINKED.has(x.kind)), null, 'ltr');
          const p = problems(m, where);
          report([...p.hrefs, ...p.links], 'links that took the punctuation after them or not as typed');
        });
      }
    } finally {
      await server.close();
    }
  });
}

// Printed advisories are filed: each reference's and vendor's URL is printed beside
// it, and on an Arabic page it must keep its order on paper too.
test('printed URLs on the Arabic advisory read left to right in written order', async () => {
  const site = SITES.find((s) => s.name === 'example');
  const server = await serve({ name: 'print', root: site.root, base: site.base });
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}ar/incidents/2025-11-mixpanel-analytics/`, { waitUntil: 'networkidle' });
    const screen = await page.evaluate(() => [...document.querySelectorAll('.print-url')].map((e) => e.getClientRects().length));
    assert.ok(screen.length >= 2 && screen.every((n) => n === 0), `print-only URLs show on screen: ${screen}`);
    await page.emulateMedia({ media: 'print' });
    const urls = await page.evaluate(() => [...document.querySelectorAll('.print-url')].map((el) => {
      const text = el.textContent;
      const node = el.firstChild;
      const boxes = [...text].map((c, i) => {
        const r = document.createRange();
        r.setStart(node, i);
        r.setEnd(node, i + 1);
        const b = r.getClientRects()[0];
        return b ? { i, x: b.left, y: Math.round(b.top) } : null;
      });
      return { text, boxes };
    }));
    for (const { text, boxes } of urls) {
      assert.ok(boxes.every(Boolean), `${text}: a character has no box in print`);
      const order = [...boxes].sort((a, b) => (a.y - b.y) || (a.x - b.x)).map((b) => b.i);
      assert.deepEqual(order, boxes.map((b) => b.i), `${text} printed out of order`);
    }
  } finally {
    await context.close();
    await server.close();
  }
});
