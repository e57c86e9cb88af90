#!/usr/bin/env node
// napcat-milky benchmark harness (`npm run bench`). See bench/README.md.
//
//   node bench/run.mjs [--runs 5] [--eslint-runs 3] [--size-mb 50] [--seed N] [--no-build]
//                      [--skip-eslint] [--skip-server] [--skip-cli-real] [--no-profile] [--quick]
//
// 1. generates a seeded ~50 MB corpus of QQ-bot projects (bench/out/corpus, reused when identical);
// 2. times, interleaved, the CLI vs ripgrep vs ESLint over the same files (medians, ratios);
// 3. measures the language server over stdio (skipped with a note when dist/server.js is missing);
// 4. writes bench/RESULTS.md and bench/results.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(benchDir);
const outDir = path.join(benchDir, 'out');
const corpusDir = path.join(outDir, 'corpus');

// ---- options ---------------------------------------------------------------------------------

function parseArgs(argv) {
  const o = { runs: 5, eslintRuns: 3, sizeMB: 50, seed: 20250611, build: true, eslint: true, server: true, cliReal: true, profile: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => Number(argv[++i]);
    if (a === '--runs') o.runs = num();
    else if (a === '--eslint-runs') o.eslintRuns = num();
    else if (a === '--size-mb') o.sizeMB = num();
    else if (a === '--seed') o.seed = num();
    else if (a === '--no-build') o.build = false;
    else if (a === '--skip-eslint') o.eslint = false;
    else if (a === '--skip-server') o.server = false;
    else if (a === '--profile') o.profile = true;
    else if (a === '--no-profile') o.profile = false;
    else if (a === '--skip-cli-real') o.cliReal = false;
    else if (a === '--quick') { o.runs = 3; o.eslintRuns = 1; o.sizeMB = 10; }
    else if (a === '-h' || a === '--help') { console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 11).join('\n')); process.exit(0); }
    else { console.error(`unknown option: ${a}`); process.exit(2); }
  }
  return o;
}
const opts = parseArgs(process.argv.slice(2));
const log = (...a) => console.log(...a);
const startedAt = new Date();
const loadAtStart = os.loadavg();
const wallStart = performance.now();

// ---- preflight: bench dependencies, ripgrep, build ------------------------------------------

