// Proof on a whole bot: examples/whole-bot/bot.mjs is copied, migrated with `napcat-milky fix`, and run
// against `napcat-milky mock` with a scripted event file. Every request the fix claims to have migrated
// must validate; every request that fails validation must belong to a step by hand the report listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const CLI = path.join(root, 'dist/cli.js');
const require = createRequire(import.meta.url);
const { startMock } = require(path.join(root, 'dist/mock.js'));
const SOURCE = path.join(root, 'examples/whole-bot/bot.mjs');

/** `// expect: valid #id` / `// expect: by-hand <step> #id`, by 1-based line. */
function markers(text) {
  const out = new Map();
  text.split('\n').forEach((line, i) => {
    const m = /\/\/ expect: (valid|by-hand (\S+)) #(\S+)/.exec(line);
    if (m) out.set(i + 1, { expect: m[1] === 'valid' ? 'valid' : 'by-hand', step: m[2] ?? null, id: m[3] });
  });
  return out;
}

const now = Math.floor(Date.now() / 1000);
const GROUP = 123456;
const group = { group_id: GROUP, group_name: 'Test Group', member_count: 3, max_member_count: 200, remark: '', created_time: now - 86400, description: '', question: '', announcement: '' };
const member = { user_id: 20001, nickname: 'Alice', sex: 'female', group_id: GROUP, card: '', title: '', level: 1, role: 'member', join_time: now - 3600, last_sent_time: now };
const groupText = (seq, text) => ({
  time: now, self_id: 10001, event_type: 'message_receive',
  data: { message_scene: 'group', peer_id: GROUP, message_seq: seq, sender_id: 20001, time: now, segments: [{ type: 'text', data: { text } }], group, group_member: member },
});
const EVENTS = [
  groupText(1, '/hello'), groupText(2, '/echo hi there'), groupText(3, '/recall'), groupText(4, '/mute'),
  groupText(5, '/poke'), groupText(6, '/essence'), groupText(7, '/who'),
  { time: now, self_id: 10001, event_type: 'group_member_increase', data: { group_id: GROUP, user_id: 20002, operator_id: 20001 } },
  { time: now, self_id: 10001, event_type: 'group_nudge', data: { group_id: GROUP, sender_id: 20001, receiver_id: 10001, display_action: '戳了戳', display_suffix: '', display_action_img_url: '' } },
];

// Records every request the bot sends with the bot's line that made it (the caller of `call`) and the answer.
const TRACER = `
import { appendFileSync } from 'node:fs';
const out = process.env.BOT_TRACE;
const real = globalThis.fetch;
globalThis.fetch = async (url, init) => {
  const frames = (new Error().stack ?? '').split('\\n').filter((l) => l.includes('bot.mjs:')).map((l) => Number(/bot\\.mjs:(\\d+):/.exec(l)[1]));
  const res = await real(url, init);
  if (init?.method === 'POST') {
    const body = await res.clone().json().catch(() => null);
    appendFileSync(out, JSON.stringify({ url: String(url), line: frames[1] ?? frames[0], status: res.status, ok: body?.status === 'ok', retcode: body?.retcode, message: body?.message }) + '\\n');
  }
  return res;
};
`;

