// Events and transport through the pipeline: analyze(), the JSON contract, fixes (planFixes, fixFile),
// messages and hovers in both languages, the incremental engine.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { core, ROOT } from './helpers.mjs';

const analyze = (text, lang = 'typescript') => core.analyze(text, lang);
const events = (text, lang) => analyze(text, lang).filter((f) => f.kind === 'event');
const transport = (text, lang) => analyze(text, lang).filter((f) => f.kind === 'transport');
const fix = (text, lang = 'typescript') => core.fixFile(text, lang, analyze(text, lang));

describe('event findings through analyze(): one case per events.json row', () => {
  const table = core.eventTable;
  for (const r of table.rows) {
    if (!r.detail.length) continue;
    const prop = table.detailProp[r.post_type];
    const sub = r.sub_type[0];
    const cond = [`e.post_type === '${r.post_type}'`, `e.${prop} === '${r.detail[0]}'`, ...(sub ? [`e.sub_type === '${sub}'`] : [])].join(' && ');
    test(`row ${r.row}: ${r.post_type}.${r.detail[0]}${sub ? '.' + sub : ''} → ${r.milky.join(' | ') || '∅'}`, () => {
      const text = `export function h(e) {\n  if (${cond}) { work(); }\n}\n`;
      const found = events(text);
      const values = [r.post_type, r.detail[0], ...(sub ? [sub] : [])];
      assert.deepEqual(found.map((f) => f.napcat), values);
      const sf = core.parseTypeScript(text, 'typescript');
      const lits = core.scanEvents(sf, text).literals;
      for (const [i, f] of found.entries()) {
        assert.equal(text.slice(f.start, f.end), f.napcat, 'ranged on the literal as written');
        assert.equal(core.napcatOf(f), f.napcat);
        assert.deepEqual([...core.milkyOf(f)], [...lits[i].milky], 'milky: what the scanner says it can become');
        for (const m of r.milky) if (!(r.post_type === 'notice' && sub === 'poke')) assert.ok(f.milky.includes(m), `${m} in ${f.milky}`);
        if (!r.milky.length && r.reason && i === found.length - 1) assert.ok(f.reasons.includes(r.reason), `${r.reason} in ${f.reasons}`);
        assert.equal(core.DEFAULT_SEVERITY[f.kind], 'warning');
        for (const locale of ['en', 'zh-cn']) assert.ok(core.findingMessage(f, text, locale).length > 20);
      }
    });
  }

  test('named rows: group_increase, group_ban, poke, message, friend_add, heartbeat', () => {
    const one = (t) => events(t).at(-1);
    assert.deepEqual(one(`if (e.post_type === 'notice' && e.notice_type === 'group_increase') go(e.group_id);`).milky, ['group_member_increase']);
    assert.deepEqual(one(`switch (e.notice_type) { case 'group_ban': go(); }`).milky, ['group_mute', 'group_whole_mute']);
    assert.deepEqual(one(`if (e.notice_type === 'notify' && e.sub_type === 'poke') go();`).milky, ['group_nudge', 'friend_nudge']);
    const msg = one(`if (e.post_type === 'message' && e.message_type === 'group') go();`);
    assert.deepEqual([msg.milky, msg.scenes], [['message_receive'], ['group']]);
    const add = one(`if (e.notice_type === 'friend_add') go();`);
    assert.deepEqual(add.milky, []);
    assert.ok(add.reasons.includes('no-friend-add'));
    assert.deepEqual(one(`if (e.meta_event_type === 'heartbeat') go();`).milky, []);
    assert.deepEqual(one(`bot.on('notice.group_increase', (e) => go(e));`).milky, ['group_member_increase']);
  });

  test('the message says where the data moved', () => {
    const text = `if (e.post_type === 'message' && e.message_type === 'group') reply(e.raw_message);`;
    const m = core.findingMessage(events(text)[0], text, 'en');
    for (const s of ['data.peer_id', 'data.sender_id', 'data.message_seq', 'data.segments', 'raw_message']) assert.ok(m.includes(s), `${s} in ${m}`);
    const zh = core.findingMessage(events(text)[0], text, 'zh-cn');
    assert.ok(zh.includes('data.segments') && zh !== m);
  });
});

