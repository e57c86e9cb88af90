// Hostile inputs — a 20 MB file, a 1 MB single line, 10,000-deep nesting (TS and JSON), binary
// content, a .json file that is really YAML — for the core (bounded time; skipped with a clear
// reason where it is skipped), the CLI (listed as skipped; the exit code of the contract) and the
// server (a notice, no crash, still answers requests on other files).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server/lsp-client.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const core = require('../../dist/core.js');
const CLI = path.join(ROOT, 'dist/cli.js');

// ---- the inputs -------------------------------------------------------------------------------

const N = 10_000;
const BLOCK = `export async function f(bot: any, gid: number) {
  await bot.callApi('send_group_msg', { group_id: gid, message: 'hi' });
  const x = { a: 1, b: [1, 2, 3], c: 'some unrelated text here', d: \`template \${gid}\` };
  logger.info('nothing to see', x); // set_group_ban in a comment
}
`;
const BIG_TS = BLOCK.repeat(Math.ceil(20 * 1024 * 1024 / BLOCK.length));
const BIG_JSON = `[\n${Array.from({ length: Math.ceil(20 * 1024 * 1024 / 80) }, (_, i) => `  { "action": "${i % 7 ? 'get_status' : 'set_group_ban'}", "params": { "group_id": ${i} } }`).join(',\n')}\n]\n`;
const STMT = "bot.callApi('get_msg', { message_id: 1 }); ";
const LINE_COUNT = Math.ceil(1024 * 1024 / STMT.length);
const LINE_TS = STMT.repeat(LINE_COUNT);
const LINE_JSON = `[${Array.from({ length: Math.ceil(1024 * 1024 / 40) }, () => '{"action":"get_msg","params":{"a":1}}').join(',')}]`;
const DEEP = {
  'deep-array.ts': ['typescript', `const a = ${'['.repeat(N)}'send_group_msg'${']'.repeat(N)};\n`],
  'deep-object.ts': ['typescript', `const a = ${'{a:'.repeat(N)}'send_group_msg'${'}'.repeat(N)};\n`],
  'deep-parens.js': ['javascript', `f(${'('.repeat(N)}'send_group_msg'${')'.repeat(N)});\n`],
  'deep-calls.ts': ['typescript', `${'f('.repeat(N)}'send_group_msg'${')'.repeat(N)};\n`],
  'deep-array.json': ['json', `${'['.repeat(N)}"send_group_msg"${']'.repeat(N)}\n`],
  'deep-object.json': ['json', `${'{"a":'.repeat(N)}"send_group_msg"${'}'.repeat(N)}\n`],
};
const YAML = `# bot actions, really YAML
actions:
  - action: send_group_msg
    params:
      group_id: 123
      message: "hi"
  - action: "delete_msg"
    params: { message_id: 1 }
`;
/** Bytes with NULs and names mixed in (a .ts file that is really binary). */
function binaryBytes(seed = 99) {
  let s = seed;
  const rnd = () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s; };
  const parts = [];
  for (let i = 0; i < 4000; i++) parts.push(rnd() % 30 === 0 ? Buffer.from("callApi('send_group_msg', {})") : Buffer.from([rnd() % 256]));
  return Buffer.concat(parts);
}
const BINARY = binaryBytes();
const NOT_UTF8 = Buffer.concat([Buffer.from("bot.callApi('send_group_msg', { a: '"), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from("' });\n")]);

const NORMAL = `export async function run(bot: any, gid: number) {
  await bot.callApi('send_group_msg', { group_id: gid, message: 'hi' });
}
`;

function timed(fn) {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

function checkRanges(text, findings) {
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end, `range ${f.start}-${f.end}`);
    // A plain-string message is a text segment on the string's content.
    if (f.napcat && !(f.kind === 'segment' && f.form === 'plain')) assert.ok([f.napcat, `.${f.napcat}`].includes(text.slice(f.start, f.end)) || f.site.callSite === 'camel', `covers ${text.slice(f.start, f.end)}`);
  }
}

// ---- core -------------------------------------------------------------------------------------

