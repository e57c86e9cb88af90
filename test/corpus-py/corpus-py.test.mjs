// The labelled Python corpus (test/corpus-py/expected.json): precision and recall of the Python
// scanner against hand labels, through the CLI exactly as a user runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const here = path.join(root, 'test/corpus-py');

export function scorePyCorpus() {
  const expected = JSON.parse(readFileSync(path.join(here, 'expected.json'), 'utf8'));
  const out = JSON.parse(execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'check', '--format', 'json', '--exit-zero', 'src'], { cwd: here, encoding: 'utf8' }));
  const key = (file, line, name) => `${file}:${line}:${name}`;
  const want = new Set(expected.files.flatMap((f) => f.sites.map((s) => key(f.file, s.line, s.name))));
  const got = new Set(out.files.flatMap((f) => f.findings.filter((x) => x.napcat).map((x) => key(f.path.replace(/^src\//, ''), x.line, x.napcat))));
  const skipped = out.files.filter((f) => f.skipped).map((f) => `${f.path}: ${f.skipped}`);
  const tp = [...got].filter((k) => want.has(k)).length;
  const fp = [...got].filter((k) => !want.has(k));
  const fn = [...want].filter((k) => !got.has(k));
  return { tp, fp, fn, skipped, files: out.files.length, precision: got.size ? tp / got.size : 1, recall: want.size ? tp / want.size : 1 };
}

test('python corpus: precision and recall against the hand labels', () => {
  const r = scorePyCorpus();
  console.log(`python corpus: ${r.files} files, ${r.tp} true positives, precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}`);
  assert.deepEqual(r.skipped, []);
  assert.equal(r.files, 9);
  assert.deepEqual(r.fp, [], 'no false positives');
  assert.deepEqual(r.fn, [], 'no false negatives');
  assert.ok(r.precision >= 0.98 && r.recall >= 0.98);
});
