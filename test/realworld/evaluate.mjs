// Scores the CLI on the real-world packages against the committed labels, and checks what `fix`
// does to a copy of each package. `node test/realworld/evaluate.mjs --report` prints the table and
// every mismatch without asserting (the test in realworld.test.mjs asserts the targets).
//
// Matching: a finding's name is the source text it covers (`.handle_quick_operation` with its dot,
// a camelCase method name, a milky-params key). A finding site is (file, line, column, name);
// several findings at one site (e.g. same-name + milky-params) are one site, and the extra ones are
// counted as `duplicates`. A site takes the label with the same (file, line, name); when a line
// has two labels of one name (`send_msg(params: WSSendParam['send_msg'])`), the label's column
// decides.
// Scores: TP = sites whose label says flag; FP = sites whose label says quiet, or that have no
// label; FN = flag labels without a site, except labels marked `optional` (real NapCat actions the
// mapping table does not list, which ARCHITECTURE.md lets the tool report or not: found → TP,
// missed → listed as `optionalMissed`, not counted).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchAll, loadPackages, packageDir, repoRoot } from './fetch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const cli = path.join(repoRoot, 'dist', 'cli.js');

/** TypeScript codes that mean "two declarations where there was one name" (plus our own checks). */
export const DUPLICATE_CODES = new Map([
  [2300, 'Duplicate identifier'],
  [1117, 'object literal: multiple properties with the same name'],
  [2717, 'subsequent property declarations must have the same type'],
  [2451, 'cannot redeclare block-scoped variable'],
  [2392, 'multiple constructor implementations'],
  [2393, 'duplicate function implementation'],
  [2323, 'cannot redeclare exported variable'],
  [2374, 'duplicate index signature'],
  [2687, 'all declarations must have identical modifiers'],
  [2528, 'a module cannot have multiple default exports'],
  [2567, 'enum declarations can only merge with namespaces or other enums'],
  [2440, 'import declaration conflicts with local declaration'],
  [2395, 'merged declarations must be all exported or all local'],
  [2813, 'class declaration cannot implement overload list'],
  [2814, 'function with bodies can only merge with ambient classes'],
  ['dup-case', 'two case labels with the same string in one switch'],
  ['dup-json-key', 'two keys with the same name in one JSON object'],
]);

const EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|json|jsonc)$/;

export function loadLabels(pkg) {
  return JSON.parse(readFileSync(path.join(here, pkg.labels), 'utf8'));
}

/** Runs `check --format json` on the package's scan paths, from the package folder. */
export function runCheck(pkg, dir = packageDir(pkg)) {
  let out;
  try {
    out = execFileSync(process.execPath, [cli, 'check', '--format', 'json', '--exit-zero', ...pkg.scan], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  } catch (e) {
    if (!e.stdout) throw e;
    out = e.stdout;
  }
  return JSON.parse(out);
}

const lineCache = new Map();
function linesOf(file) {
  if (!lineCache.has(file)) lineCache.set(file, readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/));
  return lineCache.get(file);
}

/** Scores one package's CLI report against its labels. */
/** The kinds the labels were written for (issue 9): actions and Milky params. Later kinds need labels of their own. */
export const LABELLED_KINDS = new Set(['mapped', 'ambiguous', 'no-counterpart', 'same-name', 'milky-params']);