describe('core', () => {
  test('20 MB TS file: analyzed in bounded time (strict, as the CLI runs it)', { timeout: 120_000 }, () => {
    const { value: r, ms } = timed(() => core.analyzeDocument(BIG_TS, 'typescript'));
    assert.ok(ms < 60_000, `took ${Math.round(ms)} ms`);
    if (r.skipped) assert.match(r.skipped, /\w/);
    // Per block: the mapped name and its plain-string message (a text segment).
    else assert.equal(r.findings.length, 2 * (BIG_TS.length / BLOCK.length));
    checkRanges(BIG_TS, r.findings.slice(-5));
  });

  test('20 MB JSON file: analyzed in bounded time', { timeout: 60_000 }, () => {
    const { value: r, ms } = timed(() => core.analyzeDocument(BIG_JSON, 'json'));
    assert.ok(ms < 30_000, `took ${Math.round(ms)} ms`);
    assert.equal(r.skipped, undefined);
    assert.ok(r.findings.length > 1000);
    checkRanges(BIG_JSON, r.findings.slice(-5));
  });

  for (const [name, text, lang] of [['TS', LINE_TS, 'typescript'], ['JSON', LINE_JSON, 'json']]) {
    test(`1 MB single line (${name}): bounded time, every range right`, { timeout: 30_000 }, () => {
      for (const tolerant of [false, true]) {
        const { value: r, ms } = timed(() => core.analyzeDocument(text, lang, { tolerant }));
        assert.ok(ms < 10_000, `took ${Math.round(ms)} ms`);
        assert.equal(r.skipped, undefined);
        assert.ok(r.findings.length > 20_000);
        checkRanges(text, r.findings);
      }
    });
  }

  for (const [file, [lang, text]] of Object.entries(DEEP)) {
    test(`10,000-deep nesting, ${file}: skipped as too deeply nested (strict and tolerant)`, () => {
      for (const tolerant of [false, true]) {
        const { value: r, ms } = timed(() => core.analyzeDocument(text, lang, { tolerant }));
        assert.ok(ms < 5_000, `took ${Math.round(ms)} ms`);
        assert.deepEqual(r.findings, []);
        assert.match(r.skipped ?? '', /too deeply nested/, `tolerant=${tolerant}: ${r.skipped}`);
      }
    });
  }

  test('binary content (as latin1 text): never throws, bounded time, ranges right', () => {
    const text = BINARY.toString('latin1');
    for (const lang of ['typescript', 'javascript', 'typescriptreact', 'json', 'jsonc']) {
      for (const tolerant of [false, true]) {
        const { value: r, ms } = timed(() => core.analyzeDocument(text, lang, { tolerant }));
        assert.ok(ms < 5_000, `took ${Math.round(ms)} ms`);
        if (r.skipped) assert.match(r.skipped, /\w/);
        checkRanges(text, r.findings);
      }
    }
  });

  test('a .json file that is really YAML: strict skips it with a JSON syntax reason; tolerant never throws', () => {
    const r = core.analyzeDocument(YAML, 'json');
    assert.deepEqual(r.findings, []);
    assert.match(r.skipped ?? '', /JSON/);
    const t = core.analyzeDocument(YAML, 'json', { tolerant: true });
    checkRanges(YAML, t.findings);
  });
});

// ---- CLI --------------------------------------------------------------------------------------

function runCli(args, { cwd = ROOT, timeout = 120_000 } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const p = spawn(process.execPath, [CLI, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeout);
    p.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 }); });
  });
}

