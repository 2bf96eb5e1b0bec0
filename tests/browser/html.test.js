// The Nu HTML Checker (npm's vnu-jar, run with the machine's Java) reports no error
// on any page of either site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import vnu from 'vnu-jar';
import { SITES, serve } from './sites.js';

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return htmlFiles(p);
    return name.endsWith('.html') ? [p] : [];
  });
}

for (const site of SITES) {
  test(`${site.name}: the Nu HTML Checker finds no error`, async () => {
    const server = await serve(site);
    await server.close();
    const files = htmlFiles(server.out);
    assert.ok(files.length >= 7, `only ${files.length} pages`);
    let report;
    try {
      execFileSync('java', ['-jar', vnu, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', stdio: 'pipe' });
      report = { messages: [] };
    } catch (e) {
      // vnu exits non-zero when it reports errors; they are on stderr as JSON.
      report = JSON.parse(e.stderr);
    }
    const errors = report.messages.map((m) => `${m.url.replace(/^file:/, '')}:${m.lastLine}: ${m.message}`);
    assert.deepEqual(errors, [], 'vnu errors');
  });
}
