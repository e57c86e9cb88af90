// The project's own artefacts for the real scenarios: the packaged vsix and the server command.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, makeTemp } from './util.mjs';

/** The language server the Neovim scenarios start: $E2E_SERVER_JS, else the repo's dist/server.js. */
export const SERVER_JS = process.env.E2E_SERVER_JS || join(ROOT, 'dist/server.js');

/** argv that starts the language server over stdio (for Neovim). */
export function serverCommand() {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} missing: run npm run build`);
  return [process.execPath, SERVER_JS, '--stdio'];
}

/** Unpack a vsix into a temp dir; returns the extension folder (for extensionDevelopmentPath). */
export function unpackVsix(vsix = projectVsix()) {
  const dir = makeTemp('vsix');
  execFileSync('unzip', ['-q', vsix, 'extension/*', '-d', dir]);
  return join(dir, 'extension');
}

const newestVsix = () => readdirSync(ROOT).filter((f) => f.endsWith('.vsix'))
  .map((f) => ({ f: join(ROOT, f), m: statSync(join(ROOT, f)).mtimeMs })).sort((a, b) => b.m - a.m)[0];

let cached;
/**
 * Path of the packaged extension: $E2E_VSIX if set; else the newest *.vsix at the repo root when
 * it is newer than dist/extension.js and dist/server.js; else `npm run package` once, then that.
 */
export function projectVsix() {
  if (process.env.E2E_VSIX) return process.env.E2E_VSIX;
  if (cached) return cached;
  const built = Math.max(...['dist/extension.js', 'dist/server.js'].map((p) => (existsSync(join(ROOT, p)) ? statSync(join(ROOT, p)).mtimeMs : 0)));
  let v = newestVsix();
  if (!v || v.m < built) {
    execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    v = newestVsix();
  }
  if (!v) throw new Error('npm run package produced no .vsix at the repo root');
  cached = v.f;
  return cached;
}