function ensureBenchDeps() {
  if (existsSync(path.join(benchDir, 'node_modules', 'eslint', 'package.json')) && existsSync(path.join(benchDir, 'node_modules', 'vscode-languageserver-protocol', 'package.json'))) return;
  log('installing bench dependencies (npm ci --prefix bench)…');
  execFileSync('npm', ['ci', '--prefix', benchDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function ensureRipgrep() {
  let rg = which('rg');
  if (rg) return rg;
  log('ripgrep is missing: apt-get install -y ripgrep…');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args) => spawnSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (run(['apt-get', 'install', '-y', '-q', 'ripgrep']).status !== 0) {
    run(['apt-get', 'update', '-q']);
    run(['apt-get', 'install', '-y', '-q', 'ripgrep']);
  }
  rg = which('rg');
  return rg;
}

// The bundles are self-contained (only `vscode` is external), so the bench measures a snapshot of
// dist/ taken right after the build: a rebuild of dist/ while the bench runs cannot change what is measured.
const distDir = path.join(outDir, 'dist');
function build() {
  let note;
  if (!opts.build && existsSync(path.join(root, 'dist', 'cli.js'))) note = 'dist/ not rebuilt (--no-build)';
  else {
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
    if (r.status === 0) note = 'built with node esbuild.mjs';
    else if (existsSync(path.join(root, 'dist', 'cli.js'))) {
      log(`warning: the build failed, measuring the existing dist/:\n${r.stderr}`);
      note = 'the build failed; measured the existing dist/';
    } else throw new Error(`build failed:\n${r.stderr}`);
  }
  rmSync(distDir, { recursive: true, force: true });
  cpSync(path.join(root, 'dist'), distDir, { recursive: true });
  const minified = !readFileSync(path.join(distDir, 'cli.js'), 'utf8').slice(0, 20000).includes('\n  ');
  return `${note}${minified ? ' (minified bundle)' : ''}; measured as a snapshot copied to bench/out/dist`;
}

ensureBenchDeps();
const rgPath = ensureRipgrep();
const buildNote = build();
const { ensureCorpus } = await import('./lib/corpus.mjs');
const { measureServer } = await import('./lib/lsp.mjs');
const { median, round, summary } = await import('./lib/stats.mjs');

// ---- inputs ----------------------------------------------------------------------------------

mkdirSync(outDir, { recursive: true });
const { catalog } = createRequire(import.meta.url)(path.join(distDir, 'core.js'));
const names = Object.keys(catalog.napcat);
const namesFile = path.join(outDir, 'names.txt');
writeFileSync(namesFile, names.join('\n') + '\n');

log(`corpus: seed ${opts.seed}, ${opts.sizeMB} MB…`);
const tGen = performance.now();
const corpus = ensureCorpus(corpusDir, { seed: opts.seed, targetBytes: Math.round(opts.sizeMB * 1e6), names });
const genMs = performance.now() - tGen;
log(`  ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB (${corpus.reused ? 'reused' : `generated in ${(genMs / 1000).toFixed(1)} s`})`);

// What the CLI's prefilter sees: files mentioning a NapCat name, or any name it looks for
// (NapCat + Milky names + camelCase forms of NapCat names, as server/src/core/catalog does).
function prefilterStats() {
  const toCamel = (n) => n.replace(/(?!^)_([a-z0-9])/g, (_, c) => c.toUpperCase());
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const napcatRe = new RegExp(names.map(esc).join('|'));
  const camel = names.map(toCamel).filter((c, i) => c !== names[i]);
  const all = [...new Set([...names, ...Object.keys(catalog.milky), ...camel])].sort((a, b) => b.length - a.length);
  const anyRe = new RegExp(all.map(esc).join('|'));
  const camelRe = new RegExp(camel.map(esc).join('|'));
  let files = 0, napcat = 0, any = 0, anyBytes = 0, camelOnly = 0;
  const walkDir = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { walkDir(p); continue; }
      const t = readFileSync(p, 'utf8');
      files++;
      const hasNapcat = napcatRe.test(t);
      const hasAny = hasNapcat || anyRe.test(t);
      if (hasNapcat) napcat++;
      if (hasAny) { any++; anyBytes += Buffer.byteLength(t); }
      if (!hasNapcat && hasAny && camelRe.test(t)) camelOnly++;
    }
  };
  walkDir(corpusDir);
  return { files, withNapcatName: napcat, passingPrefilter: any, passingPrefilterMB: round(anyBytes / 1e6, 1), passingOnlyByCamelCase: camelOnly };
}
const prefilter = prefilterStats();
log(`  files with a NapCat name: ${prefilter.withNapcatName}; passing the CLI's prefilter: ${prefilter.passingPrefilter} (${prefilter.passingPrefilterMB} MB), ${prefilter.passingOnlyByCamelCase} of them only through a camelCase identifier`);

// ESLint flat config: one no-restricted-syntax selector per NapCat name on string literals.
// JS (.js .mjs .cjs) through the default espree parser; JSON through @eslint/json (its string
// node type is `String`), so that ESLint looks at the very same files as the CLI and ripgrep.
const eslintConfig = path.join(outDir, 'eslint.config.mjs');
{
  const sel = (type) => names.map((n) => ({ selector: `${type}[value=${JSON.stringify(n)}]`, message: `NapCat action '${n}': migrate to Milky` }));
  writeFileSync(eslintConfig, `// Generated by bench/run.mjs: the hand-written ESLint equivalent of \`napcat-milky check\`.
import json from '@eslint/json';

export default [
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest' }, rules: { 'no-restricted-syntax': ['error', ...${JSON.stringify(sel('Literal'))}] } },
  { files: ['**/*.json'], plugins: { json }, language: 'json/json', rules: { 'no-restricted-syntax': ['error', ...${JSON.stringify(sel('String'))}] } },
];
`);
}

