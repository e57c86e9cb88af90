// The CLI's worker pool (largest files first, batches capped by bytes) changes nothing but speed:
// the same JSON, file by file and in order, as the one-thread path.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

const CLI = path.join(ROOT, 'dist/cli.js');
const temps = [];
/** 12 copies of the corpus' 21 code files: two groups of 126 (one thread each), 252 together (the pool). */
const COPIES = 12;
after(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

/** The corpus' code files (TS/JS/JSON of varied sizes), copied `copies` times under `dir/<group>/`. */
function tree(copies) {
  const dir = mkdtempSync(path.join(tmpdir(), 'napcat-milky-pool-'));
  temps.push(dir);
  const corpus = path.join(ROOT, 'test', 'corpus');
  const files = [];
  const visit = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) visit(p); else if (/\.(?:[cm]?[jt]sx?|json)$/.test(e.name) && e.name !== 'expected.json') files.push(p); } };
  visit(corpus);
  assert.ok(files.length > 10, 'the corpus has code files');
  for (let i = 0; i < copies; i++) for (const f of files) cpSync(f, path.join(dir, `g${i % 2}`, `c${i}`, path.relative(corpus, f)));
  return { dir, perCopy: files.length };
}

function check(cwd, args, env = {}) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--exit-zero', ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('the worker pool returns, file by file and in order, what one thread does', () => {
  const { dir, perCopy } = tree(COPIES);
  const g0 = readdirSync(path.join(dir, 'g0')).length * perCopy;
  const g1 = readdirSync(path.join(dir, 'g1')).length * perCopy;
  // Each group alone stays under the pool's 200-file threshold (one thread); both together use the workers.
  assert.ok(g0 < 200 && g1 < 200 && g0 + g1 >= 200, `groups of ${g0} and ${g1} files`);
  const both = check(dir, ['g0', 'g1']);
  const one = [...check(dir, ['g0']).files, ...check(dir, ['g1']).files];
  assert.equal(both.files.length, g0 + g1);
  assert.deepEqual(both.files, one);
  assert.ok(both.summary.findings > 0, 'the tree has findings');
});
