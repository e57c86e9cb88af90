// Real-world suite (issue 9 C): published packages at pinned versions, scored against labels
// written by reading their code, plus `fix` on a copy. Run: node --test test/realworld/
// The targets are the issue's "done when"; they are not met by today's tool, and that is what
// this test is for. Needs `npm run build` first, and the npm registry for the first download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fetchAll, loadPackages, packageDir, repoRoot } from './fetch.mjs';
import { evaluateAll, formatMismatches, formatTable, loadLabels } from './evaluate.mjs';

const packages = loadPackages();

let fetchError = null;
try {
  fetchAll({ packages, log: (m) => console.log(`# ${m}`) });
} catch (e) {
  if (e.code !== 'REGISTRY_UNREACHABLE') throw e;
  fetchError = e;
}
const skip = fetchError ? `skipped: ${fetchError.message}` : false;
const result = skip ? null : evaluateAll({ packages });

if (result) {
  console.log(formatTable(result).split('\n').map((l) => `# ${l}`).join('\n'));
  console.log(formatMismatches(result, { limit: 10 }).split('\n').map((l) => `# ${l}`).join('\n'));
}

test('the CLI is built', () => {
  assert.ok(existsSync(path.join(repoRoot, 'dist/cli.js')), 'run `npm run build` first');
});

test('labels are well-formed and point at their names', { skip }, () => {
  let total = 0;
  for (const pkg of packages) {
    const labels = loadLabels(pkg);
    const seen = new Set();
    for (const l of labels) {
      const where = `${pkg.name}: ${l.file}:${l.line} ${l.name}`;
      assert.ok(['flag', 'quiet'].includes(l.verdict), `${where}: verdict`);
      assert.ok(typeof l.reason === 'string' && l.reason.length > 0, `${where}: reason`);
      assert.ok(!(l.definition && l.verdict === 'flag'), `${where}: a definition is quiet`);
      const key = `${l.file}:${l.line}:${l.column}:${l.name}`;
      assert.ok(!seen.has(key), `${where}: labelled twice`);
      seen.add(key);
      const text = readFileSync(path.join(packageDir(pkg), l.file), 'utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)[l.line - 1];
      assert.ok(text !== undefined && text.slice(l.column - 1).startsWith(l.name), `${where}: the name is not at column ${l.column}`);
    }
    total += labels.length;
  }
  assert.ok(total >= 300, `at least 300 labelled entries (${total})`);
});

test('every finding has a label', { skip }, () => {
  const unlabelled = result.packages.flatMap((r) => r.fp.filter((s) => !s.label).map((s) => `${r.name} ${s.file}:${s.line}:${s.column} ${s.name}`));
  assert.deepEqual(unlabelled, [], 'label these findings (by reading the code) before tuning rules');
});

test('precision ≥ 0.97 over the suite', { skip }, () => {
  assert.ok(result.suite.precision >= 0.97, `precision ${result.suite.precision.toFixed(3)} (${result.suite.fp} false positives)`);
});

test('recall ≥ 0.99 over the suite', { skip }, () => {
  assert.ok(result.suite.recall >= 0.99, `recall ${result.suite.recall.toFixed(3)} (${result.suite.fn} misses)`);
});

test('no finding in the negative package', { skip }, () => {
  for (const r of result.packages.filter((p) => p.negative)) assert.equal(r.findings, 0, `${r.name}: ${r.findings} findings`);
});

test('fix: every changed file still parses', { skip }, () => {
  const broken = result.packages.flatMap((r) => r.fix.broken.map((b) => `${r.name} ${b.file}`));
  assert.deepEqual(broken, []);
});

test('fix: no new duplicate-name diagnostics', { skip }, () => {
  const dups = result.packages.flatMap((r) => r.fix.duplicates.map((d) => `${r.name} ${d.file}: ${d.codes.map((c) => `${c.code} ${c.before}→${c.after}`).join(', ')}`));
  assert.deepEqual(dups, []);
});

test('fix: no definition renamed', { skip }, () => {
  const renamed = result.packages.flatMap((r) => r.fix.renamedDefinitions.map((d) => `${r.name} ${d.file}:${d.line} ${d.name}`));
  assert.deepEqual(renamed, []);
});

test('fix: no rename that changes what the call does', { skip }, () => {
  const changed = result.packages.flatMap((r) => r.fix.meaningChanged.map((m) => `${r.name} ${m.file}:${m.line} ${m.problem}`));
  assert.deepEqual(changed, []);
});
