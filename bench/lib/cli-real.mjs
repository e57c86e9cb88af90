// The CLI on real code and on a dense tree, against ripgrep on the same names (issue 13, item 4).
//
// Real code: the real-world suite's pinned packages (test/realworld/packages.json, fetched by its
// fetch.mjs into .cache/realworld) plus a few more QQ-bot SDKs/frameworks published on npm, at pinned
// versions, fetched the same way (`npm pack`, no install, no scripts) into .cache/bench-real.
// Dense tree: every JS file a bot module (the bench's code generator) + TypeScript's own lib/*.d.ts.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CodeGen } from './codegen.mjs';
import { createRandom } from './prng.mjs';

/** More OneBot / QQ-bot code on npm, pinned. `roots`: what is handed to the CLI (it skips `dist`/`out` below a root). */
export const EXTRA_PACKAGES = [
  { name: 'icqq', version: '0.6.10', roots: ['lib'] },
  { name: 'oicq', version: '2.3.1', roots: ['lib'] },
  { name: 'mirai-js', version: '2.8.11', roots: ['.', 'dist'] },
  { name: 'cq-websocket', version: '2.1.1', roots: ['.'] },
  { name: 'push-all-in-one', version: '4.5.2', roots: ['.', 'dist'] },
  { name: '@koishijs/core', version: '4.18.11', roots: ['.'] },
];

/** The extensions the CLI reads (shared/languages.ts), for ripgrep's globs. */
const CODE_GLOBS = ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'json', 'jsonc', 'py', 'pyi'];
export const rgGlobArgs = () => CODE_GLOBS.flatMap((e) => ['-g', `*.${e}`]);

function npmPack(name, version, destRoot) {
  const dest = path.join(destRoot, `${name}@${version}`);
  const marker = path.join(dest, '.fetched');
  if (existsSync(marker)) return path.join(dest, 'package');
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', dest, '--ignore-scripts', '--loglevel=error'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  const tgz = readdirSync(dest).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['-xzf', path.join(dest, tgz), '-C', dest], { stdio: 'pipe' });
  rmSync(path.join(dest, tgz));
  writeFileSync(marker, `${name}@${version}\n`);
  return path.join(dest, 'package');
}

function codeBytes(roots) {
  let files = 0, bytes = 0;
  const seen = new Set();
  const visit = (p, top) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      const base = path.basename(p);
      if (!top && (base === 'node_modules' || base === 'dist' || base === 'out' || base === '.git')) return;
      for (const e of readdirSync(p)) visit(path.join(p, e), false);
    } else if (CODE_GLOBS.includes(path.extname(p).slice(1).toLowerCase()) && !seen.has(p)) { seen.add(p); files++; bytes += st.size; }
  };
  for (const r of roots) visit(r, true);
  return { files, bytes };
}

/** The real-code roots: fetched when missing (needs the npm registry). Returns { roots, packages, files, bytes } or { skipped }. */
export async function ensureRealCode(root) {
  const { fetchAll, loadPackages, packageDir } = await import(path.join(root, 'test', 'realworld', 'fetch.mjs'));
  const cache = path.join(root, '.cache', 'bench-real');
  const roots = [];
  const packages = [];
  try {
    fetchAll();
    for (const p of loadPackages()) {
      for (const s of p.scan) roots.push(path.join(packageDir(p), s));
      packages.push(`${p.name}@${p.version}`);
    }
    for (const p of EXTRA_PACKAGES) {
      const dir = npmPack(p.name, p.version, cache);
      for (const s of p.roots) if (existsSync(path.join(dir, s))) roots.push(path.join(dir, s));
      packages.push(`${p.name}@${p.version}`);
    }
  } catch (e) {
    return { skipped: `could not fetch the packages: ${String(e.message ?? e).split('\n')[0]}` };
  }
  return { roots, packages, ...codeBytes(roots) };
}