describe('CLI', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'napcat-milky-hostile-'));
    mkdirSync(path.join(dir, 'all'));
    mkdirSync(path.join(dir, 'skipped'));
    const files = {
      'big.ts': BIG_TS, 'line.ts': LINE_TS, 'line.json': LINE_JSON, 'binary.ts': BINARY, 'notutf8.js': NOT_UTF8, 'yaml.json': YAML, 'normal.ts': NORMAL,
      ...Object.fromEntries(Object.entries(DEEP).map(([f, [, t]]) => [f, t])),
    };
    for (const [f, t] of Object.entries(files)) writeFileSync(path.join(dir, 'all', f), t);
    for (const f of ['binary.ts', 'notutf8.js', 'yaml.json', ...Object.keys(DEEP)]) writeFileSync(path.join(dir, 'skipped', f), files[f]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('check --format json on every hostile file: bounded time, skipped ones listed with a reason, the others analyzed; exit 1 (there are findings)', { timeout: 150_000 }, async () => {
    const r = await runCli(['check', '--format', 'json', 'all'], { cwd: dir });
    assert.equal(r.signal, null, `killed after ${r.ms} ms`);
    assert.equal(r.code, 1, `exit code; stderr: ${r.stderr}`);
    assert.equal(r.stderr, '', 'skipping a file is not an error');
    const out = JSON.parse(r.stdout);
    const byName = Object.fromEntries(out.files.map((f) => [path.basename(f.path), f]));
    for (const f of ['big.ts', 'line.ts', 'line.json', 'binary.ts', 'notutf8.js', 'yaml.json', 'normal.ts', ...Object.keys(DEEP)]) assert.ok(byName[f], `${f} listed`);
    // The same file gets the same answer whether or not the run is big enough for worker threads.
    for (const f of Object.keys(DEEP)) {
      assert.match(byName[f].skipped ?? '', /too deeply nested/, `${f} in a big run: ${JSON.stringify(byName[f]).slice(0, 300)}`);
      assert.deepEqual(byName[f].findings, []);
    }
    assert.match(byName['binary.ts'].skipped ?? '', /binary/);
    assert.match(byName['notutf8.js'].skipped ?? '', /UTF-8/);
    assert.match(byName['yaml.json'].skipped ?? '', /JSON/);
    for (const f of ['binary.ts', 'notutf8.js', 'yaml.json']) assert.deepEqual(byName[f].findings, []);
    assert.deepEqual(byName['normal.ts'].findings.map((x) => x.kind), ['mapped', 'segment']);
    assert.equal(byName['line.ts'].findings.length, LINE_COUNT);
    assert.ok(byName['line.ts'].findings.every((x) => x.line === 1));
    const last = byName['line.ts'].findings.at(-1);
    assert.equal(last.column, LINE_TS.lastIndexOf("'get_msg'") + 2);
    // The 20 MB file: analyzed (or skipped with a reason about its size).
    const big = byName['big.ts'];
    if (big.skipped) assert.match(big.skipped, /size|large|MB|bytes/i);
    else assert.equal(big.findings.length, 2 * (BIG_TS.length / BLOCK.length));
  });

  test('check on files that are all skipped: exit 0, text output says "skipped" with the reason', { timeout: 60_000 }, async () => {
    const r = await runCli(['check', 'skipped'], { cwd: dir });
    assert.equal(r.code, 0, `stdout: ${r.stdout.slice(0, 500)} stderr: ${r.stderr}`);
    assert.equal(r.stderr, '');
    for (const f of ['binary.ts', 'notutf8.js', 'yaml.json', ...Object.keys(DEEP)]) assert.match(r.stdout, new RegExp(`${f.replace('.', '\\.')}\\s+skipped: \\S`), f);
    assert.match(r.stdout, /too deeply nested/);
  });

  test('fix on files that are all skipped: exit 0, nothing written, each listed as skipped', { timeout: 60_000 }, async () => {
    const r = await runCli(['fix', '--format', 'json', 'skipped'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.files.length, 3 + Object.keys(DEEP).length);
    for (const f of out.files) { assert.match(f.skipped ?? '', /\S/, f.path); assert.equal(f.changed, false); }
  });
});

// ---- server -----------------------------------------------------------------------------------

