// The CLI's golden outputs: what `check` and `fix --dry-run` print on examples/ and test/corpus/.
// `node test/golden/golden.mjs --update` rewrites them (in the commit that changes behaviour, with a note).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'test/golden');

export const CASES = [];
for (const input of ['examples', 'test/corpus']) {
  const tag = input.replace(/\//g, '-');
  for (const format of ['json', 'text', 'sarif']) CASES.push({ file: `check-${format}.${tag}.out`, args: ['check', '--exit-zero', '--format', format, input] });
  for (const format of ['json', 'text']) CASES.push({ file: `fix-dry-run-${format}.${tag}.out`, args: ['fix', '--dry-run', '--format', format, input] });
}

export function run(args) {
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return `exit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
}

export function expected(c) {
  return readFileSync(path.join(dir, c.file), 'utf8');
}

if (process.argv.includes('--update')) {
  for (const c of CASES) writeFileSync(path.join(dir, c.file), run(c.args));
  console.log(`wrote ${CASES.length} golden files`);
}