export function scorePackage(pkg, report, labels, dir = packageDir(pkg)) {
  const byKey = new Map();
  for (const l of labels) {
    const k = `${l.file}\u0000${l.line}\u0000${l.name}`;
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k).push(l);
  }
  const sites = new Map();
  let findings = 0;
  for (const f of report.files) {
    const file = f.path.replace(/^\.\//, '');
    for (const x of f.findings) {
      if (!LABELLED_KINDS.has(x.kind)) continue;
      findings++;
      const text = linesOf(path.join(dir, file))[x.line - 1] ?? '';
      const name = x.endLine === x.line ? text.slice(x.column - 1, x.endColumn - 1) : (x.napcat ?? '');
      const k = `${file}\u0000${x.line}\u0000${x.column}\u0000${name}`;
      if (!sites.has(k)) sites.set(k, { file, line: x.line, column: x.column, name, kinds: [], messages: [] });
      sites.get(k).kinds.push(x.kind);
      sites.get(k).messages.push(x.message);
    }
  }
  const matched = new Set();
  const tp = [], fp = [];
  for (const s of sites.values()) {
    const cands = byKey.get(`${s.file}\u0000${s.line}\u0000${s.name}`) ?? [];
    const label = cands.length === 1 ? cands[0] : cands.find((l) => l.column === s.column);
    if (label) matched.add(label);
    const entry = { ...s, label };
    if (label && label.verdict === 'flag') tp.push(entry);
    else fp.push(entry);
  }
  const missedFlags = labels.filter((l) => l.verdict === 'flag' && !matched.has(l));
  const fn = missedFlags.filter((l) => !l.optional);
  const optionalMissed = missedFlags.filter((l) => l.optional);
  const required = labels.filter((l) => l.verdict === 'flag' && !l.optional).length;
  const foundRequired = tp.filter((t) => !t.label.optional).length;
  return {
    name: `${pkg.name}@${pkg.version}`,
    negative: !!pkg.negative,
    files: report.files.length,
    skipped: report.files.filter((f) => f.skipped).map((f) => `${f.path}: ${f.skipped}`),
    findings,
    sites: sites.size,
    duplicates: findings - sites.size,
    labels: labels.length,
    tp: tp.length,
    fp,
    fn,
    optionalMissed,
    required,
    foundRequired,
    precision: tp.length + fp.length ? tp.length / (tp.length + fp.length) : 1,
    recall: required ? foundRequired / required : 1,
  };
}

// ---------- fix checks ----------

function listFiles(root, rel) {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return [];
  if (statSync(abs).isFile()) return EXTENSIONS.test(rel) ? [rel] : [];
  return readdirSync(abs).flatMap((e) => listFiles(root, path.join(rel, e)));
}

function scriptKindOf(ts, file) {
  if (/\.jsonc?$/.test(file)) return ts.ScriptKind.JSON;
  if (/\.tsx$/.test(file)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(file)) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Parse diagnostics of one file, counted per code. */
export function parseDiagnostics(file, text) {
  const ts = require('typescript');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(ts, file));
  return countBy(sf.parseDiagnostics ?? [], (d) => d.code);
}

function countBy(items, keyOf) {
  const m = new Map();
  for (const i of items) m.set(keyOf(i), (m.get(keyOf(i)) ?? 0) + 1);
  return m;
}

function stringKey(ts, node) {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node)) return node.text;
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (ts.isComputedPropertyName(node)) return stringKey(ts, node.expression);
  return undefined;
}