// ---- timing ----------------------------------------------------------------------------------

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command with stdout to a file; returns wall ms (hrtime) and, with /usr/bin/time, CPU s and max RSS. */
function timed(cmd, args, { cwd = root, stdoutFile, okCodes = [0] } = {}) {
  const fd = openSync(stdoutFile, 'w');
  const timeFile = path.join(outDir, 'time.txt');
  const argv = timeBin ? [timeBin, '-f', '%U %S %M', '-o', timeFile, cmd, ...args] : [cmd, ...args];
  const t = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { cwd, stdio: ['ignore', fd, 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t;
  closeSync(fd);
  if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 2000)}`);
  let cpuS, maxRssMB;
  if (timeBin && existsSync(timeFile)) {
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpuS = last[0] + last[1];
    maxRssMB = last[2] / 1024;
  }
  return { ms, cpuS, maxRssMB };
}

const tools = {
  cli: {
    label: 'napcat-milky check',
    command: `node dist/cli.js check --format json --exit-zero ${path.relative(root, corpusDir)}`,
    run: () => timed(process.execPath, [path.join(distDir, 'cli.js'), 'check', '--format', 'json', '--exit-zero', corpusDir], { stdoutFile: path.join(outDir, 'cli-output.json') }),
  },
  rg: rgPath && {
    label: 'ripgrep',
    command: `rg -F -c -f names.txt ${path.relative(root, corpusDir)}`,
    run: () => timed(rgPath, ['-F', '-c', '-f', namesFile, corpusDir], { stdoutFile: path.join(outDir, 'rg-output.txt'), okCodes: [0, 1] }),
  },
  eslint: opts.eslint && {
    label: 'ESLint',
    command: 'eslint -c eslint.config.mjs -f json corpus (in bench/out)',
    run: () => timed(process.execPath, [path.join(benchDir, 'node_modules', 'eslint', 'bin', 'eslint.js'), '-c', eslintConfig, '-f', 'json', 'corpus'], { cwd: outDir, stdoutFile: path.join(outDir, 'eslint-output.json'), okCodes: [0, 1] }),
  },
};
const active = Object.entries(tools).filter(([, t]) => t);

log(`warm-up (page cache, not timed)…`);
tools.cli.run();
if (tools.rg) tools.rg.run();

const samples = Object.fromEntries(active.map(([k]) => [k, []]));
for (let i = 0; i < opts.runs; i++) {
  for (const [k, t] of active) {
    if (k === 'eslint' && i >= opts.eslintRuns) continue;
    const s = t.run();
    samples[k].push(s);
    log(`  run ${i + 1}/${opts.runs}  ${t.label.padEnd(18)} ${(s.ms / 1000).toFixed(2)} s${s.cpuS !== undefined ? `  (cpu ${s.cpuS.toFixed(2)} s, max RSS ${Math.round(s.maxRssMB)} MB)` : ''}`);
  }
}

// One ESLint run with --concurrency=2 for reference (ESLint ≥ 9.34 can lint on worker threads).
let eslintConcurrent;
if (opts.eslint && opts.eslintRuns > 0) {
  const s = timed(process.execPath, [path.join(benchDir, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--concurrency', String(os.availableParallelism?.() ?? os.cpus().length), '-c', eslintConfig, '-f', 'json', 'corpus'], { cwd: outDir, stdoutFile: path.join(outDir, 'eslint-output-concurrent.json'), okCodes: [0, 1] });
  eslintConcurrent = { ms: round(s.ms), cpuS: round(s.cpuS), maxRssMB: round(s.maxRssMB, 0) };
  log(`  ESLint --concurrency=${os.availableParallelism?.() ?? os.cpus().length} (1 run)  ${(s.ms / 1000).toFixed(2)} s`);
}

// What each tool found (from the last run's output).
function counts() {
  const c = {};
  const cli = JSON.parse(readFileSync(path.join(outDir, 'cli-output.json'), 'utf8'));
  c.cli = { files: cli.files.length, filesWithFindings: cli.files.filter((f) => f.findings.length).length, skipped: cli.files.filter((f) => f.skipped).length, findings: cli.summary.findings, byKind: cli.summary };
  if (tools.rg) {
    const lines = readFileSync(path.join(outDir, 'rg-output.txt'), 'utf8').trim().split('\n').filter(Boolean);
    c.rg = { filesWithMatches: lines.length, matchingLines: lines.reduce((s, l) => s + Number(l.slice(l.lastIndexOf(':') + 1)), 0) };
  }
  if (tools.eslint) {
    const es = JSON.parse(readFileSync(path.join(outDir, 'eslint-output.json'), 'utf8'));
    let problems = 0, fatal = 0, withProblems = 0;
    for (const f of es) {
      if (f.messages.length) withProblems++;
      for (const m of f.messages) if (m.fatal) fatal++; else problems++;
    }
    c.eslint = { files: es.length, filesWithProblems: withProblems, problems, parseErrors: fatal };
  }
  return c;
}
const found = counts();

const med = (k) => (samples[k]?.length ? median(samples[k].map((s) => s.ms)) : NaN);
const tool = (k) => samples[k]?.length ? {
  label: tools[k].label, command: tools[k].command, runs: samples[k].length,
  wallMs: summary(samples[k].map((s) => s.ms)),
  cpuS: samples[k][0].cpuS !== undefined ? round(median(samples[k].map((s) => s.cpuS))) : null,
  maxRssMB: samples[k][0].maxRssMB !== undefined ? round(median(samples[k].map((s) => s.maxRssMB)), 0) : null,
} : null;
const cliVsEslint = med('eslint') / med('cli');
const cliVsRg = med('cli') / med('rg');
const medCpu = (k) => (samples[k]?.length && samples[k][0].cpuS !== undefined ? median(samples[k].map((x) => x.cpuS)) : NaN);
const comparison = {
  cli: tool('cli'), rg: tool('rg'), eslint: tool('eslint'), eslintConcurrent,
  speedupVsEslint: round(cliVsEslint, 1),
  speedupVsEslintConcurrent: eslintConcurrent ? round(eslintConcurrent.ms / med('cli'), 1) : null,
  ratioToRipgrep: round(cliVsRg, 2),
  // CPU time (user+sys) is far less sensitive than wall time to other load on the machine.
  cpuSpeedupVsEslint: round(medCpu('eslint') / medCpu('cli'), 1),
  cpuRatioToRipgrep: round(medCpu('cli') / medCpu('rg'), 2),
  targets: {
    eslint: { target: '≥ 20× faster than ESLint', met: Number.isFinite(cliVsEslint) ? cliVsEslint >= 20 : null },
    ripgrep: { target: '≤ 3× ripgrep wall time', met: Number.isFinite(cliVsRg) ? cliVsRg <= 3 : null },
  },
};
log(`\nCLI ${round(med('cli') / 1000)} s · rg ${round(med('rg') / 1000)} s · ESLint ${round(med('eslint') / 1000)} s → ${comparison.speedupVsEslint}× faster than ESLint, ${comparison.ratioToRipgrep}× ripgrep's time`);

// ---- optional CPU profile of the CLI -----------------------------------------------------------

const PHASES = ['(garbage collector)', 'wrapSafe', 'walk', 'readSource', 'analyzeFile', 'analyzeDocument', 'candidateOffsets',
  'scanTypeScript', 'createSourceFile', 'run', 'scanJson', 'parseTree', 'findingsForSite', 'toJsonFindings', 'renderJson', 'lineStarts'];
function hotspots(profileFile, top = 15) {
  const prof = JSON.parse(readFileSync(profileFile, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = prof.timeDeltas;
  for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
  const agg = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id);
    const cf = n.callFrame;
    const file = cf.url ? cf.url.replace(/^file:\/\//, '').replace(root + '/', '') : '';
    const key = `${cf.functionName || '(anonymous)'}  ${file}${file ? `:${cf.lineNumber + 1}` : ''}`;
    agg.set(key, (agg.get(key) ?? 0) + us);
    total += us;
  }
  // Inclusive time of the CLI's phases (by function name; each sample counted once per name).
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map(PHASES.map((f) => [f, 0]));
  for (const [id, us] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = byId.get(cur).callFrame.functionName;
      if (incl.has(fn) && !seen.has(fn)) { seen.add(fn); incl.set(fn, incl.get(fn) + us); }
    }
  }
  return {
    totalMs: round(total / 1000),
    top: [...agg].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, us]) => ({ fn, selfMs: round(us / 1000), pct: round((100 * us) / total, 1) })),
    inclusive: [...incl].filter(([, us]) => us > 0).map(([fn, us]) => ({ fn, ms: round(us / 1000), pct: round((100 * us) / total, 1) })),
  };
}
let profile;
if (opts.profile) {
  const profDir = path.join(outDir, 'profile');
  rmSync(profDir, { recursive: true, force: true });
  timed(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, path.join(distDir, 'cli.js'), 'check', '--format', 'json', '--exit-zero', corpusDir], { stdoutFile: path.join(outDir, 'cli-output.json') });
  const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(profDir, f));
  profile = files.map((f) => ({ file: path.relative(root, f), ...hotspots(f) }));
  for (const p of profile) {
    log(`\nCPU profile ${p.file} (${p.totalMs} ms sampled), top self time:`);
    for (const h of p.top) log(`  ${String(h.selfMs).padStart(8)} ms ${String(h.pct).padStart(5)}%  ${h.fn.slice(0, 160)}`);
    log('  inclusive time of phases:');
    for (const h of p.inclusive) log(`  ${String(h.ms).padStart(8)} ms ${String(h.pct).padStart(5)}%  ${h.fn}`);
  }
}

