// What the vsix carries (issue 12): the files `vsce ls` packs under the .vscodeignore allowlist hold the
// Python parser's two wasm files next to the bundles, the bundled CLI among them; packed, they stay under
// 3 MB; and the CLI run from such an unpacked extension folder (no node_modules anywhere near) loads the
// wasm from its own folder and checks a .py file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { ROOT } from './helpers.mjs';

const MAX_VSIX_BYTES = 3_000_000;

function packedFiles() {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').map((l) => l.trim()).filter(Boolean);
}
const files = packedFiles();

test('the vsix carries the bundles, the bundled CLI and both wasm files; no sources, maps or node_modules', () => {
  for (const f of ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/typescript.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'snippets/milky-py.code-snippets', 'syntaxes/napcat-milky.injection.tmLanguage.json']) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
  assert.deepEqual(files.filter((f) => /\.map$|^node_modules\/|^server\/|^client\/|^test\/|\.vsix$/.test(f)), []);
});

test('packed, the vsix stays under 3 MB', () => {
  // A vsix is a zip of deflated entries: the sum of the deflated files (plus the manifest, a few KB) is its size.
  const bytes = files.reduce((n, f) => n + deflateRawSync(readFileSync(path.join(ROOT, f)), { level: 9 }).length + 100 + 2 * f.length, 0);
  assert.ok(bytes <= MAX_VSIX_BYTES, `${bytes} bytes`);
});

test('the CLI of an unpacked extension folder loads the wasm from its own folder', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'napcat-milky-vsix-'));
  try {
    for (const f of files) { mkdirSync(path.dirname(path.join(dir, 'extension', f)), { recursive: true }); cpSync(path.join(ROOT, f), path.join(dir, 'extension', f)); }
    const work = path.join(dir, 'work');
    mkdirSync(work);
    writeFileSync(path.join(work, 'bot.py'), 'async def h(bot):\n    await bot.call_api("send_group_msg", group_id=1, message="hi")\n');
    const r = spawnSync(process.execPath, [path.join(dir, 'extension/dist/cli.js'), 'check', '--format', 'json', 'bot.py'], { cwd: work, encoding: 'utf8', timeout: 60_000 });
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.files.map((f) => [f.skipped ?? null, f.findings.map((x) => `${x.napcat}:${x.kind}`)]), [[null, ['send_group_msg:mapped', 'text:segment']]], r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