test('whole bot: fix, then run against the mock: migrated requests validate, failures are listed steps by hand', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'napcat-milky-wholebot-'));
  try {
    const bot = path.join(dir, 'bot.mjs');
    copyFileSync(SOURCE, bot);
    const original = readFileSync(bot, 'utf8');
    const before = markers(original);
    assert.ok(before.size >= 9, 'the example carries its markers');

    // 1. Migrate.
    const fix = spawnSync(process.execPath, [CLI, 'fix', '--format', 'json', dir], { encoding: 'utf8' });
    assert.ok(fix.status === 0 || fix.status === 1, fix.stderr);
    const report = JSON.parse(fix.stdout).files.find((f) => f.path.endsWith('bot.mjs'));
    assert.ok(report.changed, 'the fix changed the bot');
    const manualAt = (line) => report.manual.filter((m) => m.line === line);
    const appliedAt = (line) => report.applied.filter((a) => a.line === line);

    // The markers, written before the fix ran, agree with what the report says.
    for (const [line, m] of before) {
      if (m.expect === 'valid') {
        assert.ok(appliedAt(line).length || /get_group_list/.test(original.split('\n')[line - 1]), `#${m.id}: migrated`);
        assert.deepEqual(manualAt(line).flatMap((x) => x.steps), [], `#${m.id}: no step by hand on its call`);
      } else if (m.step === 'event') {
        // The guard right above the call is an event block the fix left for a person.
        assert.ok(manualAt(line - 1).some((x) => x.kind === 'event'), `#${m.id}: its event block is listed by hand`);
      } else {
        assert.ok(manualAt(line).length, `#${m.id}: listed by hand`);
        if (m.step === 'segments') assert.ok(manualAt(line).some((x) => x.steps.some((s) => s.code === 'segments')), `#${m.id}: the segments step is listed`);
      }
    }

    // 2. The steps by hand that receiving needs, done as a user would, each one listed in the report.
    let migrated = readFileSync(bot, 'utf8');
    const lines = migrated.split('\n');
    const streamLine = original.split('\n').findIndex((l) => l.includes('/_events')) + 1;
    assert.ok(report.manual.some((m) => m.kind === 'transport' && m.line === streamLine && m.milky.includes('/event')), 'the report lists /_events → /event');
    migrated = migrated.replace('`${BASE}/_events`', '`${BASE}/event`');
    const msgLine = original.split('\n').findIndex((l) => l.includes("e.post_type === 'message'")) + 1;
    const msgSteps = manualAt(msgLine).find((m) => m.kind === 'event')?.steps.map((s) => s.event.code) ?? [];
    assert.ok(msgSteps.includes('no-field') && msgSteps.includes('lookup'), `the message block is listed by hand: ${msgSteps}`);
    assert.equal(lines[msgLine - 1].trim(), "if (e.post_type === 'message' && e.message_type === 'group') {", 'the fix left the message block unchanged (all or nothing)');
    migrated = migrated
      .replace("if (e.post_type === 'message' && e.message_type === 'group') {", "if (e.event_type === 'message_receive' && e.data.message_scene === 'group') {")
      .replace('await onCommand(e.group_id, e.user_id, e.message_id, e.raw_message);', "await onCommand(e.data.peer_id, e.data.sender_id, e.data.message_seq, e.data.segments.map((s) => (s.type === 'text' ? s.data.text : '')).join(''));");
    writeFileSync(bot, migrated);
    const after = markers(migrated);
    assert.deepEqual([...after.values()].map((m) => m.id), [...before.values()].map((m) => m.id), 'every marker survives the fix');
    const originalLineOf = new Map([...after].map(([line, m]) => [line, [...before].find(([, b]) => b.id === m.id)[0]]));

    // 3. Run the migrated bot against the mock.
    const log = [];
    const server = await startMock({ port: 0, events: EVENTS, log: 'json', write: (l) => log.push(JSON.parse(l)), eventDelayMs: 20 });
    const trace = path.join(dir, 'trace.jsonl');
    writeFileSync(path.join(dir, 'tracer.mjs'), TRACER);
    try {
      const child = spawn(process.execPath, ['--import', path.join(dir, 'tracer.mjs'), bot], {
        env: { ...process.env, NAPCAT_URL: server.url, BOT_MAX_EVENTS: String(EVENTS.length), BOT_TRACE: trace }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => { stderr += d; });
      const code = await new Promise((resolve) => {
        const timer = setTimeout(() => { child.kill(); resolve('timeout'); }, 30_000);
        child.on('exit', (c) => { clearTimeout(timer); resolve(c); });
      });
      assert.equal(code, 0, `the bot ran to its end: ${stderr}`);
    } finally {
      await server.close();
    }

    // 4. The verdicts.
    const requests = existsSync(trace) ? readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
    assert.ok(requests.length >= 7, `the bot sent its requests: ${requests.length}`);
    assert.ok(requests.every((r) => new URL(r.url).pathname.startsWith('/api/')), 'every request goes to /api/ (the helper got its prefix)');
    const seen = new Set();
    for (const r of requests) {
      const m = after.get(r.line);
      assert.ok(m, `a request from an unmarked line ${r.line}: ${r.url}`);
      seen.add(m.id);
      const line = originalLineOf.get(r.line);
      const validated = r.status === 200 && r.ok;
      if (m.expect === 'valid') assert.ok(validated, `#${m.id} (${r.url}) must validate: HTTP ${r.status} ${r.retcode} ${r.message}`);
      else if (!validated) {
        // A failure is acceptable only where the report listed a step by hand for that call.
        const listed = manualAt(line);
        assert.ok(listed.length, `#${m.id} failed (${r.message}) without a step by hand in the report`);
        if (r.retcode === -400 && /message/.test(r.message ?? '') && m.step === 'segments') assert.ok(listed.some((x) => x.steps.some((s) => s.code === 'segments')));
      }
    }
    for (const m of before.values()) if (m.expect === 'valid') assert.ok(seen.has(m.id), `#${m.id} was exercised`);
    // The mock judged the same requests (its own log).
    assert.equal(log.filter((l) => l.endpoint && l.endpoint !== 'event').length, requests.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