describe('events: where it stays quiet', () => {
  for (const [name, text] of [
    ['chat.type / order.status', `if (chat.type === 'group' && order.status === 'notice') go();`],
    ['a bare ws.on(message)', `ws.on('message', (d) => go(d));`],
    ['OneBot 12', `if (e.detail_type === 'group' && e.post_type === 'message') go();`],
    ['icqq', `import { createClient } from 'icqq';\nbot.on('message.group', (e) => go(e));`],
    ['Yunzai', `import plugin from '../../lib/plugins/plugin.js';\nif (e.message_type === 'group') go();`],
    ['Milky code', `if (e.event_type === 'message_receive' && e.data.message_type === 'group') go();`],
  ]) test(name, () => assert.deepEqual(events(text), []));

  test('an event-only file (no action name) is analyzed', () => {
    assert.equal(events(`export function h(e) { if (e.notice_type === 'group_increase') log(e.user_id); }`).length, 1);
  });
});

describe('transport findings through analyze(): one case per hint', () => {
  const cases = [
    ['sse-path', `const es = new EventSource(base + '/_events');`, '/_events', ['/event']],
    ['sse-onmessage', `const es = new EventSource('http://h:3000/_events');\nes.onmessage = (m) => go(m);`, 'onmessage', ['milky_event']],
    ['access-token-query', "fetch(`${BASE}/get_login_info?access_token=${T}`);", 'access_token', ['Authorization: Bearer']],
    ['retcode', `if (res.retcode === 1404) unknown();`, '1404', ['http:404']],
    ['wording', `if (res.retcode !== 0) throw new Error(res.wording);`, 'wording', ['message']],
    ['async-status', `if (res.retcode === 1 && res.status === 'async') later();`, 'async', []],
    ['reverse-ws', `const wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (s) => s.on('message', (d) => { const e = JSON.parse(d); if (e.post_type === 'message') go(e); }));`, 'new WebSocketServer', ['event-client|webhook']],
    ['list-wrapped', "async function call(action, p) { return (await fetch(`${B}/${action}`, { body: JSON.stringify(p) })).json(); }\nconst r = await call('get_group_list', {});\nr.data.map((g) => g.group_id);", 'data', null],
    ['renamed-field', "async function call(action, p) { return (await fetch(`${B}/${action}`, { body: JSON.stringify(p) })).json(); }\nconst r = await call('send_group_msg', { group_id: 1, message: 'x' });\nsave(r.data.message_id);", 'message_id', ['message_seq']],
    ['call-helper', "async function call(action, params) { return fetch(`${BASE}/${action}`, { method: 'POST', body: JSON.stringify(params) }); }\ncall('send_group_msg', { group_id: 1, message: [{ type: 'text', data: { text: 'hi' } }] });", '`${BASE}/${action}`', ['/api/<endpoint>']],
  ];
  for (const [code, text, napcat, milky] of cases) {
    test(code, () => {
      const found = transport(text).filter((f) => f.code === code);
      assert.equal(found.length, 1, JSON.stringify(transport(text)));
      const f = found[0];
      assert.equal(text.slice(f.start, f.end), f.napcat);
      assert.ok(f.napcat.includes(napcat), `${f.napcat} has ${napcat}`);
      if (milky) assert.deepEqual([...core.milkyOf(f)], milky);
      assert.equal(core.DEFAULT_SEVERITY.transport, 'information');
      for (const locale of ['en', 'zh-cn']) assert.ok(core.findingMessage(f, text, locale).length > 15);
      assert.ok(core.fileFindingHover(f, text, 'en').includes('Transport'));
    });
  }
});

