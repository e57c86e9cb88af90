// The labelled corpus (test/corpus/expected.json): every required finding, nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { scoreCorpus } from './eval.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('corpus: precision and recall against the policy', () => {
  const r = scoreCorpus();
  assert.deepEqual(r.fp, [], 'no false positives');
  assert.deepEqual(r.fn, [], 'no false negatives');
  assert.deepEqual(r.skipped, []);
  assert.ok(r.precision >= 0.98 && r.recall >= 0.98);
});

test('node-napcat-ts@0.4.25: every action it sends that is in the table is found', () => {
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve('node-napcat-ts/package.json'));
  const dist = path.join(pkgDir, 'dist');
  const { catalog } = require(path.join(root, 'dist/core.js'));
  const sent = new Set();
  for (const f of readdirSync(dist).filter((f) => f.endsWith('.js'))) {
    // Lines that are comments (`// return this.send('check_url_safely', …)`) send nothing.
    const code = readFileSync(path.join(dist, f), 'utf8').split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n');
    for (const m of code.matchAll(/this\.send\(['"]([^'"]+)['"]/g)) sent.add(m[1].replace(/^\./, ''));
  }
  const inTable = [...sent].filter((n) => catalog.napcat[n]);
  assert.ok(inTable.length > 80, `node-napcat-ts sends ${inTable.length} table names`);
  const out = JSON.parse(execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'check', '--format', 'json', '--exit-zero', dist], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const found = new Set(out.files.flatMap((f) => f.findings.map((x) => x.napcat)));
  assert.deepEqual(inTable.filter((n) => !found.has(n)), []);
});
