// Writes the seeded corpus: ~50 MB of bot projects (JS/JSON) under bench/out/corpus.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeGen } from './codegen.mjs';
import { createRandom } from './prng.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const GENERATOR_FILES = ['codegen.mjs', 'corpus.mjs', 'prng.mjs'].map((f) => path.join(here, f));

const PROJECT_DIRS = {
  'src/plugins': 'bot', 'src/adapters': 'bot', 'src/services': 'plain', 'src/utils': 'plain', 'src/models': 'plain',
  'src/routes': 'plain', 'src/jobs': 'plain', 'lib': 'plain', 'test': 'plain', 'scripts': 'plain',
  'fixtures': 'json', 'config': 'json', 'locales': 'json',
};

function generatorHash(seed, targetBytes, names) {
  const h = createHash('sha256');
  for (const f of GENERATOR_FILES) h.update(readFileSync(f));
  h.update(JSON.stringify({ seed, targetBytes, names }));
  return h.digest('hex').slice(0, 16);
}

/** Log-normal-ish size in [lo, hi] around `mid`. */
function size(rnd, lo, mid, hi) {
  const u = rnd.next() + rnd.next() + rnd.next() - 1.5; // ~N(0, 0.5)
  return Math.max(lo, Math.min(hi, Math.round(mid * Math.exp(u * 1.4))));
}

/**
 * Generates the corpus unless an identical one (same generator, seed, size, names) is already there.
 * Returns { dir, files, bytes, byKind, reused }.
 */
export function ensureCorpus(dir, { seed, targetBytes, names }) {
  const manifestPath = path.join(dir, '..', 'corpus.manifest.json');
  const hash = generatorHash(seed, targetBytes, names);
  if (existsSync(manifestPath) && existsSync(dir)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (m.hash === hash) return { ...m, dir, reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  const rnd = createRandom(seed);
  const gen = new CodeGen(rnd, names);
  const projects = Array.from({ length: 24 }, (_, i) => `${rnd.pick(['qq', 'napcat', 'group', 'koishi', 'mirai', 'shiro', 'yunzai', 'chat'])}-${rnd.pick(['bot', 'helper', 'assistant', 'bridge', 'manager', 'plugin'])}-${String(i).padStart(2, '0')}`);
  const dirs = Object.keys(PROJECT_DIRS);
  const stats = { files: 0, bytes: 0, byKind: {} };
  const made = new Set();
  let n = 0;
  while (stats.bytes < targetBytes) {
    const project = rnd.pick(projects);
    const sub = rnd.weighted({ 'src/plugins': 6, 'src/adapters': 2, 'src/services': 12, 'src/utils': 10, 'src/models': 8, 'src/routes': 8, 'src/jobs': 4, lib: 10, test: 10, scripts: 3, fixtures: 5, config: 3, locales: 3 });
    const role = PROJECT_DIRS[sub];
    let kind;
    let text;
    let ext;
    if (role === 'json') {
      kind = sub === 'fixtures' ? rnd.weighted({ events: 3, recording: 2, paths: 1 }) : sub === 'locales' ? 'locale' : 'config';
      const target = kind === 'events' ? size(rnd, 4_000, 60_000, 400_000) : kind === 'recording' ? size(rnd, 2_000, 20_000, 150_000) : size(rnd, 500, 6_000, 60_000);
      text = gen.jsonFile(kind, target);
      ext = '.json';
      kind = `json-${kind}`;
    } else {
      ext = rnd.weighted({ '.js': 8, '.mjs': 1, '.cjs': 1 });
      const flavor = ext === '.cjs' ? 'cjs' : 'esm';
      // Bot folders mostly hold bot code; elsewhere a few files talk to NapCat too.
      const bot = role === 'bot' ? rnd.chance(0.85) : rnd.chance(0.04);
      const target = size(rnd, 600, 9_000, 120_000);
      text = bot ? gen.botModule(flavor, target) : gen.unrelatedModule(flavor, target);
      kind = bot ? 'js-bot' : 'js-plain';
    }
    const base = `${gen.fnName().replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-${n++}`;
    const rel = path.join(project, sub, base + ext);
    const abs = path.join(dir, rel);
    const d = path.dirname(abs);
    if (!made.has(d)) { mkdirSync(d, { recursive: true }); made.add(d); }
    writeFileSync(abs, text);
    const bytes = Buffer.byteLength(text);
    stats.files++;
    stats.bytes += bytes;
    const k = (stats.byKind[kind] ??= { files: 0, bytes: 0 });
    k.files++;
    k.bytes += bytes;
  }
  const manifest = { hash, seed, targetBytes, ...stats };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { ...manifest, dir, reused: false };
}