describe('fixes of event blocks and the call helper', () => {
  test('a block whose reads all move migrates as a whole, once for all its literals', () => {
    const text = `export function h(e) {\n  if (e.post_type === 'notice' && e.notice_type === 'group_increase') {\n    welcome(e.group_id, e.user_id);\n  }\n}\n`;
    const r = fix(text);
    assert.equal(r.outcome, 'fixed');
    assert.equal(r.text, `export function h(e) {\n  if (e.event_type === 'group_member_increase') {\n    welcome(e.data.group_id, e.data.user_id);\n  }\n}\n`);
    assert.equal(r.plan.applied.filter((a) => a.finding.kind === 'event').length, 2);
    assert.deepEqual(analyze(r.text), [], 'idempotent: nothing left');
    const f = events(text)[0];
    const [option] = core.fixesFor(f, text);
    assert.equal(option.action, 'event');
    assert.ok(core.findingMessage(f, text, 'en').includes('whole guarded block'));
  });

  test('a block with a read that cannot move changes nothing and lists the steps by hand', () => {
    const text = `export function h(e) {\n  if (e.post_type === 'message' && e.message_type === 'group') {\n    reply(e.group_id, e.raw_message);\n  }\n}\n`;
    const r = fix(text);
    assert.equal(r.outcome, 'unchanged');
    const steps = r.plan.manual.filter((m) => m.finding.kind === 'event').flatMap((m) => m.steps);
    assert.ok(steps.length && steps.every((s) => s.code === 'event'));
    assert.ok(steps.some((s) => s.event.code === 'no-field' && s.event.field === 'raw_message'));
    const texts = steps.map((s) => core.manualStepText(s, 'en')).join('; ');
    assert.ok(texts.includes('raw_message'), texts);
    assert.deepEqual(core.fixesFor(events(text)[0], text), []);
  });

  const helper = (url, name = 'send_group_msg') => `async function call(action, params) {\n  return fetch(${url}, { method: 'POST', body: JSON.stringify(params) });\n}\ncall('${name}', { group_id: 1, message: [{ type: 'text', data: { text: 'hi' } }] });\n`;

  test('renaming names passed to the helper inserts api/ once, and says so', () => {
    const text = helper('`${BASE}/${action}`');
    const r = fix(text);
    assert.equal(r.outcome, 'fixed');
    assert.ok(r.text.includes('`${BASE}/api/${action}`') && r.text.includes("call('send_group_message'"), r.text);
    assert.ok(!r.text.includes('api/api/'));
    const again = fix(r.text);
    assert.equal(again.outcome, 'unchanged', 'idempotent');
    const h = transport(text).find((f) => f.code === 'call-helper');
    assert.ok(core.findingMessage(h, text, 'en').includes('inserts `api/`'));
  });

  test('a + chain gets api/ too; /api/ already there is left alone', () => {
    const plus = fix(helper(`BASE + '/' + action`));
    assert.ok(plus.text.includes(`BASE + '/api/' + action`), plus.text);
    const has = helper('`${BASE}/api/${action}`');
    const r = fix(has);
    assert.ok(r.text.includes('`${BASE}/api/${action}`') && !r.text.includes('api/api'));
    assert.deepEqual(transport(has).filter((f) => f.code === 'call-helper'), []);
  });

  test('no rename through the helper: no api/ (its calls are Milky already)', () => {
    const text = helper('`${BASE}/${action}`', 'send_group_message');
    const r = fix(text);
    assert.ok(!r.plan.edits.some((e) => e.newText === 'api/'));
    assert.ok(r.plan.manual.some((m) => m.finding.kind === 'transport' && m.finding.code === 'call-helper'));
  });
});

test('hover on an action shows the Milky output fields beside NapCat', () => {
  const text = `bot.callApi('get_group_list', {});`;
  const f = analyze(text).find((x) => x.napcat === 'get_group_list');
  const h = core.napcatHover(f, text, 'en');
  assert.ok(h.includes('Returns in Milky') && h.includes('`groups`'), h);
});

test('--format json: summary has event and transport counts', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'napcat-milky-ev-'));
  try {
    writeFileSync(path.join(dir, 'a.ts'), `if (e.post_type === 'notice' && e.notice_type === 'group_increase') go(e.user_id);\nconst es = new EventSource(base + '/_events');\n`);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', '--format', 'json', '--exit-zero', dir], { encoding: 'utf8' });
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary.event, 2);
    assert.equal(out.summary.transport, 1);
    const f = out.files[0].findings.find((x) => x.kind === 'event');
    assert.deepEqual([f.napcat, f.milky, f.code, f.severity, f.callSite], ['notice', ['group_member_increase'], 'napcat-milky/event', 'warning', 'compare']);
    const sarif = JSON.parse(spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', '--format', 'sarif', '--exit-zero', dir], { encoding: 'utf8' }).stdout);
    assert.ok(sarif.runs[0].tool.driver.rules.some((x) => x.id === 'napcat-milky/event'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
