// The CLI contract of ARCHITECTURE.md, end to end: `node dist/cli.js` on temporary folders.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

const CLI = path.join(ROOT, 'dist/cli.js');
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const KINDS = ['mapped', 'ambiguous', 'no-counterpart', 'same-name', 'milky-params', 'segment'];
const SEVERITY = { mapped: 'warning', ambiguous: 'warning', 'no-counterpart': 'warning', 'same-name': 'hint', 'milky-params': 'warning', segment: 'warning' };

const temps = [];
function tmp(files = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'napcat-milky-cli-'));
  temps.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}
after(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

function run(args, cwd) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args, cwd) {
  const r = run([...args, '--format', 'json'], cwd);
  let out;
  assert.doesNotThrow(() => { out = JSON.parse(r.stdout); }, `stdout is JSON: ${r.stdout.slice(0, 300)} / ${r.stderr}`);
  return { ...r, out };
}

const SEND = "bot.callApi('send_group_msg', { group_id: 1, message: 'hi' });\n";

describe('--format json shape', () => {
  let dir;
  let res;
  before(() => {
    dir = tmp({
      'src/b.ts': '// nothing here: send_group_msg only in a comment\nexport const x = 1;\n',
      'src/a.ts': SEND + "bot.callApi('get_group_info', { group_id: 1 });\n",
      'src/data.json': '{ "action": "delete_msg", "params": { "message_id": 1 } }\n',
      'src/c.js': "fetch('/get_status');\n",
      'src/readme.md': 'send_group_msg',
    });
    res = json(['check', 'src'], dir);
  });

  test('top level: tool, version, files, summary', () => {
    assert.equal(res.out.tool, 'napcat-milky');
    assert.equal(res.out.version, PKG.version);
    assert.equal(res.out.version, '0.1.0');
    assert.ok(Array.isArray(res.out.files));
    for (const k of ['tool', 'version', 'files', 'summary']) assert.ok(k in res.out, k);
  });

  test('every analyzed file is listed, sorted by path, joined with /', () => {
    assert.deepEqual(res.out.files.map((f) => f.path), ['src/a.ts', 'src/b.ts', 'src/c.js', 'src/data.json']);
    const b = res.out.files.find((f) => f.path === 'src/b.ts');
    assert.deepEqual(b.findings, []);
    assert.equal(b.skipped, undefined);
  });

  test('findings: exact positions and fields', () => {
    const a = res.out.files.find((f) => f.path === 'src/a.ts');
    const pick = (x) => ({ line: x.line, column: x.column, endLine: x.endLine, endColumn: x.endColumn, napcat: x.napcat, milky: x.milky, preferred: x.preferred, kind: x.kind, severity: x.severity, code: x.code });
    assert.deepEqual(a.findings.map(pick), [
      { line: 1, column: 14, endLine: 1, endColumn: 28, napcat: 'send_group_msg', milky: ['send_group_message'], preferred: 'send_group_message', kind: 'mapped', severity: 'warning', code: 'napcat-milky/mapped' },
      // The plain string message: one text segment in Milky (issue 10).
      { line: 1, column: 56, endLine: 1, endColumn: 58, napcat: 'text', milky: ['text'], preferred: undefined, kind: 'segment', severity: 'warning', code: 'napcat-milky/segment' },
      { line: 2, column: 14, endLine: 2, endColumn: 28, napcat: 'get_group_info', milky: ['get_group_info'], preferred: undefined, kind: 'same-name', severity: 'hint', code: 'napcat-milky/same-name' },
    ]);
    const d = res.out.files.find((f) => f.path === 'src/data.json');
    assert.deepEqual(d.findings.map(pick), [
      { line: 1, column: 14, endLine: 1, endColumn: 24, napcat: 'delete_msg', milky: ['recall_private_message', 'recall_group_message'], preferred: undefined, kind: 'ambiguous', severity: 'warning', code: 'napcat-milky/ambiguous' },
    ]);
    assert.equal('preferred' in d.findings[0], false, 'preferred only when one target is chosen');
    const c = res.out.files.find((f) => f.path === 'src/c.js');
    assert.deepEqual(c.findings.map(pick), [
      { line: 1, column: 9, endLine: 1, endColumn: 19, napcat: 'get_status', milky: [], preferred: undefined, kind: 'no-counterpart', severity: 'warning', code: 'napcat-milky/no-counterpart' },
    ]);
  });

  test('every finding has the contract keys with the contract types', () => {
    for (const f of res.out.files) {
      for (const x of f.findings) {
        for (const k of ['line', 'column', 'endLine', 'endColumn']) assert.equal(typeof x[k], 'number', k);
        assert.ok(x.napcat === null || typeof x.napcat === 'string');
        assert.ok(Array.isArray(x.milky));
        assert.ok(KINDS.includes(x.kind));
        assert.equal(x.severity, SEVERITY[x.kind]);
        assert.equal(x.code, `napcat-milky/${x.kind}`);
        assert.equal(typeof x.message, 'string');
        assert.ok(x.message.length > 0);
      }
    }
  });

  test('summary counts', () => {
    assert.deepEqual(res.out.summary, { files: 4, findings: 5, mapped: 1, ambiguous: 1, 'no-counterpart': 1, 'same-name': 1, 'milky-params': 0, segment: 1, event: 0, transport: 0, framework: 0 });
  });

  test('exit code 1: a Warning finding', () => {
    assert.equal(res.code, 1);
  });
});