// ---- language server -----------------------------------------------------------------------------

// CLI on real code and on a dense tree vs ripgrep (bench/lib/cli-real.mjs).
let cliReal;
if (opts.cliReal && rgPath) {
  log('\nCLI on real code and on a dense tree…');
  const { measureCliReal } = await import('./lib/cli-real.mjs');
  try {
    cliReal = await measureCliReal({ root, outDir, distDir, rgPath, namesFile, names, seed: opts.seed, runs: opts.runs, timed, median, round, hotspots, profile: opts.profile, log });
  } catch (e) {
    cliReal = { skipped: `failed: ${e?.message ?? e}` };
    log(`  failed: ${e?.stack ?? e}`);
  }
} else cliReal = { skipped: opts.cliReal ? 'ripgrep missing' : '--skip-cli-real' };

let server;
if (opts.server) {
  log('\nlanguage server…');
  try {
    server = await measureServer({ root, serverPath: path.join(distDir, 'server.js'), coreDir: distDir, names, seed: opts.seed, log });
    if (server.skipped) log(`  skipped: ${server.skipped}`);
  } catch (e) {
    server = { error: String(e?.stack ?? e) };
    log(`  failed: ${e?.message ?? e}`);
  }
  if (!server.skipped && !server.error) {
    try { server.pythonTyping = await (await import('./lib/lsp-python.mjs')).measurePythonTyping({ root, serverPath: path.join(distDir, 'server.js'), seed: opts.seed, log }); } catch (e) { server.pythonTyping = { error: String(e?.message ?? e) }; }
  }
} else server = { skipped: '--skip-server' };

