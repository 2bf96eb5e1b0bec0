// Every CSAF 2.0 document bayan writes, for the example site and the fixture sites,
// passes BSI's reference validator (npm's @secvisogram/csaf-validator-lib, in strict
// mode): the strict schema, every mandatory and every optional test, and the
// informative tests that need neither the network (6.3.6, 6.3.7: URLs resolving) nor
// hunspell (6.3.8: spelling), with no error, warning or info. One node process, so the
// library loads once. A document broken on purpose proves the validator is looking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js';
import * as schema from '@secvisogram/csaf-validator-lib/schemaTests.js';
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js';
import * as optional from '@secvisogram/csaf-validator-lib/optionalTests.js';
import * as informative from '@secvisogram/csaf-validator-lib/informativeTests.js';
import { bayan, repo, trilingualSite } from './sites.js';

const SKIPPED = ['informativeTest_6_3_6', 'informativeTest_6_3_7', 'informativeTest_6_3_8'];
const TESTS = [
  schema.csaf_2_0_strict,
  ...Object.values(mandatory),
  ...Object.values(optional),
  ...Object.values(informative).filter((t) => !SKIPPED.includes(t.name)),
];

const fixture = (name) => join(repo, 'tests', 'fixtures', name);
/// The sites, each with the documents it must hold at least.
const SITES = [
  { name: 'example', root: repo, args: [], min: 2 },
  { name: 'arabic-subpath', root: fixture('arabic-subpath'), args: [], min: 2 },
  { name: 'csaf', root: fixture('csaf'), args: [], min: 4 },
  { name: 'csaf --drafts', root: fixture('csaf'), args: ['--drafts'], min: 6 },
  { name: 'graph --drafts (withdrawn, scheduled, draft)', root: fixture('graph'), args: ['--drafts'], min: 8 },
  // An original and two translations, one of them Urdu.
  { name: 'ar, en and ur from bayan init', root: trilingualSite().root, args: [], min: 3 },
];

function build(site) {
  const out = join(mkdtempSync(join(tmpdir(), 'bayan-csaf-')), 'output');
  execFileSync(bayan, ['build', '-q', '--root', site.root, '--output', out, ...site.args], {
    env: { ...process.env, SOURCE_DATE_EPOCH: '1798761600' },
    stdio: 'inherit',
  });
  return join(out, '.well-known', 'csaf');
}

function documents(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return documents(p);
    return /^\d{4}$/.test(name) || !name.endsWith('.json') || name === 'provider-metadata.json' ? [] : [p];
  });
}

/// Every finding of every test, as `test path: message` lines.
async function findings(doc) {
  const result = await validateStrict(TESTS, doc);
  return result.tests.flatMap((t) =>
    [...t.errors, ...t.warnings, ...t.infos].map((m) => `${t.name} ${m.instancePath}: ${m.message}`),
  );
}

/// Requirement 7 of CSAF 2.0 (section 7.1.7) and the provider metadata's fields,
/// checked field by field: the package ships no provider schema.
function checkProviderMetadata(dir, docs, site) {
  const meta = JSON.parse(readFileSync(join(dir, 'provider-metadata.json'), 'utf8'));
  assert.deepEqual(Object.keys(meta).sort(), [
    'canonical_url', 'distributions', 'last_updated', 'list_on_CSAF_aggregators',
    'metadata_version', 'mirror_on_CSAF_aggregators', 'publisher', 'role',
  ]);
  assert.equal(meta.metadata_version, '2.0');
  assert.match(meta.canonical_url, /^https:\/\/.+\/provider-metadata\.json$/);
  assert.ok(['csaf_publisher', 'csaf_provider', 'csaf_trusted_provider'].includes(meta.role));
  assert.match(meta.last_updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(meta.distributions.length, 1);
  assert.equal(meta.distributions[0].directory_url, meta.canonical_url.replace(/provider-metadata\.json$/, ''));
  const newest = docs.map((d) => d.document.tracking.current_release_date).sort().at(-1);
  if (newest) assert.equal(meta.last_updated, newest, `${site}: last_updated`);
  // The publisher is the originals' publisher, named in every language of the
  // site (Latin-script forms first, for aggregators abroad): the original's name
  // among them.
  const original = docs.find((d) => !d.document.source_lang);
  if (original) {
    const { name, ...rest } = meta.publisher;
    const { name: originalName, ...originalRest } = original.document.publisher;
    assert.deepEqual(rest, originalRest);
    assert.ok(name.split(' / ').includes(originalName), `${site}: ${name} names ${originalName}`);
    assert.ok(/^[\x20-\x7e]/.test(name), `${site}: ${name} starts with a Latin-script form`);
  }
  return meta;
}

test('every CSAF document of the example and fixture sites passes the reference validator', async () => {
  const report = [];
  let count = 0;
  for (const site of SITES) {
    const dir = build(site);
    const files = documents(dir);
    assert.ok(files.length >= site.min, `${site.name}: only ${files.length} documents`);
    const docs = [];
    for (const file of files) {
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      docs.push(doc);
      for (const f of await findings(doc)) report.push(`${site.name} ${file.slice(dir.length)}: ${f}`);
      count += 1;
    }
    checkProviderMetadata(dir, docs, site.name);
  }
  assert.deepEqual(report, [], `${report.length} findings over ${count} documents`);
  console.log(`# ${count} documents, ${TESTS.length} validator tests each, no finding`);
});

test('the validator catches a document broken on purpose', async () => {
  const dir = build(SITES[0]);
  const file = documents(dir).find((f) => f.endsWith('-en.json'));
  const good = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(await findings(good), []);
  const breakWith = async (edit) => {
    const doc = structuredClone(good);
    edit(doc.document);
    return (await findings(doc)).join('\n');
  };
  // A translation in its own source language (mandatory 6.1.28).
  assert.match(await breakWith((d) => { d.source_lang = d.lang; }), /mandatoryTest_6_1_28/);
  // No external reference: the incident-response profile fails (6.1.27.2).
  assert.match(
    await breakWith((d) => { d.references = d.references.filter((r) => r.category !== 'external'); }),
    /mandatoryTest_6_1_27_2/,
  );
  // A version that is not the last revision's (6.1.16); unsorted keys (6.2.13).
  assert.match(await breakWith((d) => { d.tracking.version = '7'; }), /mandatoryTest_6_1_16/);
  assert.match(await breakWith((d) => { const t = d.title; delete d.title; d.title = t; }), /optionalTest_6_2_13/);
  // An extension key is refused by the strict schema.
  assert.match(await breakWith((d) => { d.x_bayan = 'x'; }), /csaf_2_0_strict/);
});
