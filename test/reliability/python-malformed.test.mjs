// Malformed Python — an unclosed string, bad indentation, tabs and spaces mixed, a 1 MB single line,
// a NUL byte, CRLF line endings, a BOM — through the core (no throw, the call sites that survive are
// found, fixes never add an ERROR node), the CLI (`fix` leaves a refused or skipped file byte for
// byte as it was, keeps CRLF and the BOM) and the server (diagnostics, still alive, other files served).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server/lsp-client.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const core = require('../../dist/core.js');
const node = require('../../dist/node.js');
const CLI = path.join(ROOT, 'dist/cli.js');
const PY = 'python';

const CALL = 'await bot.call_api("send_group_msg", group_id=1, message="[CQ:at,qq=10001] hi")';
const DEC = `@bot.on_notice("group_increase")\nasync def h(e):\n    ${CALL}\n`;
const LONG = `x = [${'1234567, '.repeat(Math.ceil(1024 * 1024 / 9))}0]; ${CALL}; ${CALL}\n${DEC}`;

/** name → [text, findings (kind:napcat) that must survive]. */
const INPUTS = {
  'unclosed-string.py': [`x = "abc\n${DEC}y = '''never closed\n${CALL}\n`, ['event:group_increase', 'mapped:send_group_msg', 'segment:at']],
  'unclosed-fstring.py': [`${DEC}z = f"[CQ:at,qq={uid\n${CALL}\n`, ['event:group_increase', 'mapped:send_group_msg', 'segment:at']],
  'bad-indent.py': [`def f():\n${CALL}\n      return 1\n  ${CALL}\n${DEC}`, ['event:group_increase', 'mapped:send_group_msg', 'segment:at']],
  'tabs-spaces.py': [`def f():\n\tif x:\n        ${CALL}\n\t${CALL}\n${DEC}`, ['event:group_increase', 'mapped:send_group_msg', 'segment:at']],
  'one-mb-line.py': [LONG, ['event:group_increase', 'mapped:send_group_msg', 'segment:at']],
  'nul-byte.py': [`x = "a\0b"\n${DEC}\0\n${CALL}\n`, ['mapped:send_group_msg', 'segment:at']],
  'crlf.py': [`${DEC}${CALL}\n`.replace(/\n/g, '\r\n'), ['event:group_increase', 'mapped:send_group_msg', 'segment:at']],
  'bom.py': [`\uFEFF${DEC}${CALL}\n`, ['event:group_increase', 'mapped:send_group_msg', 'segment:at']],
};

let parser;
before(async () => {
  parser = await node.loadPythonParser();
  core.setPythonParser(parser);
});

function errorNodes(text) {
  const tree = parser.parse(text);
  let n = 0;
  const stack = [tree.rootNode];
  while (stack.length) {
    const x = stack.pop();
    if (x.type === 'ERROR' || x.isMissing) n++;
    if (x.hasError) stack.push(...x.children);
  }
  tree.delete();
  return n;
}

const kinds = (findings) => new Set(findings.map((f) => `${f.kind}:${f.napcat}`));

