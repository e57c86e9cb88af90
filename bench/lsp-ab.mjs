#!/usr/bin/env node
// Language-server typing latency of two builds, interleaved round by round on the same inputs, so a
// busy machine slows both alike. Prints the median over rounds of each row's p50 and p95.
//
//   node bench/lsp-ab.mjs --a <dist dir> --b <dist dir> [--rounds 5] [--edits 200] [--seed N]
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lspFile, measureTyping } from './lib/lsp.mjs';
import { createRandom } from './lib/prng.mjs';
import { median, round } from './lib/stats.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const arg = (name, d) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : d; };
const builds = { a: path.resolve(arg('--a', 'dist')), b: path.resolve(arg('--b', 'dist')) };
const rounds = Number(arg('--rounds', 5));
const edits = Number(arg('--edits', 200));
const seed = Number(arg('--seed', 20250611));
// `--rows pushDiagnostics,pullDiagnostics`: only these (the keystroke rows always run).
const only = arg('--rows', '') ? arg('--rows', '').split(',').concat(['pushDiagnostics', 'pullDiagnostics']) : undefined;
const names = Object.keys(createRequire(import.meta.url)(path.join(builds.b, 'core.js')).catalog.napcat);
const cwd = path.join(root, 'bench', 'out', 'lsp-ab');
mkdirSync(cwd, { recursive: true });
const text = lspFile(names, seed, 0);
const ROWS = ['pushDiagnostics', 'pullDiagnostics', 'typingNewCall', 'fullSync', 'completion', 'hover', 'codeAction'];
const got = { a: [], b: [] };
for (let r = 0; r < rounds; r++) {
  for (const k of r % 2 ? ['b', 'a'] : ['a', 'b']) {
    // The same random edits for both builds in one round.
    const rows = await measureTyping({ serverPath: path.join(builds[k], 'server.js'), cwd, names, seed, text, rnd: createRandom(seed + r), log: () => {}, edits, requests: 100, rows: only });
    got[k].push(rows);
    console.error(`round ${r + 1} ${k}: ${ROWS.map((x) => `${x} ${rows[x]?.p50}/${rows[x]?.p95}`).join(', ')}`);
  }
}
console.log(`| row (median of ${rounds} rounds) | A p50 | B p50 | B/A | A p95 | B p95 | B/A |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of ROWS) {
  const m = (k, q) => median(got[k].map((x) => x[row]?.[q]).filter((v) => typeof v === 'number'));
  const [a50, b50, a95, b95] = [m('a', 'p50'), m('b', 'p50'), m('a', 'p95'), m('b', 'p95')];
  console.log(`| ${row} | ${round(a50)} | ${round(b50)} | ${round(b50 / a50)} | ${round(a95)} | ${round(b95)} | ${round(b95 / a95)} |`);
}
console.log(`\nA = ${builds.a}\nB = ${builds.b}`);