/** Every file a bot (the bench's generator), plus TypeScript's lib/*.d.ts: ~`targetBytes` in all. */
export function ensureDenseTree(root, outDir, { seed, targetBytes, names }) {
  const dir = path.join(outDir, 'dense');
  const manifestPath = path.join(outDir, 'dense.manifest.json');
  const tsLib = path.join(root, 'node_modules', 'typescript', 'lib');
  const tsVersion = JSON.parse(readFileSync(path.join(root, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
  const gen = ['codegen.mjs', 'prng.mjs', 'cli-real.mjs'].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8')).join('\0');
  const key = JSON.stringify({ seed, targetBytes, names: names.length, tsVersion, gen: gen.length });
  if (existsSync(manifestPath) && existsSync(dir)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (m.key === key) return { ...m, dir, reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'typescript-lib'), { recursive: true });
  let files = 0, bytes = 0, tsBytes = 0;
  for (const f of readdirSync(tsLib).filter((f) => f.endsWith('.d.ts'))) {
    cpSync(path.join(tsLib, f), path.join(dir, 'typescript-lib', f));
    files++;
    tsBytes += statSync(path.join(tsLib, f)).size;
  }
  bytes = tsBytes;
  const rnd = createRandom(seed + 13);
  const cg = new CodeGen(rnd, names);
  let n = 0;
  while (bytes < targetBytes) {
    const ext = rnd.weighted({ '.js': 8, '.mjs': 1, '.cjs': 1 });
    const text = cg.botModule(ext === '.cjs' ? 'cjs' : 'esm', Math.max(600, Math.round(9_000 * Math.exp((rnd.next() + rnd.next() - 1) * 1.4))));
    const sub = path.join(dir, `bot-${String(n % 24).padStart(2, '0')}`, 'src', 'plugins');
    mkdirSync(sub, { recursive: true });
    const buf = Buffer.from(text);
    writeFileSync(path.join(sub, `plugin-${n++}${ext}`), buf);
    files++;
    bytes += buf.length;
  }
  const manifest = { key, files, bytes, botFiles: n, tsLibBytes: tsBytes, tsVersion };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { ...manifest, dir, reused: false };
}

/**
 * Times `check` and ripgrep on both trees, interleaved after a warm-up, and (with `profile`) one
 * `--cpu-prof` run of each, summarised into bench/profiles/cli-<row>.txt (the raw profiles are
 * several MB; they stay in bench/out/).
 */
export async function measureCliReal({ root, outDir, distDir, rgPath, namesFile, names, seed, runs, timed, median, round, hotspots, profile, log }) {
  const real = await ensureRealCode(root);
  const dense = ensureDenseTree(root, outDir, { seed, targetBytes: 30e6, names });
  const rows = [];
  const mk = (key, label, roots, tree) => ({ key, label, roots, tree });
  if (real.skipped) log(`  real code skipped: ${real.skipped}`);
  else rows.push(mk('real', 'real code: the real-world packages + more QQ-bot SDKs from npm', real.roots, { files: real.files, bytes: real.bytes, packages: real.packages }));
  rows.push(mk('dense', 'dense tree: every file a bot + TypeScript lib/*.d.ts', [dense.dir], { files: dense.files, bytes: dense.bytes, botFiles: dense.botFiles, tsLibBytes: dense.tsLibBytes }));
  const cliArgs = (roots) => [path.join(distDir, 'cli.js'), 'check', '--format', 'json', '--exit-zero', ...roots];
  const out = {};
  for (const row of rows) {
    log(`  ${row.label}: ${row.tree.files} files, ${(row.tree.bytes / 1e6).toFixed(1)} MB`);
    const cli = () => timed(process.execPath, cliArgs(row.roots), { stdoutFile: path.join(outDir, `cli-${row.key}.json`) });
    const rg = () => timed(rgPath, ['-F', '-c', '--no-ignore', ...rgGlobArgs(), '-f', namesFile, ...row.roots], { stdoutFile: path.join(outDir, `rg-${row.key}.txt`), okCodes: [0, 1] });
    cli(); rg();
    const s = { cli: [], rg: [] };
    for (let i = 0; i < runs; i++) {
      s.cli.push(cli()); s.rg.push(rg());
      log(`    run ${i + 1}/${runs}  check ${(s.cli.at(-1).ms / 1000).toFixed(2)} s (cpu ${s.cli.at(-1).cpuS?.toFixed(2)} s) · rg ${(s.rg.at(-1).ms / 1000).toFixed(2)} s`);
    }
    const med = (a, f) => median(a.map(f));
    const r = {
      label: row.label, tree: row.tree,
      cli: { wallMs: round(med(s.cli, (x) => x.ms)), cpuS: round(med(s.cli, (x) => x.cpuS ?? NaN)), maxRssMB: round(med(s.cli, (x) => x.maxRssMB ?? NaN), 0) },
      rg: { wallMs: round(med(s.rg, (x) => x.ms)), cpuS: round(med(s.rg, (x) => x.cpuS ?? NaN)) },
    };
    r.ratio = round(r.cli.wallMs / r.rg.wallMs, 1);
    r.cpuRatio = round(r.cli.cpuS / r.rg.cpuS, 1);
    const found = JSON.parse(readFileSync(path.join(outDir, `cli-${row.key}.json`), 'utf8'));
    r.findings = found.summary.findings;
    r.filesWithFindings = found.files.filter((f) => f.findings.length).length;
    r.goal = row.key === 'real' ? 5 : 15;
    r.met = r.ratio <= r.goal;
    if (profile) {
      const profDir = path.join(outDir, `profile-${row.key}`);
      rmSync(profDir, { recursive: true, force: true });
      timed(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, ...cliArgs(row.roots)], { stdoutFile: path.join(outDir, `cli-${row.key}.json`) });
      const threads = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => ({ file: f, ...hotspots(path.join(profDir, f), 25) }));
      const lines = [`# napcat-milky check — ${row.label}`, `# ${row.tree.files} files, ${(row.tree.bytes / 1e6).toFixed(1)} MB; one profile per thread (main + workers); written by bench/run.mjs`, ''];
      for (const t of threads) {
        lines.push(`## ${t.file}: ${t.totalMs} ms sampled`, 'top self time:');
        for (const h of t.top) lines.push(`  ${String(h.selfMs).padStart(8)} ms ${String(h.pct).padStart(5)}%  ${h.fn.slice(0, 140)}`);
        lines.push('inclusive time of phases:');
        for (const h of t.inclusive) lines.push(`  ${String(h.ms).padStart(8)} ms ${String(h.pct).padStart(5)}%  ${h.fn}`);
        lines.push('');
      }
      mkdirSync(path.join(root, 'bench', 'profiles'), { recursive: true });
      writeFileSync(path.join(root, 'bench', 'profiles', `cli-${row.key}.txt`), lines.join('\n'));
      r.profile = `bench/profiles/cli-${row.key}.txt`;
    }
    out[row.key] = r;
  }
  return out;
}

/** bench/RESULTS.md's section for these rows. */
export function renderCliReal(c) {
  if (!c) return [];
  if (c.skipped) return ['## 1b. CLI on real code and on a dense tree', '', `Skipped: ${c.skipped}.`, ''];
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const out = ['## 1b. CLI on real code and on a dense tree (vs ripgrep on the same names)', '',
    '`node dist/cli.js check --format json --exit-zero <roots>` vs `rg -F -c --no-ignore -g <the CLI\'s extensions> -f names.txt <roots>`, interleaved after a warm-up (`bench/lib/cli-real.mjs`).', '',
    '| row | files | MB | check wall | check CPU | rg wall | rg CPU | ratio (wall) | ratio (CPU) | goal | |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |'];
  for (const r of Object.values(c)) out.push(`| ${r.label} | ${r.tree.files} | ${(r.tree.bytes / 1e6).toFixed(1)} | ${s(r.cli.wallMs)} | ${r.cli.cpuS} s | ${s(r.rg.wallMs)} | ${r.rg.cpuS} s | **${r.ratio}×** | ${r.cpuRatio}× | ≤ ${r.goal}× | ${r.met ? '**met**' : '**NOT met**'} |`);
  out.push('');
  for (const r of Object.values(c)) {
    if (r.tree.packages) out.push(`Real code: ${r.tree.packages.join(', ')} (pinned; \`npm pack\` into .cache/, no install). ${r.findings} findings in ${r.filesWithFindings} files.`);
    else out.push(`Dense tree: ${r.tree.botFiles} generated bot modules + TypeScript's lib (${(r.tree.tsLibBytes / 1e6).toFixed(1)} MB). ${r.findings} findings in ${r.filesWithFindings} files.`);
    if (r.profile) out.push(`CPU profile summary: \`${r.profile}\`.`);
  }
  out.push('');
  return out;
}
