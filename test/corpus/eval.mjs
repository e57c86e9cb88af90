// Scores `check --format json` on the labelled corpus: precision and recall against expected.json.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

export function scoreCorpus() {
  const expected = JSON.parse(readFileSync(path.join(here, 'expected.json'), 'utf8'));
  let out;
  try {
    out = execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'check', '--format', 'json', '--exit-zero', '--ignore-pattern', 'expected.json', '.'], { cwd: here, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) { out = e.stdout; }
  const report = JSON.parse(out);
  const key = (f) => `${f.path}:${f.line}:${f.column}:${f.napcat}:${f.kind}`;
  const want = new Set(expected.map(key));
  const got = new Set();
  for (const file of report.files) for (const f of file.findings) if (f.kind !== 'milky-params') got.add(key({ ...f, path: file.path.replace(/^\.\//, '') }));
  const tp = [...got].filter((k) => want.has(k));
  const fp = [...got].filter((k) => !want.has(k));
  const fn = [...want].filter((k) => !got.has(k));
  return { precision: tp.length / (got.size || 1), recall: tp.length / (want.size || 1), tp: tp.length, fp, fn, skipped: report.files.filter((f) => f.skipped) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = scoreCorpus();
  console.log(`precision ${r.precision.toFixed(4)} recall ${r.recall.toFixed(4)} tp ${r.tp}`);
  console.log('false positives:', r.fp);
  console.log('false negatives:', r.fn);
  console.log('skipped:', r.skipped);
}