const vsix = readdirSync(root).filter((f) => f.endsWith('.vsix')).map((f) => ({ file: f, bytes: statSync(path.join(root, f)).size }));

// ---- report --------------------------------------------------------------------------------------

const results = {
  date: startedAt.toISOString(),
  machine: { cores: os.availableParallelism?.() ?? os.cpus().length, cpu: os.cpus()[0]?.model, memoryGB: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.type()} ${os.release()}`, loadAverageAtStart: loadAtStart.map((x) => round(x)) },
  versions: {
    napcatMilky: JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version,
    ripgrep: rgPath ? spawnSync(rgPath, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] : null,
    eslint: JSON.parse(readFileSync(path.join(benchDir, 'node_modules', 'eslint', 'package.json'), 'utf8')).version,
    eslintJson: JSON.parse(readFileSync(path.join(benchDir, 'node_modules', '@eslint', 'json', 'package.json'), 'utf8')).version,
  },
  options: opts, build: buildNote,
  corpus: { dir: path.relative(root, corpusDir), seed: corpus.seed, files: corpus.files, bytes: corpus.bytes, byKind: corpus.byKind, napcatNames: names.length, prefilter },
  comparison, found, profile, cliReal, server, vsix,
  benchWallS: null,
};
results.benchWallS = round((performance.now() - wallStart) / 1000, 1);
results.machine.loadAverageAtEnd = os.loadavg().map((x) => round(x));
writeFileSync(path.join(benchDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
const { renderMarkdown } = await import('./lib/report.mjs');
writeFileSync(path.join(benchDir, 'RESULTS.md'), renderMarkdown(results));
log(`\nwrote bench/RESULTS.md and bench/results.json (${results.benchWallS} s in all)`);
