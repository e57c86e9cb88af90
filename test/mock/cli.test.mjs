// `napcat-milky mock` from the published CLI (dist/cli.js): --events checks, --log json, the summary on SIGTERM/SIGINT.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI, collect, post } from './helpers.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'napcat-milky-mock-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name, text) => { const p = path.join(dir, name); writeFileSync(p, text); return p; };

const GOOD = { time: 1_700_000_000, self_id: 10001, event_type: 'group_member_increase', data: { group_id: 123456789, user_id: 20002 } };
const run = (args) => spawnSync(process.execPath, [CLI, 'mock', ...args], { encoding: 'utf8', timeout: 20_000 });

/** Starts the CLI mock on a free port; resolves once it listens, with the child, its URL and its output so far. */
function launch(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'mock', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', () => clearTimeout(kill));
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out.stdout += d;
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out.stdout);
      if (m && !out.url) { out.url = m[0]; resolve({ child, url: m[0], out }); }
    });
    child.stderr.setEncoding('utf8').on('data', (d) => { out.stderr += d; });
    child.on('exit', (code) => { if (!out.url) reject(new Error(`exited ${code}: ${out.stderr}`)); });
  });
}
const exited = (child) => new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

test('--events: an invalid line exits 2 naming its line number (schema, and JSON)', () => {
  const bad = file('bad.jsonl', `${JSON.stringify(GOOD)}\n\n${JSON.stringify({ ...GOOD, data: { group_id: 'x' } })}\n`);
  const r = run(['--events', bad]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad\.jsonl: line 3: data\.group_id/);
  const notJson = file('notjson.jsonl', `${JSON.stringify(GOOD)}\n{oops\n`);
  const j = run(['--events', notJson]);
  assert.equal(j.status, 2);
  assert.match(j.stderr, /line 2: not JSON/);
  const napcat = file('napcat.jsonl', `${JSON.stringify({ time: 1, self_id: 10001, post_type: 'notice', notice_type: 'group_increase' })}\n`);
  assert.match(run(['--events', napcat]).stderr, /line 1: a OneBot 11 \/ NapCat event \(post_type\)/);
  assert.equal(run(['--events', path.join(dir, 'missing.jsonl')]).status, 2);
  assert.equal(run(['--events', file('empty.jsonl', '\n')]).status, 2);
});

test('usage: --help exits 0, an unknown option or a bad value exits 2', () => {
  const h = run(['--help']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /--lenient/);
  assert.equal(run(['--bogus']).status, 2);
  assert.equal(run(['--log', 'xml']).status, 2);
  assert.equal(run(['--port', 'x']).status, 2);
  assert.equal(run(['--token', '']).status, 2);
  assert.match(spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).stdout, /napcat-milky mock/);
});