describe('positions', () => {
  test('bot.callApi(send_group_msg…) is 1/14/28', () => {
    const dir = tmp({ 'bot.ts': SEND });
    const { out } = json(['check', 'bot.ts'], dir);
    const [f] = out.files[0].findings;
    assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [1, 14, 1, 28]);
    assert.equal(out.files[0].path, 'bot.ts');
  });

  test('a leading BOM is not counted', () => {
    const dir = tmp({ 'bot.ts': '\uFEFF' + SEND });
    const { out } = json(['check', 'bot.ts'], dir);
    const [f] = out.files[0].findings;
    assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [1, 14, 1, 28]);
  });

  test('CRLF, lone CR and emoji before the name', () => {
    const dir = tmp({ 'bot.ts': "const a = 1;\r\nconst b = 2;\rconst s = '😀中'; " + SEND });
    const { out } = json(['check', 'bot.ts'], dir);
    const [f] = out.files[0].findings;
    // line 3: `const s = '😀中'; ` is 17 UTF-16 units, then `bot.callApi('` (13)
    assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [3, 31, 3, 45]);
  });

  test('.handle_quick_operation range starts at the dot; camelCase covers the method name', () => {
    const dir = tmp({ 'q.ts': "call('.handle_quick_operation', {});\nbot.internal.setGroupCard(1, 2, 'x');\nif (session.platform !== 'onebot') throw 0;\n" });
    const { out } = json(['check', 'q.ts'], dir);
    const got = out.files[0].findings.map((x) => [x.line, x.column, x.endColumn, x.napcat]);
    assert.deepEqual(got, [[1, 7, 30, 'handle_quick_operation'], [2, 14, 26, 'set_group_card']]);
  });

  test('findings sorted by position within a file', () => {
    const dir = tmp({ 'm.ts': "const h = { send_like: f };\nfetch('/get_msg'); callApi('set_group_ban', p);\n" });
    const { out } = json(['check', 'm.ts'], dir);
    const pos = out.files[0].findings.map((x) => [x.line, x.column]);
    assert.deepEqual(pos, [[1, 13], [2, 9], [2, 29]]);
  });
});