/** Duplicate-name diagnostics of one file, checked alone: TypeScript's checker plus two own checks. */
export function duplicateDiagnostics(file, text) {
  const ts = require('typescript');
  const kind = scriptKindOf(ts, file);
  const counts = new Map();
  const add = (code) => counts.set(code, (counts.get(code) ?? 0) + 1);
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  // Own checks: duplicate case labels (TypeScript does not report them) and JSON keys.
  const visit = (node) => {
    if (ts.isCaseBlock(node)) {
      const seen = new Set();
      for (const c of node.clauses) {
        if (!ts.isCaseClause(c)) continue;
        const k = stringKey(ts, c.expression);
        if (k === undefined) continue;
        if (seen.has(k)) add('dup-case');
        seen.add(k);
      }
    }
    if (kind === ts.ScriptKind.JSON && ts.isObjectLiteralExpression(node)) {
      const seen = new Set();
      for (const p of node.properties) {
        const k = stringKey(ts, p.name);
        if (k === undefined) continue;
        if (seen.has(k)) add('dup-json-key');
        seen.add(k);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (kind !== ts.ScriptKind.JSON) {
    const options = {
      noLib: true, noResolve: true, types: [], allowJs: true, checkJs: true, noEmit: true,
      skipLibCheck: false, target: ts.ScriptTarget.Latest, module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.Preserve,
    };
    const host = ts.createCompilerHost(options, true);
    const normalized = path.resolve(file);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, ...rest) => path.resolve(name) === normalized
      ? ts.createSourceFile(name, text, lang, true, kind)
      : getSourceFile(name, lang, ...rest);
    host.fileExists = (name) => path.resolve(name) === normalized;
    host.readFile = (name) => (path.resolve(name) === normalized ? text : undefined);
    const program = ts.createProgram([normalized], options, host);
    const source = program.getSourceFile(normalized);
    for (const d of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      if (DUPLICATE_CODES.has(d.code)) add(d.code);
    }
  }
  return counts;
}

function increases(before, after) {
  const out = [];
  for (const [code, n] of after) if (n > (before.get(code) ?? 0)) out.push({ code, before: before.get(code) ?? 0, after: n });
  return out;
}

/**
 * Maps each line of `a` to its line in `b` (or -1 when it was removed or changed), by a Myers
 * diff of the two line lists; a changed line is paired with the line that replaced it when a
 * hunk removes and inserts the same number of lines.
 */
export function mapLines(a, b) {
  const n = a.length, m = b.length, max = n + m;
  const v = new Map([[1, 0]]);
  const trace = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? v.get(k + 1) : v.get(k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v.set(k, x);
      if (x >= n && y >= m) break outer;
    }
  }
  // Walk back to collect the equal pairs.
  const equal = [];
  let x = n, y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && (vd.get(k - 1) ?? -1) < (vd.get(k + 1) ?? -1)) ? k + 1 : k - 1;
    const prevX = vd.get(prevK) ?? 0, prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; equal.push([x, y]); }
    if (d > 0) { x = prevX; y = prevY; }
  }
  equal.reverse();
  const map = new Array(n).fill(-1);
  for (const [i, j] of equal) map[i] = j;
  // Pair the lines of each hunk in order (a line edited in place).
  let pi = 0, pj = 0;
  for (const [i, j] of [...equal, [n, m]]) {
    // A hunk that also inserted lines (a constant added under the renamed line): pair its first lines in order.
    for (let t = 0; t < Math.min(i - pi, j - pj); t++) map[pi + t] = pj + t;
    pi = i + 1; pj = j + 1;
  }
  return map;
}

/** Whether the text at [col, col+len) of line `before` survived into line `after` unchanged. */
function spanUnchanged(before, after, col, len) {
  if (before === after) return true;
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  const editStart = p, editEnd = before.length - s; // the edited region, in `before` columns
  const start = col - 1, end = start + len;
  return end <= editStart || start >= editEnd;
}

let catalogCache;
const catalog = () => (catalogCache ??= createRequire(import.meta.url)(path.join(repoRoot, 'dist/core.js')).catalog);