test('--events file served over SSE; --log json: one object per request; SIGTERM prints the summary and exits 0', async () => {
  const events = file('ok.jsonl', `${JSON.stringify(GOOD)}\n${JSON.stringify({ ...GOOD, time: GOOD.time + 1 })}\n`);
  const { child, url, out } = await launch(['--events', events, '--log', 'json', '--token', 't']);
  const auth = { authorization: 'Bearer t' };
  const sse = await collect(`${url}/event?access_token=t`, { until: (t) => (t.match(/\n\n/g) ?? []).length >= 2 });
  assert.equal(sse.text, `event: milky_event\ndata: ${JSON.stringify(GOOD)}\n\nevent: milky_event\ndata: ${JSON.stringify({ ...GOOD, time: GOOD.time + 1 })}\n\n`);
  await post(url, 'send_group_message', { group_id: 123456789, message: [{ type: 'text', data: { text: 'hi' } }] }, { headers: auth });
  await post(url, 'send_group_message', { group_id: 123456789, message: 'hi' }, { headers: auth });
  await post(url, 'send_group_msg', {}, { headers: auth });
  await post(url, 'get_login_info', {});
  await fetch(`${url}/nowhere`);
  const done = exited(child);
  child.kill('SIGTERM');
  const { code } = await done;
  assert.equal(code, 0, out.stderr);
  const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines[0].listening, url);
  const requests = lines.filter((l) => 'status' in l);
  for (const l of requests) for (const k of ['endpoint', 'ok', 'status', 'retcode', 'issues']) assert.ok(k in l, `${k} in ${JSON.stringify(l)}`);
  const [open, sent, refused, napcat, unauth, nowhere] = requests;
  assert.deepEqual([open.endpoint, open.ok, open.status], ['event', true, 200]);
  assert.deepEqual([sent.endpoint, sent.ok, sent.status, sent.retcode, sent.issues], ['send_group_message', true, 200, 0, []]);
  assert.deepEqual([refused.ok, refused.status, refused.retcode], [false, 200, -400]);
  assert.equal(refused.issues[0].path, 'message');
  assert.equal(refused.issues[0].code, 'plainString');
  assert.deepEqual([napcat.endpoint, napcat.status, napcat.ok, napcat.retcode], ['send_group_msg', 404, false, 404]);
  assert.equal(napcat.issues[0].code, 'napcatEndpoint');
  assert.match(napcat.issues[0].message, /send_group_message/);
  assert.deepEqual([unauth.status, unauth.issues[0].code], [401, 'unauthorized']);
  assert.deepEqual([nowhere.endpoint, nowhere.status, nowhere.issues[0].code], [null, 404, 'notFound']);
  const { summary } = lines.at(-1);
  assert.equal(summary.total, 6);
  assert.equal(summary.ok, 2);
  assert.equal(summary.failed, 4);
  assert.deepEqual(summary.endpoints.send_group_message, { ok: 1, failed: 1 });
});

test('text log and SIGINT: live lines with verdicts, then the summary, exit 0', async () => {
  const { child, url, out } = await launch(['--lang', 'zh-cn']);
  await post(url, 'set_group_whole_mute', { group_id: 123456789, enable: false });
  await post(url, 'get_login_info', {});
  const done = exited(child);
  child.kill('SIGINT');
  assert.equal((await done).code, 0);
  assert.match(out.stdout, /POST \/api\/set_group_whole_mute 200 -400 FAILED\n {4}✗ `enable` 是 NapCat 的参数名：set_group_whole_mute 中叫 `is_mute`；真实的 Milky 服务端会静默忽略 `enable`，并使用默认值 `is_mute: true`\n/);
  assert.match(out.stdout, /POST \/api\/get_login_info 200 ok/);
  assert.match(out.stdout, /汇总：共 2 个请求，1 个成功，1 个失败/);
});

test('a port in use exits 2 with a message', async () => {
  const { child, url } = await launch([]);
  try {
    const port = new URL(url).port;
    const r = run(['--port', port]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot listen/);
  } finally {
    const done = exited(child);
    child.kill('SIGTERM');
    await done;
  }
});

test('the bundle stands alone: dist/cli.js copied without node_modules serves the API, SSE and WebSocket, and exits on SIGTERM with clients connected', async () => {
  const { copyFileSync } = await import('node:fs');
  const { require } = await import('./helpers.mjs');
  const WebSocket = require('ws');
  const alone = mkdtempSync(path.join(tmpdir(), 'napcat-milky-alone-'));
  try {
    copyFileSync(CLI, path.join(alone, 'cli.js'));
    const child = spawn(process.execPath, [path.join(alone, 'cli.js'), 'mock', '--port', '0'], { cwd: alone, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: '' } });
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const url = await new Promise((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; const m = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout); if (m) resolve(m[0]); });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    assert.equal((await post(url, 'get_impl_info', {})).json.data.milky_version, '1.2');
    const frame = await new Promise((resolve) => {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/event`);
      ws.on('message', (d) => resolve(JSON.parse(d.toString())));
      ws.on('error', () => resolve(null));
    });
    assert.equal(frame.event_type, 'message_receive');
    // An SSE client still connected when the signal comes.
    const http = await import('node:http');
    await new Promise((resolve) => http.get(`${url}/event`, (res) => { res.on('error', () => {}); res.once('data', resolve); }).on('error', () => {}));
    const done = exited(child);
    child.kill('SIGTERM');
    const { code } = await done;
    clearTimeout(kill);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /summary: 3 requests, 3 ok, 0 failed/);
  } finally { rmSync(alone, { recursive: true, force: true }); }
});