describe('exit codes', () => {
  test('0 when only same-name Hints', () => {
    const dir = tmp({ 's.ts': "bot.callApi('get_group_info', { group_id: 1 });\nfetch('/get_friend_list');\n" });
    const r = json(['check', '.'], dir);
    assert.equal(r.out.summary['same-name'], 2);
    assert.equal(r.out.summary.findings, 2);
    assert.equal(r.code, 0);
  });

  test('0 when nothing is found', () => {
    const dir = tmp({ 'x.ts': 'export const a = 1;\n' });
    assert.equal(run(['check', '.'], dir).code, 0);
  });

  test('1 when a Warning is found (text format too)', () => {
    const dir = tmp({ 'x.ts': SEND });
    const r = run(['check', 'x.ts'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /x\.ts:1:14/);
  });

  test('--exit-zero: 0 even with Warnings', () => {
    const dir = tmp({ 'x.ts': SEND });
    assert.equal(run(['check', '--exit-zero', 'x.ts'], dir).code, 0);
  });

  test('2 for a missing path; the other files are still analyzed', () => {
    const dir = tmp({ 'x.ts': SEND });
    const r = json(['check', 'missing.ts', 'x.ts'], dir);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes('missing.ts'), r.stderr);
    assert.deepEqual(r.out.files.map((f) => f.path), ['x.ts']);
    assert.deepEqual(r.out.files[0].findings.map((x) => x.kind), ['mapped', 'segment']);
  });

  test('2 for a missing path even with --exit-zero', () => {
    const dir = tmp({ 'x.ts': SEND });
    assert.equal(run(['check', '--exit-zero', 'nope', 'x.ts'], dir).code, 2);
  });

  test('2 on a usage error, message on stderr', () => {
    const dir = tmp({ 'x.ts': SEND });
    for (const args of [['check', '--bogus'], ['frobnicate'], ['check', '--format', 'xml']]) {
      const r = run(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.ok(r.stderr.length > 0);
    }
  });

  test('fix exits 0 when it ran', () => {
    const dir = tmp({ 'x.ts': SEND });
    assert.equal(run(['fix', 'x.ts'], dir).code, 0);
  });

  test('fix exits 2 for a missing path', () => {
    const dir = tmp({ 'x.ts': SEND });
    assert.equal(run(['fix', 'x.ts', 'missing'], dir).code, 2);
  });
});

describe('walking', () => {
  test('default path is .', () => {
    const dir = tmp({ 'x.ts': SEND });
    const { out } = json(['check'], dir);
    assert.equal(out.files.length, 1);
    assert.match(out.files[0].path, /^(\.\/)?x\.ts$/);
  });

  test('only the contract extensions are analyzed', () => {
    // .py and .pyi since issue 12 (Python bots).
    const exts = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'json', 'jsonc', 'py', 'pyi'];
    const files = Object.fromEntries(exts.map((e) => [`f.${e}`, e.startsWith('json') ? '{ "a": "get_msg" }' : e.startsWith('py') ? "x('get_msg')" : "x('get_msg');"]));
    Object.assign(files, { 'f.md': "x('get_msg');", 'f.pyc': "x('get_msg')", 'f.vue': "x('get_msg')", 'f.d': "x('get_msg')" });
    const dir = tmp(files);
    const { out } = json(['check', '.'], dir);
    const names = out.files.map((f) => f.path.replace(/^\.\//, '')).sort();
    assert.deepEqual(names, exts.map((e) => `f.${e}`).sort());
    for (const f of out.files) assert.equal(f.findings.length, 1, f.path);
  });

  test('node_modules, dist, out, .git are skipped below a root', () => {
    const dir = tmp({
      'proj/src/ok.ts': SEND,
      'proj/node_modules/pkg/index.js': SEND,
      'proj/dist/cli.js': SEND,
      'proj/out/x.ts': SEND,
      'proj/.git/hooks/x.ts': SEND,
      'proj/src/dist/y.ts': SEND,
    });
    const { out } = json(['check', 'proj'], dir);
    assert.deepEqual(out.files.map((f) => f.path), ['proj/src/ok.ts']);
  });

  test('a root given explicitly is analyzed even inside a skipped folder', () => {
    const dir = tmp({
      'proj/node_modules/pkg/index.js': SEND,
      'proj/dist/cli.js': SEND,
      'proj/out/x.ts': SEND,
      'proj/.git/x.ts': SEND,
    });
    const { out } = json(['check', 'proj/node_modules/pkg', 'proj/dist', 'proj/out/x.ts', 'proj/.git/x.ts'], dir);
    assert.deepEqual(out.files.map((f) => f.path), ['proj/.git/x.ts', 'proj/dist/cli.js', 'proj/node_modules/pkg/index.js', 'proj/out/x.ts']);
    for (const f of out.files) assert.deepEqual(f.findings.map((x) => x.kind), ['mapped', 'segment']);
  });

  test('a root that is itself named node_modules is walked', () => {
    const dir = tmp({ 'node_modules/pkg/a.ts': SEND });
    const { out } = json(['check', 'node_modules'], dir);
    assert.deepEqual(out.files.map((f) => f.path), ['node_modules/pkg/a.ts']);
  });

  test('--ignore-pattern (repeatable)', () => {
    const dir = tmp({
      'src/a.ts': SEND,
      'src/legacy/old.ts': SEND,
      'src/gen/x.generated.ts': SEND,
      'src/conf.json': '{ "a": "get_msg" }',
    });
    let r = json(['check', 'src', '--ignore-pattern', 'src/legacy/**'], dir);
    assert.deepEqual(r.out.files.map((f) => f.path), ['src/a.ts', 'src/conf.json', 'src/gen/x.generated.ts']);
    r = json(['check', 'src', '--ignore-pattern', '**/*.json', '--ignore-pattern', '*.generated.ts'], dir);
    assert.deepEqual(r.out.files.map((f) => f.path), ['src/a.ts', 'src/legacy/old.ts']);
    r = json(['check', 'src', '--ignore-pattern=legacy'], dir);
    assert.deepEqual(r.out.files.map((f) => f.path), ['src/a.ts', 'src/conf.json', 'src/gen/x.generated.ts']);
  });

  test('an unparseable file is listed with "skipped" and no findings; not an error', () => {
    const dir = tmp({ 'broken.ts': "bot.callApi('send_group_msg", 'broken.json': '{ "action": "send_group_msg", ', 'ok.ts': 'export {};\n' });
    const r = json(['check', '.'], dir);
    const byName = Object.fromEntries(r.out.files.map((f) => [f.path.replace(/^\.\//, ''), f]));
    assert.deepEqual(Object.keys(byName).sort(), ['broken.json', 'broken.ts', 'ok.ts']);
    for (const n of ['broken.ts', 'broken.json']) {
      assert.equal(typeof byName[n].skipped, 'string', n);
      assert.ok(byName[n].skipped.length > 0);
      assert.deepEqual(byName[n].findings, []);
    }
    assert.equal(byName['ok.ts'].skipped, undefined);
    assert.equal(r.code, 0);
  });

  test('10,000-deep nesting is skipped, not an error, and the run goes on', () => {
    const N = 10000;
    const dir = tmp({ 'deep.ts': `x(${'['.repeat(N)}'send_group_msg'${']'.repeat(N)});`, 'deep.json': `${'['.repeat(N)}"send_group_msg"${']'.repeat(N)}`, 'z.ts': SEND });
    const r = json(['check', '.'], dir);
    const byName = Object.fromEntries(r.out.files.map((f) => [f.path.replace(/^\.\//, ''), f]));
    assert.equal(typeof byName['deep.ts'].skipped, 'string');
    assert.equal(typeof byName['deep.json'].skipped, 'string');
    assert.deepEqual(byName['z.ts'].findings.map((f) => f.kind), ['mapped', 'segment']);
    assert.equal(r.code, 1);
  });
});

describe('fix', () => {
  test('keeps BOM, CRLF and file mode; writes atomically (no temp files left)', () => {
    const src = '\uFEFF' + "import x from 'y';\r\nbot.callApi('set_group_ban', {\r\n  group_id: 1,\r\n  user_id: 2,\r\n});\r\nbot.callApi('set_essence_msg', {\r\n  message_id: 1,\r\n});\r\n";
    const dir = tmp({ 'bot.ts': src });
    const file = path.join(dir, 'bot.ts');
    chmodSync(file, 0o640);
    const r = run(['fix', 'bot.ts'], dir);
    assert.equal(r.code, 0, r.stderr);
    const buf = readFileSync(file);
    assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
    const text = buf.toString('utf8');
    assert.equal(text, '\uFEFF' + "import x from 'y';\r\nbot.callApi('set_group_member_mute', {\r\n  group_id: 1,\r\n  user_id: 2,\r\n});\r\nbot.callApi('set_group_essence_message', {\r\n  is_set: true,\r\n  message_id: 1,\r\n});\r\n");
    assert.equal(statSync(file).mode & 0o777, 0o640, 'mode kept');
    assert.deepEqual(readdirSync(dir), ['bot.ts']);
    assert.ok(r.stdout.length > 0, 'prints what changed');
  });

  test('prints the manual steps that remain', () => {
    const dir = tmp({ 'bot.ts': "bot.callApi('get_msg', { message_id: 1 });\n" });
    const r = run(['fix', 'bot.ts'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /message_id/);
    assert.equal(readFileSync(path.join(dir, 'bot.ts'), 'utf8'), "bot.callApi('get_message', { message_id: 1 });\n");
  });

  test('a file that does not parse is left alone', () => {
    const broken = "bot.callApi('send_group_msg', {\n";
    const dir = tmp({ 'broken.ts': broken, 'ok.ts': SEND });
    const r = run(['fix', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(path.join(dir, 'broken.ts'), 'utf8'), broken);
    assert.equal(readFileSync(path.join(dir, 'ok.ts'), 'utf8'), "bot.callApi('send_group_message', { group_id: 1, message: [{ type: 'text', data: { text: 'hi' } }] });\n");
  });

  test('--dry-run writes nothing and prints a unified diff', () => {
    const src = "const a = 1;\nfetch('/send_group_msg');\nconst b = 2;\n";
    const dir = tmp({ 'src/bot.ts': src });
    const file = path.join(dir, 'src/bot.ts');
    const before = statSync(file);
    const r = run(['fix', '--dry-run', 'src'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), src);
    assert.equal(statSync(file).mtimeMs, before.mtimeMs);
    assert.deepEqual(readdirSync(path.join(dir, 'src')), ['bot.ts']);
    const lines = r.stdout.split('\n');
    const i = lines.findIndex((l) => l.startsWith('--- '));
    assert.ok(i >= 0, r.stdout);
    assert.match(lines[i], /^--- (a\/)?src\/bot\.ts/);
    assert.match(lines[i + 1], /^\+\+\+ (b\/)?src\/bot\.ts/);
    assert.match(lines[i + 2], /^@@ -1,3 \+1,3 @@/);
    assert.deepEqual(lines.slice(i + 3, i + 7), [' const a = 1;', "-fetch('/send_group_msg');", "+fetch('/api/send_group_message');", ' const b = 2;']);
  });

  test('--dry-run with nothing to fix prints no diff', () => {
    const dir = tmp({ 'x.ts': 'export const a = 1;\n' });
    const r = run(['fix', '--dry-run', '.'], dir);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout, /^--- /m);
  });

  test('a second fix changes nothing', () => {
    const dir = tmp({ 'a.ts': SEND + "fetch('/api/set_group_card');\nconst h = { set_group_kick: f };\n", 'b.json': '{ "action": "set_group_ban", "params": { "group_id": 1, "user_id": 2 } }\n' });
    assert.equal(run(['fix', '.'], dir).code, 0);
    const a1 = readFileSync(path.join(dir, 'a.ts'), 'utf8');
    const b1 = readFileSync(path.join(dir, 'b.json'), 'utf8');
    assert.notEqual(a1, SEND);
    assert.equal(run(['fix', '.'], dir).code, 0);
    assert.equal(readFileSync(path.join(dir, 'a.ts'), 'utf8'), a1);
    assert.equal(readFileSync(path.join(dir, 'b.json'), 'utf8'), b1);
    assert.equal(b1, '{ "action": "set_group_member_mute", "params": { "group_id": 1, "user_id": 2 } }\n');
  });

  test('SDK-method and camelCase sites stay as they are', () => {
    const src = "await napcat.send_group_msg({ group_id: 1, message: 'x' });\nif (session.platform === 'onebot') await bot.internal.setGroupCard(1, 2, 'x');\n";
    const dir = tmp({ 'sdk.ts': src });
    assert.equal(run(['fix', 'sdk.ts'], dir).code, 0);
    assert.equal(readFileSync(path.join(dir, 'sdk.ts'), 'utf8'), src);
  });
});

describe('--format sarif', () => {
  test('SARIF 2.1.0 with one result per finding', () => {
    const dir = tmp({ 'src/a.ts': SEND + "fetch('/get_group_info');\n", 'src/b.json': '{ "action": "delete_msg" }' });
    const r = run(['check', '--format', 'sarif', 'src'], dir);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'napcat-milky');
    assert.equal(run0.results.length, 4);
    const got = run0.results.map((x) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine, x.locations[0].physicalLocation.region.startColumn, x.locations[0].physicalLocation.region.endColumn]);
    assert.deepEqual(got, [
      ['napcat-milky/mapped', 'src/a.ts', 1, 14, 28],
      ['napcat-milky/segment', 'src/a.ts', 1, 56, 58],
      ['napcat-milky/same-name', 'src/a.ts', 2, 9, 23],
      ['napcat-milky/ambiguous', 'src/b.json', 1, 14, 24],
    ]);
    for (const x of run0.results) {
      assert.equal(typeof x.message.text, 'string');
      assert.ok(['error', 'warning', 'note', 'none'].includes(x.level));
    }
    const ruleIds = run0.tool.driver.rules.map((x) => x.id);
    for (const x of run0.results) assert.ok(ruleIds.includes(x.ruleId));
  });
});
