// Packages the throwaway self-test extension (./extension) into a vsix inside a temp dir.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTemp, paths } from '../lib/util.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const SELFTEST_LSP_SERVER = join(HERE, 'lsp-server.js');

let cached;
/** Build once per run; returns the vsix path. Uses the project's own @vscode/vsce. */
export function buildSelftestVsix() {
  if (cached && existsSync(cached)) return cached;
  const dir = join(makeTemp('selftest-ext'), 'ext');
  cpSync(join(HERE, 'extension'), dir, { recursive: true });
  const vsix = join(dir, '..', 'e2e-selftest-0.0.1.vsix');
  if (!existsSync(paths.vsce)) throw new Error(`vsce not found at ${paths.vsce}; run npm ci`);
  execFileSync(paths.vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', vsix],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  cached = vsix;
  return vsix;
}
