// Downloads the pinned packages of packages.json into .cache/realworld/<name>@<version>/ with
// `npm pack` + `tar -xzf`: no install, so no install scripts and no dependencies.
// Idempotent: a package whose extracted folder is complete (marker file) is not fetched again.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const cacheRoot = path.join(repoRoot, '.cache', 'realworld');
const MARKER = '.fetched';

export function loadPackages() {
  return JSON.parse(readFileSync(path.join(here, 'packages.json'), 'utf8')).packages;
}

/** Folder that holds the package's files (the tarball's `package/`). */
export function packageDir(pkg) {
  return path.join(cacheRoot, `${pkg.name}@${pkg.version}`, 'package');
}

function fetchOne(pkg, log) {
  const dest = path.join(cacheRoot, `${pkg.name}@${pkg.version}`);
  if (existsSync(path.join(dest, MARKER))) return { pkg, dir: packageDir(pkg), fetched: false };
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  log(`fetching ${pkg.name}@${pkg.version}`);
  // --ignore-scripts: `npm pack` of a registry spec runs no lifecycle scripts, but say so anyway.
  execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', dest, '--ignore-scripts', '--loglevel=error'], {
    stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000,
  });
  const tgz = readdirSync(dest).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack produced no tarball for ${pkg.name}@${pkg.version}`);
  execFileSync('tar', ['-xzf', path.join(dest, tgz), '-C', dest], { stdio: 'pipe' });
  if (!existsSync(packageDir(pkg))) throw new Error(`${tgz} has no package/ folder`);
  writeFileSync(path.join(dest, MARKER), `${pkg.name}@${pkg.version} ${tgz}\n`);
  return { pkg, dir: packageDir(pkg), fetched: true };
}

/**
 * Fetches every package (or the given subset). Throws an Error with `code: 'REGISTRY_UNREACHABLE'`
 * when npm cannot reach the registry, so the test can skip with a clear message.
 */
export function fetchAll({ packages = loadPackages(), log = () => {} } = {}) {
  mkdirSync(cacheRoot, { recursive: true });
  const results = [];
  for (const pkg of packages) {
    try {
      results.push(fetchOne(pkg, log));
    } catch (e) {
      const text = `${e.stderr ?? ''}${e.message ?? ''}`;
      rmSync(path.join(cacheRoot, `${pkg.name}@${pkg.version}`), { recursive: true, force: true });
      if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network|socket hang up/i.test(text)) {
        const reason = text.split('\n').find((l) => /ENOTFOUND|EAI_AGAIN|ECONN|ETIMEDOUT|ENETUNREACH|FetchError/.test(l)) ?? '';
        const err = new Error(`npm registry unreachable while fetching ${pkg.name}@${pkg.version}: ${reason.replace(/^npm error\s*/, '').trim()}`);
        err.code = 'REGISTRY_UNREACHABLE';
        throw err;
      }
      throw e;
    }
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of fetchAll({ log: (m) => console.log(m) })) console.log(`${r.fetched ? 'fetched' : 'cached '} ${path.relative(repoRoot, r.dir)}`);
}