describe('server', () => {
  let c;
  before(async () => { c = await startServer({ settings: { debounceMs: 0 } }); });
  after(async () => { await c?.stop(); });

  const uri = (f) => `file:///hostile/${f}`;
  const langOf = (f) => (f.endsWith('.json') ? 'json' : f.endsWith('.js') ? 'javascript' : 'typescript');

  async function stillServes(tag) {
    const u = uri(`normal-${tag}.ts`);
    await c.open(u, 'typescript', NORMAL);
    const d = await c.waitForDiagnostics(u, (p) => p.version === 1, 15_000);
    assert.deepEqual(d.diagnostics.map((x) => x.code), ['mapped', 'segment'], `${tag}: diagnostics on another file`);
    const h = await c.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 25 } });
    assert.match(h?.contents?.value ?? '', /send_group_message/, `${tag}: hover on another file`);
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri: u }, range: d.diagnostics[0].range, context: { diagnostics: d.diagnostics } });
    assert.ok(actions.length > 0, `${tag}: code actions on another file`);
    assert.equal(c.proc.exitCode, null, `${tag}: server alive`);
  }

  test('20 MB file: a notice about maxFileSize, empty diagnostics, no crash, other files served', { timeout: 120_000 }, async () => {
    const before = c.messages.length;
    await c.open(uri('big.ts'), 'typescript', BIG_TS);
    const d = await c.waitForDiagnostics(uri('big.ts'), (p) => p.version === 1, 60_000);
    assert.deepEqual(d.diagnostics, []);
    const notice = c.messages.slice(before).find((m) => /maxFileSize/.test(m.message));
    assert.ok(notice, `a notice; got ${JSON.stringify(c.messages.slice(before))}`);
    const h = await c.request('textDocument/hover', { textDocument: { uri: uri('big.ts') }, position: { line: 1, character: 20 } });
    assert.equal(h, null);
    await stillServes('big');
  });

  for (const [file, [lang, text]] of Object.entries(DEEP)) {
    test(`10,000-deep nesting, ${file}: a notice that says why, no crash, other files served`, { timeout: 60_000 }, async () => {
      const before = c.messages.length;
      await c.open(uri(file), lang, text);
      const d = await c.waitForDiagnostics(uri(file), (p) => p.version === 1, 30_000);
      assert.deepEqual(d.diagnostics, []);
      const deadline = Date.now() + 5000;
      let notice;
      while (!(notice = c.messages.slice(before).find((m) => /too deeply nested/.test(m.message))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.ok(notice, `a notice; got ${JSON.stringify(c.messages.slice(before))}`);
      const h = await c.request('textDocument/hover', { textDocument: { uri: uri(file) }, position: { line: 0, character: 12 } });
      assert.equal(h, null);
      await stillServes(file);
    });
  }

  for (const [file, text] of [['line.ts', LINE_TS], ['line.json', LINE_JSON]]) {
    test(`1 MB single line, ${file}: diagnostics in bounded time, equal to the core's`, { timeout: 60_000 }, async () => {
      const t0 = Date.now();
      await c.open(uri(file), langOf(file), text);
      const d = await c.waitForDiagnostics(uri(file), (p) => p.version === 1, 30_000);
      const want = core.analyzeDocument(text, langOf(file), { tolerant: true }).findings;
      assert.equal(d.diagnostics.length, want.length);
      assert.deepEqual(d.diagnostics.at(-1).range, { start: { line: 0, character: want.at(-1).start }, end: { line: 0, character: want.at(-1).end } });
      // A request on the long line is answered too.
      const h = await c.request('textDocument/hover', { textDocument: { uri: uri(file) }, position: { line: 0, character: want.at(-1).start + 1 } });
      assert.match(h?.contents?.value ?? '', /get_message/);
      assert.ok(Date.now() - t0 < 30_000);
      await stillServes(file);
    });
  }

  test('binary content (NULs, control bytes): no crash, diagnostics published, other files served', { timeout: 60_000 }, async () => {
    for (const [file, lang] of [['binary.ts', 'typescript'], ['binary.json', 'json']]) {
      await c.open(uri(file), lang, BINARY.toString('latin1'));
      const d = await c.waitForDiagnostics(uri(file), (p) => p.version === 1, 30_000);
      assert.ok(Array.isArray(d.diagnostics));
      await c.request('textDocument/hover', { textDocument: { uri: uri(file) }, position: { line: 0, character: 3 } });
      await c.request('textDocument/completion', { textDocument: { uri: uri(file) }, position: { line: 0, character: 3 } });
    }
    await stillServes('binary');
  });

  test('a .json file that is really YAML: no crash, any diagnostic covers a name, other files served', { timeout: 60_000 }, async () => {
    await c.open(uri('actions.json'), 'json', YAML);
    const d = await c.waitForDiagnostics(uri('actions.json'), (p) => p.version === 1, 30_000);
    const lines = YAML.split('\n');
    for (const x of d.diagnostics) {
      assert.equal(x.range.start.line, x.range.end.line);
      const written = lines[x.range.start.line].slice(x.range.start.character, x.range.end.character);
      assert.equal(written, x.data?.napcat ?? written, `diagnostic covers ${written}`);
    }
    await c.request('textDocument/codeAction', { textDocument: { uri: uri('actions.json') }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: [] } });
    await stillServes('yaml');
  });
});
