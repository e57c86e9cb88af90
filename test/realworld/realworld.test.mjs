// Real-world suite (issue 9 C): published packages at pinned versions, scored against labels
// written by reading their code, plus `fix` on a copy. Run: node --test test/realworld/
// The targets are the issue's "done when"; they are not met by today's tool, and that is what
// this test is for. Needs `npm run build` first, and the npm registry for the first download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fetchAll, loadPackages, packageDir, repoRoot } from './fetch.mjs';
import { evaluateAll, fixCheck, formatMismatches, formatTable, loadLabels, mapLines, scorePackage } from './evaluate.mjs';

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

// The harness itself, on a small file (no network): each check must see what it is for.
test('harness: scoring and every fix check catch their case', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'napcat-milky-harness-'));
  try {
    writeFileSync(path.join(dir, 'a.ts'), [
      "await bot.callApi('delete_essence_msg', { group_id: 1, msg_seq: 5 });", // fixed with is_set: false
      "const Action = { del: 'delete_essence_msg' };", // an alias: renaming it drops is_set
      "const o = { 'get_msg': 1, 'get_message': 2 };", // a duplicate key after the rename
      "logger.info('send_group_msg failed');",
    ].join('\n') + '\n');
    const pkg = { name: 'harness', version: '0', scan: ['a.ts'] };
    const labels = [
      { file: 'a.ts', line: 1, column: 20, name: 'delete_essence_msg', verdict: 'flag', reason: 'call' },
      { file: 'a.ts', line: 2, column: 24, name: 'delete_essence_msg', verdict: 'flag', reason: 'alias' },
      { file: 'a.ts', line: 3, column: 14, name: 'get_msg', verdict: 'quiet', definition: true, reason: 'pretend definition' },
      { file: 'a.ts', line: 4, column: 1, name: 'missing_call', verdict: 'flag', reason: 'a label with no finding' },
    ];
    const report = { files: [{ path: 'a.ts', findings: [
      { line: 1, column: 20, endLine: 1, endColumn: 38, napcat: 'delete_essence_msg', kind: 'mapped' },
      { line: 3, column: 14, endLine: 3, endColumn: 21, napcat: 'get_msg', kind: 'mapped' },
      { line: 3, column: 14, endLine: 3, endColumn: 21, napcat: 'get_msg', kind: 'mapped' },
    ] }] };
    const score = scorePackage(pkg, report, labels, dir);
    assert.deepEqual([score.tp, score.fp.length, score.fn.length, score.duplicates], [1, 1, 2, 1]);
    // A fixer without the tool's guards (what `fix` did before issue 9): every check must catch its harm.
    const unguarded = (tmp) => {
      const file = path.join(tmp, 'a.ts');
      const lines = readFileSync(file, 'utf8').split('\n');
      lines[0] = lines[0].replace("'delete_essence_msg', { ", "'set_group_essence_message', { is_set: false, ");
      lines[1] = lines[1].replace('delete_essence_msg', 'set_group_essence_message');
      lines[2] = lines[2].replace("'get_msg'", "'get_message'");
      writeFileSync(file, lines.join('\n'));
      return ['a.ts:1:20  fixed  delete_essence_msg → set_group_essence_message', 'a.ts:2:24  fixed  delete_essence_msg → set_group_essence_message', 'a.ts:3:14  fixed  get_msg → get_message'].join('\n') + '\n';
    };
    const fix = fixCheck(pkg, labels, dir, unguarded);
    assert.deepEqual(fix.changed, ['a.ts']);
    assert.deepEqual(fix.broken, []);
    assert.deepEqual(fix.duplicates.map((d) => d.codes.map((c) => c.code)), [[1117]]);
    assert.deepEqual(fix.renamedDefinitions.map((d) => d.line), [3]);
    assert.deepEqual(fix.meaningChanged.map((m) => m.line), [2]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(mapLines(['a', 'b', 'c'], ['a', 'x', 'b', 'C']), [0, 2, 3]);
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