/** `file:line:col  fixed  a → b` lines of the fix output (positions in the original file). */
export function parseFixedSites(output) {
  const sites = [];
  for (const m of output.matchAll(/^(.+?):(\d+):(\d+)\s+fixed\s+(\S+)\s+→\s+(\S+)\s*$/gm)) {
    sites.push({ file: m[1].replace(/^\.\//, ''), line: Number(m[2]), column: Number(m[3]), from: m[4], to: m[5] });
  }
  return sites;
}

const literal = (v) => (typeof v === 'string' ? `["'\`]${v}["'\`]` : String(v));
const hasField = (text, key, value) => new RegExp(`["']?\\b${key}\\b["']?\\s*:\\s*${literal(value)}`).test(text);

/**
 * The text a rename's constants must appear in: the call whose argument the name is, or the
 * object literal it is a value of (and that object's call); for anything else (an enum member,
 * a type key, a variable) just the declaration, which is where an alias has no params.
 */
function scopeText(file, text, line, column, name) {
  const ts = require('typescript');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(ts, file));
  const lineStart = sf.getPositionOfLineAndCharacter(line - 1, 0);
  const lineEnd = line < sf.getLineStarts().length ? sf.getPositionOfLineAndCharacter(line, 0) : text.length;
  let best = null;
  const visit = (node) => {
    if (node.end < lineStart || node.getStart(sf) > lineEnd) return;
    const t = ts.isStringLiteralLike(node) || ts.isIdentifier(node) ? node.text : undefined;
    if (t === name || t === `.${name}`) {
      const col = sf.getLineAndCharacterOfPosition(node.getStart(sf)).character + 1;
      if (!best || Math.abs(col - column) < best.distance) best = { node, distance: Math.abs(col - column) };
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (!best) return '';
  let scope = best.node.parent;
  if (ts.isPropertyAssignment(scope) && ts.isObjectLiteralExpression(scope.parent)) {
    scope = scope.parent;
    if (scope.parent && ts.isCallExpression(scope.parent)) scope = scope.parent;
  }
  return scope.getText(sf);
}

/**
 * A rename changes what the call does when the target needs something the code does not say:
 * a constant of the mapping row (`is_set: false` for delete_essence_msg) missing from the call
 * after the fix, an accept/reject choice without the matching literal `approve`, or a
 * request/invitation choice without a literal `sub_type` (issue 9 B.2, B.3).
 */
function meaningProblems(site, before, after, afterLine) {
  const problems = [];
  const row = catalog().napcat[site.from.replace(/^\./, '')];
  const beforeText = scopeText(site.file, before, site.line, site.column, site.from);
  const afterText = afterLine >= 0 ? scopeText(site.file, after, afterLine + 1, site.column, site.to) : '';
  // Every constant the target needs: the map's own and the selector's (message_scene for the history names).
  const set = row?.constants?.[site.to] ?? {};
  for (const [key, value] of Object.entries(set)) {
    if (!hasField(afterText, key, value)) problems.push(`${site.from} → ${site.to} without \`${key}: ${JSON.stringify(value)}\` in the same call`);
  }
  if (/^(accept|reject)_/.test(site.to)) {
    const want = site.to.startsWith('accept_');
    if (!hasField(beforeText, 'approve', want)) problems.push(`${site.from} → ${site.to} without a literal \`approve: ${want}\``);
  }
  if (/_group_(invitation|request)$/.test(site.to) && site.from === 'set_group_add_request') {
    const invite = site.to.endsWith('_invitation');
    if (!hasField(beforeText, 'sub_type', invite ? 'invite' : 'add')) problems.push(`${site.from} → ${site.to} without a literal \`sub_type: '${invite ? 'invite' : 'add'}'\``);
  }
  return problems;
}

/** Runs `fix` on a temporary copy of the package and checks every file it changed. */
/** `runFix(copyDir, scan)` returns what `fix` printed; by default the CLI's own `fix` (tests of the harness pass a fixer without guards). */
export function fixCheck(pkg, labels, dir = packageDir(pkg), runFix = undefined) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'napcat-milky-realworld-'));
  try {
    for (const rel of pkg.scan) {
      const src = path.join(dir, rel);
      if (existsSync(src)) cpSync(src, path.join(tmp, rel), { recursive: true });
    }
    let fixOutput = '', fixStatus = 0;
    try {
      if (runFix) fixOutput = runFix(tmp, pkg.scan);
      else fixOutput = execFileSync(process.execPath, [cli, 'fix', ...pkg.scan], { cwd: tmp, encoding: 'utf8', maxBuffer: 1 << 28 });
    } catch (e) {
      fixStatus = e.status ?? -1;
      fixOutput = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    const changed = [];
    const broken = [], duplicates = [], renamedDefinitions = [], meaningChanged = [];
    const fixedSites = parseFixedSites(fixOutput);
    let checkedDefinitions = 0;
    const definitions = labels.filter((l) => l.definition);
    for (const rel of pkg.scan.flatMap((r) => listFiles(dir, r))) {
      const file = rel.split(path.sep).join('/');
      const before = readFileSync(path.join(dir, rel), 'utf8');
      const after = existsSync(path.join(tmp, rel)) ? readFileSync(path.join(tmp, rel), 'utf8') : '';
      if (before === after) continue;
      changed.push(file);
      const parseNew = increases(parseDiagnostics(file, before), parseDiagnostics(file, after));
      if (parseNew.length) broken.push({ file, codes: parseNew });
      const dupNew = increases(duplicateDiagnostics(path.join(dir, rel), before), duplicateDiagnostics(path.join(dir, rel), after));
      if (dupNew.length) duplicates.push({ file, codes: dupNew.map((c) => ({ ...c, what: DUPLICATE_CODES.get(c.code) })) });
      const defs = definitions.filter((l) => l.file === file);
      const fixedHere = fixedSites.filter((f) => f.file === file);
      if (defs.length || fixedHere.length) {
        const a = before.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/), b = after.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
        const map = mapLines(a, b);
        for (const f of fixedHere) {
          for (const problem of meaningProblems(f, before, after, map[f.line - 1])) meaningChanged.push({ file, line: f.line, problem });
        }
        for (const l of defs) {
          checkedDefinitions++;
          const j = map[l.line - 1];
          const old = a[l.line - 1];
          const col = l.column ?? old.indexOf(l.name) + 1;
          if (j === -1 || !spanUnchanged(old, b[j], col, l.name.length)) {
            renamedDefinitions.push({ file, line: l.line, name: l.name, before: old.trim(), after: j === -1 ? '(line removed)' : b[j].trim() });
          }
        }
      }
    }
    return { fixStatus, fixOutputLines: fixOutput.split('\n').length, fixedSites: fixedSites.length, changed, broken, duplicates, renamedDefinitions, checkedDefinitions, meaningChanged };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Fetches (if needed), scores and fix-checks every package. */
export function evaluateAll({ packages = loadPackages(), log = () => {}, fix = true } = {}) {
  fetchAll({ packages, log });
  const results = [];
  for (const pkg of packages) {
    const labels = loadLabels(pkg);
    const score = scorePackage(pkg, runCheck(pkg), labels);
    score.fix = fix ? fixCheck(pkg, labels) : null;
    results.push(score);
  }
  return { packages: results, suite: suiteTotals(results) };
}

export function suiteTotals(results) {
  const sum = (f) => results.reduce((n, r) => n + f(r), 0);
  const tp = sum((r) => r.tp), fp = sum((r) => r.fp.length);
  const required = sum((r) => r.required), foundRequired = sum((r) => r.foundRequired);
  return {
    findings: sum((r) => r.findings), sites: sum((r) => r.sites), duplicates: sum((r) => r.duplicates),
    labels: sum((r) => r.labels), tp, fp, fn: sum((r) => r.fn.length), optionalMissed: sum((r) => r.optionalMissed.length),
    precision: tp + fp ? tp / (tp + fp) : 1, recall: required ? foundRequired / required : 1,
    negativeFindings: sum((r) => (r.negative ? r.findings : 0)),
    brokenFiles: sum((r) => r.fix?.broken.length ?? 0),
    newDuplicates: sum((r) => (r.fix?.duplicates ?? []).reduce((n, d) => n + d.codes.reduce((m, c) => m + c.after - c.before, 0), 0)),
    renamedDefinitions: sum((r) => r.fix?.renamedDefinitions.length ?? 0),
    meaningChanged: sum((r) => r.fix?.meaningChanged.length ?? 0),
  };
}

export function formatTable({ packages, suite }) {
  const head = ['package', 'findings', 'sites', 'dup', 'TP', 'FP', 'FN', 'opt-miss', 'precision', 'recall', 'fix: changed', 'broken', 'new-dup', 'renamed-def', 'meaning'];
  const rows = packages.map((r) => [
    r.name + (r.negative ? ' (negative)' : ''), r.findings, r.sites, r.duplicates, r.tp, r.fp.length, r.fn.length, r.optionalMissed.length,
    r.precision.toFixed(3), r.recall.toFixed(3),
    r.fix ? r.fix.changed.length : '-', r.fix ? r.fix.broken.length : '-',
    r.fix ? r.fix.duplicates.reduce((n, d) => n + d.codes.reduce((m, c) => m + c.after - c.before, 0), 0) : '-',
    r.fix ? `${r.fix.renamedDefinitions.length}/${r.fix.checkedDefinitions}` : '-',
    r.fix ? r.fix.meaningChanged.length : '-',
  ]);
  rows.push(['suite', suite.findings, suite.sites, suite.duplicates, suite.tp, suite.fp, suite.fn, suite.optionalMissed,
    suite.precision.toFixed(3), suite.recall.toFixed(3), '', suite.brokenFiles, suite.newDuplicates, suite.renamedDefinitions, suite.meaningChanged]);
  const all = [head, ...rows].map((r) => r.map(String));
  const width = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ');
  return [line(all[0]), width.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

export function formatMismatches({ packages }, { limit = Infinity } = {}) {
  const out = [];
  const cap = (list, fmt) => {
    for (const x of list.slice(0, limit)) out.push('    ' + fmt(x));
    if (list.length > limit) out.push(`    … ${list.length - limit} more`);
  };
  for (const r of packages) {
    out.push(`${r.name}`);
    if (r.skipped.length) { out.push('  skipped files:'); cap(r.skipped, (s) => s); }
    out.push(`  false positives (${r.fp.length}):`);
    cap(r.fp, (s) => `${s.file}:${s.line}:${s.column} ${s.name} [${[...new Set(s.kinds)].join(',')}] — ${s.label ? `quiet: ${s.label.reason}` : 'no label'}`);
    out.push(`  false negatives (${r.fn.length}):`);
    cap(r.fn, (l) => `${l.file}:${l.line}:${l.column ?? ''} ${l.name} — ${l.reason}`);
    out.push(`  optional names not reported (${r.optionalMissed.length}; not counted): ${[...new Set(r.optionalMissed.map((l) => l.name))].join(', ')}`);
    if (r.fix) {
      out.push(`  fix: exit ${r.fix.fixStatus}, ${r.fix.fixedSites} sites fixed, changed ${r.fix.changed.join(', ') || 'nothing'}`);
      for (const b of r.fix.broken) out.push(`    broken: ${b.file} new parse diagnostics ${b.codes.map((c) => `${c.code} ${c.before}→${c.after}`).join(', ')}`);
      for (const d of r.fix.duplicates) out.push(`    new duplicates: ${d.file} ${d.codes.map((c) => `${c.code} (${c.what}) ${c.before}→${c.after}`).join(', ')}`);
      out.push(`    renamed definitions (${r.fix.renamedDefinitions.length} of ${r.fix.checkedDefinitions} checked):`);
      cap(r.fix.renamedDefinitions, (d) => `${d.file}:${d.line} ${d.name}: ${d.before.slice(0, 90)}  ⇒  ${d.after.slice(0, 90)}`);
      out.push(`    changes of meaning (${r.fix.meaningChanged.length}):`);
      cap(r.fix.meaningChanged, (m) => `${m.file}:${m.line} ${m.problem}`);
    }
  }
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (!args.includes('--report')) {
    console.error('usage: node test/realworld/evaluate.mjs --report [--no-fix] [--limit N]');
    process.exit(2);
  }
  const limitAt = args.indexOf('--limit');
  const result = evaluateAll({ log: (m) => console.error(m), fix: !args.includes('--no-fix') });
  console.log(formatTable(result));
  console.log();
  console.log(formatMismatches(result, { limit: limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity }));
}