describe('malformed Python: the core', () => {
  for (const [name, [text, survive]] of Object.entries(INPUTS)) {
    test(`${name}: no throw, the surviving call sites are found, fixes add no ERROR node`, { timeout: 60_000 }, () => {
      const t0 = Date.now();
      const a = core.analyzeDocument(text, PY, { tolerant: true });
      assert.ok(Date.now() - t0 < 30_000, `bounded time (${Date.now() - t0} ms)`);
      assert.equal(a.skipped, undefined);
      const got = kinds(a.findings);
      for (const k of survive) assert.ok(got.has(k), `${k} survives; got ${[...got].join(', ')}`);
      for (const f of a.findings) assert.ok(f.start >= 0 && f.end > f.start && f.end <= text.length);
      const before = errorNodes(text);
      // The editor's fixes (tolerant findings), one by one and all at once: never a new ERROR node.
      const plan = core.planFixes(a.findings, text, { languageId: PY });
      assert.ok(errorNodes(core.applyEdits(text, plan.edits)) <= before, 'fix-all');
      for (const f of a.findings) for (const o of core.fixesFor(f, text)) assert.ok(errorNodes(core.applyEdits(text, o.edits)) <= before, `${f.napcat} → ${o.target}`);
      // The whole-file fix: written only when the result parses; a file that does not parse is never fixed.
      const ff = core.fixFile(text, PY, core.analyze(text, PY));
      if (ff.outcome === 'fixed') assert.equal(errorNodes(ff.text), 0);
      if (before > 0) assert.notEqual(ff.outcome, 'fixed');
      // The incremental engine agrees with a fresh analysis after an edit in the damage.
      const engine = core.createDocumentAnalyzer(PY);
      engine.update(text, undefined);
      const next = `${text.slice(0, 3)}"${text.slice(3)}`;
      const inc = engine.update(next, [{ start: 3, end: 3, newLength: 1 }]);
      engine.release();
      const strip = (x) => JSON.stringify(x.findings.map(({ site, ...f }) => f));
      assert.equal(strip(inc), strip(core.analyzeDocument(next, PY, { tolerant: true })));
    });
  }
});

describe('malformed Python: the CLI', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'napcat-milky-pybad-'));
    for (const [name, [text]] of Object.entries(INPUTS)) writeFileSync(path.join(dir, name), text);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('check lists every file, skips the ones that do not parse with the reason, and exits by the contract', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.files.length, Object.keys(INPUTS).length);
    for (const f of out.files) {
      const text = INPUTS[path.basename(f.path)][0];
      // The CLI reads a file with NUL bytes as binary: skipped before any parse.
      if (text.includes('\0')) assert.match(f.skipped ?? '', /binary file/, f.path);
      else if (errorNodes(text.replace(/^\uFEFF/, '')) > 0) assert.match(f.skipped ?? '', /syntax error/, f.path);
      else assert.ok(f.findings.length > 0, f.path);
    }
  });

  test('fix: files that do not parse are left byte for byte; the others are fixed, parse, keep CRLF and the BOM', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, [CLI, 'fix', '.'], { cwd: dir, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
    for (const [name, [text]] of Object.entries(INPUTS)) {
      const now = readFileSync(path.join(dir, name), 'utf8');
      if (errorNodes(text.replace(/^\uFEFF/, '')) > 0) { assert.equal(now, text, `${name}: untouched`); continue; }
      assert.notEqual(now, text, `${name}: fixed`);
      assert.equal(errorNodes(now.replace(/^\uFEFF/, '')), 0, `${name}: parses`);
      assert.match(now, /send_group_message/);
      if (name === 'crlf.py') assert.doesNotMatch(now.replace(/\r\n/g, ''), /\n/, 'CRLF kept');
      if (name === 'bom.py') assert.ok(now.startsWith('\uFEFF'), 'BOM kept');
    }
  });
});

describe('malformed Python: the server', () => {
  let c;
  before(async () => { c = await startServer({ settings: { debounceMs: 0 } }); });
  after(async () => { await c?.stop(); });

  test('every malformed file gets diagnostics; the server stays up and serves a normal file', { timeout: 120_000 }, async () => {
    for (const [name, [text]] of Object.entries(INPUTS)) {
      const uri = `file:///pybad/${name}`;
      await c.open(uri, PY, text);
      const d = await c.waitForDiagnostics(uri, (p) => p.version === 1, 60_000);
      assert.ok(d.diagnostics.some((x) => x.code === 'mapped'), `${name}: ${JSON.stringify(d.diagnostics.map((x) => x.code))}`);
      assert.equal(c.proc.exitCode, null, `${name}: server alive`);
    }
    const uri = 'file:///pybad/normal.py';
    await c.open(uri, PY, `${DEC}`);
    const d = await c.waitForDiagnostics(uri, (p) => p.version === 1, 30_000);
    assert.deepEqual(d.diagnostics.map((x) => x.code), ['event', 'mapped', 'segment']);
  });
});
